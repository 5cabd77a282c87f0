package br.com.rhp.hospital.paciente;

import br.com.rhp.hospital.shared.RegistroNaoEncontrado;
import br.com.rhp.hospital.shared.VersaoDivergente;
import br.com.rhp.hospital.web.MergePatch;
import br.com.rhp.hospital.write.Action;
import br.com.rhp.hospital.write.ConstraintRule;
import br.com.rhp.hospital.write.Operation;
import br.com.rhp.hospital.write.OperationHandler;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;

/** How patient operations are applied, live or replayed. */
@Configuration(proxyBeanMethods = false)
class PacienteHandlers {

    /** The command of a voiding. */
    static final String ANULAR = "anular";

    private static final Logger log = LoggerFactory.getLogger(PacienteHandlers.class);

    @Bean
    OperationHandler<PacienteForm> criarPaciente(PacienteRepository pacientes, RegrasDePaciente regras, Clock clock) {
        return OperationHandler.of(Paciente.ENTIDADE, Action.CREATE, PacienteForm.class, (op, form) -> {
            regras.verificarUnicidade(op.entityId(), form);
            return pacientes.save(Paciente.criar(op.entityId(), form, op.autoria(clock.instant())));
        });
    }

    @Bean
    OperationHandler<JsonNode> alterarPaciente(
            PacienteRepository pacientes, RegrasDePaciente regras, MergePatch patches, Clock clock) {
        return OperationHandler.of(Paciente.ENTIDADE, Action.UPDATE, JsonNode.class, (op, patch) -> {
            Paciente paciente = carregar(pacientes, op);
            PacienteForm form = patches.apply(PacienteForm.de(paciente), patch, PacienteForm.class);
            regras.verificarUnicidadeNaAlteracao(paciente, form);
            paciente.alterar(form, op.autoria(clock.instant()));
            return paciente;
        });
    }

    @Bean
    OperationHandler<AnulacaoForm> anularPaciente(PacienteRepository pacientes, RegrasDePaciente regras, Clock clock) {
        return OperationHandler.of(Paciente.ENTIDADE, Action.UPDATE, ANULAR, AnulacaoForm.class, (op, anulacao) -> {
            Paciente paciente = carregar(pacientes, op);
            regras.verificarAnulacao(paciente);
            paciente.anular(anulacao.motivo(), op.autoria(clock.instant()));
            log.info("Patient {} voided by {}", paciente.id(), op.user());
            return paciente;
        });
    }

    @Bean
    ConstraintRule cpfDePacienteUnico() {
        return new ConstraintRule("ux_paciente_cpf", "paciente.cpf", CpfJaCadastrado::new);
    }

    @Bean
    ConstraintRule cnsDePacienteUnico() {
        return new ConstraintRule("ux_paciente_cns", "paciente.cns", CnsJaCadastrado::new);
    }

    /**
     * The patient the operation names, at the version the user saw. A voided record answers {@link
     * PacienteAnulado} before any version check: reloading would not help the user.
     */
    private static Paciente carregar(PacienteRepository pacientes, Operation op) {
        Paciente paciente = pacientes
                .findById(op.entityId())
                .orElseThrow(() -> new RegistroNaoEncontrado("Paciente", op.entityId()));
        if (paciente.anulado()) {
            throw new PacienteAnulado();
        }
        VersaoDivergente.exigir("Paciente", op.baseVersion(), paciente.versao());
        return paciente;
    }
}
