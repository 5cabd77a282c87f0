package br.com.rhp.hospital.amostra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

import br.com.rhp.hospital.support.Hospital;
import br.com.rhp.hospital.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.servlet.MockMvc;

/** Without {@code SAMPLE_DATA=true} (the default) the sample is never loaded: its loader does not exist. */
@IntegrationTest
class AmostraDesligadaIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    ApplicationContext context;

    @Test
    void loadsNothingWhenTheFlagIsOff() throws Exception {
        assertThat(context.getBeanNamesForType(CargaDaAmostra.class)).isEmpty();

        Hospital h = new Hospital(mvc);
        h.get("/api/unidades?busca=" + HospitalDeAmostra.CODIGO_ESTABELECIMENTO)
                .andExpect(jsonPath("$.total_itens").value(0));
        h.get("/api/unidades?busca=" + HospitalDeAmostra.UTI_ADULTO)
                .andExpect(jsonPath("$.total_itens").value(0));
    }
}
