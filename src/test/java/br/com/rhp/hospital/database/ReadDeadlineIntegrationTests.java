package br.com.rhp.hospital.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import br.com.rhp.hospital.support.Hospital;
import br.com.rhp.hospital.support.Ids;
import br.com.rhp.hospital.support.OutageTest;
import br.com.rhp.hospital.support.TcpProxy;
import com.jayway.jsonpath.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A read caught by a network that black-holes before the node notices fails within {@code
 * DATABASE_READ_TIMEOUT}, not the socket timeout: it holds its request thread (one of {@code HTTP_THREADS})
 * that long at most. The socket timeout is set far above it here, so the read could only end early by its
 * own deadline.
 */
@OutageTest
@TestPropertySource(
        properties = {
            "REPLAY_ON_RECOVERY=false",
            "DATABASE_READ_TIMEOUT=PT1S",
            "test.proxy.socket-timeout-seconds=30",
            // the first live write must not miss its deadline on a busy machine
            "test.proxy.write-timeout=PT5S"
        })
class ReadDeadlineIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TcpProxy proxy;

    @Autowired
    DatabaseCircuit circuit;

    @AfterEach
    void restaura() {
        proxy.forward();
        await().atMost(Duration.ofSeconds(60)).until(() -> !circuit.isOpen());
    }

    @Test
    void aReadCaughtByABlackHoledNetworkAnswers503WithinItsDeadlineAndOpensTheCircuit() throws Exception {
        String paciente = registrar();
        // read once, so that the next read takes this thread's freshly used connection without the pool
        // checking it first (a check would fail on its own, quickly): the read itself must meet the black hole
        ler(paciente).andExpect(status().isOk());

        proxy.blackhole();
        long inicio = System.nanoTime();
        ler(paciente).andExpect(status().isServiceUnavailable()).andExpect(header().exists("Retry-After"));
        Duration levou = Duration.ofNanos(System.nanoTime() - inicio);

        assertThat(levou)
                .as("the read waited for its deadline (1 s), not for the socket timeout (30 s)")
                .isLessThan(Duration.ofSeconds(15));
        assertThat(circuit.isOpen()).isTrue();
    }

    @Test
    void readsAsUsualWhenTheDatabaseAnswers() throws Exception {
        String paciente = registrar();

        for (int i = 0; i < 5; i++) {
            ler(paciente).andExpect(status().isOk());
        }
        mvc.perform(get("/api/pacientes").with(Hospital.ADMIN)).andExpect(status().isOk());
    }

    private String registrar() throws Exception {
        String body = """
                {"nome": "Maria das Dores", "cpf": "%s", "data_nascimento": "1980-01-02", "sexo": "F"}
                """.formatted(Ids.cpf());
        String resposta = mvc.perform(post("/api/pacientes")
                        .with(Hospital.ADMIN)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        return JsonPath.read(resposta, "$.id");
    }

    private org.springframework.test.web.servlet.ResultActions ler(String paciente) throws Exception {
        return mvc.perform(get("/api/pacientes/" + paciente).with(Hospital.ADMIN));
    }
}
