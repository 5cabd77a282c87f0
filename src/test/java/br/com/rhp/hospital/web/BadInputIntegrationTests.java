package br.com.rhp.hospital.web;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import br.com.rhp.hospital.support.Hospital;
import br.com.rhp.hospital.support.Ids;
import br.com.rhp.hospital.support.IntegrationTest;
import com.jayway.jsonpath.JsonPath;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a careless or hostile client may send to every write endpoint: broken JSON, wrong shapes and
 * types, unknown fields, other media types, huge bodies, bad bytes, injection-looking text, bad ids,
 * paths and methods. Each gets its 4xx problem detail with the rule and, for a 400, the field; none
 * gets a 5xx.
 */
@IntegrationTest
class BadInputIntegrationTests {

    /** An id that exists nowhere; bad input must be refused before anyone looks it up. */
    private static final String ID = "01936f3e-0000-7000-8000-00000000bad1";

    /** One more byte than the default body limit (64 KiB). */
    private static final int ACIMA_DO_LIMITE = 64 * 1024 + 1;

    /**
     * A write endpoint, with a body whose field {@code campoTipoErrado} has the wrong JSON type, and a
     * free-text field {@code campoTexto} of its form.
     */
    record Escrita(HttpMethod method, String path, String tipoErrado, String campoTipoErrado, String campoTexto) {
        boolean temId() {
            return path.contains("{id}");
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static List<Escrita> escritas() {
        return List.of(
                new Escrita(HttpMethod.POST, "/api/unidades", """
                        {"codigo": "X1", "nome": "Ala", "tipo": "ALA", "aceita_internacao": "talvez"}""", "aceita_internacao", "nome"),
                new Escrita(HttpMethod.PATCH, "/api/unidades/{id}", """
                        {"aceita_internacao": "talvez"}""", "aceita_internacao", "nome"),
                new Escrita(HttpMethod.POST, "/api/leitos", """
                        {"unidade_id": 12, "codigo": "L1", "tipo": "CLINICO", "acomodacao": "ENFERMARIA"}""", "unidade_id", "codigo"),
                new Escrita(HttpMethod.PATCH, "/api/leitos/{id}", """
                        {"tipo": 3}""", "tipo", "codigo"),
                new Escrita(HttpMethod.POST, "/api/leitos/{id}/status", """
                        {"status": 2}""", "status", "motivo"),
                new Escrita(HttpMethod.POST, "/api/pacientes", """
                        {"nome": "Ana Souza", "sexo": "F", "data_nascimento": "ontem"}""", "data_nascimento", "nome"),
                new Escrita(HttpMethod.PATCH, "/api/pacientes/{id}", """
                        {"data_nascimento": true}""", "data_nascimento", "nome"),
                new Escrita(HttpMethod.POST, "/api/pacientes/{id}/anulacao", """
                        {"motivo": {"texto": "engano"}}""", "motivo", "motivo"),
                new Escrita(HttpMethod.POST, "/api/profissionais", """
                        {"nome": "Ana Souza", "cpf": "52998224725", "conselho": "CRM", "ativo": "sim"}""", "ativo", "nome"),
                new Escrita(HttpMethod.PATCH, "/api/profissionais/{id}", """
                        {"unidades": "todas"}""", "unidades", "nome"),
                new Escrita(HttpMethod.POST, "/api/atendimentos", """
                        {"paciente_id": "nao-e-uuid", "tipo": "AMBULATORIAL", "carater": "ELETIVO",
                         "financiamento": "SUS"}""", "paciente_id", "operadora_codigo"),
                new Escrita(HttpMethod.POST, "/api/atendimentos/{id}/cancelamento", """
                        {"motivo": ["engano"]}""", "motivo", "motivo"),
                new Escrita(HttpMethod.POST, "/api/transferencias", """
                        {"ocorrido_em": "amanhã cedo"}""", "ocorrido_em", "observacao"),
                new Escrita(HttpMethod.POST, "/api/altas", """
                        {"atendimento_id": 42, "motivo": "ALTA_CURADO"}""", "atendimento_id", "observacao"));
    }

    static Stream<Escrita> escritasComId() {
        return escritas().stream().filter(Escrita::temId);
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    private Hospital hospital;

    @BeforeEach
    void setUp() {
        hospital = new Hospital(mvc);
    }

    private MockHttpServletRequestBuilder escrever(Escrita e, String id) {
        MockHttpServletRequestBuilder req = e.temId()
                ? request(e.method(), e.path(), id).with(Hospital.ADMIN)
                : request(e.method(), e.path()).with(Hospital.ADMIN);
        if (e.temId()) {
            // a correct version, so that only the body can be what is wrong
            req.header("If-Match", "\"0\"");
        }
        return req;
    }

    private ResultActions enviar(Escrita e, String body) throws Exception {
        return mvc.perform(
                escrever(e, ID).contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private ResultActions enviar(Escrita e, byte[] body) throws Exception {
        return mvc.perform(
                escrever(e, ID).contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private static void problema(ResultActions result, int status, String regra) throws Exception {
        result.andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(status))
                .andExpect(jsonPath("$.regra").value(regra))
                .andExpect(jsonPath("$.title").isNotEmpty())
                .andExpect(jsonPath("$.detail").isNotEmpty());
    }

    private static void invalido(ResultActions result, String campo) throws Exception {
        problema(result, 400, "DadosInvalidos");
        result.andExpect(jsonPath("$.erros[*].campo", hasItem(campo)))
                .andExpect(jsonPath("$.erros[*].mensagem", everyItem(not(""))));
    }

    private String texto(String campo, String valor) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(campo, valor);
        return json.writeValueAsString(body);
    }

    // --- the shape of the body

    @ParameterizedTest(name = "{0}")
    @MethodSource("escritas")
    void rejectsMalformedJson(Escrita e) throws Exception {
        invalido(enviar(e, "{\"" + e.campoTexto() + "\": \"sem fim\","), "");
        invalido(enviar(e, "{" + e.campoTexto() + ": 'aspas simples'}"), "");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("escritas")
    void rejectsTrailingGarbageAfterTheObject(Escrita e) throws Exception {
        problema(enviar(e, "{} {}"), 400, "DadosInvalidos");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("escritas")
    void rejectsAJsonArrayInsteadOfAnObject(Escrita e) throws Exception {
        invalido(enviar(e, "[{\"" + e.campoTexto() + "\": \"x\"}]"), "");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("escritas")
    void rejectsAScalarOrNullInsteadOfAnObject(Escrita e) throws Exception {
        for (String body : List.of("\"texto\"", "42", "true", "null")) {
            invalido(enviar(e, body), "");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("escritas")
    void rejectsAnEmptyBody(Escrita e) throws Exception {
        invalido(enviar(e, ""), "");
        invalido(enviar(e, "   \n"), "");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("escritas")
    void rejectsAWrongTypeNamingTheField(Escrita e) throws Exception {
        invalido(enviar(e, e.tipoErrado()), e.campoTipoErrado());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("escritas")
    void rejectsAnUnknownFieldNamingIt(Escrita e) throws Exception {
        invalido(enviar(e, "{\"campo_inexistente\": 1}"), "campo_inexistente");
        // the camelCase spelling of a field is not the field either
        invalido(enviar(e, "{\"dataNascimento\": \"1970-01-01\"}"), "dataNascimento");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("escritas")
    void rejectsDeeplyNestedJson(Escrita e) throws Exception {
        String fundo = "[".repeat(5_000) + "]".repeat(5_000);
        problema(enviar(e, "{\"" + e.campoTexto() + "\": " + fundo + "}"), 400, "DadosInvalidos");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("escritas")
    void rejectsOtherContentTypesWith415(Escrita e) throws Exception {
        for (MediaType tipo :
                List.of(MediaType.TEXT_PLAIN, MediaType.APPLICATION_XML, MediaType.APPLICATION_FORM_URLENCODED)) {
            ResultActions result = mvc.perform(escrever(e, ID).contentType(tipo).content(texto(e.campoTexto(), "x")));
            problema(result, 415, "TipoDeConteudoNaoSuportado");
        }
        problema(mvc.perform(escrever(e, ID).content("{}")), 415, "TipoDeConteudoNaoSuportado");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("escritas")
    void answers415NotAServerErrorToAWildcardContentType(Escrita e) throws Exception {
        // found by the fuzzing in fault/HostileRequestsIntegrationTests: "*/*" used to end in a 500
        for (String tipo : List.of("*/*", "application/*")) {
            ResultActions result =
                    mvc.perform(escrever(e, ID).header("Content-Type", tipo).content(texto(e.campoTexto(), "x")));
            problema(result, 415, "TipoDeConteudoNaoSuportado");
        }
    }

    // --- size and bytes

    @ParameterizedTest(name = "{0}")
    @MethodSource("escritas")
    void rejectsABodyOverTheLimitWith413(Escrita e) throws Exception {
        String body = texto(e.campoTexto(), "a".repeat(ACIMA_DO_LIMITE));
        ResultActions result = enviar(e, body);
        problema(result, 413, "CorpoGrandeDemais");
        result.andExpect(jsonPath("$.detail").value(containsString("65536")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("escritas")
    void answers413ToAHundredThousandCharacterName(Escrita e) throws Exception {
        problema(enviar(e, texto(e.campoTexto(), "Maria ".repeat(16_667))), 413, "CorpoGrandeDemais");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("escritas")
    void rejectsAHugeTextUnderTheBodyLimitNamingTheField(Escrita e) throws Exception {
        invalido(enviar(e, texto(e.campoTexto(), "Maria ".repeat(10_000).strip())), e.campoTexto());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("escritas")
    void rejectsInvalidUtf8InAStringValue(Escrita e) throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("{\"" + e.campoTexto() + "\": \"Jo").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28}); // a lead byte followed by no continuation
        body.writeBytes("o Silva\"}".getBytes(StandardCharsets.UTF_8));
        problema(enviar(e, body.toByteArray()), 400, "DadosInvalidos");

        // a Latin-1 "ã" (0xE3) from a client that ignored UTF-8, and a lone continuation byte
        problema(
                enviar(e, concat("{\"" + e.campoTexto() + "\": \"S", new byte[] {(byte) 0xE3}, "o Paulo\"}")),
                400,
                "DadosInvalidos");
        problema(
                enviar(e, concat("{\"" + e.campoTexto() + "\": \"x", new byte[] {(byte) 0x80}, "\"}")),
                400,
                "DadosInvalidos");
    }

    private static byte[] concat(String before, byte[] middle, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(middle);
        out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    // --- ids, paths and methods

    @ParameterizedTest(name = "{0}")
    @MethodSource("escritasComId")
    void rejectsAnInvalidIdInThePathNamingIt(Escrita e) throws Exception {
        for (String id : List.of("abc", "123", "01936f3e-0000-7000-8000-00000000bad1x", "' OR '1'='1")) {
            invalido(
                    mvc.perform(escrever(e, id)
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{}")),
                    "id");
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/unidades/{x}",
                "/api/unidades/{x}/censo",
                "/api/leitos/{x}",
                "/api/leitos/{x}/ocupacao",
                "/api/pacientes/{x}",
                "/api/profissionais/{x}",
                "/api/atendimentos/{x}",
                "/api/atendimentos/{x}/leitos",
                "/api/transferencias/{x}",
                "/api/altas/{x}"
            })
    void rejectsAnInvalidIdInAReadPathNamingIt(String path) throws Exception {
        invalido(mvc.perform(get(path.replace("{x}", "nao-e-uuid")).with(Hospital.ADMIN)), "id");
    }

    @Test
    void rejectsBadQueryParametersNamingThem() throws Exception {
        invalido(hospital.get("/api/leitos?unidade_id=abc"), "unidade_id");
        invalido(hospital.get("/api/leitos?status=CHEIO"), "status");
        invalido(hospital.get("/api/unidades?ativo=talvez"), "ativo");
        invalido(hospital.get("/api/unidades?sort=senha"), "sort");
        invalido(hospital.get("/api/pacientes?cpf=123"), "cpf");
        invalido(hospital.get("/api/pacientes?incluir_anulados=talvez"), "incluir_anulados");
        invalido(hospital.get("/api/atendimentos?tipo=CONSULTA_X"), "tipo");
        invalido(hospital.get("/api/altas?paciente_id=1"), "paciente_id");
    }

    @Test
    void rejectsASortThatIsAnExpressionRatherThanFieldsNamingSort() throws Exception {
        // a sort is a list of fields; anything else would reach the query as an order-by expression
        invalido(hospital.get("/api/unidades?sort=nome;DROP TABLE unidade"), "sort");
        invalido(hospital.get("/api/unidades?sort=codigo,asc&sort=length(nome)"), "sort");
        invalido(hospital.get("/api/atendimentos?sort=inicio desc--"), "sort");
        invalido(hospital.get("/api/altas?sort=(select 1)"), "sort");
        // fields with their direction stay fine
        hospital.get("/api/unidades?sort=nome,desc&sort=codigo").andExpect(status().isOk());
        hospital.get("/api/atendimentos?sort=inicio,ASC").andExpect(status().isOk());
    }

    @Test
    void rejectsSortingByAnUnknownFieldOfAHandWrittenQueryNamingSort() throws Exception {
        // found by the fuzzing in fault/HostileRequestsIntegrationTests: these lists used to answer 500
        invalido(hospital.get("/api/altas?sort=ENFERMARIA"), "sort");
        invalido(hospital.get("/api/transferencias?sort=naoExiste,desc"), "sort");
    }

    @Test
    void rejectsAPageNumberNoDatabaseCanReachNamingPage() throws Exception {
        invalido(hospital.get("/api/unidades?page=2147483647"), "page");
        invalido(hospital.get("/api/pacientes?page=99999999&size=200"), "page");
        invalido(hospital.get("/api/transferencias?page=1000000000"), "page");
        // far, but reachable: an empty page
        hospital.get("/api/unidades?page=100000&size=200")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.itens").isEmpty());
    }

    @Test
    void toleratesOutOfRangePagingWithoutError() throws Exception {
        hospital.get("/api/unidades?page=-1&size=0").andExpect(status().isOk());
        hospital.get("/api/unidades?page=abc&size=xyz").andExpect(status().isOk());
        hospital.get("/api/unidades?size=100000")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.tamanho").value(200));
    }

    @Test
    void answers404ProblemForAnUnknownPath() throws Exception {
        problema(hospital.get("/api/nada-aqui"), 404, "RecursoInexistente");
        problema(hospital.get("/api/unidades/" + ID + "/nada"), 404, "RecursoInexistente");
        problema(hospital.get("/nada-aqui"), 404, "RecursoInexistente");
    }

    @Test
    void answers400ProblemToAPathTheFirewallRefuses() throws Exception {
        // encoded slashes, dot segments, path parameters and encoded percent signs are how path
        // traversal and filter bypasses are tried; they are refused before anything else runs
        for (String path : List.of(
                "/api/unidades/..%2F..%2Fetc%2Fpasswd",
                "/api/unidades/%2e%2e/%2e%2e/actuator/prometheus",
                "/api/../actuator/prometheus",
                "/api/unidades;jsessionid=1",
                "/api/unidades/%25",
                "/api/unidades/%00")) {
            problema(mvc.perform(get(URI.create(path)).with(Hospital.ADMIN)), 400, "RequisicaoRejeitada");
            problema(mvc.perform(get(URI.create(path))), 400, "RequisicaoRejeitada");
        }
    }

    @Test
    void answers405ProblemForAMethodTheResourceDoesNotHave() throws Exception {
        problema(mvc.perform(delete("/api/unidades/" + ID).with(Hospital.ADMIN)), 405, "MetodoNaoPermitido");
        mvc.perform(delete("/api/unidades/" + ID).with(Hospital.ADMIN))
                .andExpect(header().string("Allow", containsString("GET")))
                .andExpect(header().string("Allow", containsString("PATCH")));
        problema(
                mvc.perform(put("/api/pacientes/" + ID)
                        .with(Hospital.ADMIN)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{}")),
                405,
                "MetodoNaoPermitido");
        problema(
                mvc.perform(post("/api/unidades/" + ID)
                        .with(Hospital.ADMIN)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{}")),
                405,
                "MetodoNaoPermitido");
        problema(mvc.perform(delete("/api/altas/" + ID).with(Hospital.ADMIN)), 405, "MetodoNaoPermitido");
        problema(mvc.perform(delete("/api/leitos").with(Hospital.ADMIN)), 405, "MetodoNaoPermitido");
    }

    @Test
    void answers406ProblemWhenTheClientAcceptsOnlyAnotherFormat() throws Exception {
        problema(
                mvc.perform(get("/api/unidades").with(Hospital.ADMIN).accept(MediaType.APPLICATION_XML)),
                406,
                "FormatoNaoDisponivel");
    }

    @Test
    void namesTheIfMatchHeaderWhenItIsMissingOrMalformed() throws Exception {
        String id = hospital.unidade();
        problema(
                mvc.perform(request(HttpMethod.PATCH, "/api/unidades/" + id)
                        .with(Hospital.ADMIN)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"nome\": \"Outro nome\"}")),
                428,
                "VersaoNaoInformada");
        for (String ifMatch : List.of("abc", "\"-1\"", "\"1\", \"2\"", "*", "\"99999999999999999999\"")) {
            invalido(
                    mvc.perform(request(HttpMethod.PATCH, "/api/unidades/" + id)
                            .with(Hospital.ADMIN)
                            .header("If-Match", ifMatch)
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{\"nome\": \"Outro nome\"}")),
                    "If-Match");
        }
    }

    // --- hostile text is data

    @Test
    void storesInjectionLookingTextLiterally() throws Exception {
        String nome = "Ala'); DROP TABLE unidade; -- ../../etc/passwd";
        String body = json.writeValueAsString(
                Map.of("codigo", Ids.codigo("SQL"), "nome", nome, "tipo", "ALA", "aceita_internacao", false));
        String id = JsonPath.read(
                hospital.post("/api/unidades", body)
                        .andExpect(status().isCreated())
                        .andExpect(jsonPath("$.nome").value(nome))
                        .andReturn()
                        .getResponse()
                        .getContentAsString(),
                "$.id");
        hospital.get("/api/unidades/" + id)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.nome").value(nome));
        hospital.get("/api/unidades?busca=" + "DROP TABLE unidade")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.itens[*].id", hasItem(id)));
    }

    @Test
    void storesInjectionLookingAddressOfAPatientLiterally() throws Exception {
        Map<String, Object> paciente = new LinkedHashMap<>();
        paciente.put("nome", "Maria D'Ávila");
        paciente.put("cpf", Ids.cpf());
        paciente.put("data_nascimento", "1980-05-17");
        paciente.put("sexo", "F");
        paciente.put("logradouro", "Rua 1' OR '1'='1");
        paciente.put("numero", "1; --");
        paciente.put("complemento", "../../../../etc/passwd");
        paciente.put("bairro", "Boa Vista\"; DELETE FROM paciente; --");
        paciente.put("municipio", "..\\..\\windows\\system32");
        ResultActions criado = hospital.post("/api/pacientes", json.writeValueAsString(paciente))
                .andExpect(status().isCreated());
        String id = JsonPath.read(criado.andReturn().getResponse().getContentAsString(), "$.id");
        hospital.get("/api/pacientes/" + id)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.nome").value("Maria D'Ávila"))
                .andExpect(jsonPath("$.logradouro").value("Rua 1' OR '1'='1"))
                .andExpect(jsonPath("$.numero").value("1; --"))
                .andExpect(jsonPath("$.complemento").value("../../../../etc/passwd"))
                .andExpect(jsonPath("$.bairro").value("Boa Vista\"; DELETE FROM paciente; --"))
                .andExpect(jsonPath("$.municipio").value("..\\..\\windows\\system32"));
    }

    @Test
    void rejectsInjectionLookingTextWhereTheFormatIsStrict() throws Exception {
        invalido(hospital.post("/api/unidades", """
                        {"codigo": "X' OR '1'='1", "nome": "Ala", "tipo": "ALA", "aceita_internacao": false}
                        """), "codigo");
        invalido(hospital.post("/api/pacientes", """
                        {"nome": "Robert'); DROP TABLE paciente;--", "sexo": "M", "data_nascimento": "1990-01-01"}
                        """), "nome");
        invalido(hospital.post("/api/leitos", """
                        {"unidade_id": "%s", "codigo": "../../etc/passwd", "tipo": "CLINICO", "acomodacao": "ENFERMARIA"}
                        """.formatted(ID)), "codigo");
    }

    @Test
    void searchesWithInjectionLookingTermsFindNothingAndFailNothing() throws Exception {
        String marca = "zqx" + Ids.codigo("").replace("-", "");
        for (String termo : List.of(marca + "' OR '1'='1", marca + "%' --", marca + "\\", marca + "_%")) {
            String q = URLEncoder.encode(termo, StandardCharsets.UTF_8);
            hospital.get("/api/pacientes?nome=" + q)
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.total_itens").value(0));
            hospital.get("/api/profissionais?nome=" + q)
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.total_itens").value(0));
            hospital.get("/api/unidades?busca=" + q)
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.total_itens").value(0));
        }
    }

    @Test
    void storesInjectionLookingReasonOfABedStatusLiterally() throws Exception {
        String leito = hospital.leito(hospital.unidade());
        String motivo = "'; UPDATE leito SET status='OCUPADO'; --";
        mvc.perform(post("/api/leitos/" + leito + "/status")
                        .with(Hospital.ADMIN)
                        .header("If-Match", "\"0\"")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(Map.of("status", "BLOQUEADO", "motivo", motivo))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("BLOQUEADO"))
                .andExpect(jsonPath("$.status_motivo").value(motivo));
    }

    // --- identifiers and dates

    @Test
    void namesEveryInvalidIdentifierAndFutureDate() throws Exception {
        LocalDate amanha = LocalDate.now(ZoneId.of("America/Recife")).plusDays(2);
        ResultActions paciente = hospital.post("/api/pacientes", """
                {"nome": "Ana Souza", "sexo": "F", "cpf": "123.456.789-00", "cns": "123456789012345",
                 "cep": "5000-000", "uf": "XX", "data_nascimento": "%s", "telefone": "123"}
                """.formatted(amanha));
        invalido(paciente, "cpf");
        paciente.andExpect(
                jsonPath("$.erros[*].campo", hasItems("cpf", "cns", "cep", "uf", "data_nascimento", "telefone")));

        invalido(hospital.post("/api/unidades", """
                        {"codigo": "%s", "nome": "Hospital", "tipo": "ESTABELECIMENTO", "cnes": "12345",
                         "aceita_internacao": false}
                        """.formatted(Ids.codigo("H"))), "cnes");

        String futuro = Instant.now().plus(2, ChronoUnit.DAYS).toString();
        ResultActions atendimento = hospital.post("/api/atendimentos", """
                {"paciente_id": "%s", "tipo": "INTERNACAO", "carater": "URGENCIA", "procedencia": "DEMANDA_ESPONTANEA",
                 "leito_id": "%s", "financiamento": "SUS", "inicio": "%s", "cid_principal": "ZZZ"}
                """.formatted(ID, ID, futuro));
        invalido(atendimento, "inicio");
        atendimento.andExpect(jsonPath("$.erros[*].campo", hasItem("cid_principal")));

        invalido(
                hospital.post(
                        "/api/transferencias", """
                        {"atendimento_id": "%s", "leito_origem_id": "%s", "leito_destino_id": "%s",
                         "motivo": "OUTRO", "ocorrido_em": "%s"}
                        """.formatted(ID, ID, "01936f3e-0000-7000-8000-00000000bad2", futuro)),
                "ocorrido_em");
        invalido(hospital.post("/api/altas", """
                        {"atendimento_id": "%s", "motivo": "ALTA_CURADO", "ocorrido_em": "%s"}
                        """.formatted(ID, futuro)), "ocorrido_em");
        invalido(hospital.post("/api/profissionais", """
                        {"nome": "Ana Souza", "cpf": "11111111111", "cns": "000", "conselho": "CRM",
                         "conselho_uf": "ZZ", "conselho_numero": "123", "cbo": "12"}
                        """), "cpf");
    }

    @Test
    void rejectsANonIsoDateNamingTheField() throws Exception {
        for (String data : List.of("17/05/1980", "1980-02-30", "1980-5-7", "")) {
            ResultActions result = hospital.post("/api/pacientes", """
                    {"nome": "Ana Souza", "sexo": "F", "cpf": "%s", "data_nascimento": "%s"}
                    """.formatted(Ids.cpf(), data));
            invalido(result, "data_nascimento");
        }
    }
}
