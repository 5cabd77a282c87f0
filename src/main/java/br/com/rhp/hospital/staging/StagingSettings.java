package br.com.rhp.hospital.staging;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import org.springframework.util.unit.DataSize;

/**
 * Where the staging area is and how it is kept.
 *
 * @param root the staging root, absolute
 * @param minFreeBytes below this much free space on the staging volume, {@link StagingStore#stage} refuses
 * @param journalRetentionDays how many days the journal of applied and discarded operations is kept
 * @param cleanEmptyDirectories whether start-up removes empty date folders
 */
public record StagingSettings(Path root, long minFreeBytes, int journalRetentionDays, boolean cleanEmptyDirectories) {

    public static final long DEFAULT_MIN_FREE_BYTES = 100L * 1024 * 1024;
    public static final int DEFAULT_JOURNAL_RETENTION_DAYS = 30;

    public StagingSettings {
        Objects.requireNonNull(root, "root");
        if (!root.isAbsolute()) {
            throw new IllegalArgumentException("the staging root must be absolute: " + root);
        }
        root = root.normalize();
        if (minFreeBytes < 0) {
            throw new IllegalArgumentException("STAGING_MIN_FREE_BYTES must not be negative");
        }
        if (journalRetentionDays < 1) {
            throw new IllegalArgumentException("STAGING_JOURNAL_RETENTION_DAYS must be at least 1");
        }
    }

    /** The defaults, with the given absolute root. */
    public static StagingSettings of(Path root) {
        return new StagingSettings(root, DEFAULT_MIN_FREE_BYTES, DEFAULT_JOURNAL_RETENTION_DAYS, true);
    }

    /**
     * Reads the settings as RHP named them.
     *
     * @param areaPath {@code STAGING_AREA_PATH}; one pair of surrounding quotes is removed, since {@code .env}
     *     keeps them
     * @param isAbsolute {@code IS_ABSOLUTE_STAGING_AREA_PATH}: {@code true} when {@code areaPath} is absolute,
     *     {@code false} when it is relative to {@code workingDirectory}
     * @param minFreeBytes {@code STAGING_MIN_FREE_BYTES}: bytes, or a size such as {@code 100MB} or {@code 1GB}
     * @param journalRetentionDays {@code STAGING_JOURNAL_RETENTION_DAYS}
     * @param cleanEmptyDirectories {@code STAGING_CLEAN_EMPTY_DIRECTORIES}
     * @throws IllegalArgumentException with a message naming the key, when a value is wrong
     */
    public static StagingSettings resolve(
            String areaPath,
            String isAbsolute,
            String minFreeBytes,
            String journalRetentionDays,
            String cleanEmptyDirectories,
            Path workingDirectory) {
        String raw = unquote(areaPath == null ? "" : areaPath.strip());
        if (raw.isEmpty()) {
            throw new IllegalArgumentException("STAGING_AREA_PATH is empty: give the folder of the staging area");
        }
        boolean absolute = bool("IS_ABSOLUTE_STAGING_AREA_PATH", isAbsolute);
        Path path;
        try {
            path = Path.of(raw);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("STAGING_AREA_PATH is not a valid path: " + raw, e);
        }
        Path root;
        if (absolute) {
            if (!path.isAbsolute()) {
                throw new IllegalArgumentException("STAGING_AREA_PATH=" + raw
                        + " is not an absolute path, but IS_ABSOLUTE_STAGING_AREA_PATH=true; give an absolute path"
                        + " (such as /var/lib/hospital-api/staging or D:\\hospital-api\\staging) or set"
                        + " IS_ABSOLUTE_STAGING_AREA_PATH=false to resolve it against the working directory");
            }
            root = path;
        } else {
            if (path.isAbsolute()) {
                throw new IllegalArgumentException("STAGING_AREA_PATH=" + raw
                        + " is an absolute path, but IS_ABSOLUTE_STAGING_AREA_PATH=false; set"
                        + " IS_ABSOLUTE_STAGING_AREA_PATH=true or give a path relative to the working directory");
            }
            root = workingDirectory.toAbsolutePath().resolve(path);
        }
        long minFree;
        try {
            minFree = DataSize.parse(minFreeBytes.strip()).toBytes();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "STAGING_MIN_FREE_BYTES must be a number of bytes or a size such as 100MB: " + minFreeBytes, e);
        }
        int retention;
        try {
            retention = Integer.parseInt(journalRetentionDays.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "STAGING_JOURNAL_RETENTION_DAYS must be a whole number of days: " + journalRetentionDays, e);
        }
        return new StagingSettings(
                root, minFree, retention, bool("STAGING_CLEAN_EMPTY_DIRECTORIES", cleanEmptyDirectories));
    }

    private static boolean bool(String key, String value) {
        String v = unquote(value == null ? "" : value.strip()).toLowerCase(Locale.ROOT);
        return switch (v) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(key + " must be true or false: " + value);
        };
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && ((s.startsWith("\"") && s.endsWith("\"")) || (s.startsWith("'") && s.endsWith("'")))) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }
}
