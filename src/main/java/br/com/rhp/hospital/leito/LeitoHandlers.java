package br.com.rhp.hospital.leito;

import br.com.rhp.hospital.shared.RegistroNaoEncontrado;
import br.com.rhp.hospital.shared.Travas;
import br.com.rhp.hospital.shared.VersaoDivergente;
import br.com.rhp.hospital.web.MergePatch;
import br.com.rhp.hospital.write.Action;
import br.com.rhp.hospital.write.ConstraintRule;
import br.com.rhp.hospital.write.Operation;
import br.com.rhp.hospital.write.OperationHandler;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;

/** How bed operations are applied, live or replayed. */
@Configuration(proxyBeanMethods = false)
class LeitoHandlers {

    @Bean
    OperationHandler<LeitoForm> criarLeito(LeitoRepository leitos, RegrasDeLeito regras, Clock clock) {
        return OperationHandler.of(Leito.ENTIDADE, Action.CREATE, LeitoForm.class, (op, form) -> {
            regras.verificarUnidade(form.unidadeId());
            regras.verificarCodigo(op.entityId(), form.unidadeId(), form.codigo());
            return leitos.save(Leito.criar(
                    op.entityId(),
                    form.unidadeId(),
                    form.codigo(),
                    form.tipo(),
                    form.acomodacao(),
                    StatusLeito.DISPONIVEL,
                    null,
                    op.autoria(clock.instant())));
        });
    }

    @Bean
    OperationHandler<JsonNode> alterarLeito(Travas travas, RegrasDeLeito regras, MergePatch patches, Clock clock) {
        return OperationHandler.of(Leito.ENTIDADE, Action.UPDATE, JsonNode.class, (op, patch) -> {
            Leito leito = travarNaVersao(travas, op);
            DescricaoDoLeito descricao = patches.apply(DescricaoDoLeito.de(leito), patch, DescricaoDoLeito.class);
            regras.verificarCodigo(leito.id(), leito.unidadeId(), descricao.codigo());
            leito.alterarCadastro(
                    descricao.codigo(), descricao.tipo(), descricao.acomodacao(), op.autoria(clock.instant()));
            return leito;
        });
    }

    @Bean
    OperationHandler<MudancaDeStatusForm> mudarStatusDoLeito(Travas travas, Clock clock) {
        return OperationHandler.of(
                Leito.ENTIDADE, Action.UPDATE, Leito.MUDAR_STATUS, MudancaDeStatusForm.class, (op, form) -> {
                    Leito leito = travarNaVersao(travas, op);
                    // the change happened when the user submitted it, even if applied later from staging
                    leito.mudarStatus(form.status(), form.motivo(), op.registradoEm(), op.autoria(clock.instant()));
                    return leito;
                });
    }

    @Bean
    ConstraintRule codigoDeLeitoUnicoNaUnidade() {
        return new ConstraintRule(
                "ux_leito_unidade_codigo", "leito.unidade_id, leito.codigo", () -> new CodigoDeLeitoEmUso("informado"));
    }

    /**
     * The bed, locked like an admission locks it (so a status change and an admission into the same bed
     * are serialised), and still at the version the user saw.
     */
    private static Leito travarNaVersao(Travas travas, Operation op) {
        Leito leito = travas.travar(Leito.class, op.entityId())
                .orElseThrow(() -> new RegistroNaoEncontrado("Leito", op.entityId()));
        VersaoDivergente.exigir("Leito", op.baseVersion(), leito.versao());
        return leito;
    }
}
