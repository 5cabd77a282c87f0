package br.com.rhp.hospital.support;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** Unique test values, so tests sharing one database never collide. */
public final class Ids {

    private static final AtomicLong SEQ =
            new AtomicLong(ThreadLocalRandom.current().nextLong(1_000_000));

    private Ids() {}

    /** A code unique in this JVM, with a readable prefix. */
    public static String codigo(String prefixo) {
        return prefixo + "-" + SEQ.incrementAndGet();
    }

    /** A valid CPF, different at each call. */
    public static String cpf() {
        long base = 100_000_000L + Math.floorMod(SEQ.incrementAndGet() * 7919L, 800_000_000L);
        String nove = String.format("%09d", base);
        if (nove.chars().distinct().count() == 1) {
            return cpf();
        }
        int d1 = digito(nove, 10);
        int d2 = digito(nove + d1, 11);
        return nove + d1 + d2;
    }

    /** A valid definitive CNS (first digit 1), different at each call. */
    public static String cns() {
        while (true) {
            String pis = "1" + String.format("%010d", Math.floorMod(SEQ.incrementAndGet() * 104729L, 10_000_000_000L));
            int soma = 0;
            for (int i = 0; i < 11; i++) {
                soma += (pis.charAt(i) - '0') * (15 - i);
            }
            int dv = 11 - (soma % 11);
            if (dv == 11) {
                dv = 0;
            }
            if (dv != 10) {
                return pis + "000" + dv;
            }
        }
    }

    private static int digito(String digits, int peso) {
        int soma = 0;
        for (int i = 0; i < digits.length(); i++) {
            soma += (digits.charAt(i) - '0') * (peso - i);
        }
        int r = soma % 11;
        return r < 2 ? 0 : 11 - r;
    }
}
