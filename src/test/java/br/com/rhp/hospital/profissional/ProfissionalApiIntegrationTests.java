package br.com.rhp.hospital.profissional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
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
class ProfissionalApiIntegrationTests {

    private static final RequestPostProcessor ADMIN = user("admin1").roles("ADMIN");

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

    /** A council number unique in this JVM. */
    private static String numeroUnico() {
        return Ids.codigo("n").substring(2);
    }

    private ResultActions postar(String body) throws Exception {
        return mvc.perform(post("/api/profissionais")
                .with(ADMIN)
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    private String criar(String nome, String extra) throws Exception {
        String json = postar("""
                        {"nome": "%s", "cpf": "%s", "conselho": "CRM", "conselho_uf": "PE", "conselho_numero": "%s",
                         "cbo": "225125"%s}
                        """.formatted(nome, Ids.cpf(), numeroUnico(), extra))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return JsonPath.read(json, "$.id");
    }

    private String criarUnidade() throws Exception {
        String json = mvc.perform(post("/api/unidades")
                        .with(ADMIN)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"codigo": "%s", "nome": "UTI Adulto", "tipo": "UTI", "aceita_internacao": true}
                                """.formatted(Ids.codigo("UTI"))))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return JsonPath.read(json, "$.id");
    }

    private ResultActions alterar(String id, String ifMatch, String patch) throws Exception {
        return mvc.perform(patch("/api/profissionais/" + id)
                .with(ADMIN)
                .header("If-Match", ifMatch)
                .contentType("application/merge-patch+json")
                .content(patch));
    }

    @Test
    void createsProfessionalWithAccentedNameAndReadsItBackByteExact() throws Exception {
        String nome = "Conceição Araújo D'Ávila " + sobrenomeUnico();
        String unidade = criarUnidade();
        String cpf = Ids.cpf();
        String cns = Ids.cns();
        String cpfComMascara =
                cpf.substring(0, 3) + "." + cpf.substring(3, 6) + "." + cpf.substring(6, 9) + "-" + cpf.substring(9);
        String numero = numeroUnico();
        String json = postar("""
                        {"nome": "%s", "cpf": "%s", "cns": "%s", "conselho": "COREN", "conselho_uf": "pe",
                         "conselho_numero": "%s-enf", "cbo": "2235-05", "unidades": ["%s", "%s"]}
                        """.formatted(nome, cpfComMascara, cns, numero, unidade, unidade))
                .andExpect(status().isCreated())
                .andExpect(header().string("ETag", "\"0\""))
                .andExpect(header().string("Location", containsString("/api/profissionais/")))
                .andExpect(jsonPath("$.cpf").value(cpf))
                .andExpect(jsonPath("$.conselho_uf").value("PE"))
                .andExpect(jsonPath("$.conselho_numero").value(numero + "ENF"))
                .andExpect(jsonPath("$.cbo").value("223505"))
                .andExpect(jsonPath("$.unidades", hasSize(1)))
                .andExpect(jsonPath("$.unidades[0]").value(unidade))
                .andExpect(jsonPath("$.ativo").value(true))
                .andExpect(jsonPath("$.auditoria.criado_por").value("admin1"))
                .andReturn()
                .getResponse()
                .getContentAsString();
        String id = JsonPath.read(json, "$.id");

        byte[] lido = mvc.perform(get("/api/profissionais/" + id).with(user("m").roles("MEDICO")))
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"0\""))
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        assertThat((String) JsonPath.read(new String(lido, StandardCharsets.UTF_8), "$.nome"))
                .isEqualTo(nome);
        assertThat(new String(lido, StandardCharsets.UTF_8)).contains("\"nome\":\"" + nome + "\"");
    }

    @Test
    void registersProfessionWithoutCouncil() throws Exception {
        postar("""
                        {"nome": "João Batista", "cpf": "%s", "conselho": "NENHUM", "cbo": "515110"}
                        """.formatted(Ids.cpf()))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.conselho").value("NENHUM"))
                .andExpect(jsonPath("$.conselho_uf").doesNotExist())
                .andExpect(jsonPath("$.unidades", hasSize(0)));
    }

    @Test
    void listsEveryBadFieldInOneAnswer() throws Exception {
        postar("""
                        {"nome": "Conceição", "cpf": "111.111.111-11", "cns": "162738495010005", "conselho": "CRM",
                         "conselho_numero": "12/34*", "cbo": "12345", "unidades": [null]}
                        """)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.regra").value("DadosInvalidos"))
                .andExpect(jsonPath(
                        "$.erros[*].campo",
                        containsInAnyOrder(
                                "nome", "cpf", "cns", "conselho_uf", "conselho_numero", "cbo", "unidades[0]")));
        postar("{}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.erros[*].campo", containsInAnyOrder("nome", "cpf", "conselho")));
    }

    @Test
    void refusesCouncilRegistrationForProfessionWithoutCouncil() throws Exception {
        postar("""
                        {"nome": "João Batista", "cpf": "%s", "conselho": "NENHUM", "conselho_uf": "PE",
                         "conselho_numero": "123"}
                        """.formatted(Ids.cpf()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.erros[*].campo", containsInAnyOrder("conselho_uf", "conselho_numero")));
    }

    @Test
    void rejectsUnknownFieldsAndWrongTypes() throws Exception {
        String valido = "\"nome\": \"Ana Lima\", \"cpf\": \"" + Ids.cpf() + "\", \"conselho\": \"NENHUM\"";
        postar("{" + valido + ", \"especialidade\": \"Cardiologia\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.erros[0].campo").value("especialidade"));
        postar("{\"nome\": \"Ana Lima\", \"cpf\": \"" + Ids.cpf() + "\", \"conselho\": \"CFM\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.erros[0].campo").value("conselho"));
        postar("{" + valido + ", \"ativo\": \"sim\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.erros[0].campo").value("ativo"));
        postar("{" + valido + ", \"unidades\": [\"não-é-uuid\"]}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.erros[0].campo").value("unidades[0]"));
        postar("{" + valido + ", \"unidades\": \"" + UUID.randomUUID() + "\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.erros[0].campo").value("unidades"));
    }

    @Test
    void refusesUnitsThatDoNotExist() throws Exception {
        String existe = criarUnidade();
        String inexistente = "01936f3e-0000-7000-8000-000000000000";
        postar("""
                        {"nome": "Ana Lima", "cpf": "%s", "conselho": "NENHUM", "unidades": ["%s", "%s"]}
                        """.formatted(Ids.cpf(), existe, inexistente))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.regra").value("UnidadeInexistente"))
                .andExpect(jsonPath("$.detail", containsString(inexistente)));
    }

    @Test
    void refusesDuplicateCpfAndCouncilRegistration() throws Exception {
        String cpf = Ids.cpf();
        String numero = numeroUnico();
        postar("""
                        {"nome": "Ana Lima", "cpf": "%s", "conselho": "CRM", "conselho_uf": "PE", "conselho_numero": "%s"}
                        """.formatted(cpf, numero)).andExpect(status().isCreated());
        postar("""
                        {"nome": "Bia Lima", "cpf": "%s.%s.%s-%s", "conselho": "NENHUM"}
                        """.formatted(cpf.substring(0, 3), cpf.substring(3, 6), cpf.substring(6, 9), cpf.substring(9)))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.regra").value("CpfDeProfissionalJaCadastrado"));
        postar("""
                        {"nome": "Bia Lima", "cpf": "%s", "conselho": "CRM", "conselho_uf": "pe", "conselho_numero": "%s"}
                        """.formatted(Ids.cpf(), numero))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.regra").value("RegistroNoConselhoJaCadastrado"));
        // the same number in another state or another council is another registration
        postar("""
                        {"nome": "Bia Lima", "cpf": "%s", "conselho": "CRM", "conselho_uf": "PB", "conselho_numero": "%s"}
                        """.formatted(Ids.cpf(), numero)).andExpect(status().isCreated());
        postar("""
                        {"nome": "Cida Lima", "cpf": "%s", "conselho": "COREN", "conselho_uf": "PE", "conselho_numero": "%s"}
                        """.formatted(Ids.cpf(), numero)).andExpect(status().isCreated());
    }

    @Test
    void findsByNameIgnoringAccentsAndCaseAndByCouncilUnitAndStatus() throws Exception {
        String sobrenome = sobrenomeUnico();
        String unidade = criarUnidade();
        String joao = criar("João Conceição " + sobrenome, ", \"unidades\": [\"" + unidade + "\"]");
        String joana = criar("Joana Conceição " + sobrenome, "");

        for (String termo : List.of("joao conceicao " + sobrenome, "JOÃO CONCEIÇÃO " + sobrenome.toUpperCase())) {
            mvc.perform(get("/api/profissionais").param("nome", termo).with(ADMIN))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.total_itens").value(1))
                    .andExpect(jsonPath("$.itens[0].id").value(joao))
                    .andExpect(jsonPath("$.itens[0].nome").value("João Conceição " + sobrenome));
        }
        mvc.perform(get("/api/profissionais")
                        .param("nome", "conceicao " + sobrenome)
                        .param("conselho", "CRM")
                        .with(ADMIN))
                .andExpect(jsonPath("$.total_itens").value(2));
        mvc.perform(get("/api/profissionais")
                        .param("nome", sobrenome)
                        .param("conselho", "COREN")
                        .with(ADMIN))
                .andExpect(jsonPath("$.total_itens").value(0));
        mvc.perform(get("/api/profissionais").param("unidade_id", unidade).with(ADMIN))
                .andExpect(jsonPath("$.total_itens").value(1))
                .andExpect(jsonPath("$.itens[0].id").value(joao));

        alterar(joana, "\"0\"", "{\"ativo\": false}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.ativo").value(false));
        mvc.perform(get("/api/profissionais")
                        .param("nome", sobrenome)
                        .param("ativo", "false")
                        .with(ADMIN))
                .andExpect(jsonPath("$.total_itens").value(1))
                .andExpect(jsonPath("$.itens[0].id").value(joana));
        mvc.perform(get("/api/profissionais")
                        .param("nome", sobrenome)
                        .param("ativo", "true")
                        .with(ADMIN))
                .andExpect(jsonPath("$.total_itens").value(1))
                .andExpect(jsonPath("$.itens[0].id").value(joao));
    }

    @Test
    void listsArePaginated() throws Exception {
        String sobrenome = sobrenomeUnico();
        for (String prenome : List.of("Ana", "Bia", "Cida")) {
            criar(prenome + " Souza " + sobrenome, "");
        }
        mvc.perform(get("/api/profissionais")
                        .param("nome", sobrenome)
                        .param("size", "2")
                        .param("page", "1")
                        .param("sort", "inexistente")
                        .with(ADMIN))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.itens", hasSize(1)))
                .andExpect(jsonPath("$.pagina").value(1))
                .andExpect(jsonPath("$.total_itens").value(3))
                .andExpect(jsonPath("$.itens[0].nome").value("Cida Souza " + sobrenome));
    }

    @Test
    void patchesWithIfMatchAndRefusesStaleVersion() throws Exception {
        String id = criar("Ana Lima " + sobrenomeUnico(), "");
        String unidade = criarUnidade();
        alterar(id, "\"0\"", "{\"unidades\": [\"" + unidade + "\"], \"cbo\": \"2251-50\"}")
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"1\""))
                .andExpect(jsonPath("$.unidades[0]").value(unidade))
                .andExpect(jsonPath("$.cbo").value("225150"))
                .andExpect(jsonPath("$.auditoria.atualizado_por").value("admin1"));
        alterar(id, "\"0\"", "{\"ativo\": false}")
                .andExpect(status().isPreconditionFailed())
                .andExpect(jsonPath("$.regra").value("VersaoDivergente"));
        mvc.perform(patch("/api/profissionais/" + id)
                        .with(ADMIN)
                        .contentType("application/merge-patch+json")
                        .content("{\"ativo\": false}"))
                .andExpect(status().isPreconditionRequired());
        alterar(id, "\"1\"", "{\"unidades\": []}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.unidades", hasSize(0)));
    }

    @Test
    void patchRejectsUnknownInvalidAndInconsistentFields() throws Exception {
        String id = criar("Ana Lima " + sobrenomeUnico(), "");
        alterar(id, "\"0\"", "{\"versao\": 3, \"cpf\": \"529.982.247-24\", \"ativo\": null}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.erros[*].campo", containsInAnyOrder("versao", "cpf", "ativo")));
        // NENHUM on its own would leave a council state and number behind
        alterar(id, "\"0\"", "{\"conselho\": \"NENHUM\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.erros[*].campo", containsInAnyOrder("conselho_uf", "conselho_numero")));
        alterar(id, "\"0\"", "{\"conselho\": \"NENHUM\", \"conselho_uf\": null, \"conselho_numero\": null}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.conselho").value("NENHUM"));
        alterar(id, "\"1\"", "{\"unidades\": [\"01936f3e-0000-7000-8000-000000000000\"]}")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.regra").value("UnidadeInexistente"));
    }

    @Test
    void onlyAdministrationWritesAndHousekeepingCannotRead() throws Exception {
        mvc.perform(post("/api/profissionais")
                        .with(user("r").roles("RECEPCAO"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/profissionais").with(user("h").roles("HIGIENIZACAO")))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/profissionais").with(user("e").roles("ENFERMAGEM")))
                .andExpect(status().isOk());
    }

    @Test
    void answers404ForUnknownProfessional() throws Exception {
        mvc.perform(get("/api/profissionais/01936f3e-0000-7000-8000-000000000000")
                        .with(ADMIN))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.regra").value("RegistroNaoEncontrado"));
        alterar("01936f3e-0000-7000-8000-000000000000", "\"0\"", "{\"ativo\": false}")
                .andExpect(status().isNotFound());
    }

    @Test
    void uniqueIndexesOfCpfAndCouncilNameTheirRules() {
        String cpf = Ids.cpf();
        assertNomeia(
                mensagemDeDuplicata(List.of(cpf, "CRM", "PE", numeroUnico()), List.of(cpf, "CRM", "PE", numeroUnico())),
                "ux_profissional_cpf",
                CpfDeProfissionalJaCadastrado.class);
        String numero = numeroUnico();
        assertNomeia(
                mensagemDeDuplicata(List.of(Ids.cpf(), "CRM", "PE", numero), List.of(Ids.cpf(), "CRM", "PE", numero)),
                "ux_profissional_conselho",
                RegistroNoConselhoJaCadastrado.class);
    }

    /** Two rows written straight to the table and rolled back: the database's own message. */
    private String mensagemDeDuplicata(List<String> primeiro, List<String> segundo) {
        return transactions.execute(status -> {
            status.setRollbackOnly();
            inserir(primeiro);
            try {
                inserir(segundo);
            } catch (DataAccessException e) {
                return e.getMostSpecificCause().getMessage();
            }
            throw new AssertionError("the database accepted a duplicate");
        });
    }

    private void inserir(List<String> cpfConselhoUfNumero) {
        Timestamp agora = Timestamp.from(Instant.now());
        jdbc.update(
                "INSERT INTO profissional (id, nome, cpf, conselho, conselho_uf, conselho_numero, ativo, versao,"
                        + " criado_em, criado_por, no_origem, recebido_em)"
                        + " VALUES (?, 'Ana Lima', ?, ?, ?, ?, true, 0, ?, 't', 'n', ?)",
                UUID.randomUUID().toString(),
                cpfConselhoUfNumero.get(0),
                cpfConselhoUfNumero.get(1),
                cpfConselhoUfNumero.get(2),
                cpfConselhoUfNumero.get(3),
                agora,
                agora);
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
    void formSurvivesTheJsonRoundTripOfAStagedOperation() {
        ProfissionalForm form = new ProfissionalForm(
                "Conceição Araújo",
                "52998224725",
                "162738495010003",
                Conselho.COREN,
                "PE",
                "123456ENF",
                "223505",
                List.of(UUID.fromString("01936f3e-0000-7000-8000-000000000000")),
                false);
        assertThat(json.readValue(json.writeValueAsString(form), ProfissionalForm.class))
                .isEqualTo(form);
    }
}
