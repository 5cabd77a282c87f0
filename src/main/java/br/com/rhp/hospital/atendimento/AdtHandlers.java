package br.com.rhp.hospital.atendimento;

import br.com.rhp.hospital.leito.LeitoOcupado;
import br.com.rhp.hospital.write.Action;
import br.com.rhp.hospital.write.ConstraintRule;
import br.com.rhp.hospital.write.OperationHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** How encounter and ADT operations are applied, live or replayed, and the rules behind their indexes. */
@Configuration(proxyBeanMethods = false)
class AdtHandlers {

    /** The command of a cancellation of an encounter. */
    static final String CANCELAR = "cancelar";

    @Bean
    OperationHandler<AtendimentoForm> abrirAtendimento(Adt adt) {
        return OperationHandler.of(Atendimento.ENTIDADE, Action.CREATE, AtendimentoForm.class, adt::abrir);
    }

    @Bean
    OperationHandler<CancelamentoForm> cancelarAtendimento(Adt adt) {
        return OperationHandler.of(
                Atendimento.ENTIDADE, Action.UPDATE, CANCELAR, CancelamentoForm.class, adt::cancelar);
    }

    @Bean
    OperationHandler<TransferenciaForm> registrarTransferencia(Adt adt) {
        return OperationHandler.of(Transferencia.ENTIDADE, Action.CREATE, TransferenciaForm.class, adt::transferir);
    }

    @Bean
    OperationHandler<AltaForm> registrarAlta(Adt adt) {
        return OperationHandler.of(Alta.ENTIDADE, Action.CREATE, AltaForm.class, adt::darAlta);
    }

    @Bean
    ConstraintRule umaOcupacaoAbertaPorLeito() {
        return new ConstraintRule("ux_ocupacao_leito_aberta", "ocupacao.leito_id", () -> new LeitoOcupado("informado"));
    }

    @Bean
    ConstraintRule umaOcupacaoAbertaPorAtendimento() {
        return new ConstraintRule(
                "ux_ocupacao_atendimento_aberta", "ocupacao.atendimento_id", AtendimentoJaEmLeito::new);
    }

    @Bean
    ConstraintRule umaInternacaoPorPaciente() {
        return new ConstraintRule(
                "ux_atendimento_internacao_em_andamento", "atendimento.paciente_id", PacienteJaInternado::new);
    }

    @Bean
    ConstraintRule umaAltaPorAtendimento() {
        return new ConstraintRule("ux_alta_atendimento", "alta.atendimento_id", AltaJaRegistrada::new);
    }
}
