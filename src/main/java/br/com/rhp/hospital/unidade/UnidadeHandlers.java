package br.com.rhp.hospital.unidade;

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

/** How unit operations are applied, live or replayed. */
@Configuration(proxyBeanMethods = false)
class UnidadeHandlers {

    @Bean
    OperationHandler<UnidadeForm> criarUnidade(UnidadeRepository unidades, RegrasDeUnidade regras, Clock clock) {
        return OperationHandler.of(Unidade.ENTIDADE, Action.CREATE, UnidadeForm.class, (op, form) -> {
            regras.verificar(op.entityId(), form, false);
            return unidades.save(Unidade.criar(op.entityId(), form, op.autoria(clock.instant())));
        });
    }

    @Bean
    OperationHandler<JsonNode> alterarUnidade(
            UnidadeRepository unidades, RegrasDeUnidade regras, MergePatch patches, Clock clock) {
        return OperationHandler.of(Unidade.ENTIDADE, Action.UPDATE, JsonNode.class, (op, patch) -> {
            Unidade unidade = unidades.findById(op.entityId())
                    .orElseThrow(() -> new RegistroNaoEncontrado("Unidade", op.entityId()));
            VersaoDivergente.exigir("Unidade", op.baseVersion(), unidade.versao());
            UnidadeForm form = patches.apply(UnidadeForm.de(unidade), patch, UnidadeForm.class);
            regras.verificar(unidade.id(), form, unidade.ativo());
            unidade.alterar(form, op.autoria(clock.instant()));
            return unidade;
        });
    }

    @Bean
    ConstraintRule codigoDeUnidadeUnico() {
        return new ConstraintRule("ux_unidade_codigo", "unidade.codigo", () -> new CodigoDeUnidadeEmUso("informado"));
    }
}
