package br.com.rhp.hospital.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import br.com.rhp.hospital.database.DatabaseCircuit;
import br.com.rhp.hospital.staging.Area;
import br.com.rhp.hospital.staging.StagingStore;
import br.com.rhp.hospital.support.Hospital;
import br.com.rhp.hospital.support.Ids;
import br.com.rhp.hospital.support.OutageTest;
import br.com.rhp.hospital.support.TcpProxy;
import br.com.rhp.hospital.support.TestDatabase;
import com.jayway.jsonpath.JsonPath;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * A replay of many small batches: the next batch is read, and the previous one's files removed, while the
 * current one is applied. A refused operation in a middle batch sends that batch one by one (its outcome
 * moves a file while the files of the batch before are being removed) and holds what follows on the same
 * record; every other operation is applied once, in order, and no file is left behind.
 */
@OutageTest
@TestPropertySource(properties = {"REPLAY_ON_RECOVERY=false", "REPLAY_BATCH_SIZE=3"})
class ReplayBatchesIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TcpProxy proxy;

    @Autowired
    TestDatabase.Database database;

    @Autowired
    DatabaseCircuit circuit;

    @Autowired
    StagingStore staging;

    @Autowired
    Replayer replayer;

    @AfterEach
    void restaura() {
        restaurar();
    }

    @Test
    void appliesEveryBatchInOrderWhileTheNextIsReadAndTheLastRemoved() throws Exception {
        String alterado = new Hospital(mvc).paciente();
        proxy.refuse();
        List<String> cpfs = new ArrayList<>();
        List<String> pacientes = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String cpf = Ids.cpf();
            cpfs.add(cpf);
            pacientes.add(campo(registrar("Paciente Lote " + (char) ('A' + i), cpf), "$.entity_id"));
        }
        // the 8th operation (third batch) is stale: another node changes the patient meanwhile
        String conflito = campo(alterarNomeSocial(alterado, 0, "Versão do nó offline"), "$.operation_id");
        // the 9th touches the same patient: held behind the conflict
        String retida = campo(alterarNomeSocial(alterado, 1, "Depois do conflito"), "$.operation_id");
        for (int i = 7; i < 12; i++) {
            String cpf = Ids.cpf();
            cpfs.add(cpf);
            pacientes.add(campo(registrar("Paciente Lote " + (char) ('A' + i), cpf), "$.entity_id"));
        }
        // the last patient is changed offline too, after its creation, two batches later
        String ultimo = pacientes.get(pacientes.size() - 1);
        campo(alterarNomeSocial(ultimo, 0, "Nome social offline"), "$.operation_id");
        try (Connection c = database.connect();
                PreparedStatement s = c.prepareStatement(
                        "UPDATE paciente SET nome_social = 'Versão do outro nó', versao = versao + 1 WHERE id = ?")) {
            s.setString(1, alterado);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }

        restaurar();
        ReplayResult replay = replayer.run("teste");

        assertThat(replay.aplicadas()).isEqualTo(13);
        assertThat(replay.conflitos()).isEqualTo(1);
        assertThat(replay.retidas()).isEqualTo(1);
        assertThat(staging.files(Area.CONFLICTS))
                .extracting(f -> f.operationId().toString())
                .containsExactly(conflito);
        assertThat(staging.files(Area.PENDING))
                .extracting(f -> f.operationId().toString())
                .containsExactly(retida);
        for (int i = 0; i < pacientes.size(); i++) {
            assertThat(cpfDe(pacientes.get(i))).isEqualTo(cpfs.get(i));
        }
        new Hospital(mvc)
                .get("/api/pacientes/" + ultimo)
                .andExpect(jsonPath("$.nome_social").value("Nome social offline"));
        new Hospital(mvc)
                .get("/api/pacientes/" + alterado)
                .andExpect(jsonPath("$.nome_social").value("Versão do outro nó"));
        assertThat(linhas("SELECT COUNT(*) FROM applied_operations WHERE entity = ?", "paciente"))
                .isEqualTo(14); // the patient registered live, and the 13 replayed
        assertThat(replayer.run("teste").aplicadas())
                .as("a second replay applies nothing")
                .isZero();
    }

    private void restaurar() {
        proxy.forward();
        await().atMost(Duration.ofSeconds(30)).until(() -> !circuit.isOpen());
    }

    private MvcResult registrar(String nome, String cpf) throws Exception {
        return mvc.perform(post("/api/pacientes")
                        .with(Hospital.ADMIN)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"nome": "%s", "cpf": "%s", "data_nascimento": "1980-01-02", "sexo": "F"}
                                """.formatted(nome, cpf)))
                .andExpect(status().isAccepted())
                .andReturn();
    }

    private MvcResult alterarNomeSocial(String paciente, long versao, String nome) throws Exception {
        return mvc.perform(patch("/api/pacientes/" + paciente)
                        .with(Hospital.ADMIN)
                        .header("If-Match", "\"" + versao + "\"")
                        .contentType("application/merge-patch+json")
                        .content("{\"nome_social\": \"" + nome + "\"}"))
                .andExpect(status().isAccepted())
                .andReturn();
    }

    private static String campo(MvcResult result, String path) throws Exception {
        return JsonPath.read(result.getResponse().getContentAsString(StandardCharsets.UTF_8), path);
    }

    private String cpfDe(String paciente) throws Exception {
        try (Connection c = database.connect();
                PreparedStatement s = c.prepareStatement("SELECT cpf FROM paciente WHERE id = ?")) {
            s.setString(1, paciente);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        }
    }

    private long linhas(String sql, String parametro) throws Exception {
        try (Connection c = database.connect();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parametro);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }
}
