package br.com.rhp.hospital.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.anonymous;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import br.com.rhp.hospital.support.Hospital;
import br.com.rhp.hospital.support.Ids;
import br.com.rhp.hospital.support.IntegrationTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The access matrix, written out here on its own so that any change to {@link SecurityConfiguration}
 * that moves a role in or out of an endpoint breaks this test.
 *
 * <p>"Allowed" means the request passed the security layer: any answer but 401 or 403 (and never a
 * 5xx). The requests carry an empty body and an id that does not exist, so an allowed call ends in
 * 400, 404 or 428 and writes nothing.
 */
@IntegrationTest
class AccessMatrixIntegrationTests {

    /** An id that exists nowhere: an allowed request on it is a 404 or a validation error. */
    private static final String ID = "01936f3e-0000-7000-8000-00000000abcd";

    /**
     * Who may call what. Columns: ADMIN, RECEPCAO, ENFERMAGEM, MEDICO, GESTAO_LEITOS, HIGIENIZACAO, AUDITOR;
     * {@code x} allowed, {@code -} refused with 403. Anonymous callers get 401 on every line.
     *
     * <p>HIGIENIZACAO sees units and beds and changes bed status, and never reaches anything that
     * names a patient (census, bed occupancy, patients, encounters, transfers, discharges,
     * professionals). AUDITOR reads the audit trail and nothing else; the trail is for ADMIN and
     * AUDITOR only.
     */
    private static final String MATRIZ = """
            # method path                               A R E M G H U
            GET    /api/unidades                        x x x x x x -
            POST   /api/unidades                        x - - - x - -
            GET    /api/unidades/{id}                   x x x x x x -
            PATCH  /api/unidades/{id}                   x - - - x - -
            GET    /api/unidades/{id}/censo             x x x x x - -
            GET    /api/leitos                          x x x x x x -
            POST   /api/leitos                          x - - - x - -
            GET    /api/leitos/{id}                     x x x x x x -
            PATCH  /api/leitos/{id}                     x - - - x - -
            POST   /api/leitos/{id}/status              x - x - x x -
            GET    /api/leitos/{id}/ocupacao            x x x x x - -
            GET    /api/pacientes                       x x x x x - -
            POST   /api/pacientes                       x x - - - - -
            GET    /api/pacientes/{id}                  x x x x x - -
            PATCH  /api/pacientes/{id}                  x x - - - - -
            POST   /api/pacientes/{id}/anulacao         x x - - - - -
            GET    /api/profissionais                   x x x x x - -
            POST   /api/profissionais                   x - - - - - -
            GET    /api/profissionais/{id}              x x x x x - -
            PATCH  /api/profissionais/{id}              x - - - - - -
            GET    /api/atendimentos                    x x x x x - -
            POST   /api/atendimentos                    x x - x x - -
            GET    /api/atendimentos/{id}               x x x x x - -
            POST   /api/atendimentos/{id}/cancelamento  x x - x x - -
            GET    /api/atendimentos/{id}/leitos        x x x x x - -
            GET    /api/transferencias                  x x x x x - -
            POST   /api/transferencias                  x - x x x - -
            GET    /api/transferencias/{id}             x x x x x - -
            GET    /api/altas                           x x x x x - -
            POST   /api/altas                           x - x x - - -
            GET    /api/altas/{id}                      x x x x x - -
            GET    /api/staging                         x - - - - - -
            GET    /api/staging/operations              x - - - - - -
            GET    /api/staging/operations/{id}         x x x x x x -
            GET    /api/staging/operations/{id}/conteudo x - - - - - -
            POST   /api/staging/operations/{id}/retry   x - - - - - -
            POST   /api/staging/operations/{id}/discard x - - - - - -
            POST   /api/staging/replay                  x - - - - - -
            GET    /api/auditoria                       x - - - - - x
            GET    /api/auditoria/verificacao           x - - - - - x
            """;

    /**
     * The staff's pages: any logged-in role may open a form (the API still decides what it may send),
     * the staging dashboard is for ADMIN. Anonymous visitors are sent to the login page.
     */
    private static final String PAGINAS = """
            # method path                               A R E M G H U
            GET    /                                    x x x x x x x
            GET    /telas                               x x x x x x x
            GET    /telas/mapa                          x x x x x x x
            GET    /telas/pacientes/novo                x x x x x x x
            GET    /telas/profissionais/novo            x x x x x x x
            GET    /telas/unidades/nova                 x x x x x x x
            GET    /telas/leitos/novo                   x x x x x x x
            GET    /telas/internacao                    x x x x x x x
            GET    /telas/transferencia                 x x x x x x x
            GET    /telas/alta                          x x x x x x x
            GET    /telas/staging                       x - - - - - -
            """;

    /** The order of the role columns of {@link #MATRIZ}. */
    private static final Papel[] COLUNAS = {
        Papel.ADMIN,
        Papel.RECEPCAO,
        Papel.ENFERMAGEM,
        Papel.MEDICO,
        Papel.GESTAO_LEITOS,
        Papel.HIGIENIZACAO,
        Papel.AUDITOR
    };

    @Autowired
    MockMvc mvc;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    record Linha(HttpMethod method, String path, Set<Papel> permitidos) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static List<Linha> linhas() {
        return linhas(MATRIZ);
    }

    static List<Linha> linhas(String matriz) {
        List<Linha> linhas = new ArrayList<>();
        for (String line : matriz.strip().split("\n")) {
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            String[] cols = line.strip().split("\\s+");
            assertThat(cols).as("line of the matrix: %s", line).hasSize(2 + COLUNAS.length);
            Set<Papel> permitidos = EnumSet.noneOf(Papel.class);
            for (int i = 0; i < COLUNAS.length; i++) {
                String marca = cols[2 + i];
                assertThat(marca).as("mark in: %s", line).isIn("x", "-");
                if (marca.equals("x")) {
                    permitidos.add(COLUNAS[i]);
                }
            }
            linhas.add(new Linha(HttpMethod.valueOf(cols[0]), cols[1], permitidos));
        }
        return linhas;
    }

    static Stream<Arguments> casos() {
        List<Arguments> casos = new ArrayList<>();
        for (Linha linha : linhas()) {
            casos.add(Arguments.of(linha.method(), linha.path(), "anônimo", 401));
            for (Papel papel : Papel.values()) {
                casos.add(Arguments.of(
                        linha.method(),
                        linha.path(),
                        papel.name(),
                        linha.permitidos().contains(papel) ? 0 : 403));
            }
        }
        return casos.stream();
    }

    /** expected: 401, 403, or 0 for "allowed" (anything but 401/403, and not a 5xx). */
    @ParameterizedTest(name = "{0} {1} as {2} → {3}")
    @MethodSource("casos")
    void enforcesTheAccessMatrix(HttpMethod method, String path, String quem, int esperado) throws Exception {
        RequestPostProcessor identidade =
                quem.equals("anônimo") ? anonymous() : user("u-" + quem).roles(quem);
        MockHttpServletRequestBuilder req =
                request(method, path.replace("{id}", ID)).with(identidade);
        if (method != HttpMethod.GET) {
            req.contentType(MediaType.APPLICATION_JSON).content("{}");
        }
        int status = mvc.perform(req).andReturn().getResponse().getStatus();
        if (esperado == 0) {
            assertThat(status)
                    .as("%s %s as %s must pass the security layer", method, path, quem)
                    .isNotIn(401, 403)
                    .isLessThan(500);
        } else {
            assertThat(status).as("%s %s as %s", method, path, quem).isEqualTo(esperado);
        }
    }

    /**
     * Which routes a user limited to some units reaches only for records of those units. {@code U}: a
     * record of another unit is refused with 403 {@code AcessoNegadoAUnidade}; {@code F}: a list, filtered
     * to the user's units; {@code -}: not limited by unit (the catalogue of units, professionals, creating
     * a patient, staging). Break-the-glass ({@value AcessoPorUnidade#CABECALHO}) opens every {@code U}.
     * The requests are made by an ADMIN limited to unit A, on records of unit B.
     */
    private static final String ESCOPO = """
            # method path                               escopo
            GET    /api/unidades                        -
            POST   /api/unidades                        U
            GET    /api/unidades/{id}                   -
            PATCH  /api/unidades/{id}                   U
            GET    /api/unidades/{id}/censo             U
            GET    /api/leitos                          F
            POST   /api/leitos                          U
            GET    /api/leitos/{id}                     U
            PATCH  /api/leitos/{id}                     U
            POST   /api/leitos/{id}/status              U
            GET    /api/leitos/{id}/ocupacao            U
            GET    /api/pacientes                       F
            POST   /api/pacientes                       -
            GET    /api/pacientes/{id}                  U
            PATCH  /api/pacientes/{id}                  U
            POST   /api/pacientes/{id}/anulacao         U
            GET    /api/profissionais                   -
            POST   /api/profissionais                   -
            GET    /api/profissionais/{id}              -
            PATCH  /api/profissionais/{id}              -
            GET    /api/atendimentos                    F
            POST   /api/atendimentos                    U
            GET    /api/atendimentos/{id}               U
            POST   /api/atendimentos/{id}/cancelamento  U
            GET    /api/atendimentos/{id}/leitos        U
            GET    /api/transferencias                  F
            POST   /api/transferencias                  U
            GET    /api/transferencias/{id}             U
            GET    /api/altas                           F
            POST   /api/altas                           U
            GET    /api/altas/{id}                      U
            GET    /api/staging                         -
            GET    /api/staging/operations              -
            GET    /api/staging/operations/{id}         -
            GET    /api/staging/operations/{id}/conteudo -
            POST   /api/staging/operations/{id}/retry   -
            POST   /api/staging/operations/{id}/discard -
            POST   /api/staging/replay                  -
            GET    /api/auditoria                       -
            GET    /api/auditoria/verificacao           -
            """;

    /** Records of unit B (and one of A), made once for the unit-scope cases. */
    private static Map<String, String> registrosDeB;

    static Stream<Arguments> escopos() {
        return Arrays.stream(ESCOPO.strip().split("\n"))
                .filter(l -> !l.isBlank() && !l.strip().startsWith("#"))
                .map(l -> l.strip().split("\\s+"))
                .map(c -> Arguments.of(HttpMethod.valueOf(c[0]), c[1], c[2]));
    }

    @ParameterizedTest(name = "{0} {1} by a user of another unit: {2}")
    @MethodSource("escopos")
    void limitsUsersToTheRecordsOfTheirUnits(HttpMethod method, String path, String escopo) throws Exception {
        Map<String, String> b = registrosDeB();
        RequestPostProcessor deA =
                user("admin-da-unidade-a").authorities(autoridades(Papel.ADMIN, UUID.fromString(b.get("unidadeA"))));
        var resposta =
                mvc.perform(requisicao(method, path, b).with(deA)).andReturn().getResponse();
        switch (escopo) {
            case "U" -> {
                assertThat(resposta.getStatus()).as("%s %s", method, path).isEqualTo(403);
                assertThat(resposta.getContentAsString()).contains("AcessoNegadoAUnidade");
                if (method == HttpMethod.GET) {
                    int emergencia = mvc.perform(requisicao(method, path, b)
                                    .with(deA)
                                    .header(AcessoPorUnidade.CABECALHO, "atendimento de emergência no plantão"))
                            .andReturn()
                            .getResponse()
                            .getStatus();
                    assertThat(emergencia)
                            .as("%s %s with break-the-glass", method, path)
                            .isEqualTo(200);
                }
            }
            case "F" -> {
                assertThat(resposta.getStatus()).as("%s %s", method, path).isEqualTo(200);
                assertThat(resposta.getContentAsString())
                        .doesNotContain(b.get("leito"), b.get("paciente"), b.get("atendimento"));
            }
            default ->
                assertThat(resposta.getStatus())
                        .as("%s %s is not limited by unit", method, path)
                        .isNotIn(401, 403)
                        .isLessThan(500);
        }
    }

    /**
     * A page calls the API with its session and CSRF token instead of HTTP Basic: the pages' chain
     * serves those calls, under the very same matrix (anonymous: 401 without a Basic challenge).
     */
    @ParameterizedTest(name = "from a page: {0} {1} as {2} → {3}")
    @MethodSource("casos")
    void enforcesTheSameMatrixOnCallsFromThePages(HttpMethod method, String path, String quem, int esperado)
            throws Exception {
        RequestPostProcessor identidade =
                quem.equals("anônimo") ? anonymous() : user("u-" + quem).roles(quem);
        MockHttpServletRequestBuilder req = request(method, path.replace("{id}", ID))
                .with(identidade)
                .with(comSessao())
                .with(csrf());
        if (method != HttpMethod.GET) {
            req.contentType(MediaType.APPLICATION_JSON).content("{}");
        }
        var response = mvc.perform(req).andReturn().getResponse();
        if (esperado == 0) {
            assertThat(response.getStatus())
                    .as("%s %s from a page as %s must pass the security layer", method, path, quem)
                    .isNotIn(401, 403)
                    .isLessThan(500);
        } else {
            assertThat(response.getStatus())
                    .as("%s %s from a page as %s", method, path, quem)
                    .isEqualTo(esperado);
            assertThat(response.getHeader("WWW-Authenticate")).isNull();
        }
    }

    @Test
    void unitScopeListsEveryApiEndpoint() {
        Set<String> naMatriz = new TreeSet<>();
        linhas().forEach(l -> naMatriz.add(l.method().name() + " " + l.path()));
        Set<String> noEscopo = new TreeSet<>();
        escopos().forEach(a -> noEscopo.add(a.get()[0] + " " + a.get()[1]));
        assertThat(noEscopo).isEqualTo(naMatriz);
    }

    private Map<String, String> registrosDeB() throws Exception {
        if (registrosDeB == null) {
            Hospital h = new Hospital(mvc);
            Map<String, String> r = new HashMap<>();
            r.put("unidadeA", h.unidade());
            String unidade = h.unidade();
            r.put("unidade", unidade);
            String leito = h.leito(unidade);
            r.put("leito", leito);
            r.put("leitoLivre", h.leito(unidade));
            r.put("leitoLivre2", h.leito(unidade));
            String paciente = h.paciente();
            r.put("paciente", paciente);
            String atendimento = h.internar(paciente, leito);
            r.put("atendimento", atendimento);
            r.put("transferencia", h.criar("/api/transferencias", """
                    {"atendimento_id": "%s", "leito_origem_id": "%s", "leito_destino_id": "%s", "motivo": "ISOLAMENTO"}
                    """.formatted(
                            atendimento, leito, r.get("leitoLivre2"))));
            r.put("leitoAtual", r.get("leitoLivre2"));
            String outro = h.paciente();
            String atendimentoEncerrado = h.internar(outro, r.get("leitoLivre"));
            r.put("alta", h.criar("/api/altas", """
                    {"atendimento_id": "%s", "motivo": "ALTA_MELHORADO", "cid_principal": "J18.9"}
                    """.formatted(atendimentoEncerrado)));
            r.put("paraAdmitir", h.leito(unidade));
            registrosDeB = r;
        }
        return registrosDeB;
    }

    private static MockHttpServletRequestBuilder requisicao(HttpMethod method, String path, Map<String, String> b) {
        String id = switch (path.split("/")[2]) {
            case "unidades" -> b.get("unidade");
            case "leitos" -> b.get("leitoAtual");
            case "pacientes" -> b.get("paciente");
            case "atendimentos" -> b.get("atendimento");
            case "transferencias" -> b.get("transferencia");
            case "altas" -> b.get("alta");
            default -> ID;
        };
        String corpo = switch (method.name() + " " + path) {
            case "POST /api/unidades" -> """
                            {"codigo": "%s", "nome": "Enfermaria Nova", "tipo": "ENFERMARIA", "aceita_internacao": true}
                            """.formatted(Ids.codigo("ENF"));
            case "POST /api/leitos" -> """
                            {"unidade_id": "%s", "codigo": "%s", "tipo": "CLINICO", "acomodacao": "ENFERMARIA"}
                            """.formatted(b.get("unidade"), Ids.codigo("L"));
            case "POST /api/pacientes" -> """
                            {"nome": "Cícero Romão Batista", "cpf": "%s", "data_nascimento": "1944-03-24", "sexo": "M"}
                            """.formatted(Ids.cpf());
            case "POST /api/atendimentos" -> Hospital.internacao(b.get("paciente"), b.get("paraAdmitir"));
            case "POST /api/atendimentos/{id}/cancelamento", "POST /api/pacientes/{id}/anulacao" ->
                "{\"motivo\": \"registro feito por engano\"}";
            case "POST /api/transferencias" ->
                """
                            {"atendimento_id": "%s", "leito_origem_id": "%s", "leito_destino_id": "%s", "motivo": "ISOLAMENTO"}
                            """.formatted(b.get("atendimento"), b.get("leitoAtual"), b.get("paraAdmitir"));
            case "POST /api/altas" -> """
                            {"atendimento_id": "%s", "motivo": "ALTA_MELHORADO", "cid_principal": "J18.9"}
                            """.formatted(b.get("atendimento"));
            case "POST /api/leitos/{id}/status" -> "{\"status\": \"BLOQUEADO\", \"motivo\": \"reforma\"}";
            default -> "{}";
        };
        MockHttpServletRequestBuilder req = request(method, path.replace("{id}", id));
        if (method != HttpMethod.GET) {
            req.contentType(MediaType.APPLICATION_JSON).content(corpo);
        }
        return req;
    }

    private static List<GrantedAuthority> autoridades(Papel papel, UUID unidade) {
        List<GrantedAuthority> lista = new ArrayList<>(UnidadesDoUsuario.autoridades(List.of(unidade)));
        lista.add(new SimpleGrantedAuthority("ROLE_" + papel.name()));
        return lista;
    }

    @Test
    void refusesAWriteFromAPageWithoutItsCsrfToken() throws Exception {
        mvc.perform(post("/api/unidades")
                        .with(user("a").roles("ADMIN"))
                        .with(comSessao())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.regra").value("SessaoDoFormularioInvalida"));
    }

    @Test
    void basicCallsNeedNoCsrfTokenEvenWithASessionCookie() throws Exception {
        mvc.perform(post("/api/unidades")
                        .with(httpBasic("ninguem", "errada"))
                        .with(comSessao())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", startsWith("Basic ")));
    }

    static Stream<Arguments> casosDasPaginas() {
        List<Arguments> casos = new ArrayList<>();
        for (Linha linha : linhas(PAGINAS)) {
            casos.add(Arguments.of(linha.path(), "anônimo", 302));
            for (Papel papel : Papel.values()) {
                casos.add(Arguments.of(
                        linha.path(), papel.name(), linha.permitidos().contains(papel) ? 0 : 403));
            }
        }
        return casos.stream();
    }

    /** expected: 302 to the login page, 403, or 0 for "shown" (200, or a redirect to /telas for {@code /}). */
    @ParameterizedTest(name = "page {0} as {1} → {2}")
    @MethodSource("casosDasPaginas")
    void enforcesThePagesMatrix(String path, String quem, int esperado) throws Exception {
        RequestPostProcessor identidade =
                quem.equals("anônimo") ? anonymous() : user("u-" + quem).roles(quem);
        var response = mvc.perform(get(path).with(identidade)).andReturn().getResponse();
        if (esperado == 302) {
            assertThat(response.getStatus()).as("page %s, anonymous", path).isEqualTo(302);
            assertThat(response.getRedirectedUrl()).endsWith("/login");
        } else if (esperado == 0) {
            assertThat(response.getStatus()).as("page %s as %s", path, quem).isIn(200, 302);
        } else {
            assertThat(response.getStatus()).as("page %s as %s", path, quem).isEqualTo(esperado);
        }
    }

    @Test
    void pagesMatrixListsEveryPage() {
        Set<String> mapeados = new TreeSet<>();
        mappings.getHandlerMethods()
                .keySet()
                .forEach(info -> info.getPatternValues().stream()
                        .filter(p -> p.equals("/") || p.startsWith("/telas"))
                        .forEach(p -> mapeados.add("GET " + p)));
        Set<String> naMatriz = new TreeSet<>();
        linhas(PAGINAS).forEach(l -> naMatriz.add(l.method().name() + " " + l.path()));
        assertThat(mapeados).isEqualTo(naMatriz);
    }

    /** The request names a session, as a browser's with its cookie does. */
    private static RequestPostProcessor comSessao() {
        return request -> {
            request.setRequestedSessionId("sessao-da-tela");
            return request;
        };
    }

    @Test
    void matrixListsEveryApiEndpointOfTheApplication() {
        Set<String> mapeados = new TreeSet<>();
        mappings.getHandlerMethods()
                .keySet()
                .forEach(info -> info.getPatternValues().stream()
                        .filter(p -> p.startsWith("/api/"))
                        .forEach(p -> info.getMethodsCondition()
                                .getMethods()
                                .forEach(m -> mapeados.add(m.name() + " " + p))));
        Set<String> naMatriz = new TreeSet<>();
        linhas().forEach(l -> naMatriz.add(l.method().name() + " " + l.path()));
        assertThat(mapeados)
                .as("every /api endpoint must have its line in the matrix (and no line may be stale)")
                .isEqualTo(naMatriz);
    }

    @Test
    void anonymousGets401ProblemWithBasicChallenge() throws Exception {
        mvc.perform(get("/api/pacientes"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", startsWith("Basic ")))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(401))
                .andExpect(jsonPath("$.regra").value("NaoAutenticado"))
                .andExpect(jsonPath("$.title").value("Autenticação necessária"))
                .andExpect(jsonPath("$.detail").value(containsString("usuário e senha")));
    }

    @Test
    void anonymousGets401EvenOnAnUnknownApiPath() throws Exception {
        // an unknown path must not tell a stranger whether it exists
        mvc.perform(get("/api/nada-aqui"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.regra").value("NaoAutenticado"));
    }

    @Test
    void refusedRoleGets403ProblemInPortuguese() throws Exception {
        mvc.perform(get("/api/pacientes").with(user("h").roles("HIGIENIZACAO")))
                .andExpect(status().isForbidden())
                .andExpect(header().doesNotExist("WWW-Authenticate"))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(403))
                .andExpect(jsonPath("$.regra").value("AcessoNegado"))
                .andExpect(jsonPath("$.title").value("Acesso negado"))
                .andExpect(jsonPath("$.detail").value(containsString("não tem permissão")));
    }

    @Test
    void userWithoutAnyRoleOfTheHospitalIsRefused() throws Exception {
        mvc.perform(get("/api/unidades").with(user("x").roles("VISITANTE")))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.regra").value("AcessoNegado"));
    }

    @Test
    void healthApiDescriptionAndDocsArePublic() throws Exception {
        mvc.perform(get("/actuator/health")).andExpect(status().isOk());
        mvc.perform(get("/openapi.json")).andExpect(status().isOk());
        int docs = mvc.perform(get("/docs")).andReturn().getResponse().getStatus();
        assertThat(docs).as("/docs for an anonymous caller").isBetween(200, 399);
        mvc.perform(get("/swagger-ui/index.html")).andExpect(status().isOk());
    }

    @Test
    void prometheusNeedsALogin() throws Exception {
        mvc.perform(get("/actuator/prometheus"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.regra").value("NaoAutenticado"));
    }

    @ParameterizedTest
    @EnumSource(
            value = Papel.class,
            names = {"ADMIN"},
            mode = EnumSource.Mode.EXCLUDE)
    void prometheusIsRefusedToEveryRoleButAdmin(Papel papel) throws Exception {
        mvc.perform(get("/actuator/prometheus").with(user("u").roles(papel.name())))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.regra").value("AcessoNegado"));
    }

    @Test
    void prometheusIsOpenToAdmin() throws Exception {
        mvc.perform(get("/actuator/prometheus").with(user("a").roles("ADMIN"))).andExpect(status().isOk());
    }

    @Test
    void otherActuatorEndpointsNeedAdmin() throws Exception {
        mvc.perform(get("/actuator/info")).andExpect(status().isUnauthorized());
        mvc.perform(get("/actuator/info").with(user("g").roles("GESTAO_LEITOS")))
                .andExpect(status().isForbidden());
        mvc.perform(get("/actuator/info").with(user("a").roles("ADMIN"))).andExpect(status().isOk());
    }

    @Test
    void everyRoleOfTheMatrixIsARoleOfTheHospital() {
        assertThat(Arrays.asList(COLUNAS)).containsExactlyInAnyOrder(Papel.values());
    }
}
