package br.com.rhp.hospital.shared;

/**
 * A rule of the hospital that a request would break, named as a fact ({@code LeitoOcupado}).
 *
 * <p>The HTTP layer answers it as an RFC 9457 problem detail whose {@code regra} is {@link #regra()}
 * and whose detail is the Portuguese message. Replay treats every subclass as a permanent failure:
 * the operation goes to the conflict queue or to quarantine, never back to the pending queue.
 */
public abstract class ProblemaDeDominio extends RuntimeException {

    protected ProblemaDeDominio(String mensagem) {
        super(mensagem);
    }

    /** HTTP status: 400, 403, 404, 409, 412 or 422. */
    public abstract int status();

    /** A short Portuguese title for the kind of problem. */
    public abstract String titulo();

    /** The rule's name, stable for clients: the class's simple name. */
    public String regra() {
        return getClass().getSimpleName();
    }

    /**
     * Whether a failure of this rule during replay means two writes contradict each other (conflict
     * queue) rather than the operation being unusable (quarantine).
     */
    public boolean conflito() {
        return status() == 409 || status() == 412;
    }
}
