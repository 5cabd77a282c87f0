package br.com.rhp.hospital.security;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.time.Clock;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Builds the decoder of bearer tokens: signature (RSA or EC keys from the IdP's JWKS, or a local file),
 * then issuer, audience and times with a small clock skew.
 *
 * <p>Keys fetched from {@code OIDC_JWK_SET_URI} are cached: fetched again every {@code
 * OIDC_JWKS_REFRESH}, and while the IdP does not answer the last set fetched keeps validating for
 * {@code OIDC_JWKS_CACHE_TTL}. Nothing is fetched here: the first token triggers the first fetch.
 */
final class OidcDecoders {

    private static final int TIMEOUT_MS = 2_000;
    private static final int MAX_BYTES = 512 * 1024;

    private static final Set<JWSAlgorithm> ALGORITMOS = algoritmos();

    private OidcDecoders() {}

    static JwtDecoder decoder(OidcSettings settings, Clock clock) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(settings.jwkSetFile() != null ? chavesLocais(settings) : chavesRemotas(settings));
        // access tokens of Keycloak and AD FS say JWT; RFC 9068 ones say at+jwt; some say nothing
        processor.setJWSTypeVerifier(
                new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
        // times are checked below with our skew and clock, not Nimbus's fixed minute
        processor.setJWTClaimsSetVerifier((claims, context) -> {});
        NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
        JwtTimestampValidator tempo = new JwtTimestampValidator(settings.clockSkew());
        tempo.setClock(clock);
        // a token that never expires is not an access token we accept
        tempo.setAllowEmptyExpiryClaim(false);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                tempo, new JwtIssuerValidator(settings.issuer()), new JwtAudienceValidator(settings.audience())));
        return decoder;
    }

    private static JWSKeySelector<SecurityContext> chavesRemotas(OidcSettings settings) {
        URL url;
        try {
            url = URI.create(settings.jwkSetUri()).toURL();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalStateException("OIDC_JWK_SET_URI is not a valid URL", e);
        }
        long refresh = settings.jwksRefresh().toMillis();
        JWKSource<SecurityContext> fonte = JWKSourceBuilder.<SecurityContext>create(
                        url, new DefaultResourceRetriever(TIMEOUT_MS, TIMEOUT_MS, MAX_BYTES))
                .cache(refresh, Math.min(TIMEOUT_MS, refresh / 2))
                .refreshAheadCache(false)
                .outageTolerant(settings.jwksCacheTtl().toMillis())
                // a token with an unknown key id makes Nimbus fetch again: not more than this often
                .rateLimited(Math.max(1, Math.min(30_000, refresh / 2)))
                .build();
        return new JWSVerificationKeySelector<>(ALGORITMOS, fonte);
    }

    /** A JWKS file, or a PEM public key (which has no key id: it verifies every token of its family). */
    private static JWSKeySelector<SecurityContext> chavesLocais(OidcSettings settings) {
        String texto;
        try {
            texto = Files.readString(settings.jwkSetFile(), StandardCharsets.UTF_8)
                    .strip();
        } catch (IOException e) {
            throw new IllegalStateException("OIDC_JWK_SET_FILE cannot be read: " + settings.jwkSetFile(), e);
        }
        if (texto.startsWith("-----BEGIN PUBLIC KEY-----")) {
            PublicKey chave = pem(texto);
            return (header, context) -> {
                if (!JWSAlgorithm.Family.RSA.contains(header.getAlgorithm())
                        && !JWSAlgorithm.Family.EC.contains(header.getAlgorithm())) {
                    throw new KeySourceException("algorithm not accepted");
                }
                boolean rsa = JWSAlgorithm.Family.RSA.contains(header.getAlgorithm());
                return rsa == chave.getAlgorithm().equals("RSA") ? List.<Key>of(chave) : List.of();
            };
        }
        try {
            return new JWSVerificationKeySelector<>(ALGORITMOS, new ImmutableJWKSet<>(JWKSet.parse(texto)));
        } catch (ParseException e) {
            throw new IllegalStateException(
                    "OIDC_JWK_SET_FILE must hold a JWKS (JSON) or a PEM public key: " + settings.jwkSetFile(), e);
        }
    }

    private static PublicKey pem(String texto) {
        String base64 = texto.replace("-----BEGIN PUBLIC KEY-----", "")
                .replace("-----END PUBLIC KEY-----", "")
                .replaceAll("\\s", "");
        X509EncodedKeySpec spec = new X509EncodedKeySpec(Base64.getDecoder().decode(base64));
        for (String tipo : List.of("RSA", "EC")) {
            try {
                return KeyFactory.getInstance(tipo).generatePublic(spec);
            } catch (GeneralSecurityException e) {
                // try the next type
            }
        }
        throw new IllegalStateException("OIDC_JWK_SET_FILE: the PEM key is neither RSA nor EC");
    }

    private static Set<JWSAlgorithm> algoritmos() {
        Set<JWSAlgorithm> todos = new HashSet<>(JWSAlgorithm.Family.RSA);
        todos.addAll(JWSAlgorithm.Family.EC);
        return Set.copyOf(todos);
    }
}
