package br.com.rhp.hospital.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The units a user is limited to, carried as authorities of the login (so that they come the same way
 * from a local account and from a token, and the cache of verified logins keeps them): a marker {@value
 * #LIMITADO} and one {@code UNIDADE_<id>} per unit. Without the marker the user is not limited; with it
 * and no unit, the user reaches no unit at all.
 */
final class UnidadesDoUsuario {

    static final String LIMITADO = "UNIDADES_LIMITADAS";
    private static final String PREFIXO = "UNIDADE_";

    private UnidadesDoUsuario() {}

    static List<GrantedAuthority> autoridades(Collection<UUID> unidades) {
        List<GrantedAuthority> lista = new ArrayList<>();
        lista.add(new SimpleGrantedAuthority(LIMITADO));
        unidades.forEach(u -> lista.add(new SimpleGrantedAuthority(PREFIXO + u)));
        return lista;
    }

    /** The units of a limited user; empty when the user is not limited. */
    static Optional<Set<UUID>> de(Authentication authentication) {
        if (authentication == null) {
            return Optional.empty();
        }
        boolean limitado = false;
        Set<UUID> unidades = new LinkedHashSet<>();
        for (GrantedAuthority a : authentication.getAuthorities()) {
            String nome = a.getAuthority();
            if (LIMITADO.equals(nome)) {
                limitado = true;
            } else if (nome != null && nome.startsWith(PREFIXO)) {
                unidades.add(UUID.fromString(nome.substring(PREFIXO.length())));
            }
        }
        return limitado ? Optional.of(Set.copyOf(unidades)) : Optional.empty();
    }
}
