package br.com.rhp.hospital.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import br.com.rhp.hospital.shared.RegraViolada;
import br.com.rhp.hospital.support.IntegrationTest;
import br.com.rhp.hospital.unidade.CodigoDeUnidadeEmUso;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The write gateway applies an operation and its ledger row together, once: a repeated operation is a
 * no-op, a failed one leaves nothing behind, and a unique index the handler did not check is answered
 * with the hospital rule behind it.
 */
@IntegrationTest
@Import(WriteGatewayIntegrationTests.TestHandlers.class)
class WriteGatewayIntegrationTests {

    static final String ENTIDADE = "teste";

    @Autowired
    WriteGateway gateway;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void appliesAnOperationExactlyOnce() {
        Operation op = operacao("criar", "EXA-" + UUID.randomUUID().toString().substring(0, 8));
        assertThat(gateway.submit(op)).isInstanceOf(WriteResult.Applied.class);
        assertThat(gateway.submit(op)).isEqualTo(new WriteResult.AlreadyApplied(op.operationId(), op.entityId()));
        assertThat(unidades(op.entityId())).isEqualTo(1);
        assertThat(ledger(op.operationId())).isEqualTo(1);
    }

    @Test
    void leavesNeitherChangeNorLedgerRowWhenTheHandlerFails() {
        Operation op = operacao(
                "criar-e-falhar", "FAIL-" + UUID.randomUUID().toString().substring(0, 8));
        assertThatThrownBy(() -> gateway.submit(op)).isInstanceOf(RegraDeTeste.class);
        assertThat(unidades(op.entityId())).isZero();
        assertThat(ledger(op.operationId())).isZero();
    }

    @Test
    void answersABrokenUniqueIndexWithTheRuleBehindIt() {
        String codigo = "DUP-" + UUID.randomUUID().toString().substring(0, 8);
        gateway.submit(operacao("criar", codigo));
        Operation segunda = operacao("criar", codigo);
        assertThatThrownBy(() -> gateway.submit(segunda)).isInstanceOf(CodigoDeUnidadeEmUso.class);
        assertThat(ledger(segunda.operationId())).isZero();
    }

    private static Operation operacao(String command, String codigo) {
        return new Operation(
                UUID.randomUUID(),
                ENTIDADE,
                Action.CREATE,
                command,
                UUID.randomUUID(),
                null,
                "teste",
                "no-teste",
                null,
                Instant.now(),
                Map.of("codigo", codigo));
    }

    private int unidades(UUID id) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM unidade WHERE id = ?", Integer.class, id.toString());
    }

    private int ledger(UUID operationId) {
        return jdbc.queryForObject(
                "SELECT COUNT(*) FROM applied_operations WHERE operation_id = ?",
                Integer.class,
                operationId.toString());
    }

    static class RegraDeTeste extends RegraViolada {
        RegraDeTeste() {
            super("falha de teste depois de escrever");
        }
    }

    /** Handlers that write with plain SQL and check nothing, so only the database can refuse. */
    @TestConfiguration
    static class TestHandlers {

        @Bean
        OperationHandler<Map> criarSemVerificar(EntityManager em) {
            return OperationHandler.of(ENTIDADE, Action.CREATE, "criar", Map.class, (op, p) -> inserir(em, op, p));
        }

        @Bean
        OperationHandler<Map> criarEFalhar(EntityManager em) {
            return OperationHandler.of(ENTIDADE, Action.CREATE, "criar-e-falhar", Map.class, (op, p) -> {
                inserir(em, op, p);
                throw new RegraDeTeste();
            });
        }

        private static Object inserir(EntityManager em, Operation op, Map<?, ?> payload) {
            em.createNativeQuery("INSERT INTO unidade (id, codigo, nome, tipo, aceita_internacao, ativo, versao,"
                            + " criado_em, criado_por, no_origem, recebido_em) VALUES (?, ?, 'Teste', 'ALA', false,"
                            + " true, 0, CURRENT_TIMESTAMP, 'teste', 'no-teste', CURRENT_TIMESTAMP)")
                    .setParameter(1, op.entityId().toString())
                    .setParameter(2, payload.get("codigo"))
                    .executeUpdate();
            return op.entityId();
        }
    }
}
