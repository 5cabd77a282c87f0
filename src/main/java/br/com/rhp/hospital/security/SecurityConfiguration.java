package br.com.rhp.hospital.security;

import static br.com.rhp.hospital.security.Papel.ADMIN;
import static br.com.rhp.hospital.security.Papel.AUDITOR;
import static br.com.rhp.hospital.security.Papel.ENFERMAGEM;
import static br.com.rhp.hospital.security.Papel.GESTAO_LEITOS;
import static br.com.rhp.hospital.security.Papel.HIGIENIZACAO;
import static br.com.rhp.hospital.security.Papel.MEDICO;
import static br.com.rhp.hospital.security.Papel.RECEPCAO;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP Basic over local accounts and, when {@code OIDC_ISSUER_URI} is set, bearer tokens of the
 * hospital's identity provider; stateless; and the access matrix: which role may call which endpoint.
 * Every route under {@code /api} needs a login; HIGIENIZACAO reaches bed status and never a patient's
 * identity. Which units a user reaches is decided per record by {@link AcessoPorUnidade}.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    /** Roles that may see a patient's identity. */
    private static final String[] CLINICOS = nomes(ADMIN, RECEPCAO, ENFERMAGEM, MEDICO, GESTAO_LEITOS);

    /** The staff who work with units, beds and forms: every role but AUDITOR, who reads the audit trail only. */
    private static final String[] TODOS = nomes(ADMIN, RECEPCAO, ENFERMAGEM, MEDICO, GESTAO_LEITOS, HIGIENIZACAO);

    @Bean
    SecurityFilterChain api(
            HttpSecurity http,
            ProblemAuthenticationHandlers handlers,
            AuthenticationManager authenticationManager,
            OidcSettings oidc,
            Clock clock)
            throws Exception {
        if (oidc.ativo()) {
            // beside Basic: the keys are fetched on the first token, never at start-up
            // its own manager: the shared one above knows only the local accounts
            JwtAuthenticationProvider tokens = new JwtAuthenticationProvider(OidcDecoders.decoder(oidc, clock));
            tokens.setJwtAuthenticationConverter(new TokenParaUsuario(oidc));
            http.oauth2ResourceServer(o -> o.authenticationEntryPoint(handlers)
                    .jwt(jwt -> jwt.authenticationManager(new ProviderManager(tokens))));
        }
        // our manager, with the cache of verified credentials: HTTP Basic must not pay bcrypt per request
        http.authenticationManager(authenticationManager)
                .csrf(AbstractHttpConfigurer::disable)
                .cors(Customizer.withDefaults())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.realmName("hospital-api").authenticationEntryPoint(handlers))
                .exceptionHandling(e -> e.authenticationEntryPoint(handlers).accessDeniedHandler(handlers))
                .headers(h -> h.cacheControl(Customizer.withDefaults()))
                .authorizeHttpRequests(SecurityConfiguration::matrizDeAcesso);
        return http.build();
    }

    /**
     * The access matrix, shared by the API's chain and the pages' chain (which also serves the API to a
     * logged-in page): which role may call which endpoint. Every route under {@code /api} needs a login.
     */
    static void matrizDeAcesso(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry auth) {
        auth
                // public: health (details only for logged-in users), the API description, errors
                .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**")
                .permitAll()
                .requestMatchers("/openapi.json", "/openapi.json/**", "/docs", "/docs/**", "/swagger-ui/**")
                .permitAll()
                .requestMatchers("/error")
                .permitAll()
                .requestMatchers("/actuator/**")
                .hasRole(ADMIN.name())
                // staging: a receipt is readable by whoever may submit; the rest is administration
                .requestMatchers(HttpMethod.GET, "/api/staging/operations/*")
                .hasAnyRole(TODOS)
                .requestMatchers("/api/staging", "/api/staging/**")
                .hasRole(ADMIN.name())
                // the audit trail: administrators and auditors
                .requestMatchers(HttpMethod.GET, "/api/auditoria", "/api/auditoria/**")
                .hasAnyRole(nomes(ADMIN, AUDITOR))
                // units and beds: status is for everyone, who occupies a bed is clinical
                .requestMatchers(HttpMethod.GET, "/api/unidades/*/censo")
                .hasAnyRole(CLINICOS)
                .requestMatchers(HttpMethod.GET, "/api/unidades", "/api/unidades/**")
                .hasAnyRole(TODOS)
                .requestMatchers("/api/unidades", "/api/unidades/**")
                .hasAnyRole(nomes(ADMIN, GESTAO_LEITOS))
                .requestMatchers(HttpMethod.GET, "/api/leitos/*/ocupacao", "/api/leitos/*/ocupacoes")
                .hasAnyRole(CLINICOS)
                .requestMatchers(HttpMethod.GET, "/api/leitos", "/api/leitos/**")
                .hasAnyRole(TODOS)
                .requestMatchers(HttpMethod.POST, "/api/leitos/*/status")
                .hasAnyRole(nomes(ADMIN, GESTAO_LEITOS, ENFERMAGEM, HIGIENIZACAO))
                .requestMatchers("/api/leitos", "/api/leitos/**")
                .hasAnyRole(nomes(ADMIN, GESTAO_LEITOS))
                // patients and professionals
                .requestMatchers(HttpMethod.GET, "/api/pacientes", "/api/pacientes/**")
                .hasAnyRole(CLINICOS)
                .requestMatchers("/api/pacientes", "/api/pacientes/**")
                .hasAnyRole(nomes(ADMIN, RECEPCAO))
                .requestMatchers(HttpMethod.GET, "/api/profissionais", "/api/profissionais/**")
                .hasAnyRole(CLINICOS)
                .requestMatchers("/api/profissionais", "/api/profissionais/**")
                .hasRole(ADMIN.name())
                // encounters and ADT events
                .requestMatchers(HttpMethod.GET, "/api/atendimentos", "/api/atendimentos/**")
                .hasAnyRole(CLINICOS)
                .requestMatchers("/api/atendimentos", "/api/atendimentos/**")
                .hasAnyRole(nomes(ADMIN, RECEPCAO, MEDICO, GESTAO_LEITOS))
                .requestMatchers(HttpMethod.GET, "/api/transferencias", "/api/transferencias/**")
                .hasAnyRole(CLINICOS)
                .requestMatchers("/api/transferencias", "/api/transferencias/**")
                .hasAnyRole(nomes(ADMIN, GESTAO_LEITOS, ENFERMAGEM, MEDICO))
                .requestMatchers(HttpMethod.GET, "/api/altas", "/api/altas/**")
                .hasAnyRole(CLINICOS)
                .requestMatchers("/api/altas", "/api/altas/**")
                .hasAnyRole(nomes(ADMIN, MEDICO, ENFERMAGEM))
                .anyRequest()
                .authenticated();
    }

    @Bean
    OidcSettings oidcSettings(
            @Value("${OIDC_ISSUER_URI:}") String issuer,
            @Value("${OIDC_JWK_SET_URI:}") String jwkSetUri,
            @Value("${OIDC_JWK_SET_FILE:}") String jwkSetFile,
            @Value("${OIDC_AUDIENCE:}") String audience,
            @Value("${OIDC_ROLES_CLAIM:realm_access.roles,roles,groups}") String rolesClaims,
            @Value("${OIDC_ROLE_MAP:}") String roleMap,
            @Value("${OIDC_USERNAME_CLAIM:preferred_username}") String usernameClaim,
            @Value("${OIDC_UNITS_CLAIM:}") String unitsClaim,
            @Value("${OIDC_JWKS_REFRESH:PT5M}") Duration jwksRefresh,
            @Value("${OIDC_JWKS_CACHE_TTL:PT24H}") Duration jwksCacheTtl,
            @Value("${OIDC_CLOCK_SKEW:PT30S}") Duration clockSkew) {
        OidcSettings settings = OidcSettings.ler(
                issuer,
                jwkSetUri,
                jwkSetFile,
                audience,
                rolesClaims,
                roleMap,
                usernameClaim,
                unitsClaim,
                jwksRefresh,
                jwksCacheTtl,
                clockSkew);
        if (settings.ativo()) {
            log.info("Bearer tokens of {} accepted beside the local accounts", settings.issuer());
        }
        return settings;
    }

    /**
     * No Micrometer observations of Spring Security. With them, every filter of the chain, every
     * authentication and every authorization of every request was an observation with its own timers:
     * about an eighth of a staged request's CPU on a 2-core node (docs/BENCHMARKS.md), for metrics
     * nobody reads. The request timer ({@code http_server_requests}) is Spring MVC's and stays.
     */
    @Bean
    SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    UserDetailsService contasLocais(
            @Value("${HOSPITAL_USERS:}") String usuarios,
            @Value("${HOSPITAL_ADMIN_USER:}") String adminUser,
            @Value("${HOSPITAL_ADMIN_PASSWORD:}") String adminPassword,
            PasswordEncoder encoder) {
        var contas = ContasLocais.ler(usuarios, adminUser, adminPassword, encoder);
        if (contas.isEmpty()) {
            log.warn("No account is configured: every request to /api will be refused. Set HOSPITAL_ADMIN_USER and "
                    + "HOSPITAL_ADMIN_PASSWORD (and HOSPITAL_USERS) in .env or the environment.");
        } else {
            log.info("{} local account(s) configured", contas.size());
        }
        return new InMemoryUserDetailsManager(contas);
    }

    @Bean
    AuthenticationManager authenticationManager(
            UserDetailsService users,
            PasswordEncoder encoder,
            Clock clock,
            @Value("${AUTH_CACHE_TTL:PT5M}") Duration ttl) {
        DaoAuthenticationProvider dao = new DaoAuthenticationProvider(users);
        dao.setPasswordEncoder(encoder);
        return new ProviderManager(new CachingAuthenticationProvider(dao, clock, ttl));
    }

    @Bean
    CorsConfigurationSource corsConfigurationSource(@Value("${CORS_ALLOWED_ORIGINS:}") String origins) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        List<String> allowed = Arrays.stream(origins.split(","))
                .map(String::strip)
                .filter(o -> !o.isEmpty())
                .toList();
        if (!allowed.isEmpty()) {
            CorsConfiguration cors = new CorsConfiguration();
            cors.setAllowedOrigins(allowed);
            cors.setAllowedMethods(List.of("GET", "POST", "PATCH", "OPTIONS"));
            cors.setAllowedHeaders(List.of(
                    "Authorization", "Content-Type", "If-Match", "Idempotency-Key", AcessoPorUnidade.CABECALHO));
            cors.setExposedHeaders(List.of("Location", "ETag", "Retry-After"));
            cors.setMaxAge(Duration.ofHours(1));
            source.registerCorsConfiguration("/**", cors);
        }
        return source;
    }

    @Bean
    ProblemAuthenticationHandlers problemAuthenticationHandlers(JsonMapper json, OidcSettings oidc) {
        return new ProblemAuthenticationHandlers(json, oidc.ativo(), true);
    }

    @Bean
    RequestRejectedHandler requestRejectedHandler(ProblemAuthenticationHandlers handlers) {
        // without it a refused path is a bare 400 with no body
        return handlers::rejected;
    }

    private static String[] nomes(Papel... papeis) {
        return Arrays.stream(papeis).map(Papel::name).toArray(String[]::new);
    }
}
