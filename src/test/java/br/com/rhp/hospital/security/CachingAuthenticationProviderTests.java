package br.com.rhp.hospital.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import br.com.rhp.hospital.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

class CachingAuthenticationProviderTests {

    private final AtomicInteger verificacoes = new AtomicInteger();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T12:00:00Z"));

    /** Stands in for the bcrypt check: counts how often it runs. */
    private final AuthenticationProvider bcrypt = new AuthenticationProvider() {
        @Override
        public Authentication authenticate(Authentication a) {
            verificacoes.incrementAndGet();
            if (!"certa".equals(a.getCredentials())) {
                throw new BadCredentialsException("senha errada");
            }
            return UsernamePasswordAuthenticationToken.authenticated(
                    a.getName(), null, List.of(new SimpleGrantedAuthority("ROLE_ADMIN")));
        }

        @Override
        public boolean supports(Class<?> type) {
            return true;
        }
    };

    private final CachingAuthenticationProvider cache =
            new CachingAuthenticationProvider(bcrypt, clock, Duration.ofMinutes(5));

    @Test
    void verifiesAPasswordOnceWithinTheTtl() {
        for (int i = 0; i < 10; i++) {
            assertThat(cache.authenticate(login("maria", "certa")).isAuthenticated())
                    .isTrue();
        }
        assertThat(verificacoes).hasValue(1);
    }

    @Test
    void neverCachesAFailureNorLetsAWrongPasswordRideOnACachedLogin() {
        cache.authenticate(login("maria", "certa"));
        assertThatThrownBy(() -> cache.authenticate(login("maria", "errada")))
                .isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> cache.authenticate(login("maria", "errada")))
                .isInstanceOf(BadCredentialsException.class);
        assertThat(verificacoes).hasValue(3);
    }

    @Test
    void verifiesAgainAfterTheTtl() {
        cache.authenticate(login("maria", "certa"));
        clock.advance(Duration.ofMinutes(6));
        cache.authenticate(login("maria", "certa"));
        assertThat(verificacoes).hasValue(2);
    }

    private static Authentication login(String user, String password) {
        return UsernamePasswordAuthenticationToken.unauthenticated(user, password);
    }
}
