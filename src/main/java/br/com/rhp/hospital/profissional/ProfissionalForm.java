package br.com.rhp.hospital.profissional;

import br.com.rhp.hospital.shared.Identificadores;
import br.com.rhp.hospital.shared.validacao.Cns;
import br.com.rhp.hospital.shared.validacao.Cpf;
import br.com.rhp.hospital.shared.validacao.FormularioConsistente;
import br.com.rhp.hospital.shared.validacao.FormularioConsistente.Violacao;
import br.com.rhp.hospital.shared.validacao.NomePessoa;
import br.com.rhp.hospital.shared.validacao.Uf;
import br.com.rhp.hospital.web.MergePatch;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;

/**
 * The professional form: what administration fills in to register a professional or change the
 * registration.
 *
 * <p>The constructor puts every value in its stored form — CPF, CNS, CBO and council number without
 * mask, UF and council number in upper case, blanks as {@code null}, units without repetition — so the
 * constraints judge, and the unique indexes compare, one form of each value.
 */
@FormularioConsistente
public record ProfissionalForm(
        @NotNull(message = "informe o nome do profissional") @NomePessoa
        String nome,

        @NotNull(message = "informe o CPF do profissional") @Cpf
        String cpf,

        @Cns String cns,

        @NotNull(message = "informe o conselho profissional (NENHUM se a profissão não tem conselho)")
        Conselho conselho,

        @Uf String conselhoUf,

        @Size(max = 20, message = "o número no conselho tem no máximo 20 caracteres")
        @Pattern(regexp = "[0-9A-Z]+", message = "o número no conselho tem só letras e dígitos")
        String conselhoNumero,

        @Pattern(regexp = "[0-9]{6}", message = "CBO inválido: informe os 6 dígitos da ocupação (ex.: 2251-25)")
        String cbo,

        @Size(max = 100, message = "informe no máximo 100 unidades")
        List<@NotNull(message = "informe o identificador de cada unidade") UUID> unidades,

        @NotNull(message = "informe se o profissional está ativo")
        Boolean ativo)
        implements FormularioConsistente.Regras {

    /** How each field whose stored form differs from what users type is normalised, by JSON name. */
    private static final Map<String, UnaryOperator<String>> NORMALIZACOES = Map.of(
            "nome", ProfissionalForm::nomeNormalizado,
            "cpf", ProfissionalForm::semMascara,
            "cns", ProfissionalForm::semMascara,
            "cbo", ProfissionalForm::semMascara,
            "conselho_uf", ProfissionalForm::maiusculas,
            "conselho_numero", ProfissionalForm::numeroNormalizado);

    public ProfissionalForm {
        nome = nomeNormalizado(nome);
        cpf = semMascara(cpf);
        cns = semMascara(cns);
        conselhoUf = maiusculas(conselhoUf);
        conselhoNumero = numeroNormalizado(conselhoNumero);
        cbo = semMascara(cbo);
        unidades = unidades == null ? List.of() : unidades.stream().distinct().toList();
        ativo = ativo == null ? Boolean.TRUE : ativo;
    }

    static ProfissionalForm de(Profissional p) {
        return new ProfissionalForm(
                p.nome(),
                p.cpf(),
                p.cns(),
                p.conselho(),
                p.conselhoUf(),
                p.conselhoNumero(),
                p.cbo(),
                p.unidades().stream().sorted().toList(),
                p.ativo());
    }

    /**
     * Puts the text fields of a merge patch in their stored form, as the constructor does for a whole
     * form, so that a patch can be checked field by field before it is applied.
     */
    static JsonNode normalizarPatch(JsonNode patch) {
        return MergePatch.normalize(patch, NORMALIZACOES);
    }

    @Override
    public List<Violacao> violacoes() {
        List<Violacao> v = new ArrayList<>();
        if (conselho == Conselho.NENHUM) {
            if (conselhoUf != null) {
                v.add(new Violacao("conselhoUf", "não informe a UF do conselho de quem não tem conselho (NENHUM)"));
            }
            if (conselhoNumero != null) {
                v.add(new Violacao(
                        "conselhoNumero", "não informe o número no conselho de quem não tem conselho (NENHUM)"));
            }
        } else if (conselho != null) {
            if (conselhoUf == null) {
                v.add(new Violacao("conselhoUf", "informe a UF do conselho " + conselho));
            }
            if (conselhoNumero == null) {
                v.add(new Violacao("conselhoNumero", "informe o número de registro no " + conselho));
            }
        }
        return v;
    }

    private static String texto(String valor) {
        return valor == null || valor.isBlank() ? null : valor.strip();
    }

    private static String nomeNormalizado(String valor) {
        String t = texto(valor);
        return t == null ? null : t.replaceAll("\\s+", " ");
    }

    private static String semMascara(String valor) {
        String t = texto(valor);
        return t == null ? null : Identificadores.semMascara(t);
    }

    private static String maiusculas(String valor) {
        String t = texto(valor);
        return t == null ? null : t.toUpperCase(Locale.ROOT);
    }

    private static String numeroNormalizado(String valor) {
        String t = semMascara(valor);
        return t == null ? null : t.toUpperCase(Locale.ROOT);
    }
}
