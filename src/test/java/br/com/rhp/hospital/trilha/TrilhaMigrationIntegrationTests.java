package br.com.rhp.hospital.trilha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import br.com.rhp.hospital.support.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * Migration 3 on a database that already holds a version-2 audit trail, on the engine under test: the
 * table is rebuilt with the seal columns nullable, the sealed entries come out exactly as they went in
 * (so their hashes still verify), and the new table takes unsealed entries but never half-sealed ones.
 */
class TrilhaMigrationIntegrationTests {

    @Test
    void rebuildingTheTrailKeepsSealedEntriesAsTheyWereAndTakesUnsealedOnes() throws SQLException {
        TestDatabase.Database db = TestDatabase.create();
        flyway(db).target("2").load().migrate();
        try (Connection c = db.connect()) {
            String anterior = "0".repeat(64);
            for (int posicao = 1; posicao <= 3; posicao++) {
                String hash = String.valueOf(posicao).repeat(64);
                inserir(c, UUID.randomUUID().toString(), "no-antigo", posicao, anterior, hash);
                anterior = hash;
            }
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO trilha_auditoria_cabeca (cadeia, posicao, hash) VALUES ('no-antigo', 3, '"
                        + anterior + "')");
            }
        }
        List<Map<String, Object>> antes = linhas(db);

        flyway(db).load().migrate();

        assertThat(linhas(db)).isEqualTo(antes);
        try (Connection c = db.connect()) {
            // any number of unsealed entries in a chain
            inserir(c, UUID.randomUUID().toString(), "no-antigo", null, null, null);
            inserir(c, UUID.randomUUID().toString(), "no-antigo", null, null, null);
            // never half sealed, never a position twice
            assertThatThrownBy(() -> inserir(c, UUID.randomUUID().toString(), "no-antigo", 4, null, null))
                    .isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> inserir(c, UUID.randomUUID().toString(), "no-antigo", 3, "a", "b"))
                    .isInstanceOf(SQLException.class);
            try (Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT count(*) FROM trilha_auditoria WHERE posicao IS NULL")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getLong(1)).isEqualTo(2);
            }
        }
    }

    private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(TestDatabase.Database db) {
        return Flyway.configure()
                .dataSource(db.url(), db.username(), db.password())
                .locations("classpath:db/migration");
    }

    private static void inserir(Connection c, String id, String cadeia, Integer posicao, String anterior, String hash)
            throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO trilha_auditoria (id, cadeia, posicao, ocorrido_em,"
                + " gravado_em, usuario, no_origem, endereco, acao, comando, entidade, registro_id, operation_id,"
                + " resultado, detalhe, hash_anterior, hash)"
                + " VALUES (?, ?, ?, ?, ?, 'recepcao.ana', ?, '10.0.0.1', 'CRIAR', 'criar', 'paciente', ?, ?,"
                + " 'SUCESSO', NULL, ?, ?)")) {
            p.setString(1, id);
            p.setString(2, cadeia);
            p.setObject(3, posicao);
            p.setObject(4, java.sql.Timestamp.from(Instant.parse("2026-11-27T12:00:00.123Z")));
            p.setObject(5, java.sql.Timestamp.from(Instant.parse("2026-11-27T12:00:01.456Z")));
            p.setString(6, cadeia);
            p.setString(7, UUID.randomUUID().toString());
            p.setString(8, UUID.randomUUID().toString());
            p.setString(9, anterior);
            p.setString(10, hash);
            p.executeUpdate();
        }
    }

    private static List<Map<String, Object>> linhas(TestDatabase.Database db) throws SQLException {
        List<Map<String, Object>> linhas = new ArrayList<>();
        try (Connection c = db.connect();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT * FROM trilha_auditoria ORDER BY id")) {
            ResultSetMetaData meta = r.getMetaData();
            while (r.next()) {
                Map<String, Object> linha = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    linha.put(meta.getColumnName(i).toLowerCase(java.util.Locale.ROOT), r.getObject(i));
                }
                linhas.add(linha);
            }
        }
        assertThat(linhas).hasSize(3);
        return linhas;
    }
}
