package br.com.rhp.hospital.paciente;

import br.com.rhp.hospital.shared.Identificadores;
import br.com.rhp.hospital.shared.validacao.Cep;
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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;

/**
 * The patient form: what reception fills in to register or correct a patient.
 *
 * <p>The constructor puts every value in its stored form — CPF, CNS, CEP and telephone as digits
 * only, UF in upper case, names with single spaces, blanks as {@code null} — so the constraints judge,
 * and the database keeps, exactly one form of each value.
 */
@FormularioConsistente
public record PacienteForm(
        @NomePessoa String nome,

        @Size(max = 150, message = "o nome social tem no máximo 150 caracteres")
        @Pattern(
                regexp = "\\p{L}+(?:['’-]\\p{L}+)*\\.?(?: \\p{L}+(?:['’-]\\p{L}+)*\\.?)*",
                message = "nome social inválido: use só letras, espaços, apóstrofos e hífens")
        String nomeSocial,

        @Cpf String cpf,
        @Cns String cns,
        Boolean naoIdentificado,

        @Size(max = 500, message = "a justificativa tem no máximo 500 caracteres")
        String justificativa,

        @DataDeNascimento LocalDate dataNascimento,

        @NotNull(message = "informe o sexo: M, F ou I (ignorado)")
        Sexo sexo,

        @NomePessoa String nomeMae,
        RacaCor racaCor,

        @Size(max = 150, message = "o logradouro tem no máximo 150 caracteres")
        String logradouro,

        @Size(max = 20, message = "o número tem no máximo 20 caracteres")
        String numero,

        @Size(max = 100, message = "o complemento tem no máximo 100 caracteres")
        String complemento,

        @Size(max = 100, message = "o bairro tem no máximo 100 caracteres")
        String bairro,

        @Size(max = 100, message = "o município tem no máximo 100 caracteres")
        String municipio,

        @Uf String uf,
        @Cep String cep,

        @Pattern(
                regexp = "[1-9]{2}(?:9[0-9]{8}|[2-8][0-9]{7})",
                message = "telefone inválido: informe DDD e número, por exemplo (81) 3416-1000 ou (81) 99999-0000")
        String telefone)
        implements FormularioConsistente.Regras {

    /** How each field whose stored form differs from what users type is normalised, by JSON name. */
    private static final Map<String, UnaryOperator<String>> NORMALIZACOES = Map.of(
            "nome", PacienteForm::nomeNormalizado,
            "nome_social", PacienteForm::nomeNormalizado,
            "nome_mae", PacienteForm::nomeNormalizado,
            "cpf", PacienteForm::digitos,
            "cns", PacienteForm::digitos,
            "cep", PacienteForm::digitos,
            "uf", PacienteForm::ufNormalizada,
            "telefone", PacienteForm::telefoneNormalizado);

    public PacienteForm {
        nome = nomeNormalizado(nome);
        nomeSocial = nomeNormalizado(nomeSocial);
        cpf = digitos(cpf);
        cns = digitos(cns);
        naoIdentificado = naoIdentificado != null && naoIdentificado;
        justificativa = texto(justificativa);
        nomeMae = nomeNormalizado(nomeMae);
        logradouro = texto(logradouro);
        numero = texto(numero);
        complemento = texto(complemento);
        bairro = texto(bairro);
        municipio = texto(municipio);
        uf = ufNormalizada(uf);
        cep = digitos(cep);
        telefone = telefoneNormalizado(telefone);
    }

    static PacienteForm de(Paciente p) {
        return new PacienteForm(
                p.nome(),
                p.nomeSocial(),
                p.cpf(),
                p.cns(),
                p.naoIdentificado(),
                p.justificativa(),
                p.dataNascimento(),
                p.sexo(),
                p.nomeMae(),
                p.racaCor(),
                p.logradouro(),
                p.numero(),
                p.complemento(),
                p.bairro(),
                p.municipio(),
                p.uf(),
                p.cep(),
                p.telefone());
    }

    /**
     * Puts the text fields of a merge patch in their stored form, as the constructor does for a whole
     * form, so that a patch can be checked field by field before it is applied ({@code "cpf":
     * "529.982.247-25"} is as valid in a patch as in a POST).
     */
    static JsonNode normalizarPatch(JsonNode patch) {
        return MergePatch.normalize(patch, NORMALIZACOES);
    }

    @Override
    public List<Violacao> violacoes() {
        List<Violacao> v = new ArrayList<>();
        if (naoIdentificado) {
            if (justificativa == null) {
                v.add(new Violacao(
                        "justificativa",
                        "informe por que o paciente não pôde ser identificado (inconsciente, sem documentos…)"));
            }
        } else {
            if (cpf == null && cns == null) {
                String mensagem = "informe o CPF ou o CNS; se o paciente não pôde ser identificado, marque"
                        + " nao_identificado e informe a justificativa";
                v.add(new Violacao("cpf", mensagem));
                v.add(new Violacao("cns", mensagem));
            }
            if (nome == null) {
                v.add(new Violacao("nome", "informe o nome: só pode faltar para um paciente não identificado"));
            }
            if (dataNascimento == null) {
                v.add(new Violacao(
                        "dataNascimento",
                        "informe a data de nascimento: só pode faltar para um paciente não identificado"));
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

    private static String digitos(String valor) {
        String t = texto(valor);
        return t == null ? null : Identificadores.semMascara(t);
    }

    private static String ufNormalizada(String valor) {
        String t = texto(valor);
        return t == null ? null : t.toUpperCase(Locale.ROOT);
    }

    private static String telefoneNormalizado(String valor) {
        String t = texto(valor);
        if (t == null) {
            return null;
        }
        String semMascara = t.replaceAll("[\\s().\\-]", "");
        return semMascara.startsWith("+55") ? semMascara.substring(3) : semMascara;
    }
}
