package br.com.rhp.hospital.leito;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import br.com.rhp.hospital.shared.Autoria;
import br.com.rhp.hospital.support.Ids;
import br.com.rhp.hospital.support.IntegrationTest;
import br.com.rhp.hospital.write.Action;
import br.com.rhp.hospital.write.ConstraintRule;
import br.com.rhp.hospital.write.Operation;
import br.com.rhp.hospital.write.WriteGateway;
import com.jayway.jsonpath.JsonPath;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
class LeitoApiIntegrationTests {

    private static final RequestPostProcessor GESTOR = user("gestor").roles("GESTAO_LEITOS");
    private static final RequestPostProcessor HIGIENIZACAO = user("limpeza").roles("HIGIENIZACAO");

    @Autowired
    MockMvc mvc;

    @Autowired
    LeitoRepository leitos;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    List<ConstraintRule> constraintRules;

    @Autowired
    WriteGateway gateway;

    @Autowired
    JsonMapper json;

    // --- helpers

    private String unidade(boolean aceitaInternacao, boolean ativo) throws Exception {
        String body = """
                {"codigo": "%s", "nome": "Enfermaria Santa Luzia", "tipo": "ENFERMARIA",
                 "aceita_internacao": %s, "ativo": %s}
                """.formatted(Ids.codigo("UN"), aceitaInternacao, ativo);
        String resposta = mvc.perform(post("/api/unidades")
                        .with(GESTOR)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return JsonPath.read(resposta, "$.id");
    }

    private String unidade() throws Exception {
        return unidade(true, true);
    }

    private ResultActions postarLeito(String unidadeId, String codigo, String tipo, String acomodacao)
            throws Exception {
        return mvc.perform(post("/api/leitos")
                .with(GESTOR)
                .contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"unidade_id": "%s", "codigo": "%s", "tipo": "%s", "acomodacao": "%s"}
                        """.formatted(unidadeId, codigo, tipo, acomodacao)));
    }

    private String leito(String unidadeId, String codigo, String tipo, String acomodacao) throws Exception {
        String resposta = postarLeito(unidadeId, codigo, tipo, acomodacao)
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return JsonPath.read(resposta, "$.id");
    }

    private String leito() throws Exception {
        return leito(unidade(), Ids.codigo("L"), "CLINICO", "ENFERMARIA");
    }

    private ResultActions mudarStatus(String id, String versao, String status, String motivo, RequestPostProcessor quem)
            throws Exception {
        String body = motivo == null
                ? "{\"status\": \"%s\"}".formatted(status)
                : "{\"status\": \"%s\", \"motivo\": \"%s\"}".formatted(status, motivo);
        var request = post("/api/leitos/" + id + "/status")
                .with(quem)
                .contentType(MediaType.APPLICATION_JSON)
                .content(body);
        if (versao != null) {
            request.header("If-Match", "\"" + versao + "\"");
        }
        return mvc.perform(request);
    }

    /** What an admission does to the bed (the encounter resources are another package's work). */
    private void internarPaciente(String id) {
        Instant agora = Instant.now();
        transactions.executeWithoutResult(tx -> leitos.findById(UUID.fromString(id))
                .orElseThrow()
                .ocupar(agora, new Autoria("medico", "no-teste", agora, agora)));
    }

    /** What a discharge does to the bed. */
    private void darAlta(String id) {
        Instant agora = Instant.now();
        transactions.executeWithoutResult(tx -> leitos.findById(UUID.fromString(id))
                .orElseThrow()
                .desocupar(agora, new Autoria("medico", "no-teste", agora, agora)));
    }

    private long versao(String id) {
        return leitos.findById(UUID.fromString(id)).orElseThrow().versao();
    }

    // --- creation

    @Test
    void createsAvailableBedWithLocationEtagAndAudit() throws Exception {
        String unidade = unidade();
        String codigo = Ids.codigo("UTI");
        postarLeito(unidade, codigo, "UTI_ADULTO", "APARTAMENTO")
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", containsString("/api/leitos/")))
                .andExpect(header().string("ETag", "\"0\""))
                .andExpect(jsonPath("$.versao").value(0))
                .andExpect(jsonPath("$.unidade_id").value(unidade))
                .andExpect(jsonPath("$.codigo").value(codigo))
                .andExpect(jsonPath("$.tipo").value("UTI_ADULTO"))
                .andExpect(jsonPath("$.acomodacao").value("APARTAMENTO"))
                .andExpect(jsonPath("$.status").value("DISPONIVEL"))
                .andExpect(jsonPath("$.status_motivo").value(nullValue()))
                .andExpect(jsonPath("$.status_desde").isNotEmpty())
                .andExpect(jsonPath("$.auditoria.criado_por").value("gestor"))
                .andExpect(jsonPath("$.auditoria.no_origem").value("no-teste"));
    }

    @Test
    void rejectsBedInUnknownUnit() throws Exception {
        postarLeito(UUID.randomUUID().toString(), Ids.codigo("L"), "CLINICO", "ENFERMARIA")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.regra").value("UnidadeInexistente"));
    }

    @Test
    void rejectsBedInInactiveUnit() throws Exception {
        postarLeito(unidade(true, false), Ids.codigo("L"), "CLINICO", "ENFERMARIA")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.regra").value("UnidadeInativa"))
                .andExpect(jsonPath("$.detail", containsString("inativa")));
    }

    @Test
    void rejectsBedInUnitThatDoesNotAdmitPatients() throws Exception {
        postarLeito(unidade(false, true), Ids.codigo("L"), "CLINICO", "ENFERMARIA")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.regra").value("UnidadeNaoAceitaInternacao"));
    }

    @Test
    void rejectsDuplicateCodeInTheSameUnitButNotInAnother() throws Exception {
        String unidade = unidade();
        String codigo = Ids.codigo("DUP");
        leito(unidade, codigo, "CLINICO", "ENFERMARIA");
        postarLeito(unidade, codigo, "CIRURGICO", "APARTAMENTO")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.regra").value("CodigoDeLeitoEmUso"))
                .andExpect(jsonPath("$.detail", containsString(codigo)));
        postarLeito(unidade(), codigo, "CLINICO", "ENFERMARIA").andExpect(status().isCreated());
    }

    @Test
    void namesTheUniqueIndexOfBedCodesAsCodigoDeLeitoEmUso() throws Exception {
        ConstraintRule regra = constraintRules.stream()
                .filter(r -> r.indexName().equals("ux_leito_unidade_codigo"))
                .findFirst()
                .orElseThrow();
        assertThat(regra.problem().get()).isInstanceOf(CodigoDeLeitoEmUso.class);

        // what two concurrent requests (or two replaying nodes) would hit: the index itself, through JPA as
        // in the write gateway, bypassing the check the handler makes first
        String id = leito();
        Leito existente = leitos.findById(UUID.fromString(id)).orElseThrow();
        Instant agora = Instant.now();
        Leito duplicado = Leito.criar(
                UUID.randomUUID(),
                existente.unidadeId(),
                existente.codigo(),
                TipoLeito.CLINICO,
                Acomodacao.ENFERMARIA,
                null,
                null,
                new Autoria("gestor", "no-2", agora, agora));
        assertThatThrownBy(() -> transactions.executeWithoutResult(tx -> leitos.saveAndFlush(duplicado)))
                // an integrity violation on both engines: SQLite's error 19 is translated by vendor code too
                .isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class)
                .satisfies(e -> assertThat(
                                ((DataAccessException) e).getMostSpecificCause().getMessage())
                        .containsAnyOf("\"" + regra.indexName() + "\"", "failed: " + regra.sqliteColumns()));
    }

    @Test
    void listsEveryMissingFieldInPortuguese() throws Exception {
        mvc.perform(post("/api/leitos")
                        .with(GESTOR)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"codigo\": \"1 0 1\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.regra").value("DadosInvalidos"))
                .andExpect(
                        jsonPath("$.erros[*].campo", containsInAnyOrder("acomodacao", "codigo", "tipo", "unidade_id")))
                .andExpect(jsonPath("$.erros[*].mensagem", hasItem("informe a unidade do leito")))
                .andExpect(jsonPath("$.erros[*].mensagem", hasItem("informe o tipo do leito")))
                .andExpect(jsonPath(
                        "$.erros[*].mensagem", hasItem("o código usa letras, dígitos, ponto, hífen e sublinhado")));
    }

    @Test
    void rejectsUnknownKindsAndFields() throws Exception {
        postarLeito(unidade(), "L1", "MACA", "ENFERMARIA")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.erros[0].campo").value("tipo"));
        mvc.perform(post("/api/leitos")
                        .with(GESTOR)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"unidade_id": "%s", "codigo": "L1", "tipo": "CLINICO", "acomodacao": "ENFERMARIA",
                                 "status": "OCUPADO"}
                                """.formatted(unidade())))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.erros[0].campo").value("status"));
    }

    // --- reading

    @Test
    void readsBedWithEtagAndNoPatientData() throws Exception {
        String id = leito();
        String resposta = mvc.perform(get("/api/leitos/" + id).with(HIGIENIZACAO))
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"0\""))
                .andExpect(jsonPath("$.id").value(id))
                .andReturn()
                .getResponse()
                .getContentAsString();
        Map<String, Object> campos = JsonPath.read(resposta, "$");
        assertThat(campos.keySet())
                .containsExactlyInAnyOrder(
                        "id",
                        "versao",
                        "unidade_id",
                        "codigo",
                        "tipo",
                        "acomodacao",
                        "status",
                        "status_motivo",
                        "status_desde",
                        "auditoria");
    }

    @Test
    void showsNoPatientDataEvenWhileOccupied() throws Exception {
        String id = leito();
        internarPaciente(id);
        mvc.perform(get("/api/leitos/" + id).with(HIGIENIZACAO))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("OCUPADO"))
                .andExpect(jsonPath("$.paciente").doesNotExist())
                .andExpect(jsonPath("$.paciente_id").doesNotExist())
                .andExpect(jsonPath("$.atendimento_id").doesNotExist());
    }

    @Test
    void answers404ForUnknownBed() throws Exception {
        mvc.perform(get("/api/leitos/" + UUID.randomUUID()).with(GESTOR))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.regra").value("RegistroNaoEncontrado"));
        mudarStatus(UUID.randomUUID().toString(), "0", "BLOQUEADO", "teste", GESTOR)
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.regra").value("RegistroNaoEncontrado"));
    }

    @Test
    void listsBedsOfAUnitByCodeWithFilters() throws Exception {
        String unidade = unidade();
        String b = leito(unidade, "B-02", "CLINICO", "ENFERMARIA");
        String a = leito(unidade, "A-01", "CLINICO", "APARTAMENTO");
        String c = leito(unidade, "C-03", "ISOLAMENTO", "APARTAMENTO");
        leito(unidade(), "A-00", "CLINICO", "ENFERMARIA");
        mudarStatus(c, "0", "BLOQUEADO", "isolamento de contato", GESTOR).andExpect(status().isOk());

        mvc.perform(get("/api/leitos").param("unidade_id", unidade).with(HIGIENIZACAO))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total_itens").value(3))
                .andExpect(jsonPath("$.itens[0].id").value(a))
                .andExpect(jsonPath("$.itens[1].id").value(b))
                .andExpect(jsonPath("$.itens[2].id").value(c));
        mvc.perform(get("/api/leitos")
                        .param("unidade_id", unidade)
                        .param("acomodacao", "APARTAMENTO")
                        .with(GESTOR))
                .andExpect(jsonPath("$.total_itens").value(2))
                .andExpect(jsonPath("$.itens[0].id").value(a))
                .andExpect(jsonPath("$.itens[1].id").value(c));
        mvc.perform(get("/api/leitos")
                        .param("unidade_id", unidade)
                        .param("tipo", "ISOLAMENTO")
                        .with(GESTOR))
                .andExpect(jsonPath("$.total_itens").value(1))
                .andExpect(jsonPath("$.itens[0].id").value(c));
        mvc.perform(get("/api/leitos")
                        .param("unidade_id", unidade)
                        .param("status", "DISPONIVEL")
                        .with(GESTOR))
                .andExpect(jsonPath("$.total_itens").value(2))
                .andExpect(jsonPath("$.itens[*].id", not(hasItem(c))));
        mvc.perform(get("/api/leitos")
                        .param("unidade_id", unidade)
                        .param("status", "BLOQUEADO", "MANUTENCAO")
                        .with(GESTOR))
                .andExpect(jsonPath("$.total_itens").value(1))
                .andExpect(jsonPath("$.itens[0].status_motivo").value("isolamento de contato"));
    }

    @Test
    void pagesBedsAndIgnoresForeignSortOrders() throws Exception {
        String unidade = unidade();
        leito(unidade, "03", "CLINICO", "ENFERMARIA");
        leito(unidade, "01", "CLINICO", "ENFERMARIA");
        leito(unidade, "02", "CLINICO", "ENFERMARIA");
        mvc.perform(get("/api/leitos")
                        .param("unidade_id", unidade)
                        .param("size", "2")
                        .param("page", "1")
                        .param("sort", "nao_existe,desc")
                        .with(GESTOR))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total_itens").value(3))
                .andExpect(jsonPath("$.total_paginas").value(2))
                .andExpect(jsonPath("$.itens.length()").value(1))
                .andExpect(jsonPath("$.itens[0].codigo").value("03"));
    }

    @Test
    void rejectsUnknownFilterValues() throws Exception {
        mvc.perform(get("/api/leitos").param("status", "LIVRE").with(GESTOR))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.erros[0].campo").value("status"));
    }

    // --- patch

    @Test
    void patchesDescriptiveFieldsAndRefusesStaleVersion() throws Exception {
        String id = leito();
        String novoCodigo = Ids.codigo("N");
        mvc.perform(patch("/api/leitos/" + id)
                        .with(GESTOR)
                        .header("If-Match", "\"0\"")
                        .contentType("application/merge-patch+json")
                        .content("{\"codigo\": \"%s\", \"tipo\": \"ISOLAMENTO\"}".formatted(novoCodigo)))
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"1\""))
                .andExpect(jsonPath("$.codigo").value(novoCodigo))
                .andExpect(jsonPath("$.tipo").value("ISOLAMENTO"))
                .andExpect(jsonPath("$.acomodacao").value("ENFERMARIA"))
                .andExpect(jsonPath("$.status").value("DISPONIVEL"))
                .andExpect(jsonPath("$.auditoria.atualizado_por").value("gestor"));
        mvc.perform(patch("/api/leitos/" + id)
                        .with(GESTOR)
                        .header("If-Match", "\"0\"")
                        .contentType("application/merge-patch+json")
                        .content("{\"acomodacao\": \"APARTAMENTO\"}"))
                .andExpect(status().isPreconditionFailed())
                .andExpect(jsonPath("$.regra").value("VersaoDivergente"));
    }

    @Test
    void patchWithoutIfMatchIsRefused() throws Exception {
        String id = leito();
        mvc.perform(patch("/api/leitos/" + id)
                        .with(GESTOR)
                        .contentType("application/merge-patch+json")
                        .content("{\"tipo\": \"CIRURGICO\"}"))
                .andExpect(status().isPreconditionRequired())
                .andExpect(jsonPath("$.regra").value("VersaoNaoInformada"));
    }

    @Test
    void patchNamesStatusAndUnitAsNotChangeable() throws Exception {
        String id = leito();
        mvc.perform(patch("/api/leitos/" + id)
                        .with(GESTOR)
                        .header("If-Match", "\"0\"")
                        .contentType("application/merge-patch+json")
                        .content("{\"status\": \"DISPONIVEL\", \"unidade_id\": \"%s\", \"codigo\": \"\"}"
                                .formatted(unidade())))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.erros[*].campo", containsInAnyOrder("status", "unidade_id", "codigo")))
                .andExpect(jsonPath("$.erros[?(@.campo == 'status')].mensagem", hasItem(containsString("/status"))));
        mvc.perform(patch("/api/leitos/" + id)
                        .with(GESTOR)
                        .header("If-Match", "\"0\"")
                        .contentType("application/merge-patch+json")
                        .content("{\"status_motivo\": \"x\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.erros[0].campo").value("status_motivo"));
        assertThat(versao(id)).isZero();
    }

    @Test
    void patchRefusesACodeInUseInTheSameUnit() throws Exception {
        String unidade = unidade();
        String ocupado = Ids.codigo("P");
        leito(unidade, ocupado, "CLINICO", "ENFERMARIA");
        String id = leito(unidade, Ids.codigo("P"), "CLINICO", "ENFERMARIA");
        mvc.perform(patch("/api/leitos/" + id)
                        .with(GESTOR)
                        .header("If-Match", "\"0\"")
                        .contentType("application/merge-patch+json")
                        .content("{\"codigo\": \"%s\"}".formatted(ocupado)))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.regra").value("CodigoDeLeitoEmUso"));
    }

    // --- status

    @Test
    void blocksAndReleasesABedRecordingReasonAndTime() throws Exception {
        String id = leito();
        String resposta = mudarStatus(id, "0", "BLOQUEADO", "  aguardando troca de colchão ", GESTOR)
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"1\""))
                .andExpect(jsonPath("$.status").value("BLOQUEADO"))
                .andExpect(jsonPath("$.status_motivo").value("aguardando troca de colchão"))
                .andExpect(jsonPath("$.auditoria.atualizado_por").value("gestor"))
                .andReturn()
                .getResponse()
                .getContentAsString();
        // both are the operation's registradoEm
        String desde = JsonPath.read(resposta, "$.status_desde");
        String atualizado = JsonPath.read(resposta, "$.auditoria.atualizado_em");
        assertThat(Instant.parse(desde)).isEqualTo(Instant.parse(atualizado));

        mudarStatus(id, "1", "DISPONIVEL", null, GESTOR)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("DISPONIVEL"))
                .andExpect(jsonPath("$.status_motivo").value(nullValue()));
    }

    @Test
    void requiresAReasonToBlockReserveRepairOrDeactivate() throws Exception {
        String id = leito();
        for (String status : List.of("BLOQUEADO", "RESERVADO", "MANUTENCAO", "DESATIVADO")) {
            mudarStatus(id, "0", status, null, GESTOR)
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.erros[0].campo").value("motivo"))
                    .andExpect(jsonPath("$.erros[0].mensagem", containsString("motivo")));
        }
        mudarStatus(id, "0", "BLOQUEADO", "   ", GESTOR).andExpect(status().isBadRequest());
        assertThat(versao(id)).isZero();
    }

    @Test
    void refusesOcupadoSetByHand() throws Exception {
        String id = leito();
        mudarStatus(id, "0", "OCUPADO", null, GESTOR)
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.regra").value("OcupacaoManualProibida"))
                .andExpect(jsonPath("$.detail", containsString("internação")));
        assertThat(versao(id)).isZero();
    }

    @Test
    void refusesToFreeAnOccupiedBedByHand() throws Exception {
        String id = leito();
        internarPaciente(id);
        mudarStatus(id, String.valueOf(versao(id)), "HIGIENIZACAO", null, HIGIENIZACAO)
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.regra").value("LeitoOcupado"));
        mudarStatus(id, String.valueOf(versao(id)), "DESATIVADO", "fim de contrato", GESTOR)
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.regra").value("LeitoOcupado"));
    }

    @Test
    void refusesTransitionsOutsideTheTable() throws Exception {
        String id = leito();
        mudarStatus(id, "0", "RESERVADO", "cirurgia eletiva amanhã", GESTOR).andExpect(status().isOk());
        mudarStatus(id, "1", "MANUTENCAO", "ar-condicionado", GESTOR)
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.regra").value("TransicaoDeStatusInvalida"))
                .andExpect(jsonPath("$.detail", containsString("RESERVADO")));
        mudarStatus(id, "1", "HIGIENIZACAO", null, GESTOR)
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.regra").value("TransicaoDeStatusInvalida"));
        assertThat(versao(id)).isEqualTo(1);
    }

    @Test
    void rejectsAChangeToTheCurrentStatus() throws Exception {
        String id = leito();
        mudarStatus(id, "0", "DISPONIVEL", null, HIGIENIZACAO)
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.regra").value("StatusDoLeitoInalterado"))
                .andExpect(jsonPath("$.detail", containsString("já está em DISPONIVEL")));
    }

    @Test
    void statusChangeNeedsTheCurrentVersion() throws Exception {
        String id = leito();
        mudarStatus(id, null, "BLOQUEADO", "vazamento", GESTOR)
                .andExpect(status().isPreconditionRequired())
                .andExpect(jsonPath("$.regra").value("VersaoNaoInformada"));
        mudarStatus(id, "0", "BLOQUEADO", "vazamento", GESTOR).andExpect(status().isOk());
        mudarStatus(id, "0", "DISPONIVEL", null, GESTOR)
                .andExpect(status().isPreconditionFailed())
                .andExpect(jsonPath("$.regra").value("VersaoDivergente"));
    }

    @Test
    void deactivatesAndReactivatesABed() throws Exception {
        String id = leito();
        mudarStatus(id, "0", "DESATIVADO", "leito retirado na reforma", GESTOR)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("DESATIVADO"));
        mudarStatus(id, "1", "DISPONIVEL", null, GESTOR)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("DISPONIVEL"));
    }

    @Test
    void appliesAStagedStatusChangeAtTheTimeItWasRegistered() throws Exception {
        String id = leito();
        Instant registrado = Instant.parse("2026-03-02T07:15:30.250Z");
        // as replay hands it over: the payload read back from a JSON file, hours after submission
        Operation operacao = new Operation(
                UUID.randomUUID(),
                Leito.ENTIDADE,
                Action.UPDATE,
                "mudar-status",
                UUID.fromString(id),
                0L,
                "limpeza",
                "no-2",
                "10.0.0.9",
                registrado,
                json.readTree("{\"status\": \"MANUTENCAO\", \"motivo\": \"grade da cama quebrada\"}"));
        gateway.submit(operacao);

        mvc.perform(get("/api/leitos/" + id).with(GESTOR))
                .andExpect(jsonPath("$.status").value("MANUTENCAO"))
                .andExpect(jsonPath("$.status_motivo").value("grade da cama quebrada"))
                .andExpect(jsonPath("$.auditoria.atualizado_por").value("limpeza"))
                .andExpect(header().string("ETag", "\"1\""))
                .andExpect(result -> assertThat(Instant.parse(
                                JsonPath.read(result.getResponse().getContentAsString(), "$.status_desde")))
                        .isEqualTo(registrado));
    }

    // --- roles

    @Test
    void housekeepingReleasesACleanedBedButCannotCreateOrChangeBeds() throws Exception {
        String unidade = unidade();
        String id = leito(unidade, Ids.codigo("H"), "CLINICO", "ENFERMARIA");
        internarPaciente(id);
        darAlta(id);
        mvc.perform(get("/api/leitos/" + id).with(HIGIENIZACAO))
                .andExpect(jsonPath("$.status").value("HIGIENIZACAO"));

        mudarStatus(id, String.valueOf(versao(id)), "DISPONIVEL", null, HIGIENIZACAO)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("DISPONIVEL"))
                .andExpect(jsonPath("$.auditoria.atualizado_por").value("limpeza"));

        mvc.perform(post("/api/leitos")
                        .with(HIGIENIZACAO)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"unidade_id": "%s", "codigo": "%s", "tipo": "CLINICO", "acomodacao": "ENFERMARIA"}
                                """.formatted(unidade, Ids.codigo("H"))))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.regra").value("AcessoNegado"));
        mvc.perform(patch("/api/leitos/" + id)
                        .with(HIGIENIZACAO)
                        .header("If-Match", "\"" + versao(id) + "\"")
                        .contentType("application/merge-patch+json")
                        .content("{\"tipo\": \"CIRURGICO\"}"))
                .andExpect(status().isForbidden());
    }

    @Test
    void refusesBedWritesWithoutLoginOrRole() throws Exception {
        String id = leito();
        mvc.perform(get("/api/leitos/" + id)).andExpect(status().isUnauthorized());
        mudarStatus(id, "0", "BLOQUEADO", "x", user("r").roles("RECEPCAO")).andExpect(status().isForbidden());
        mudarStatus(id, "0", "BLOQUEADO", "x", user("m").roles("MEDICO")).andExpect(status().isForbidden());
        mudarStatus(id, "0", "BLOQUEADO", "piso molhado", user("e").roles("ENFERMAGEM"))
                .andExpect(status().isOk());
    }
}
