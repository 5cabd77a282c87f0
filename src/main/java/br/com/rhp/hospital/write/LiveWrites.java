package br.com.rhp.hospital.write;

import br.com.rhp.hospital.shared.Tarefas;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.stereotype.Component;

/**
 * Runs a live write attempt with a deadline ({@code DATABASE_WRITE_TIMEOUT}) on PostgreSQL, so that a
 * database that accepts connections and never answers holds a request for that long at most; the caller
 * then stages the write. On SQLite — a local file, no network to hang on — attempts run inline.
 */
@Component
class LiveWrites {

    private final ThreadPoolExecutor executor;
    private final Duration timeout;

    LiveWrites(Environment environment, @Value("${DATABASE_WRITE_TIMEOUT:PT1S}") Duration timeout) {
        String url = environment.getProperty("spring.datasource.url", "");
        this.timeout = timeout;
        this.executor = url.startsWith("jdbc:sqlite:") || timeout.isZero()
                ? null
                : new ThreadPoolExecutor(0, 256, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), runnable -> {
                    Thread t = new Thread(runnable, "live-write");
                    t.setDaemon(true);
                    return t;
                });
    }

    /**
     * @throws QueryTimeoutException when the attempt does not finish within the deadline (it goes on in
     *     the background, bounded by the connection's socket timeout)
     */
    WriteResult run(Supplier<WriteResult> attempt) {
        if (executor == null) {
            return attempt.get();
        }
        Future<WriteResult> future;
        try {
            future = executor.submit(attempt::get);
        } catch (RejectedExecutionException e) {
            return attempt.get(); // every worker busy: wait in the request thread instead
        }
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new QueryTimeoutException("the database did not answer within " + timeout, e);
        } catch (ExecutionException e) {
            throw Tarefas.falhaDe(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueryTimeoutException("interrupted while waiting for the database", e);
        }
    }

    @PreDestroy
    void stop() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
