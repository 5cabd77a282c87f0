package br.com.rhp.hospital.shared;

import java.util.concurrent.ExecutionException;

/** What a task run on another thread failed with, as the waiting thread should see it. */
public final class Tarefas {

    private Tarefas() {}

    /**
     * The task's own failure: its unchecked exception to throw as it is, or its {@link Error} thrown here.
     *
     * @return the exception for the caller to throw ({@code throw Tarefas.falhaDe(e)})
     */
    public static RuntimeException falhaDe(ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(cause);
    }
}
