package br.com.rhp.hospital.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import br.com.rhp.hospital.support.Hospital;
import br.com.rhp.hospital.support.Ids;
import br.com.rhp.hospital.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Users limited to some units: they reach beds, census, encounters, transfers, discharges and the
 * identity of patients of their units only, lists are filtered, and break-the-glass lets them through
 * with a reason, logged without it and published for the audit trail.
 */
@IntegrationTest
@RecordApplicationEvents
@ExtendWith(OutputCaptureExtension.class)
class UnitAccessIntegrationTests {

    private static final String MOTIVO = "Paciente Severino Amaro em parada cardiorrespiratória";

    @Autowired
    MockMvc mvc;

    @Autowired
    ApplicationEvents events;

    Hospital h;
    String unidadeA, unidadeB, leitoA1, leitoA2, leitoB1, leitoB2, pacienteA, pacienteB, atendimentoA, atendimentoB;

    @BeforeEach
    void hospitalComDuasUnidades() throws Exception {
        h = new Hospital(mvc);
        unidadeA = h.unidade();
        unidadeB = h.unidade();
        leitoA1 = h.leito(unidadeA);
        leitoA2 = h.leito(unidadeA);
        leitoB1 = h.leito(unidadeB);
        leitoB2 = h.leito(unidadeB);
        pacienteA = h.paciente();
        pacienteB = h.paciente();
        atendimentoA = h.internar(pacienteA, leitoA1);
        atendimentoB = h.internar(pacienteB, leitoB1);
    }

    @Test
    void limitedUserReadsBedsAndCensusOfTheirUnitsOnly() throws Exception {
        RequestPostProcessor enfA = limitado("ENFERMAGEM", unidadeA);
        mvc.perform(get("/api/leitos/" + leitoA1).with(enfA)).andExpect(status().isOk());
        mvc.perform(get("/api/unidades/" + unidadeA + "/censo").with(enfA)).andExpect(status().isOk());
        mvc.perform(get("/api/leitos/" + leitoA1 + "/ocupacao").with(enfA)).andExpect(status().isOk());
        negado(get("/api/leitos/" + leitoB1).with(enfA));
        negado(get("/api/unidades/" + unidadeB + "/censo").with(enfA));
        negado(get("/api/leitos/" + leitoB1 + "/ocupacao").with(enfA));
        // units themselves are the hospital's catalogue, with no patient in them
        mvc.perform(get("/api/unidades/" + unidadeB).with(enfA)).andExpect(status().isOk());
    }

    @Test
    void limitedUserReadsEncountersAndPatientsOfTheirUnitsOnly() throws Exception {
        RequestPostProcessor enfA = limitado("ENFERMAGEM", unidadeA);
        mvc.perform(get("/api/atendimentos/" + atendimentoA).with(enfA)).andExpect(status().isOk());
        mvc.perform(get("/api/atendimentos/" + atendimentoA + "/leitos").with(enfA))
                .andExpect(status().isOk());
        mvc.perform(get("/api/pacientes/" + pacienteA).with(enfA)).andExpect(status().isOk());
        negado(get("/api/atendimentos/" + atendimentoB).with(enfA));
        negado(get("/api/atendimentos/" + atendimentoB + "/leitos").with(enfA));
        negado(get("/api/pacientes/" + pacienteB).with(enfA));
    }

    @Test
    void listsShowOnlyRecordsOfTheUnits() throws Exception {
        h.post("/api/transferencias", transferencia(atendimentoA, leitoA1, leitoA2))
                .andExpect(status().isCreated());
        h.post("/api/transferencias", transferencia(atendimentoB, leitoB1, leitoB2))
                .andExpect(status().isCreated());
        h.post("/api/altas", alta(atendimentoB)).andExpect(status().isCreated());
        RequestPostProcessor enfA = limitado("ENFERMAGEM", unidadeA);

        String leitos = corpo(get("/api/leitos?size=200").with(enfA));
        assertThat(leitos).contains(leitoA1, leitoA2).doesNotContain(leitoB1, leitoB2);
        String atendimentos = corpo(get("/api/atendimentos?size=200").with(enfA));
        assertThat(atendimentos).contains(atendimentoA).doesNotContain(atendimentoB);
        String pacientes = corpo(get("/api/pacientes?size=200").with(enfA));
        assertThat(pacientes).contains(pacienteA).doesNotContain(pacienteB);
        String transferencias = corpo(get("/api/transferencias?size=200").with(enfA));
        assertThat(transferencias).contains(atendimentoA).doesNotContain(atendimentoB);
        String altas = corpo(get("/api/altas?size=200").with(enfA));
        assertThat(altas).doesNotContain(atendimentoB);
        // asking for the other unit's beds finds none of them
        assertThat(corpo(get("/api/leitos?unidade_id=" + unidadeB).with(enfA))).doesNotContain(leitoB1);
        // a user limited to no unit at all sees nothing
        assertThat(corpo(get("/api/leitos?size=200").with(limitado("ENFERMAGEM"))))
                .doesNotContain(leitoA1, leitoB1);
    }

    @Test
    void patientIdentityIsReachableOnlyWhileTheStayInTheUnitIsOngoing() throws Exception {
        RequestPostProcessor enfA = limitado("ENFERMAGEM", unidadeA);
        mvc.perform(get("/api/pacientes/" + pacienteA).with(enfA)).andExpect(status().isOk());
        h.post("/api/altas", alta(atendimentoA)).andExpect(status().isCreated());
        negado(get("/api/pacientes/" + pacienteA).with(enfA));
        // the discharge itself stays readable: it is a record of the unit
        assertThat(corpo(get("/api/altas?atendimento_id=" + atendimentoA).with(enfA)))
                .contains(atendimentoA);
    }

    @Test
    void transferBetweenUnitsNeedsBothUnits() throws Exception {
        negado(post("/api/transferencias")
                .with(limitado("ENFERMAGEM", unidadeA))
                .contentType(MediaType.APPLICATION_JSON)
                .content(transferencia(atendimentoA, leitoA1, leitoB2)));
        h.post(
                        "/api/transferencias",
                        transferencia(atendimentoA, leitoA1, leitoB2),
                        limitado("ENFERMAGEM", unidadeA, unidadeB))
                .andExpect(status().isCreated());
    }

    @Test
    void transferWithinTheUnitIsAllowed() throws Exception {
        h.post("/api/transferencias", transferencia(atendimentoA, leitoA1, leitoA2), limitado("MEDICO", unidadeA))
                .andExpect(status().isCreated());
    }

    @Test
    void writesOnRecordsOfOtherUnitsAreRefused() throws Exception {
        RequestPostProcessor gestorA = limitado("GESTAO_LEITOS", unidadeA);
        negado(post("/api/leitos/" + leitoB2 + "/status")
                .with(gestorA)
                .header("If-Match", "\"0\"")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"status\": \"BLOQUEADO\", \"motivo\": \"vazamento no teto\"}"));
        negado(patch("/api/leitos/" + leitoB2)
                .with(gestorA)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"tipo\": \"CIRURGICO\"}"));
        negado(post("/api/leitos")
                .with(gestorA)
                .contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"unidade_id": "%s", "codigo": "%s", "tipo": "CLINICO", "acomodacao": "ENFERMARIA"}
                        """.formatted(unidadeB, Ids.codigo("L"))));
        negado(post("/api/unidades")
                .with(gestorA)
                .contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"codigo": "%s", "nome": "Enfermaria Nova", "tipo": "ENFERMARIA", "aceita_internacao": true}
                        """.formatted(Ids.codigo("ENF"))));
        negado(patch("/api/unidades/" + unidadeB)
                .with(gestorA)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"nome\": \"Outro nome\"}"));
        negado(post("/api/atendimentos")
                .with(gestorA)
                .contentType(MediaType.APPLICATION_JSON)
                .content(Hospital.internacao(h.paciente(), leitoB2)));
        negado(post("/api/atendimentos/" + atendimentoB + "/cancelamento")
                .with(gestorA)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"motivo\": \"registrado por engano\"}"));
        negado(post("/api/altas")
                .with(limitado("MEDICO", unidadeA))
                .contentType(MediaType.APPLICATION_JSON)
                .content(alta(atendimentoB)));
        negado(patch("/api/pacientes/" + pacienteB)
                .with(limitado("RECEPCAO", unidadeA))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"telefone\": \"81999990000\"}"));
        // and the same writes in their own unit pass
        h.post("/api/atendimentos", Hospital.internacao(h.paciente(), leitoA2), gestorA)
                .andExpect(status().isCreated());
    }

    @Test
    void unlimitedUsersAreNotAffected() throws Exception {
        RequestPostProcessor enf = user("enf").roles("ENFERMAGEM");
        mvc.perform(get("/api/unidades/" + unidadeB + "/censo").with(enf)).andExpect(status().isOk());
        mvc.perform(get("/api/pacientes/" + pacienteB).with(enf)).andExpect(status().isOk());
        assertThat(events.stream(AcessoEmergencial.class)).isEmpty();
    }

    @Test
    void breakTheGlassLetsALimitedUserThroughAndPublishesTheAccess(CapturedOutput output) throws Exception {
        RequestPostProcessor enfA = limitado("ENFERMAGEM", unidadeA);
        mvc.perform(get("/api/unidades/" + unidadeB + "/censo")
                        .with(enfA)
                        .header(AcessoPorUnidade.CABECALHO, MOTIVO)
                        .with(r -> {
                            r.setRemoteAddr("10.9.8.7");
                            return r;
                        }))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(pacienteB)));

        assertThat(events.stream(AcessoEmergencial.class)).singleElement().satisfies(e -> {
            assertThat(e.usuario()).isEqualTo("limitado");
            assertThat(e.motivo()).isEqualTo(MOTIVO);
            assertThat(e.metodo()).isEqualTo("GET");
            assertThat(e.caminho()).isEqualTo("/api/unidades/" + unidadeB + "/censo");
            assertThat(e.endereco()).isEqualTo("10.9.8.7");
            assertThat(e.instante()).isNotNull();
        });
        assertThat(output.getAll()).contains("Break-the-glass").doesNotContain("Severino");

        // and it is in the audit trail, with its reason, for the data protection officer
        String trilha = mvc.perform(get("/api/auditoria?usuario=limitado&acao=ACESSO_EMERGENCIAL")
                        .with(user("dpo").roles("AUDITOR")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total_itens").value(1))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(trilha)
                .contains("GET /api/unidades/" + unidadeB + "/censo")
                .contains(MOTIVO)
                .contains("10.9.8.7");
    }

    @Test
    void breakTheGlassAlsoOpensListsAndWrites() throws Exception {
        RequestPostProcessor enfA = limitado("ENFERMAGEM", unidadeA);
        assertThat(corpo(get("/api/pacientes?size=200").with(enfA).header(AcessoPorUnidade.CABECALHO, MOTIVO)))
                .contains(pacienteB);
        h.post("/api/altas", alta(atendimentoB), r -> {
                    enfA.postProcessRequest(r);
                    r.addHeader(AcessoPorUnidade.CABECALHO, MOTIVO);
                    return r;
                })
                .andExpect(status().isCreated());
        assertThat(events.stream(AcessoEmergencial.class)).hasSize(2);
    }

    @Test
    void breakTheGlassNeedsARealReason() throws Exception {
        mvc.perform(get("/api/unidades/" + unidadeB + "/censo")
                        .with(limitado("ENFERMAGEM", unidadeA))
                        .header(AcessoPorUnidade.CABECALHO, "urgente"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.regra").value("MotivoDeAcessoEmergencialInvalido"))
                .andExpect(jsonPath("$.detail").value(containsString("motivo do acesso emergencial")));
        assertThat(events.stream(AcessoEmergencial.class)).isEmpty();
    }

    @Test
    void breakTheGlassIsNotRecordedWhenTheUnitAlreadyAllowsTheAccess() throws Exception {
        mvc.perform(get("/api/unidades/" + unidadeA + "/censo")
                        .with(limitado("ENFERMAGEM", unidadeA))
                        .header(AcessoPorUnidade.CABECALHO, MOTIVO))
                .andExpect(status().isOk());
        assertThat(events.stream(AcessoEmergencial.class)).isEmpty();
    }

    private void negado(MockHttpServletRequestBuilder request) throws Exception {
        mvc.perform(request)
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.regra").value("AcessoNegadoAUnidade"))
                .andExpect(jsonPath("$.title").value("Acesso negado"))
                .andExpect(jsonPath("$.detail").value(containsString("limitado")))
                .andExpect(jsonPath("$.detail").value(containsString(AcessoPorUnidade.CABECALHO)));
    }

    private String corpo(MockHttpServletRequestBuilder request) throws Exception {
        ResultActions r = mvc.perform(request).andExpect(status().isOk());
        return r.andReturn().getResponse().getContentAsString();
    }

    private static RequestPostProcessor limitado(String papel, String... unidades) {
        List<GrantedAuthority> autoridades = new ArrayList<>();
        autoridades.add(new SimpleGrantedAuthority("ROLE_" + papel));
        autoridades.addAll(UnidadesDoUsuario.autoridades(
                java.util.Arrays.stream(unidades).map(UUID::fromString).toList()));
        return user("limitado").authorities(autoridades);
    }

    private static String transferencia(String atendimento, String origem, String destino) {
        return """
                {"atendimento_id": "%s", "leito_origem_id": "%s", "leito_destino_id": "%s", "motivo": "MUDANCA_NIVEL_CUIDADO"}
                """.formatted(atendimento, origem, destino);
    }

    private static String alta(String atendimento) {
        return """
                {"atendimento_id": "%s", "motivo": "ALTA_MELHORADO", "cid_principal": "J18.9"}
                """.formatted(atendimento);
    }
}
