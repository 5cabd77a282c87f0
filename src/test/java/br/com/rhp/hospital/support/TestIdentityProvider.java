package br.com.rhp.hospital.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A stand-in for the hospital's identity provider: RSA keys made in the test, their JWKS served by the
 * JDK's HTTP server on a random loopback port, and tokens signed with Nimbus. The JWKS endpoint can be
 * made to fail ({@link #foraDoAr}) or stopped, and counts the fetches it answered and refused.
 */
public final class TestIdentityProvider implements AutoCloseable {

    public static final String ISSUER = "https://sso.rhp.test/realms/rhp";
    public static final String AUDIENCE = "hospital-api";

    private final RSAKey chave;
    private final RSAKey outraChave;
    private final HttpServer server;
    private final AtomicInteger servidas = new AtomicInteger();
    private final AtomicInteger recusadas = new AtomicInteger();
    private volatile boolean foraDoAr;

    public TestIdentityProvider() {
        try {
            chave = new RSAKeyGenerator(2048).keyID("chave-1").generate();
            // same key id, other key: a token it signs has a bad signature
            outraChave = new RSAKeyGenerator(2048).keyID("chave-1").generate();
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (JOSEException | IOException e) {
            throw new IllegalStateException(e);
        }
        byte[] jwks = new JWKSet(chave.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        server.createContext("/jwks", exchange -> {
            try (exchange) {
                if (foraDoAr) {
                    recusadas.incrementAndGet();
                    exchange.sendResponseHeaders(503, -1);
                    return;
                }
                servidas.incrementAndGet();
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, jwks.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(jwks);
                }
            }
        });
        server.start();
    }

    public String jwksUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks";
    }

    /** The public key set, as an operator would save it for OIDC_JWK_SET_FILE. */
    public String jwksJson() {
        return new JWKSet(chave.toPublicJWK()).toString();
    }

    public void foraDoAr(boolean fora) {
        this.foraDoAr = fora;
    }

    public int servidas() {
        return servidas.get();
    }

    public int recusadas() {
        return recusadas.get();
    }

    public void parar() {
        server.stop(0);
    }

    @Override
    public void close() {
        parar();
    }

    /** A valid token for {@code usuario}, valid for five minutes; {@code claims} adds or changes claims. */
    public String token(String usuario, Consumer<JWTClaimsSet.Builder> claims) {
        return assinar(chave, "chave-1", base(usuario, claims));
    }

    /** A token with realm roles of Keycloak. */
    public String token(String usuario, String... papeisDoRealm) {
        return token(usuario, c -> c.claim("realm_access", Map.of("roles", java.util.List.of(papeisDoRealm))));
    }

    public String tokenAssinadoComOutraChave(String usuario, String... papeisDoRealm) {
        return assinar(
                outraChave,
                "chave-1",
                base(usuario, c -> c.claim("realm_access", Map.of("roles", java.util.List.of(papeisDoRealm)))));
    }

    public String tokenComChaveDesconhecida(String usuario, String... papeisDoRealm) {
        try {
            RSAKey desconhecida = new RSAKeyGenerator(2048).keyID("chave-nova").generate();
            return assinar(
                    desconhecida,
                    "chave-nova",
                    base(usuario, c -> c.claim("realm_access", Map.of("roles", java.util.List.of(papeisDoRealm)))));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JWTClaimsSet base(String usuario, Consumer<JWTClaimsSet.Builder> claims) {
        Instant agora = Instant.now();
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(UUID.randomUUID().toString())
                .issueTime(Date.from(agora))
                .expirationTime(Date.from(agora.plus(Duration.ofMinutes(5))))
                .jwtID(UUID.randomUUID().toString());
        if (usuario != null) {
            b.claim("preferred_username", usuario);
        }
        claims.accept(b);
        return b.build();
    }

    private static String assinar(RSAKey chave, String kid, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(kid)
                            .type(JOSEObjectType.JWT)
                            .build(),
                    claims);
            jwt.sign(new RSASSASigner(chave));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
