package br.com.rhp.hospital.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import br.com.rhp.hospital.support.Hospital;
import br.com.rhp.hospital.support.Ids;
import br.com.rhp.hospital.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Housekeeping sees bed status and never who is or was in a bed: every answer HIGIENIZACAO can get
 * (units, beds, bed lists by every filter, a status change and its refusal, receipts, health) is read
 * after real admissions, a transfer and a discharge, and none names a patient or an encounter.
 */
@IntegrationTest
class HigienizacaoIntegrationTests {

    private static final RequestPostProcessor HIGIENIZACAO = user("limpeza").roles("HIGIENIZACAO");

    @Autowired
    MockMvc mvc;

    @Test
    void housekeepingNeverSeesAPatientsIdentity() throws Exception {
        Hospital h = new Hospital(mvc);
        String unidade = h.unidade();
        String leito1 = h.leito(unidade);
        String leito2 = h.leito(unidade);
        String leito3 = h.leito(unidade);
        String cpf1 = Ids.cpf();
        String cns1 = Ids.cns();
        String cpf2 = Ids.cpf();
        String paciente1 = h.criar("/api/pacientes", """
                {"nome": "Ermenegildo Brandão Pereira", "nome_social": "Gil Brandão", "cpf": "%s", "cns": "%s",
                 "data_nascimento": "1950-01-20", "sexo": "M", "nome_mae": "Quitéria Brandão"}
                """.formatted(cpf1, cns1));
        String paciente2 = h.criar("/api/pacientes", """
                {"nome": "Zulmira Cavalcanti Tenório", "cpf": "%s", "data_nascimento": "1980-07-02", "sexo": "F"}
                """.formatted(cpf2));
        String atendimento1 = h.internar(paciente1, leito1);
        String transferencia = h.criar("/api/transferencias", """
                {"atendimento_id": "%s", "leito_origem_id": "%s", "leito_destino_id": "%s", "motivo": "ISOLAMENTO"}
                """.formatted(atendimento1, leito1, leito2));
        String alta = h.criar("/api/altas", """
                {"atendimento_id": "%s", "motivo": "ALTA_MELHORADO", "cid_principal": "J18.9"}
                """.formatted(atendimento1));
        String atendimento2 = h.internar(paciente2, leito3);

        List<String> proibidos = List.of(
                "Ermenegildo",
                "Brandão",
                "Quitéria",
                "Zulmira",
                "Tenório",
                cpf1,
                cpf1.substring(0, 3) + "." + cpf1.substring(3, 6),
                cns1,
                cpf2,
                paciente1,
                paciente2,
                atendimento1,
                atendimento2,
                transferencia,
                alta);

        List<MockHttpServletResponse> respostas = new ArrayList<>();
        for (String path : List.of(
                "/api/unidades",
                "/api/unidades/" + unidade,
                "/api/leitos",
                "/api/leitos?unidade_id=" + unidade,
                "/api/leitos?status=OCUPADO",
                "/api/leitos?status=HIGIENIZACAO&status=OCUPADO",
                "/api/leitos/" + leito1,
                "/api/leitos/" + leito2,
                "/api/leitos/" + leito3,
                "/api/staging/operations/01936f3e-0000-7000-8000-00000000beef",
                "/actuator/health",
                // refused, and the refusal must not say more
                "/api/unidades/" + unidade + "/censo",
                "/api/leitos/" + leito3 + "/ocupacao",
                "/api/atendimentos/" + atendimento2,
                "/api/pacientes/" + paciente2)) {
            respostas.add(chamar(get(path)));
        }
        // housekeeping releases the bed the transfer left, and tries the occupied one
        String etag1 = mvc.perform(get("/api/leitos/" + leito1).with(HIGIENIZACAO))
                .andReturn()
                .getResponse()
                .getHeader("ETag");
        respostas.add(chamar(post("/api/leitos/" + leito1 + "/status")
                .header("If-Match", etag1)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"status\": \"DISPONIVEL\"}")));
        String etag3 = mvc.perform(get("/api/leitos/" + leito3).with(HIGIENIZACAO))
                .andReturn()
                .getResponse()
                .getHeader("ETag");
        respostas.add(chamar(post("/api/leitos/" + leito3 + "/status")
                .header("If-Match", etag3)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"status\": \"DISPONIVEL\"}")));

        assertThat(respostas.get(0).getStatus()).isEqualTo(200);
        assertThat(respostas.get(respostas.size() - 2).getStatus()).isEqualTo(200);
        assertThat(respostas.get(respostas.size() - 1).getStatus()).isBetween(400, 499);
        for (MockHttpServletResponse r : respostas) {
            String texto = r.getContentAsString() + " "
                    + r.getHeaderNames().stream()
                            .map(n -> n + ": " + r.getHeaders(n))
                            .toList();
            for (String proibido : proibidos) {
                assertThat(texto).as("an answer to HIGIENIZACAO").doesNotContain(proibido);
            }
        }
    }

    private MockHttpServletResponse chamar(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.with(HIGIENIZACAO)).andReturn().getResponse();
    }
}
