package br.com.rhp.hospital.security;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Bearer tokens (JWT) from the hospital's identity provider, beside the local accounts. Off unless
 * {@code OIDC_ISSUER_URI} is set. Nothing here is fetched at start-up: the node starts with the network
 * down, and the signing keys are fetched on the first token.
 *
 * @param issuer the {@code iss} every token must carry; blank turns bearer tokens off
 * @param jwkSetUri where the signing keys are fetched (JWKS); not needed with {@code jwkSetFile}
 * @param jwkSetFile a local JWKS (JSON) or PEM public key, for air-gapped set-ups; may be null
 * @param audience the {@code aud} every token must include
 * @param rolesClaims claim paths holding role names ({@code realm_access.roles}, {@code
 *     resource_access.<client>.roles}, {@code roles}, {@code groups}), all read
 * @param roleMap IdP role name → our role; a name equal to one of our roles (any case) maps to it
 * @param usernameClaim the claim naming the user in writes; {@code sub} when the token lacks it
 * @param unitsClaim the claim with the unit ids the user is limited to; blank: no token limits units
 * @param jwksRefresh how often the key set is fetched again
 * @param jwksCacheTtl how long the last key set fetched keeps validating while the IdP is unreachable
 * @param clockSkew tolerance on {@code exp}, {@code nbf} and {@code iat}
 */
record OidcSettings(
        String issuer,
        String jwkSetUri,
        Path jwkSetFile,
        String audience,
        List<String> rolesClaims,
        Map<String, Papel> roleMap,
        String usernameClaim,
        String unitsClaim,
        Duration jwksRefresh,
        Duration jwksCacheTtl,
        Duration clockSkew) {

    boolean ativo() {
        return !issuer.isBlank();
    }

    /** Reads the settings as written in {@code .env}, refusing an incomplete configuration loudly. */
    static OidcSettings ler(
            String issuer,
            String jwkSetUri,
            String jwkSetFile,
            String audience,
            String rolesClaims,
            String roleMap,
            String usernameClaim,
            String unitsClaim,
            Duration jwksRefresh,
            Duration jwksCacheTtl,
            Duration clockSkew) {
        OidcSettings settings = new OidcSettings(
                issuer.strip(),
                jwkSetUri.strip(),
                jwkSetFile.isBlank() ? null : Path.of(jwkSetFile.strip()),
                audience.strip(),
                Arrays.stream(rolesClaims.split(","))
                        .map(String::strip)
                        .filter(c -> !c.isEmpty())
                        .toList(),
                mapa(roleMap),
                usernameClaim.isBlank() ? "preferred_username" : usernameClaim.strip(),
                unitsClaim.strip(),
                jwksRefresh,
                jwksCacheTtl,
                clockSkew);
        if (settings.ativo()) {
            if (settings.jwkSetUri().isEmpty() && settings.jwkSetFile() == null) {
                throw new IllegalStateException(
                        "OIDC_ISSUER_URI is set: set OIDC_JWK_SET_URI (or OIDC_JWK_SET_FILE) too; the issuer's"
                                + " metadata is not fetched at start-up");
            }
            if (settings.audience().isEmpty()) {
                throw new IllegalStateException(
                        "OIDC_ISSUER_URI is set: set OIDC_AUDIENCE (the client id tokens are issued for)");
            }
            if (settings.rolesClaims().isEmpty()) {
                throw new IllegalStateException("OIDC_ROLES_CLAIM names no claim");
            }
            if (jwksRefresh.isNegative() || jwksRefresh.isZero() || jwksCacheTtl.isNegative()) {
                throw new IllegalStateException(
                        "OIDC_JWKS_REFRESH must be positive and OIDC_JWKS_CACHE_TTL not negative");
            }
            if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(5)) > 0) {
                throw new IllegalStateException("OIDC_CLOCK_SKEW must be between 0 and 5 minutes");
            }
        }
        return settings;
    }

    /**
     * {@code idp-role=PAPEL;other=PAPEL}: entries split by {@code ;} because AD group names are DNs full
     * of commas ({@code CN=Enfermagem,OU=Grupos,DC=rhp}); the last {@code =} separates our role. The IdP's
     * names are kept as written (case matters there).
     */
    private static Map<String, Papel> mapa(String texto) {
        Map<String, Papel> mapa = new LinkedHashMap<>();
        for (String par : texto.split(";")) {
            if (par.isBlank()) {
                continue;
            }
            int igual = par.lastIndexOf('=');
            if (igual <= 0 || igual == par.length() - 1) {
                throw new IllegalStateException(
                        "OIDC_ROLE_MAP: each entry must be idp-role=ROLE (got '" + par.strip() + "')");
            }
            String papel = par.substring(igual + 1).strip().toUpperCase(Locale.ROOT);
            try {
                mapa.put(par.substring(0, igual).strip(), Papel.valueOf(papel));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(
                        "OIDC_ROLE_MAP: unknown role '" + papel + "'; roles are " + Arrays.toString(Papel.values()));
            }
        }
        return Map.copyOf(mapa);
    }
}
