package br.com.rhp.hospital.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Turns a validated token into our user: the name from {@code preferred_username} (or the configured
 * claim; {@code sub} when missing), our roles from the configured claim paths through the role map, and
 * the unit limit from the units claim. A role of the IdP that maps to none of ours is ignored.
 */
class TokenParaUsuario implements Converter<Jwt, AbstractAuthenticationToken> {

    private static final Logger log = LoggerFactory.getLogger(TokenParaUsuario.class);

    private final OidcSettings settings;

    TokenParaUsuario(OidcSettings settings) {
        this.settings = settings;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        List<GrantedAuthority> autoridades = new ArrayList<>();
        Set<Papel> papeis = new LinkedHashSet<>();
        for (String caminho : settings.rolesClaims()) {
            for (String nome : valores(jwt.getClaims(), caminho)) {
                Papel papel = papel(nome);
                if (papel != null) {
                    papeis.add(papel);
                }
            }
        }
        papeis.forEach(p -> autoridades.add(new SimpleGrantedAuthority("ROLE_" + p.name())));
        if (!settings.unitsClaim().isEmpty() && jwt.hasClaim(settings.unitsClaim())) {
            autoridades.addAll(
                    UnidadesDoUsuario.autoridades(unidades(valores(jwt.getClaims(), settings.unitsClaim()))));
        }
        String nome = jwt.getClaimAsString(settings.usernameClaim());
        if (nome == null || nome.isBlank()) {
            nome = jwt.getSubject();
        }
        return new JwtAuthenticationToken(jwt, autoridades, nome);
    }

    private Papel papel(String nome) {
        Papel mapeado = settings.roleMap().get(nome);
        if (mapeado != null) {
            return mapeado;
        }
        try {
            return Papel.valueOf(nome.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static List<UUID> unidades(List<String> valores) {
        List<UUID> unidades = new ArrayList<>();
        int invalidas = 0;
        for (String valor : valores) {
            try {
                unidades.add(UUID.fromString(valor.strip()));
            } catch (IllegalArgumentException e) {
                invalidas++;
            }
        }
        if (invalidas > 0) {
            // the user stays limited to the valid ones: a bad value never widens access
            log.warn("{} value(s) of the token's units claim are not unit ids and were ignored", invalidas);
        }
        return unidades;
    }

    /** The strings at a dotted path ({@code resource_access.hospital-api.roles}): a list or one string. */
    static List<String> valores(Map<String, Object> claims, String caminho) {
        Object atual = claims;
        for (String parte : caminho.split("\\.")) {
            if (!(atual instanceof Map<?, ?> mapa)) {
                return List.of();
            }
            atual = mapa.get(parte);
        }
        if (atual instanceof String s) {
            return List.of(s);
        }
        if (atual instanceof Collection<?> lista) {
            return lista.stream()
                    .filter(String.class::isInstance)
                    .map(String.class::cast)
                    .toList();
        }
        return List.of();
    }
}
