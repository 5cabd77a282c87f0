package br.com.rhp.hospital.profissional;

import br.com.rhp.hospital.shared.RegistroNaoEncontrado;
import br.com.rhp.hospital.shared.VersaoDivergente;
import br.com.rhp.hospital.web.MergePatch;
import br.com.rhp.hospital.write.Action;
import br.com.rhp.hospital.write.ConstraintRule;
import br.com.rhp.hospital.write.OperationHandler;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;

/** How professional operations are applied, live or replayed. */
@Configuration(proxyBeanMethods = false)
class ProfissionalHandlers {

    @Bean
    OperationHandler<ProfissionalForm> criarProfissional(
            ProfissionalRepository profissionais, RegrasDeProfissional regras, Clock clock) {
        return OperationHandler.of(Profissional.ENTIDADE, Action.CREATE, ProfissionalForm.class, (op, form) -> {
            regras.verificar(op.entityId(), form);
            return profissionais.save(Profissional.criar(op.entityId(), form, op.autoria(clock.instant())));
        });
    }

    @Bean
    OperationHandler<JsonNode> alterarProfissional(
            ProfissionalRepository profissionais, RegrasDeProfissional regras, MergePatch patches, Clock clock) {
        return OperationHandler.of(Profissional.ENTIDADE, Action.UPDATE, JsonNode.class, (op, patch) -> {
            Profissional profissional = profissionais
                    .findById(op.entityId())
                    .orElseThrow(() -> new RegistroNaoEncontrado("Profissional", op.entityId()));
            VersaoDivergente.exigir("Profissional", op.baseVersion(), profissional.versao());
            ProfissionalForm form = patches.apply(ProfissionalForm.de(profissional), patch, ProfissionalForm.class);
            regras.verificar(profissional.id(), form);
            profissional.alterar(form, op.autoria(clock.instant()));
            return profissional;
        });
    }

    @Bean
    ConstraintRule cpfDeProfissionalUnico() {
        return new ConstraintRule("ux_profissional_cpf", "profissional.cpf", CpfDeProfissionalJaCadastrado::new);
    }

    @Bean
    ConstraintRule registroNoConselhoUnico() {
        return new ConstraintRule(
                "ux_profissional_conselho",
                "profissional.conselho, profissional.conselho_uf, profissional.conselho_numero",
                RegistroNoConselhoJaCadastrado::new);
    }
}
