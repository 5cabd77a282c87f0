package br.com.rhp.hospital.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/**
 * Remembers, for a short time, that a user name and password were verified, so that HTTP Basic does
 * not pay a bcrypt verification (tens of milliseconds of CPU) on every request.
 *
 * <p>The cache holds only a keyed hash of the credentials (a random key chosen at start-up), never the
 * password. Failed logins are never cached. Entries expire after the TTL; the map is bounded.
 *
 * <p>Requests that bring the same credentials while they are being verified wait for that one
 * verification instead of each running its own: after a restart, or when the TTL ends, every open
 * connection of a client sends its next request at once, and 32 simultaneous bcrypt checks kept both cores
 * of a small node busy for seconds (the benchmark's profile). They share its outcome, a failure included
 * (which is still not cached).
 */
class CachingAuthenticationProvider implements AuthenticationProvider {

    private static final int MAX_ENTRIES = 10_000;

    private final AuthenticationProvider delegate;
    private final Clock clock;
    private final Duration ttl;
    private final byte[] key = new byte[32];
    private final Map<String, Entry> verified = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Authentication>> verifying = new ConcurrentHashMap<>();

    CachingAuthenticationProvider(AuthenticationProvider delegate, Clock clock, Duration ttl) {
        this.delegate = delegate;
        this.clock = clock;
        this.ttl = ttl;
        new SecureRandom().nextBytes(key);
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        if (ttl.isZero() || !(authentication.getCredentials() instanceof String password)) {
            return delegate.authenticate(authentication);
        }
        String cacheKey = digest(authentication.getName(), password);
        Instant now = clock.instant();
        Entry hit = verified.get(cacheKey);
        if (hit != null && hit.expires().isAfter(now)) {
            return hit.authentication();
        }
        CompletableFuture<Authentication> mine = new CompletableFuture<>();
        CompletableFuture<Authentication> running = verifying.putIfAbsent(cacheKey, mine);
        if (running != null) {
            return outcomeOf(running);
        }
        try {
            Authentication result = delegate.authenticate(authentication);
            if (result != null && result.isAuthenticated()) {
                remember(cacheKey, result, now);
            }
            mine.complete(result);
            return result;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            verifying.remove(cacheKey, mine);
        }
    }

    private void remember(String cacheKey, Authentication result, Instant now) {
        if (verified.size() >= MAX_ENTRIES) {
            verified.entrySet().removeIf(e -> !e.getValue().expires().isAfter(now));
            if (verified.size() >= MAX_ENTRIES) {
                verified.clear();
            }
        }
        verified.put(cacheKey, new Entry(result, now.plus(ttl)));
    }

    /** The outcome of a verification another request is running: its result, or its exception rethrown. */
    private static Authentication outcomeOf(CompletableFuture<Authentication> running) {
        try {
            return running.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private String digest(String user, String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(key);
            sha.update(user.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(password.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the JDK", e);
        }
    }

    private record Entry(Authentication authentication, Instant expires) {}
}
