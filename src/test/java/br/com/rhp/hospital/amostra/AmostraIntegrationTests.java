package br.com.rhp.hospital.amostra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import br.com.rhp.hospital.support.Hospital;
import br.com.rhp.hospital.support.IntegrationTest;
import com.jayway.jsonpath.JsonPath;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * With {@code SAMPLE_DATA=true} the application starts with the sample hospital already loaded (on a
 * database of its own: the property gives this class its own context), and loading it again adds
 * nothing.
 */
@IntegrationTest
@TestPropertySource(properties = "SAMPLE_DATA=true")
class AmostraIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    CargaDaAmostra carga;

    Hospital h;

    @BeforeEach
    void api() {
        h = new Hospital(mvc);
    }

    @Test
    void startsWithTheIcuCensusShowingPatientsWithTheirAccentedNames() throws Exception {
        h.get("/api/unidades/" + unidade(HospitalDeAmostra.UTI_ADULTO) + "/censo")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.unidade_nome").value("UTI Adulto — 2º andar"))
                .andExpect(jsonPath("$.total_leitos").value(8))
                .andExpect(jsonPath("$.leitos_por_status.OCUPADO").value(3))
                .andExpect(jsonPath("$.leitos_por_status.HIGIENIZACAO").value(1))
                .andExpect(jsonPath("$.leitos_por_status.BLOQUEADO").value(1))
                .andExpect(jsonPath("$.leitos_por_status.DISPONIVEL").value(3))
                .andExpect(jsonPath("$.leitos[?(@.ocupacao)].ocupacao.nome")
                        .value(containsInAnyOrder(
                                "João Batista de Araújo", "Maria da Conceição Gonçalves", "José Inácio Wanderley")))
                .andExpect(jsonPath("$.leitos[?(@.codigo == 'UTI-08')].status_motivo")
                        .value(contains("Escala de enfermagem incompleta neste plantão")));
    }

    @Test
    void startsWithAboutThirtyBedsTenOfThemOccupied() throws Exception {
        assertThat(total("/api/leitos")).isEqualTo(30);
        assertThat(total("/api/leitos?status=OCUPADO")).isEqualTo(10);
        assertThat(total("/api/leitos?status=HIGIENIZACAO")).isEqualTo(3);
        assertThat(total("/api/leitos?status=BLOQUEADO")).isEqualTo(1);
        assertThat(total("/api/unidades")).isEqualTo(8);
        assertThat(total("/api/pacientes")).isEqualTo(15);
        assertThat(total("/api/profissionais")).isEqualTo(7);
    }

    @Test
    void writesEveryRecordAsTheSampleUserThroughTheWritePath() throws Exception {
        h.get("/api/unidades/" + unidade(HospitalDeAmostra.CODIGO_ESTABELECIMENTO))
                .andExpect(jsonPath("$.tipo").value("ESTABELECIMENTO"))
                .andExpect(jsonPath("$.cnes").value("0000396"))
                .andExpect(jsonPath("$.nome")
                        .value("Real Hospital Português de Beneficência em Pernambuco" + " (dados de amostra)"))
                .andExpect(jsonPath("$.auditoria.criado_por").value(CargaDaAmostra.USUARIO));
        // a discharged bed was changed by the discharge, in the sample user's name too
        h.get("/api/leitos?status=HIGIENIZACAO")
                .andExpect(jsonPath("$.itens[*].auditoria.atualizado_por")
                        .value(containsInAnyOrder(
                                CargaDaAmostra.USUARIO, CargaDaAmostra.USUARIO, CargaDaAmostra.USUARIO)));
    }

    @Test
    void findsSamplePatientsByNameWithoutAccentsAndKeepsTheUnidentifiedOne() throws Exception {
        h.get("/api/pacientes?nome=conceicao goncalves")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.itens[*].nome").value(contains("Maria da Conceição Gonçalves")))
                .andExpect(jsonPath("$.itens[0].uf").value("PE"))
                .andExpect(jsonPath("$.itens[0].bairro").value("Casa Amarela"));
        h.get("/api/pacientes?nome=d'avila")
                .andExpect(jsonPath("$.itens[*].nome").value(contains("Iracema Sampaio D'Ávila")));
        String pagina =
                h.get("/api/pacientes?size=50").andReturn().getResponse().getContentAsString();
        List<Boolean> naoIdentificados =
                JsonPath.read(pagina, "$.itens[?(@.nao_identificado == true)].nao_identificado");
        assertThat(naoIdentificados).hasSize(1);
    }

    @Test
    void loadingAgainAddsNothing() throws Exception {
        assertThat(carga.carregar()).isEmpty();

        assertThat(total("/api/unidades")).isEqualTo(8);
        assertThat(total("/api/leitos")).isEqualTo(30);
        assertThat(total("/api/leitos?status=OCUPADO")).isEqualTo(10);
        assertThat(total("/api/pacientes")).isEqualTo(15);
        assertThat(total("/api/profissionais")).isEqualTo(7);
    }

    private String unidade(String codigo) throws Exception {
        String pagina =
                h.get("/api/unidades?busca=" + codigo).andReturn().getResponse().getContentAsString();
        List<String> ids = JsonPath.read(pagina, "$.itens[?(@.codigo == '" + codigo + "')].id");
        assertThat(ids).as("unidade %s", codigo).hasSize(1);
        return ids.get(0);
    }

    private long total(String path) throws Exception {
        String pagina =
                h.get(path).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        return ((Number) JsonPath.read(pagina, "$.total_itens")).longValue();
    }
}
