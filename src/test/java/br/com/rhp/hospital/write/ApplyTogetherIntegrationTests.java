package br.com.rhp.hospital.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import br.com.rhp.hospital.support.Ids;
import br.com.rhp.hospital.support.IntegrationTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The replay's batch ({@link WriteGateway#applyNowTogether}) applies interleaved patient stories in one
 * transaction exactly as one by one: records created earlier in the batch are admitted, transferred and
 * discharged later in it, and every row reaches the database after the rows it references. Each operation's
 * changes are flushed before the next one runs (its rule checks are queries: they must see them, and
 * {@code hibernate.order_inserts} would otherwise move a later admission's occupancy ahead of its encounter:
 * without that flush the first test fails on both engines with a foreign-key violation); the ledger rows
 * and audit entries, which no rule check reads, are written once at the batch's end — so an operation
 * found twice in one batch is left to the one-by-one pass, which finds the second copy in the ledger.
 * {@link BatchEquivalenceIntegrationTests} compares the two paths on random sequences.
 */
@IntegrationTest
class ApplyTogetherIntegrationTests {

    @Autowired
    WriteGateway gateway;

    @Autowired
    JdbcTemplate jdbc;

    private final List<Operation> lote = new ArrayList<>();

    @Test
    void appliesInterleavedStoriesTogetherInCausalOrder() {
        UUID unidade = criar(
                "unidade",
                Map.of(
                        "codigo",
                        Ids.codigo("ENF"),
                        "nome",
                        "Enfermaria",
                        "tipo",
                        "ENFERMARIA",
                        "aceita_internacao",
                        true));
        UUID leito1 = leito(unidade);
        UUID leito2 = leito(unidade);
        UUID leito3 = leito(unidade);
        UUID paciente1 = paciente();
        UUID atendimento1 = criar("atendimento", internacao(paciente1, leito1));
        criar(
                "transferencia",
                Map.of(
                        "atendimento_id", atendimento1.toString(),
                        "leito_origem_id", leito1.toString(),
                        "leito_destino_id", leito2.toString(),
                        "motivo", "MUDANCA_NIVEL_CUIDADO"));
        // a second story starts before the first ends: its admission is pending when the first's
        // discharge queries the open occupancy
        UUID paciente2 = paciente();
        UUID atendimento2 = criar("atendimento", internacao(paciente2, leito3));
        criar(
                "alta",
                Map.of("atendimento_id", atendimento1.toString(), "motivo", "ALTA_MELHORADO", "cid_principal", "J189"));

        List<WriteResult> results = gateway.applyNowTogether(lote);

        assertThat(results).hasSize(lote.size()).allMatch(WriteResult.Applied.class::isInstance);
        assertThat(status("atendimento", atendimento1)).isEqualTo("FINALIZADO");
        assertThat(status("atendimento", atendimento2)).isEqualTo("EM_ANDAMENTO");
        assertThat(status("leito", leito1)).isEqualTo("HIGIENIZACAO");
        assertThat(status("leito", leito2)).isEqualTo("HIGIENIZACAO");
        assertThat(status("leito", leito3)).isEqualTo("OCUPADO");
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM ocupacao WHERE atendimento_id IN (?, ?)",
                        Integer.class,
                        atendimento1.toString(),
                        atendimento2.toString()))
                .isEqualTo(3);
        for (Operation op : lote) {
            assertThat(jdbc.queryForObject(
                            "SELECT COUNT(*) FROM applied_operations WHERE operation_id = ?",
                            Integer.class,
                            op.operationId().toString()))
                    .isEqualTo(1);
        }
    }

    @Test
    void refusesABatchHoldingOneOperationTwiceAndAppliesNoneOfIt() {
        UUID paciente = paciente();
        lote.add(lote.get(0));

        assertThatThrownBy(() -> gateway.applyNowTogether(lote)).hasMessageContaining("twice in one batch");

        // the replay then applies them one by one: the second copy is found in the ledger
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM paciente WHERE id = ?", Integer.class, paciente.toString()))
                .isZero();
        assertThat(gateway.applyNow(lote.get(0))).isInstanceOf(WriteResult.Applied.class);
        assertThat(gateway.applyNow(lote.get(1))).isInstanceOf(WriteResult.AlreadyApplied.class);
    }

    private UUID leito(UUID unidade) {
        return criar(
                "leito",
                Map.of(
                        "unidade_id",
                        unidade.toString(),
                        "codigo",
                        Ids.codigo("L"),
                        "tipo",
                        "CLINICO",
                        "acomodacao",
                        "ENFERMARIA"));
    }

    private UUID paciente() {
        return criar(
                "paciente",
                Map.of("nome", "Maria da Conceição", "cpf", Ids.cpf(), "data_nascimento", "1971-03-12", "sexo", "F"));
    }

    private static Map<String, Object> internacao(UUID paciente, UUID leito) {
        return Map.of(
                "paciente_id", paciente.toString(),
                "tipo", "INTERNACAO",
                "carater", "URGENCIA",
                "procedencia", "DEMANDA_ESPONTANEA",
                "leito_id", leito.toString(),
                "financiamento", "SUS");
    }

    /** Adds a create operation to the batch; returns the id of the record it creates. */
    private UUID criar(String entidade, Map<String, Object> payload) {
        UUID id = UUID.randomUUID();
        lote.add(new Operation(
                UUID.randomUUID(),
                entidade,
                Action.CREATE,
                OperationHandler.DEFAULT_CREATE,
                id,
                null,
                "teste",
                "no-teste",
                null,
                Instant.now(),
                payload));
        return id;
    }

    private String status(String tabela, UUID id) {
        return jdbc.queryForObject("SELECT status FROM " + tabela + " WHERE id = ?", String.class, id.toString());
    }
}
