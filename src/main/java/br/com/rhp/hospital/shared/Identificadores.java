package br.com.rhp.hospital.shared;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Brazilian identifiers: normalisation and the official check-digit algorithms (DOMAIN.md). All
 * methods accept {@code null} and answer {@code false} for it.
 */
public final class Identificadores {

    private static final Pattern MASCARA = Pattern.compile("[.\\-/\\s]");
    private static final Pattern CID10 = Pattern.compile("[A-Z][0-9]{2}(?:\\.?[0-9])?");

    private Identificadores() {}

    /** Removes the usual mask characters (dots, hyphens, slashes, spaces); keeps anything else. */
    public static String semMascara(String valor) {
        return valor == null ? null : MASCARA.matcher(valor).replaceAll("");
    }

    public static boolean cpfValido(String cpf) {
        if (cpf == null || !cpf.matches("[0-9]{11}") || cpf.chars().distinct().count() == 1) {
            return false;
        }
        return digitoCpf(cpf, 9) == cpf.charAt(9) - '0' && digitoCpf(cpf, 10) == cpf.charAt(10) - '0';
    }

    private static int digitoCpf(String cpf, int length) {
        int soma = 0;
        for (int i = 0; i < length; i++) {
            soma += (cpf.charAt(i) - '0') * (length + 1 - i);
        }
        int resto = soma % 11;
        return resto < 2 ? 0 : 11 - resto;
    }

    /** CNS by the Ministry of Health routine: definitive (1, 2) and provisional (7, 8, 9) numbers. */
    public static boolean cnsValido(String cns) {
        if (cns == null || !cns.matches("[0-9]{15}")) {
            return false;
        }
        char primeiro = cns.charAt(0);
        if (primeiro == '1' || primeiro == '2') {
            String pis = cns.substring(0, 11);
            int soma = 0;
            for (int i = 0; i < 11; i++) {
                soma += (pis.charAt(i) - '0') * (15 - i);
            }
            int dv = 11 - (soma % 11);
            if (dv == 11) {
                dv = 0;
            }
            String esperado;
            if (dv == 10) {
                soma += 2;
                dv = 11 - (soma % 11);
                esperado = pis + "001" + dv;
            } else {
                esperado = pis + "000" + dv;
            }
            return esperado.equals(cns);
        }
        if (primeiro == '7' || primeiro == '8' || primeiro == '9') {
            int soma = 0;
            for (int i = 0; i < 15; i++) {
                soma += (cns.charAt(i) - '0') * (15 - i);
            }
            return soma % 11 == 0;
        }
        return false;
    }

    public static boolean cnesValido(String cnes) {
        return cnes != null && cnes.matches("[0-9]{7}");
    }

    public static boolean cepValido(String cep) {
        return cep != null && cep.matches("[0-9]{8}");
    }

    public static boolean cid10Valido(String cid) {
        return cid != null && CID10.matcher(cid.toUpperCase(Locale.ROOT)).matches();
    }

    /** CID-10 in its stored form: upper case, without the dot ({@code J18.9} → {@code J189}). */
    public static String cid10Normalizado(String cid) {
        return cid == null ? null : cid.strip().toUpperCase(Locale.ROOT).replace(".", "");
    }
}
