package br.com.rhp.hospital.support;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import com.jayway.jsonpath.JsonPath;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** Builds a small hospital through the API, for tests that need units, beds and patients. */
public final class Hospital {

    public static final RequestPostProcessor ADMIN = user("admin").roles("ADMIN");

    private final MockMvc mvc;

    public Hospital(MockMvc mvc) {
        this.mvc = mvc;
    }

    public ResultActions post(String path, String json) throws Exception {
        return post(path, json, ADMIN);
    }

    public ResultActions post(String path, String json, RequestPostProcessor quem) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.post(path)
                .with(quem)
                .contentType(MediaType.APPLICATION_JSON)
                .content(json));
    }

    public ResultActions get(String path) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.get(path).with(ADMIN));
    }

    /** POSTs and returns the new record's id, failing unless the answer is 201. */
    public String criar(String path, String json) throws Exception {
        MvcResult result = mvc.perform(MockMvcRequestBuilders.post(path)
                        .with(ADMIN)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json))
                .andReturn();
        int status = result.getResponse().getStatus();
        String body = result.getResponse().getContentAsString();
        if (status != 201) {
            throw new AssertionError("POST " + path + " answered " + status + ": " + body);
        }
        return JsonPath.read(body, "$.id");
    }

    public String unidade() throws Exception {
        return criar("/api/unidades", """
                {"codigo": "%s", "nome": "Enfermaria São Lucas", "tipo": "ENFERMARIA", "aceita_internacao": true}
                """.formatted(Ids.codigo("ENF")));
    }

    public String leito(String unidadeId) throws Exception {
        return criar("/api/leitos", """
                {"unidade_id": "%s", "codigo": "%s", "tipo": "CLINICO", "acomodacao": "ENFERMARIA"}
                """.formatted(unidadeId, Ids.codigo("L")));
    }

    public String paciente() throws Exception {
        return criar("/api/pacientes", """
                {"nome": "João da Conceição", "cpf": "%s", "data_nascimento": "1971-03-12", "sexo": "M"}
                """.formatted(Ids.cpf()));
    }

    public String internar(String pacienteId, String leitoId) throws Exception {
        return criar("/api/atendimentos", internacao(pacienteId, leitoId));
    }

    public static String internacao(String pacienteId, String leitoId) {
        return """
                {"paciente_id": "%s", "tipo": "INTERNACAO", "carater": "URGENCIA",
                 "procedencia": "DEMANDA_ESPONTANEA", "leito_id": "%s", "financiamento": "SUS"}
                """.formatted(pacienteId, leitoId);
    }

    /** A field of the JSON record at {@code path}. */
    public <T> T campo(String path, String jsonPath) throws Exception {
        String body = mvc.perform(MockMvcRequestBuilders.get(path).with(ADMIN))
                .andReturn()
                .getResponse()
                .getContentAsString();
        return JsonPath.read(body, jsonPath);
    }
}
