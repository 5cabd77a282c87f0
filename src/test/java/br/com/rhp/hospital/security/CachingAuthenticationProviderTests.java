package br.com.rhp.hospital.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import br.com.rhp.hospital.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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

    @Test
    void requestsBringingTheSamePasswordAtOnceShareOneVerification() throws Exception {
        CountDownLatch liberar = new CountDownLatch(1);
        CachingAuthenticationProvider lento =
                new CachingAuthenticationProvider(bloqueadoAte(liberar), clock, Duration.ofMinutes(5));
        ExecutorService clientes = Executors.newFixedThreadPool(8);
        try {
            List<Future<Authentication>> respostas = new ArrayList<>();
            List<Thread> threads = Collections.synchronizedList(new ArrayList<>());
            for (int i = 0; i < 8; i++) {
                respostas.add(clientes.submit(() -> {
                    threads.add(Thread.currentThread());
                    return lento.authenticate(login("maria", "certa"));
                }));
            }
            esperarTodosParados(threads, 8);

            liberar.countDown();

            for (Future<Authentication> resposta : respostas) {
                assertThat(resposta.get(10, TimeUnit.SECONDS).isAuthenticated()).isTrue();
            }
            assertThat(verificacoes).hasValue(1);
        } finally {
            clientes.shutdownNow();
        }
    }

    @Test
    void requestsWaitingOnAFailedVerificationAllFailAndNothingIsCached() throws Exception {
        CountDownLatch liberar = new CountDownLatch(1);
        CachingAuthenticationProvider lento =
                new CachingAuthenticationProvider(bloqueadoAte(liberar), clock, Duration.ofMinutes(5));
        ExecutorService clientes = Executors.newFixedThreadPool(4);
        try {
            List<Future<Authentication>> respostas = new ArrayList<>();
            List<Thread> threads = Collections.synchronizedList(new ArrayList<>());
            for (int i = 0; i < 4; i++) {
                respostas.add(clientes.submit(() -> {
                    threads.add(Thread.currentThread());
                    return lento.authenticate(login("maria", "errada"));
                }));
            }
            esperarTodosParados(threads, 4);

            liberar.countDown();

            for (Future<Authentication> resposta : respostas) {
                assertThatThrownBy(() -> resposta.get(10, TimeUnit.SECONDS))
                        .hasCauseInstanceOf(BadCredentialsException.class);
            }
            assertThat(verificacoes).hasValue(1);
            assertThatThrownBy(() -> lento.authenticate(login("maria", "errada")))
                    .isInstanceOf(BadCredentialsException.class);
            assertThat(verificacoes).hasValue(2);
        } finally {
            clientes.shutdownNow();
        }
    }

    /** The bcrypt stand-in, held until {@code liberar} opens: a verification still running. */
    private AuthenticationProvider bloqueadoAte(CountDownLatch liberar) {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication a) {
                try {
                    liberar.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return bcrypt.authenticate(a);
            }

            @Override
            public boolean supports(Class<?> type) {
                return true;
            }
        };
    }

    /**
     * Until every client thread is parked — in the verification or waiting for it — so that none of them
     * can arrive after it ended and find the result cached instead (which would prove nothing).
     */
    private static void esperarTodosParados(List<Thread> threads, int quantos) throws InterruptedException {
        long limite = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < limite) {
            List<Thread> agora;
            synchronized (threads) {
                agora = List.copyOf(threads);
            }
            if (agora.size() == quantos && agora.stream().allMatch(t -> t.getState() == Thread.State.WAITING)) {
                return;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("the clients did not all reach the verification in 10 s");
    }

    private static Authentication login(String user, String password) {
        return UsernamePasswordAuthenticationToken.unauthenticated(user, password);
    }
}
