package br.com.rhp.hospital.staging;

/**
 * The three places a staged file can be. Only {@link #PENDING} is replayed; the other two hold files
 * a person must look at, in folders that can never be mistaken for pending work.
 */
public enum Area {
    /** {@code <root>/<action>/<entity>/…}: waiting for replay. */
    PENDING(""),
    /** {@code <root>/quarantine/<action>/<entity>/…}: unreadable, or refused at replay by a rule. */
    QUARANTINE("quarantine"),
    /** {@code <root>/conflicts/<action>/<entity>/…}: contradicts what the database holds now. */
    CONFLICTS("conflicts");

    private final String directory;

    Area(String directory) {
        this.directory = directory;
    }

    /** The folder under the staging root, {@code ""} for the pending area. */
    public String directory() {
        return directory;
    }

    /** The path of a file of this area relative to the staging root, with {@code /} separators. */
    String prefixed(String relativePath) {
        return directory.isEmpty() ? relativePath : directory + "/" + relativePath;
    }
}
