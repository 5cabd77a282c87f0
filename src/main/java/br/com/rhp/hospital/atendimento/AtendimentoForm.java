package br.com.rhp.hospital.atendimento;

import br.com.rhp.hospital.shared.Identificadores;
import br.com.rhp.hospital.shared.validacao.Cid10;
import br.com.rhp.hospital.shared.validacao.FormularioConsistente;
import br.com.rhp.hospital.shared.validacao.FormularioConsistente.Violacao;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Opening an encounter. An INTERNACAO names the bed ({@code leito_id}) the patient is admitted into;
 * its unit is the bed's. {@code inicio} defaults to the moment the form was submitted.
 */
@FormularioConsistente
public record AtendimentoForm(
        @NotNull(message = "informe o paciente") UUID pacienteId,
        @NotNull(message = "informe o tipo de atendimento") TipoAtendimento tipo,

        @NotNull(message = "informe o caráter (ELETIVO ou URGENCIA)")
        Carater carater,

        Procedencia procedencia,

        @PastOrPresent(message = "o início não pode estar no futuro")
        Instant inicio,

        UUID unidadeId,
        UUID leitoId,
        UUID profissionalResponsavelId,

        @NotNull(message = "informe o financiamento (SUS, CONVENIO ou PARTICULAR)")
        Financiamento financiamento,

        @Size(max = 20, message = "o código da operadora tem no máximo 20 caracteres")
        String operadoraCodigo,

        @Size(max = 30, message = "o número da carteirinha tem no máximo 30 caracteres")
        String carteirinhaNumero,

        @Cid10 String cidPrincipal)
        implements FormularioConsistente.Regras {

    public AtendimentoForm {
        operadoraCodigo = vazioComoNulo(operadoraCodigo);
        carteirinhaNumero = vazioComoNulo(carteirinhaNumero);
        cidPrincipal = Identificadores.cid10Valido(cidPrincipal)
                ? Identificadores.cid10Normalizado(cidPrincipal)
                : vazioComoNulo(cidPrincipal);
    }

    @Override
    public List<Violacao> violacoes() {
        List<Violacao> v = new ArrayList<>();
        if (tipo == TipoAtendimento.INTERNACAO) {
            if (leitoId == null) {
                v.add(new Violacao("leitoId", "informe o leito da internação"));
            }
            if (procedencia == null) {
                v.add(new Violacao("procedencia", "informe a procedência: é obrigatória na internação"));
            }
        } else if (tipo != null) {
            if (leitoId != null) {
                v.add(new Violacao("leitoId", "só a internação ocupa leito; remova o leito ou use tipo INTERNACAO"));
            }
            if (unidadeId == null) {
                v.add(new Violacao("unidadeId", "informe a unidade do atendimento"));
            }
        }
        if (financiamento == Financiamento.CONVENIO) {
            if (operadoraCodigo == null) {
                v.add(new Violacao("operadoraCodigo", "informe a operadora do convênio"));
            }
            if (carteirinhaNumero == null) {
                v.add(new Violacao("carteirinhaNumero", "informe o número da carteirinha do convênio"));
            }
        }
        return v;
    }

    static String vazioComoNulo(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
