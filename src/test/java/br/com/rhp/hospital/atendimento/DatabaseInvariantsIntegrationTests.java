package br.com.rhp.hospital.atendimento;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import br.com.rhp.hospital.support.IntegrationTest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The hospital's invariants hold in the database itself, below the service: whatever a bug, a
 * concurrent request or another node's replay does, the engine refuses the second patient in a bed.
 * Rows are written with plain SQL on purpose, bypassing every check of the application.
 */
@IntegrationTest
class DatabaseInvariantsIntegrationTests {

    @Autowired
    JdbcTemplate jdbc;

    private String unidade;
    private String leito;

    @BeforeEach
    void umaUnidadeComLeito() {
        unidade = id();
        leito = id();
        insertAudit(
                "INSERT INTO unidade (id, codigo, nome, tipo, aceita_internacao, ativo, versao, %s) VALUES (?, ?, 'UTI', 'UTI', true, true, 0, %s)",
                unidade, "INV-" + unidade.substring(0, 8));
        insertAudit(
                "INSERT INTO leito (id, unidade_id, codigo, tipo, acomodacao, status, status_desde, versao, %s) VALUES (?, ?, 'L1', 'UTI_ADULTO', 'ENFERMARIA', 'OCUPADO', CURRENT_TIMESTAMP, 0, %s)",
                leito, unidade);
    }

    @Test
    void refusesTwoOpenOccupanciesOfOneBed() {
        String a1 = internacao(paciente());
        String a2 = internacao(paciente());
        ocupacao(a1, leito, null);
        assertThatThrownBy(() -> ocupacao(a2, leito, null)).isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void allowsClosedOccupanciesOfOneBedInHistory() {
        String a1 = internacao(paciente());
        String a2 = internacao(paciente());
        ocupacao(a1, leito, Instant.now());
        assertThatCode(() -> ocupacao(a2, leito, null)).doesNotThrowAnyException();
    }

    @Test
    void refusesTwoOpenOccupanciesOfOneStay() {
        String outroLeito = id();
        insertAudit(
                "INSERT INTO leito (id, unidade_id, codigo, tipo, acomodacao, status, status_desde, versao, %s) VALUES (?, ?, 'L2', 'UTI_ADULTO', 'ENFERMARIA', 'OCUPADO', CURRENT_TIMESTAMP, 0, %s)",
                outroLeito, unidade);
        String a = internacao(paciente());
        ocupacao(a, leito, null);
        assertThatThrownBy(() -> ocupacao(a, outroLeito, null)).isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void refusesTwoOngoingAdmissionsOfOnePatient() {
        String p = paciente();
        internacao(p);
        assertThatThrownBy(() -> internacao(p)).isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void refusesTwoDischargesOfOneEncounter() {
        String a = internacao(paciente());
        alta(a);
        assertThatThrownBy(() -> alta(a)).isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void refusesDuplicateCpfAmongActivePatientsButNotVoidedOnes() {
        jdbc.update(paciente("52998224725", false));
        assertThatThrownBy(() -> jdbc.update(paciente("52998224725", false)))
                .isInstanceOf(DataIntegrityViolationException.class);
        jdbc.update("UPDATE paciente SET anulado = true WHERE cpf = '52998224725'");
        assertThatCode(() -> jdbc.update(paciente("52998224725", false))).doesNotThrowAnyException();
        jdbc.update("UPDATE paciente SET anulado = true WHERE cpf = '52998224725'");
    }

    private String paciente(String cpf, boolean anulado) {
        return "INSERT INTO paciente (id, nome, cpf, nao_identificado, sexo, anulado, versao, criado_em, criado_por, no_origem, recebido_em) VALUES ('"
                + id() + "', 'Maria da Conceição', '" + cpf + "', false, 'F', " + anulado
                + ", 0, CURRENT_TIMESTAMP, 'teste', 'no', CURRENT_TIMESTAMP)";
    }

    private String paciente() {
        String id = id();
        insertAudit(
                "INSERT INTO paciente (id, nome, nao_identificado, justificativa, sexo, anulado, versao, %s) VALUES (?, 'Paciente Teste', true, 'inconsciente', 'I', false, 0, %s)",
                id);
        return id;
    }

    private String internacao(String paciente) {
        String id = id();
        insertAudit(
                "INSERT INTO atendimento (id, paciente_id, tipo, carater, procedencia, status, inicio, unidade_id, financiamento, versao, %s) VALUES (?, ?, 'INTERNACAO', 'URGENCIA', 'DEMANDA_ESPONTANEA', 'EM_ANDAMENTO', CURRENT_TIMESTAMP, ?, 'SUS', 0, %s)",
                id, paciente, unidade);
        return id;
    }

    private void ocupacao(String atendimento, String leitoId, Instant fim) {
        insertAudit(
                "INSERT INTO ocupacao (id, atendimento_id, leito_id, inicio, fim, versao, %s) VALUES (?, ?, ?, CURRENT_TIMESTAMP, ?, 0, %s)",
                id(), atendimento, leitoId, fim == null ? null : Timestamp.from(fim));
    }

    private void alta(String atendimento) {
        insertAudit(
                "INSERT INTO alta (id, atendimento_id, ocorrido_em, motivo, cid_principal, versao, %s) VALUES (?, ?, CURRENT_TIMESTAMP, 'ALTA_CURADO', 'J189', 0, %s)",
                id(), atendimento);
    }

    /** Inserts a row, filling the audit columns every domain table has. */
    private void insertAudit(String sql, Object... args) {
        jdbc.update(
                sql.formatted(
                        "criado_em, criado_por, no_origem, recebido_em",
                        "CURRENT_TIMESTAMP, 'teste', 'no-teste', CURRENT_TIMESTAMP"),
                args);
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }
}
