package br.com.rhp.hospital.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import br.com.rhp.hospital.support.TestIdentityProvider;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/** Settings, claim mapping and the air-gapped key file, without a server. */
class OidcTests {

    private static final TestIdentityProvider IDP = new TestIdentityProvider();

    @AfterAll
    static void para() {
        IDP.close();
    }

    private static OidcSettings settings(String jwkSetUri, String jwkSetFile, String audience, String roleMap) {
        return OidcSettings.ler(
                TestIdentityProvider.ISSUER,
                jwkSetUri,
                jwkSetFile,
                audience,
                "realm_access.roles,resource_access.hospital-api.roles,roles,groups",
                roleMap,
                "",
                "unidades",
                Duration.ofMinutes(5),
                Duration.ofHours(24),
                Duration.ofSeconds(30));
    }

    @Test
    void isOffWithoutAnIssuerAndNeedsNothingElse() {
        OidcSettings off = OidcSettings.ler(
                "", "", "", "", "roles", "", "", "", Duration.ofMinutes(5), Duration.ofHours(1), Duration.ZERO);
        assertThat(off.ativo()).isFalse();
    }

    @Test
    void refusesAnIncompleteConfiguration() {
        assertThatThrownBy(() -> settings("", "", "hospital-api", "")).hasMessageContaining("OIDC_JWK_SET_URI");
        assertThatThrownBy(() -> settings("https://sso/jwks", "", "", "")).hasMessageContaining("OIDC_AUDIENCE");
        assertThatThrownBy(() -> settings("https://sso/jwks", "", "hospital-api", "medicos=CIRURGIAO"))
                .hasMessageContaining("unknown role 'CIRURGIAO'");
        assertThatThrownBy(() -> settings("https://sso/jwks", "", "hospital-api", "medicos"))
                .hasMessageContaining("idp-role=ROLE");
    }

    @Test
    void mapsRolesFromEveryConfiguredClaimAndIgnoresUnknownOnes() {
        OidcSettings s =
                settings("https://sso/jwks", "", "hospital-api", "rhp-medicos=MEDICO; CN=Leitos,OU=RHP=GESTAO_LEITOS");
        Jwt jwt = jwt(Map.of(
                "preferred_username", "dra.helena",
                "realm_access", Map.of("roles", List.of("rhp-medicos", "offline_access")),
                "resource_access", Map.of("hospital-api", Map.of("roles", List.of("enfermagem"))),
                "groups", List.of("CN=Leitos,OU=RHP"),
                "roles", "ADMIN_DE_OUTRO_SISTEMA"));

        var auth = new TokenParaUsuario(s).convert(jwt);

        assertThat(auth.getName()).isEqualTo("dra.helena");
        assertThat(auth.getAuthorities())
                .extracting(GrantedAuthority::getAuthority)
                .containsExactlyInAnyOrder("ROLE_MEDICO", "ROLE_ENFERMAGEM", "ROLE_GESTAO_LEITOS");
        assertThat(UnidadesDoUsuario.de(auth)).isEmpty();
    }

    @Test
    void aBadUnitInTheClaimNeverWidensAccess() {
        OidcSettings s = settings("https://sso/jwks", "", "hospital-api", "");
        UUID uti = UUID.randomUUID();
        var limitado = new TokenParaUsuario(s)
                .convert(jwt(Map.of("sub", "u1", "unidades", List.of(uti.toString(), "UTI-ADULTO"))));
        assertThat(UnidadesDoUsuario.de(limitado)).contains(Set.of(uti));
        var nenhuma = new TokenParaUsuario(s).convert(jwt(Map.of("sub", "u2", "unidades", List.of("UTI"))));
        assertThat(UnidadesDoUsuario.de(nenhuma)).contains(Set.of());
        assertThat(nenhuma.getName()).isEqualTo("u2");
    }

    @Test
    void validatesWithALocalJwksFile(@TempDir Path dir) throws Exception {
        Path arquivo = Files.writeString(dir.resolve("jwks.json"), IDP.jwksJson());
        JwtDecoder decoder = OidcDecoders.decoder(
                settings("", arquivo.toString(), TestIdentityProvider.AUDIENCE, ""), Clock.systemUTC());
        assertThat(decoder.decode(IDP.token("ana", "RECEPCAO")).getClaimAsString("preferred_username"))
                .isEqualTo("ana");
        assertThatThrownBy(() -> decoder.decode(IDP.tokenAssinadoComOutraChave("ana", "RECEPCAO")))
                .isInstanceOf(org.springframework.security.oauth2.jwt.JwtException.class);
    }

    @Test
    void validatesWithALocalPemPublicKey(@TempDir Path dir) throws Exception {
        RSAKey publica = (RSAKey) JWKSet.parse(IDP.jwksJson()).getKeys().get(0);
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes())
                        .encodeToString(publica.toRSAPublicKey().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        Path arquivo = Files.writeString(dir.resolve("idp.pem"), pem);
        JwtDecoder decoder = OidcDecoders.decoder(
                settings("", arquivo.toString(), TestIdentityProvider.AUDIENCE, ""), Clock.systemUTC());
        assertThat(decoder.decode(IDP.token("ana", "RECEPCAO")).getSubject()).isNotBlank();
    }

    @Test
    void toleratesOnlyTheConfiguredClockSkew(@TempDir Path dir) throws Exception {
        Path arquivo = Files.writeString(dir.resolve("jwks.json"), IDP.jwksJson());
        OidcSettings s = settings("", arquivo.toString(), TestIdentityProvider.AUDIENCE, "");
        String token = IDP.token("ana", "RECEPCAO"); // expires in five minutes
        Instant depois = Instant.now().plus(Duration.ofMinutes(5));
        OidcDecoders.decoder(s, Clock.fixed(depois.plusSeconds(20), java.time.ZoneOffset.UTC))
                .decode(token);
        assertThatThrownBy(() -> OidcDecoders.decoder(s, Clock.fixed(depois.plusSeconds(60), java.time.ZoneOffset.UTC))
                        .decode(token))
                .isInstanceOf(JwtValidationException.class);
    }

    @Test
    void refusesATokenThatNeverExpires(@TempDir Path dir) throws Exception {
        Path arquivo = Files.writeString(dir.resolve("jwks.json"), IDP.jwksJson());
        JwtDecoder decoder = OidcDecoders.decoder(
                settings("", arquivo.toString(), TestIdentityProvider.AUDIENCE, ""), Clock.systemUTC());
        assertThatThrownBy(() -> decoder.decode(IDP.token("ana", c -> c.expirationTime(null))))
                .isInstanceOf(JwtValidationException.class);
    }

    private static Jwt jwt(Map<String, Object> claims) {
        Jwt.Builder b = Jwt.withTokenValue("t").header("alg", "RS256").issuedAt(Instant.now());
        claims.forEach(b::claim);
        if (!claims.containsKey("sub")) {
            b.subject("sujeito");
        }
        return b.build();
    }
}
