package br.com.rhp.hospital.web;

/** A read cannot be answered: the central database is known to be down (503 with Retry-After). */
class BancoIndisponivel extends RuntimeException {

    private final long retryAfterSeconds;

    BancoIndisponivel(long retryAfterSeconds) {
        super("central database unavailable");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
