package br.com.rhp.hospital.paciente;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import br.com.rhp.hospital.support.Ids;
import br.com.rhp.hospital.support.IntegrationTest;
import br.com.rhp.hospital.write.ConstraintRule;
import com.jayway.jsonpath.JsonPath;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
class PacienteApiIntegrationTests {

    private static final RequestPostProcessor RECEPCAO = user("recepcao1").roles("RECEPCAO");

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    List<ConstraintRule> constraintRules;

    @Autowired
    JsonMapper json;

    /** A surname of letters only (names take no digits), unique in this JVM. */
    private static String sobrenomeUnico() {
        StringBuilder nome = new StringBuilder("Q");
        for (char c : Ids.codigo("x").substring(2).toCharArray()) {
            nome.append((char) ('a' + (c - '0')));
        }
        return nome.toString();
    }

    private ResultActions postar(String body) throws Exception {
        return mvc.perform(post("/api/pacientes")
                .with(RECEPCAO)
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    private String criar(String nome, String cpf, String cns) throws Exception {
        String json = postar("""
                        {"nome": "%s", "cpf": %s, "cns": %s, "data_nascimento": "1980-05-17", "sexo": "F"}
                        """.formatted(
                        nome, cpf == null ? "null" : "\"" + cpf + "\"", cns == null ? "null" : "\"" + cns + "\""))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return JsonPath.read(json, "$.id");
    }

    private ResultActions anular(String id, String ifMatch, String motivo) throws Exception {
        var request = post("/api/pacientes/" + id + "/anulacao")
                .with(RECEPCAO)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"motivo\": \"" + motivo + "\"}");
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return mvc.perform(request);
    }

    private ResultActions alterar(String id, String ifMatch, String patch) throws Exception {
        return mvc.perform(patch("/api/pacientes/" + id)
                .with(RECEPCAO)
                .header("If-Match", ifMatch)
                .contentType("application/merge-patch+json")
                .content(patch));
    }

    @Test
    void createsPatientWithAccentedNamesAndReadsThemBackByteExact() throws Exception {
        String nome = "João da Conceição D'Ávila-Gonçalves";
        String cpf = Ids.cpf();
        String cpfComMascara =
                cpf.substring(0, 3) + "." + cpf.substring(3, 6) + "." + cpf.substring(6, 9) + "-" + cpf.substring(9);
        String body = """
                {"nome": "%s", "nome_social": "Joana Conceição", "cpf": "%s", "data_nascimento": "1954-02-28",
                 "sexo": "M", "nome_mae": "Maria José da Conceição", "raca_cor": "PARDA",
                 "logradouro": "Av. Portugal", "numero": "163", "complemento": "Bloco Á", "bairro": "Paissandu",
                 "municipio": "Recife", "uf": "pe", "cep": "52010-010", "telefone": "(81) 3416-1122"}
                """.formatted(nome, cpfComMascara);
        byte[] criado = postar(body)
                .andExpect(status().isCreated())
                .andExpect(header().string("ETag", "\"0\""))
                .andExpect(jsonPath("$.cpf").value(cpf))
                .andExpect(jsonPath("$.cep").value("52010010"))
                .andExpect(jsonPath("$.uf").value("PE"))
                .andExpect(jsonPath("$.telefone").value("8134161122"))
                .andExpect(jsonPath("$.nao_identificado").value(false))
                .andExpect(jsonPath("$.anulado").value(false))
                .andExpect(jsonPath("$.auditoria.criado_por").value("recepcao1"))
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        String id = JsonPath.read(new String(criado, StandardCharsets.UTF_8), "$.id");

        byte[] lido = mvc.perform(get("/api/pacientes/" + id).with(user("m").roles("MEDICO")))
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"0\""))
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        String json = new String(lido, StandardCharsets.UTF_8);
        assertThat((String) JsonPath.read(json, "$.nome")).isEqualTo(nome);
        assertThat((String) JsonPath.read(json, "$.nome_social")).isEqualTo("Joana Conceição");
        assertThat((String) JsonPath.read(json, "$.nome_mae")).isEqualTo("Maria José da Conceição");
        assertThat((String) JsonPath.read(json, "$.complemento")).isEqualTo("Bloco Á");
        assertThat((String) JsonPath.read(json, "$.data_nascimento")).isEqualTo("1954-02-28");
        // the name travels as UTF-8 bytes, not as escapes or a re-encoding
        assertThat(indexOf(lido, nome.getBytes(StandardCharsets.UTF_8))).isNotNegative();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void listsEveryBadFieldInOneAnswer() throws Exception {
        postar("""
                        {"nome": "João", "nome_social": "R2-D2", "cpf": "529.982.247-24", "cns": "162738495010011",
                         "data_nascimento": "2999-01-01", "nome_mae": "Maria 2", "uf": "XX", "cep": "5001-000",
                         "telefone": "1234", "justificativa": "%s"}
                        """.formatted("x".repeat(501)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.regra").value("DadosInvalidos"))
                .andExpect(jsonPath(
                        "$.erros[*].campo",
                        containsInAnyOrder(
                                "nome",
                                "nome_social",
                                "cpf",
                                "cns",
                                "data_nascimento",
                                "sexo",
                                "nome_mae",
                                "uf",
                                "cep",
                                "telefone",
                                "justificativa")))
                .andExpect(jsonPath(
                        "$.erros[?(@.campo == 'data_nascimento')].mensagem",
                        hasItem("a data de nascimento não pode estar no futuro")));
    }

    @Test
    void rejectsCpfWithAllDigitsEqualAndAgeOver130() throws Exception {
        postar("""
                        {"nome": "Ana Lima", "cpf": "111.111.111-11", "data_nascimento": "1850-01-01", "sexo": "F"}
                        """)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.erros[*].campo", containsInAnyOrder("cpf", "data_nascimento")))
                .andExpect(jsonPath(
                        "$.erros[?(@.campo == 'data_nascimento')].mensagem",
                        hasItem("a data de nascimento daria mais de 130 anos de idade")));
    }

    @Test
    void requiresCpfOrCnsOrAJustifiedUnidentifiedFlag() throws Exception {
        postar("""
                        {"nome": "Ana Lima", "data_nascimento": "1990-01-01", "sexo": "F"}
                        """)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.erros[*].campo", containsInAnyOrder("cpf", "cns")));
        postar("""
                        {"nao_identificado": true, "sexo": "I"}
                        """)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.erros[*].campo", containsInAnyOrder("justificativa")));
    }

    @Test
    void requiresNameAndBirthDateOfAnIdentifiedPatient() throws Exception {
        postar("{\"cns\": \"" + Ids.cns() + "\", \"sexo\": \"M\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.erros[*].campo", containsInAnyOrder("nome", "data_nascimento")));
    }

    @Test
    void registersUnidentifiedPatientWithoutNameOrBirthDate() throws Exception {
        postar("""
                        {"nao_identificado": true, "justificativa": "Trazido inconsciente pelo SAMU, sem documentos",
                         "sexo": "I"}
                        """)
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.nao_identificado").value(true))
                .andExpect(jsonPath("$.nome").value(nullValue()))
                .andExpect(jsonPath("$.data_nascimento").value(nullValue()))
                .andExpect(jsonPath("$.justificativa").value("Trazido inconsciente pelo SAMU, sem documentos"));
    }

    @Test
    void identifiesAnUnidentifiedPatientLater() throws Exception {
        String json = postar("""
                        {"nao_identificado": true, "justificativa": "Inconsciente", "sexo": "M"}
                        """)
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        String id = JsonPath.read(json, "$.id");
        String nome = "José Ninguém " + sobrenomeUnico();
        alterar(id, "\"0\"", """
                        {"nao_identificado": false, "nome": "%s", "cpf": "%s", "data_nascimento": "1971-10-03"}
                        """.formatted(nome, Ids.cpf()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.nao_identificado").value(false))
                .andExpect(jsonPath("$.nome").value(nome));
    }

    @Test
    void rejectsUnknownFieldsAndWrongTypes() throws Exception {
        String valido = "\"nome\": \"Ana Lima\", \"cpf\": \"" + Ids.cpf() + "\", \"sexo\": \"F\"";
        postar("{" + valido + ", \"data_nascimento\": \"1990-01-01\", \"apelido\": \"Aninha\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.erros[0].campo").value("apelido"));
        postar("{" + valido + ", \"data_nascimento\": \"31/12/1990\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.erros[0].campo").value("data_nascimento"));
        postar("{\"nome\": \"Ana Lima\", \"cpf\": \"" + Ids.cpf()
                        + "\", \"data_nascimento\": \"1990-01-01\", \"sexo\": \"X\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.erros[0].campo").value("sexo"));
        postar("{" + valido + ", \"data_nascimento\": \"1990-01-01\", \"nao_identificado\": \"talvez\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.erros[0].campo").value("nao_identificado"));
        postar("{" + valido + ", \"data_nascimento\": \"1990-01-01\", \"raca_cor\": 3}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.erros[0].campo").value("raca_cor"));
    }

    @Test
    void refusesDuplicateCpfAndCnsWhateverTheMask() throws Exception {
        String cpf = Ids.cpf();
        String cns = Ids.cns();
        criar("Ana Lima " + sobrenomeUnico(), cpf, cns);
        String cpfComMascara =
                cpf.substring(0, 3) + "." + cpf.substring(3, 6) + "." + cpf.substring(6, 9) + "-" + cpf.substring(9);
        postar("""
                        {"nome": "Ana Lima", "cpf": "%s", "data_nascimento": "1980-05-17", "sexo": "F"}
                        """.formatted(cpfComMascara))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.regra").value("CpfJaCadastrado"));
        postar("""
                        {"nome": "Ana Lima", "cns": "%s %s %s %s", "data_nascimento": "1980-05-17", "sexo": "F"}
                        """.formatted(cns.substring(0, 3), cns.substring(3, 7), cns.substring(7, 11), cns.substring(11)))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.regra").value("CnsJaCadastrado"));
        String outro = criar("Bia Lima " + sobrenomeUnico(), Ids.cpf(), null);
        alterar(outro, "\"0\"", "{\"cns\": \"" + cns + "\"}")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.regra").value("CnsJaCadastrado"));
        alterar(outro, "\"0\"", "{\"cpf\": \"" + cpf + "\"}")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.regra").value("CpfJaCadastrado"));
        // a change that keeps the record's own CPF is not refused because of it
        alterar(outro, "\"0\"", "{\"telefone\": \"81999990000\"}").andExpect(status().isOk());
    }

    @Test
    void findsByNameIgnoringAccentsAndCase() throws Exception {
        String sobrenome = sobrenomeUnico();
        String joao = criar("João Conceição " + sobrenome, Ids.cpf(), null);
        criar("Joana Conceição " + sobrenome, Ids.cpf(), null);

        for (String termo : List.of(
                "joao conceicao " + sobrenome,
                "JOÃO CONCEIÇÃO " + sobrenome,
                "joão  CONCEICAO " + sobrenome.toLowerCase())) {
            mvc.perform(get("/api/pacientes").param("nome", termo).with(RECEPCAO))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.total_itens").value(1))
                    .andExpect(jsonPath("$.itens[0].id").value(joao))
                    .andExpect(jsonPath("$.itens[0].nome").value("João Conceição " + sobrenome));
        }
        mvc.perform(get("/api/pacientes")
                        .param("nome", "conceicao " + sobrenome)
                        .with(RECEPCAO))
                .andExpect(jsonPath("$.total_itens").value(2))
                .andExpect(jsonPath(
                        "$.itens[*].nome",
                        containsInAnyOrder("João Conceição " + sobrenome, "Joana Conceição " + sobrenome)));
        // LIKE wildcards typed by the user match only themselves
        mvc.perform(get("/api/pacientes")
                        .param("nome", "jo%o conceicao " + sobrenome)
                        .with(RECEPCAO))
                .andExpect(jsonPath("$.total_itens").value(0));
    }

    @Test
    void listsArePaginated() throws Exception {
        String sobrenome = sobrenomeUnico();
        for (String prenome : List.of("Ana", "Bia", "Cida")) {
            criar(prenome + " Souza " + sobrenome, Ids.cpf(), null);
        }
        mvc.perform(get("/api/pacientes")
                        .param("nome", sobrenome)
                        .param("size", "2")
                        .param("sort", "cpf,desc")
                        .with(RECEPCAO))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.itens", hasSize(2)))
                .andExpect(jsonPath("$.tamanho").value(2))
                .andExpect(jsonPath("$.total_itens").value(3))
                .andExpect(jsonPath("$.total_paginas").value(2))
                .andExpect(jsonPath("$.itens[0].nome").value("Ana Souza " + sobrenome));
    }

    @Test
    void findsByCpfOrCnsWithOrWithoutMask() throws Exception {
        String cpf = Ids.cpf();
        String cns = Ids.cns();
        String id = criar("Ana Lima " + sobrenomeUnico(), cpf, cns);
        String cpfComMascara =
                cpf.substring(0, 3) + "." + cpf.substring(3, 6) + "." + cpf.substring(6, 9) + "-" + cpf.substring(9);
        for (var filtro : List.of(
                List.of("cpf", cpf), List.of("cpf", cpfComMascara), List.of("cns", cns), List.of("cns", " " + cns))) {
            mvc.perform(get("/api/pacientes")
                            .param(filtro.get(0), filtro.get(1))
                            .with(RECEPCAO))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.total_itens").value(1))
                    .andExpect(jsonPath("$.itens[0].id").value(id));
        }
        mvc.perform(get("/api/pacientes").param("cpf", "529.982.247-24").with(RECEPCAO))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.erros[0].campo").value("cpf"));
    }

    @Test
    void voidsPatientKeepingTheRecordAndFreeingItsCpf() throws Exception {
        String cpf = Ids.cpf();
        String id = criar("Ana Lima " + sobrenomeUnico(), cpf, null);
        anular(id, "\"0\"", "Cadastro duplicado do prontuário 123")
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"1\""))
                .andExpect(jsonPath("$.anulado").value(true))
                .andExpect(jsonPath("$.motivo_anulacao").value("Cadastro duplicado do prontuário 123"))
                .andExpect(jsonPath("$.anulado_por").value("recepcao1"))
                .andExpect(jsonPath("$.anulado_em").value(notNullValue()))
                .andExpect(jsonPath("$.auditoria.atualizado_por").value("recepcao1"));

        mvc.perform(get("/api/pacientes/" + id).with(RECEPCAO))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.anulado").value(true))
                .andExpect(jsonPath("$.cpf").value(cpf));
        mvc.perform(get("/api/pacientes").param("cpf", cpf).with(RECEPCAO))
                .andExpect(jsonPath("$.total_itens").value(0));
        mvc.perform(get("/api/pacientes")
                        .param("cpf", cpf)
                        .param("incluir_anulados", "true")
                        .with(RECEPCAO))
                .andExpect(jsonPath("$.total_itens").value(1))
                .andExpect(jsonPath("$.itens[0].id").value(id));

        String correto = criar("Ana Lima " + sobrenomeUnico(), cpf, null);
        assertThat(correto).isNotEqualTo(id);
    }

    @Test
    void refusesChangingOrVoidingAVoidedPatient() throws Exception {
        String id = criar("Ana Lima " + sobrenomeUnico(), Ids.cpf(), null);
        anular(id, "\"0\"", "Paciente errado").andExpect(status().isOk());
        alterar(id, "\"1\"", "{\"telefone\": \"81999990000\"}")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.regra").value("PacienteAnulado"));
        anular(id, "\"1\"", "De novo")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.regra").value("PacienteAnulado"));
    }

    @Test
    void refusesVoidingWhileAnEncounterIsOngoing() throws Exception {
        String id = criar("Ana Lima " + sobrenomeUnico(), Ids.cpf(), null);
        String atendimento = abrirAtendimento(id);

        anular(id, "\"0\"", "Duplicado")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.regra").value("PacienteComAtendimentoEmAndamento"));
        mvc.perform(get("/api/pacientes/" + id).with(RECEPCAO))
                .andExpect(jsonPath("$.anulado").value(false))
                .andExpect(header().string("ETag", "\"0\""));

        jdbc.update("UPDATE atendimento SET status = 'FINALIZADO', fim = ? WHERE id = ?", agora(), atendimento);
        anular(id, "\"0\"", "Duplicado").andExpect(status().isOk());
    }

    /** An ongoing encounter written straight to its table: encounters are another package's API. */
    private String abrirAtendimento(String pacienteId) throws Exception {
        String unidade = JsonPath.read(
                mvc.perform(post("/api/unidades")
                                .with(user("gestor").roles("GESTAO_LEITOS"))
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("""
                                        {"codigo": "%s", "nome": "Emergência", "tipo": "EMERGENCIA",
                                         "aceita_internacao": false}
                                        """.formatted(Ids.codigo("EMG"))))
                        .andExpect(status().isCreated())
                        .andReturn()
                        .getResponse()
                        .getContentAsString(),
                "$.id");
        String id = UUID.randomUUID().toString();
        jdbc.update("""
                INSERT INTO atendimento (id, paciente_id, tipo, carater, status, inicio, unidade_id, financiamento,
                    versao, criado_em, criado_por, no_origem, recebido_em)
                VALUES (?, ?, 'URGENCIA_EMERGENCIA', 'URGENCIA', 'EM_ANDAMENTO', ?, ?, 'SUS', 0, ?, 'teste', 'no-teste', ?)
                """, id, pacienteId, agora(), unidade, agora(), agora());
        return id;
    }

    private static Timestamp agora() {
        return Timestamp.from(Instant.now());
    }

    @Test
    void voidingNeedsTheVersionAndAReason() throws Exception {
        String id = criar("Ana Lima " + sobrenomeUnico(), Ids.cpf(), null);
        anular(id, null, "Duplicado").andExpect(status().isPreconditionRequired());
        anular(id, "\"0\"", "  ")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.erros[0].campo").value("motivo"));
        alterar(id, "\"0\"", "{\"telefone\": \"81999990000\"}").andExpect(status().isOk());
        anular(id, "\"0\"", "Duplicado")
                .andExpect(status().isPreconditionFailed())
                .andExpect(jsonPath("$.regra").value("VersaoDivergente"));
    }

    @Test
    void patchesWithIfMatchAndRefusesStaleVersion() throws Exception {
        String sobrenome = sobrenomeUnico();
        String id = criar("Ana Lima " + sobrenome, Ids.cpf(), null);
        String novoCpf = Ids.cpf();
        alterar(id, "\"0\"", """
                        {"nome": "Ana Conceição %s", "cpf": "%s.%s.%s-%s", "cep": "50.070-000", "uf": "pe"}
                        """.formatted(
                                sobrenome,
                                novoCpf.substring(0, 3),
                                novoCpf.substring(3, 6),
                                novoCpf.substring(6, 9),
                                novoCpf.substring(9)))
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"1\""))
                .andExpect(jsonPath("$.nome").value("Ana Conceição " + sobrenome))
                .andExpect(jsonPath("$.cpf").value(novoCpf))
                .andExpect(jsonPath("$.cep").value("50070000"))
                .andExpect(jsonPath("$.uf").value("PE"))
                .andExpect(jsonPath("$.auditoria.atualizado_por").value("recepcao1"));
        mvc.perform(get("/api/pacientes")
                        .param("nome", "ana conceicao " + sobrenome)
                        .with(RECEPCAO))
                .andExpect(jsonPath("$.total_itens").value(1));

        alterar(id, "\"0\"", "{\"bairro\": \"Boa Vista\"}")
                .andExpect(status().isPreconditionFailed())
                .andExpect(jsonPath("$.regra").value("VersaoDivergente"));
        mvc.perform(patch("/api/pacientes/" + id)
                        .with(RECEPCAO)
                        .contentType("application/merge-patch+json")
                        .content("{\"bairro\": \"Boa Vista\"}"))
                .andExpect(status().isPreconditionRequired());
    }

    @Test
    void patchRejectsUnknownInvalidAndInconsistentFields() throws Exception {
        String id = criar("Ana Lima " + sobrenomeUnico(), Ids.cpf(), null);
        alterar(id, "\"0\"", "{\"anulado\": true, \"cpf\": \"111.111.111-11\", \"data_nascimento\": \"2999-01-01\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.erros[*].campo", containsInAnyOrder("anulado", "cpf", "data_nascimento")));
        // each field is fine on its own, but the record would be left without CPF or CNS
        alterar(id, "\"0\"", "{\"cpf\": null}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.erros[*].campo", hasItems("cpf", "cns")));
        mvc.perform(get("/api/pacientes/" + id).with(RECEPCAO)).andExpect(header().string("ETag", "\"0\""));
    }

    @Test
    void answers404ForUnknownPatient() throws Exception {
        mvc.perform(get("/api/pacientes/01936f3e-0000-7000-8000-000000000000").with(RECEPCAO))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.regra").value("RegistroNaoEncontrado"));
        anular("01936f3e-0000-7000-8000-000000000000", "\"0\"", "Duplicado").andExpect(status().isNotFound());
    }

    @Test
    void keepsPatientsFromHousekeepingAndOtherWritersThanReception() throws Exception {
        mvc.perform(get("/api/pacientes").with(user("h").roles("HIGIENIZACAO"))).andExpect(status().isForbidden());
        mvc.perform(get("/api/pacientes")).andExpect(status().isUnauthorized());
        mvc.perform(post("/api/pacientes")
                        .with(user("e").roles("ENFERMAGEM"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(status().isForbidden());
    }

    @Test
    void uniqueIndexesOfCpfAndCnsNameTheirRules() {
        String cpf = Ids.cpf();
        String cns = Ids.cns();
        assertThat(mensagemDeDuplicata("cpf", cpf))
                .satisfies(m -> assertNomeia(m, "ux_paciente_cpf", CpfJaCadastrado.class));
        assertThat(mensagemDeDuplicata("cns", cns))
                .satisfies(m -> assertNomeia(m, "ux_paciente_cns", CnsJaCadastrado.class));
    }

    /** Two rows with one identifier, written straight to the table and rolled back: the database's own message. */
    private String mensagemDeDuplicata(String coluna, String valor) {
        String[] mensagem = new String[1];
        transactions.executeWithoutResult(status -> {
            status.setRollbackOnly();
            assertThatThrownBy(() -> {
                        inserirPaciente(coluna, valor);
                        inserirPaciente(coluna, valor);
                    })
                    .isInstanceOf(DataAccessException.class)
                    .satisfies(e -> mensagem[0] =
                            ((DataAccessException) e).getMostSpecificCause().getMessage());
        });
        return mensagem[0];
    }

    private void inserirPaciente(String coluna, String valor) {
        jdbc.update(
                "INSERT INTO paciente (id, " + coluna + ", nao_identificado, sexo, anulado, versao, criado_em,"
                        + " criado_por, no_origem, recebido_em) VALUES (?, ?, false, 'I', false, 0, ?, 't', 'n', ?)",
                UUID.randomUUID().toString(),
                valor,
                agora(),
                agora());
    }

    private void assertNomeia(String mensagem, String indice, Class<?> problema) {
        ConstraintRule regra = constraintRules.stream()
                .filter(r -> r.indexName().equals(indice))
                .findFirst()
                .orElseThrow();
        assertThat(mensagem)
                .satisfiesAnyOf(
                        m -> assertThat(m).contains("\"" + regra.indexName() + "\""),
                        m -> assertThat(m).contains("failed: " + regra.sqliteColumns()));
        assertThat(regra.problem().get()).isInstanceOf(problema);
    }

    @Test
    void formsSurviveTheJsonRoundTripOfAStagedOperation() {
        PacienteForm form = new PacienteForm(
                "João da Conceição",
                "Joana Conceição",
                "52998224725",
                "162738495010003",
                false,
                null,
                java.time.LocalDate.of(1954, 2, 28),
                Sexo.M,
                "Maria José",
                RacaCor.PARDA,
                "Av. Portugal",
                "163",
                null,
                "Paissandu",
                "Recife",
                "PE",
                "52010010",
                "8134161122");
        assertThat(json.readValue(json.writeValueAsString(form), PacienteForm.class))
                .isEqualTo(form);
        AnulacaoForm anulacao = new AnulacaoForm("Cadastro duplicado");
        assertThat(json.readValue(json.writeValueAsString(anulacao), AnulacaoForm.class))
                .isEqualTo(anulacao);
    }
}
