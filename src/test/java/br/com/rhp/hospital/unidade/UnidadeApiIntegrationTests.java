package br.com.rhp.hospital.unidade;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import br.com.rhp.hospital.support.Ids;
import br.com.rhp.hospital.support.IntegrationTest;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

@IntegrationTest
class UnidadeApiIntegrationTests {

    private static final RequestPostProcessor GESTOR = user("gestor").roles("GESTAO_LEITOS");

    @Autowired
    MockMvc mvc;

    private String criar(String codigo, String extra) throws Exception {
        String body = """
                {"codigo": "%s", "nome": "Enfermaria São José", "tipo": "ENFERMARIA", "aceita_internacao": true%s}
                """.formatted(codigo, extra);
        String json = mvc.perform(post("/api/unidades")
                        .with(GESTOR)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return JsonPath.read(json, "$.id");
    }

    @Test
    void createsUnitWithLocationEtagAndAudit() throws Exception {
        String codigo = Ids.codigo("ENF");
        mvc.perform(post("/api/unidades")
                        .with(GESTOR)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"codigo": "%s", "nome": "Enfermaria Conceição", "tipo": "ENFERMARIA", "aceita_internacao": true}
                                """.formatted(codigo)))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", containsString("/api/unidades/")))
                .andExpect(header().string("ETag", "\"0\""))
                .andExpect(jsonPath("$.versao").value(0))
                .andExpect(jsonPath("$.nome").value("Enfermaria Conceição"))
                .andExpect(jsonPath("$.ativo").value(true))
                .andExpect(jsonPath("$.auditoria.criado_por").value("gestor"))
                .andExpect(jsonPath("$.auditoria.no_origem").value("no-teste"));
    }

    @Test
    void idsAreTimeOrderedUuidV7() throws Exception {
        String id = criar(Ids.codigo("U"), "");
        org.assertj.core.api.Assertions.assertThat(java.util.UUID.fromString(id).version())
                .isEqualTo(7);
    }

    @Test
    void readsUnitWithEtag() throws Exception {
        String id = criar(Ids.codigo("U"), "");
        mvc.perform(get("/api/unidades/" + id).with(user("h").roles("HIGIENIZACAO")))
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"0\""))
                .andExpect(jsonPath("$.id").value(id));
    }

    @Test
    void answers404ForUnknownUnit() throws Exception {
        mvc.perform(get("/api/unidades/01936f3e-0000-7000-8000-000000000000").with(GESTOR))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.regra").value("RegistroNaoEncontrado"));
    }

    @Test
    void rejectsDuplicateCode() throws Exception {
        String codigo = Ids.codigo("DUP");
        criar(codigo, "");
        mvc.perform(post("/api/unidades")
                        .with(GESTOR)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"codigo": "%s", "nome": "Outra", "tipo": "ALA", "aceita_internacao": false}
                                """.formatted(codigo)))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.regra").value("CodigoDeUnidadeEmUso"));
    }

    @Test
    void requiresCnesForEstablishment() throws Exception {
        mvc.perform(post("/api/unidades")
                        .with(GESTOR)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"codigo": "%s", "nome": "Hospital", "tipo": "ESTABELECIMENTO", "aceita_internacao": false}
                                """.formatted(Ids.codigo("H"))))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.erros[*].campo", hasItem("cnes")));
    }

    @Test
    void listsEveryBadFieldAtOnce() throws Exception {
        mvc.perform(post("/api/unidades")
                        .with(GESTOR)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"codigo": "", "nome": "", "tipo": "ENFERMARIA", "cnes": "12"}
                                """))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.regra").value("DadosInvalidos"))
                .andExpect(jsonPath("$.erros[*].campo", hasItem("codigo")))
                .andExpect(jsonPath("$.erros[*].campo", hasItem("nome")))
                .andExpect(jsonPath("$.erros[*].campo", hasItem("cnes")))
                .andExpect(jsonPath("$.erros[*].campo", hasItem("aceita_internacao")));
    }

    @Test
    void rejectsUnknownFieldsAndWrongTypes() throws Exception {
        mvc.perform(post("/api/unidades")
                        .with(GESTOR)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"codigo": "X1", "nome": "A", "tipo": "ENFERMARIA", "aceita_internacao": true, "leitos": 3}
                                """))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.erros[0].campo").value("leitos"));
        mvc.perform(post("/api/unidades")
                        .with(GESTOR)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"codigo": "X1", "nome": "A", "tipo": "ENFERMARIA", "aceita_internacao": "talvez"}
                                """))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.erros[0].campo").value("aceita_internacao"));
        mvc.perform(post("/api/unidades")
                        .with(GESTOR)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"codigo": "X1", "nome": "A", "tipo": "QUARTO", "aceita_internacao": true}
                                """))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.erros[0].campo").value("tipo"));
        mvc.perform(post("/api/unidades")
                        .with(GESTOR)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"codigo\": "))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.regra").value("DadosInvalidos"));
    }

    @Test
    void patchesWithIfMatchAndRefusesStaleVersion() throws Exception {
        String id = criar(Ids.codigo("P"), "");
        mvc.perform(patch("/api/unidades/" + id)
                        .with(GESTOR)
                        .header("If-Match", "\"0\"")
                        .contentType("application/merge-patch+json")
                        .content("{\"nome\": \"Enfermaria Nossa Senhora da Conceição\"}"))
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"1\""))
                .andExpect(jsonPath("$.nome").value("Enfermaria Nossa Senhora da Conceição"))
                .andExpect(jsonPath("$.auditoria.atualizado_por").value("gestor"));
        mvc.perform(patch("/api/unidades/" + id)
                        .with(GESTOR)
                        .header("If-Match", "\"0\"")
                        .contentType("application/merge-patch+json")
                        .content("{\"nome\": \"Outro nome\"}"))
                .andExpect(status().isPreconditionFailed())
                .andExpect(jsonPath("$.regra").value("VersaoDivergente"));
    }

    @Test
    void patchWithoutIfMatchIsRefused() throws Exception {
        String id = criar(Ids.codigo("P"), "");
        mvc.perform(patch("/api/unidades/" + id)
                        .with(GESTOR)
                        .contentType("application/merge-patch+json")
                        .content("{\"nome\": \"Outro\"}"))
                .andExpect(status().isPreconditionRequired());
    }

    @Test
    void patchRejectsUnknownAndInvalidFields() throws Exception {
        String id = criar(Ids.codigo("P"), "");
        mvc.perform(patch("/api/unidades/" + id)
                        .with(GESTOR)
                        .header("If-Match", "\"0\"")
                        .contentType("application/merge-patch+json")
                        .content("{\"versao\": 9, \"cnes\": \"abc\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.erros[*].campo", hasItem("versao")))
                .andExpect(jsonPath("$.erros[*].campo", hasItem("cnes")));
    }

    @Test
    void refusesParentCycle() throws Exception {
        String pai = criar(Ids.codigo("PAI"), "");
        String filho = criar(Ids.codigo("FILHO"), ", \"unidade_pai_id\": \"" + pai + "\"");
        mvc.perform(patch("/api/unidades/" + pai)
                        .with(GESTOR)
                        .header("If-Match", "\"0\"")
                        .contentType("application/merge-patch+json")
                        .content("{\"unidade_pai_id\": \"" + filho + "\"}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.regra").value("UnidadePaiInvalida"));
    }

    @Test
    void listsUnitsFilteredByNameAndType() throws Exception {
        String codigo = Ids.codigo("BUSCA");
        criar(codigo, "");
        mvc.perform(get("/api/unidades")
                        .param("busca", codigo.toLowerCase())
                        .param("tipo", "ENFERMARIA")
                        .with(GESTOR))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total_itens").value(1))
                .andExpect(jsonPath("$.itens[0].codigo").value(codigo));
    }

    @Test
    void searchesPercentAndUnderscoreLiterallyAndPagesBy50() throws Exception {
        criar(Ids.codigo("LIT"), "");
        mvc.perform(get("/api/unidades").param("busca", "%").with(GESTOR))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total_itens").value(0));
        mvc.perform(get("/api/unidades").with(GESTOR))
                .andExpect(jsonPath("$.tamanho").value(50));
    }

    @Test
    void rejectsSortingByUnknownField() throws Exception {
        mvc.perform(get("/api/unidades").param("sort", "nao_existe").with(GESTOR))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.erros[0].campo").value("sort"));
    }

    @Test
    void refusesWritesWithoutLoginOrRole() throws Exception {
        mvc.perform(post("/api/unidades")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.regra").value("NaoAutenticado"));
        mvc.perform(post("/api/unidades")
                        .with(user("r").roles("RECEPCAO"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.regra").value("AcessoNegado"));
    }
}
