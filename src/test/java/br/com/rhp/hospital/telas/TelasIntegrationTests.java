package br.com.rhp.hospital.telas;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import br.com.rhp.hospital.support.IntegrationTest;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The pages' own chain: a login page, a session, CSRF on every form, the staging dashboard for
 * administrators only — while the API keeps answering HTTP Basic without a session or CSRF.
 */
@IntegrationTest
@TestPropertySource(properties = {"HOSPITAL_ADMIN_USER=chefe", "HOSPITAL_ADMIN_PASSWORD=senha-das-telas-1"})
class TelasIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Test
    void sendsAnonymousVisitorsToTheLoginPage() throws Exception {
        mvc.perform(get("/telas/mapa")).andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
        mvc.perform(get("/login"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("<label for=\"username\">Usuário</label>")))
                .andExpect(header().string("Content-Security-Policy", Matchers.containsString("default-src 'self'")));
    }

    @Test
    void logsInWithAFormAndASession() throws Exception {
        mvc.perform(post("/login")
                        .param("username", "chefe")
                        .param("password", "senha-das-telas-1")
                        .with(csrf()))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/telas"));
        mvc.perform(post("/login")
                        .param("username", "chefe")
                        .param("password", "errada")
                        .with(csrf()))
                .andExpect(redirectedUrl("/login?error"));
    }

    @Test
    void refusesALoginFormWithoutItsCsrfToken() throws Exception {
        mvc.perform(post("/login").param("username", "chefe").param("password", "senha-das-telas-1"))
                .andExpect(status().isForbidden());
    }

    @Test
    void showsTheStagingDashboardToAdministratorsOnly() throws Exception {
        mvc.perform(get("/telas/staging").with(user("ana").roles("RECEPCAO"))).andExpect(status().isForbidden());
        mvc.perform(get("/telas/staging").with(user("chefe").roles("ADMIN")))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Painel de staging")));
    }

    @Test
    void rendersEveryFormWithLabelsForItsFields() throws Exception {
        for (String pagina : new String[] {
            "/telas",
            "/telas/pacientes/novo",
            "/telas/profissionais/novo",
            "/telas/unidades/nova",
            "/telas/leitos/novo",
            "/telas/internacao",
            "/telas/transferencia",
            "/telas/alta",
            "/telas/mapa"
        }) {
            mvc.perform(get(pagina).with(user("ana").roles("RECEPCAO")))
                    .andExpect(status().isOk())
                    .andExpect(content().string(Matchers.containsString("name=\"csrf-token\"")));
        }
        mvc.perform(get("/telas/pacientes/novo").with(user("ana").roles("RECEPCAO")))
                .andExpect(content().string(Matchers.containsString("<label for=\"cpf\">CPF</label>")))
                .andExpect(content().string(Matchers.containsString("value=\"F\"")));
    }

    @Test
    void leavesTheApiStatelessWithHttpBasicAndNoCsrf() throws Exception {
        mvc.perform(get("/api/unidades")
                        .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
                                .httpBasic("chefe", "senha-das-telas-1")))
                .andExpect(status().isOk())
                .andExpect(header().doesNotExist("Set-Cookie"));
        mvc.perform(get("/api/unidades"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().exists("WWW-Authenticate"));
    }
}
