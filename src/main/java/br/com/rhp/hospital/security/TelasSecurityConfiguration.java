package br.com.rhp.hospital.security;

import static br.com.rhp.hospital.security.Papel.ADMIN;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import tools.jackson.databind.json.JsonMapper;

/**
 * The staff's pages: form login, a session cookie and CSRF protection, ahead of the API's stateless
 * chain. The pages call the API from the browser with their session and an {@code X-CSRF-TOKEN} header;
 * such calls (to {@code /api}, with a session cookie and no {@code Authorization} header) are served by
 * this chain under the same access matrix as the API's. Every other API call — with HTTP Basic or a
 * bearer token, or with no credentials at all — goes to the API's chain, unchanged.
 */
@Configuration(proxyBeanMethods = false)
class TelasSecurityConfiguration {

    /** Where the pages live; {@code /telas/staging} is for administrators. */
    static final String[] PAGINAS = {"/", "/login", "/logout", "/telas", "/telas/**", "/css/**", "/js/**", "/img/**"};

    private static final String[] PUBLICAS = {"/login", "/css/**", "/js/**", "/img/**"};

    @Bean
    @Order(1)
    SecurityFilterChain telas(HttpSecurity http, AuthenticationManager authenticationManager, JsonMapper json)
            throws Exception {
        RequestMatcher apiPelaTela = TelasSecurityConfiguration::apiChamadaPelaTela;
        var handlers = new ProblemAuthenticationHandlers(json, false, false);
        PathPatternRequestMatcher.Builder path = PathPatternRequestMatcher.withDefaults();
        RequestMatcher[] paginas = new RequestMatcher[PAGINAS.length + 1];
        for (int i = 0; i < PAGINAS.length; i++) {
            paginas[i] = path.matcher(PAGINAS[i]);
        }
        paginas[PAGINAS.length] = apiPelaTela;
        http.securityMatcher(new OrRequestMatcher(paginas))
                .authenticationManager(authenticationManager)
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/telas", true))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?saiu"))
                .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(handlers, apiPelaTela)
                        .defaultAuthenticationEntryPointFor(
                                new LoginUrlAuthenticationEntryPoint("/login"), AnyRequestMatcher.INSTANCE)
                        .defaultAccessDeniedHandlerFor(handlers, apiPelaTela))
                .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'")))
                .authorizeHttpRequests(auth -> {
                    auth.requestMatchers(PUBLICAS)
                            .permitAll()
                            .requestMatchers("/telas/staging", "/telas/staging/**")
                            .hasRole(ADMIN.name())
                            .requestMatchers("/", "/telas", "/telas/**")
                            .authenticated();
                    SecurityConfiguration.matrizDeAcesso(auth);
                });
        return http.build();
    }

    /** A call to the API made by a page: with the page's session, and no credentials of its own. */
    static boolean apiChamadaPelaTela(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/api/")
                && request.getHeader(HttpHeaders.AUTHORIZATION) == null
                && request.getRequestedSessionId() != null;
    }
}
