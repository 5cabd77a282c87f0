package br.com.rhp.hospital.write;

/** What an operation does to its entity; the first level of the staging layout. */
public enum Action {
    CREATE,
    UPDATE;

    /** The lower-case name used in staging paths and JSON ({@code create}, {@code update}). */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
