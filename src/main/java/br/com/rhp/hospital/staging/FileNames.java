package br.com.rhp.hospital.staging;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The file-name grammar of staged files:
 *
 * <pre>
 * name      = timestamp "-" node "-" sequence "-" operation-id ".json"
 * timestamp = yyyyMMdd "T" HHmmss "." 9 digits of fraction "Z"    ; UTC, nanoseconds
 * node      = 1*64 ( ALPHA / DIGIT / "." / "_" / "-" )
 * sequence  = 12*19 DIGIT                                        ; zero-padded to 12
 * operation-id = lower-case canonical UUID (8-4-4-4-12)
 * </pre>
 *
 * <p>The node may contain {@code -}: the grammar is parsed from the right, where the UUID has a fixed
 * length and the sequence is the last group of digits before it.
 */
final class FileNames {

    static final String EXTENSION = ".json";
    static final String TMP_SUFFIX = ".tmp";
    static final String REASON_SUFFIX = ".reason.json";
    static final Pattern NODE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern(
                    "uuuuMMdd'T'HHmmss.SSSSSSSSS'Z'", Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter DATE_PATH =
            DateTimeFormatter.ofPattern("uuuu/MM/dd", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final String UUID_REGEX = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    static final Pattern CANONICAL_UUID = Pattern.compile(UUID_REGEX);
    private static final Pattern NAME = Pattern.compile(
            "(\\d{8}T\\d{6}\\.\\d{9}Z)-([A-Za-z0-9._-]{1,64})-(\\d{12,19})-(" + UUID_REGEX + ")\\.json");

    private FileNames() {}

    /** What a well-formed name says. */
    record Parsed(Instant stagedAt, String node, long sequence, UUID operationId) {}

    /**
     * The name of a staged file. Every staged write computes one (and its {@link #datePath}), so the
     * digits are written by hand: {@link DateTimeFormatter} and {@link String#format} cost a few percent
     * of a staged request's CPU. {@code FileNamesTests} holds this to the formatters' output.
     */
    static String name(Instant stagedAt, String node, long sequence, UUID operationId) {
        LocalDateTime t = LocalDateTime.ofInstant(stagedAt, ZoneOffset.UTC);
        StringBuilder name = new StringBuilder(30 + node.length() + 20 + 36 + EXTENSION.length());
        if (t.getYear() < 0 || t.getYear() > 9999) {
            name.append(TIMESTAMP.format(t)); // a sign and more digits, as the formatter writes them
        } else {
            digits(name, t.getYear(), 4);
            digits(name, t.getMonthValue(), 2);
            digits(name, t.getDayOfMonth(), 2);
            name.append('T');
            digits(name, t.getHour(), 2);
            digits(name, t.getMinute(), 2);
            digits(name, t.getSecond(), 2);
            name.append('.');
            digits(name, t.getNano(), 9);
            name.append('Z');
        }
        name.append('-').append(node).append('-');
        digits(name, sequence, 12);
        return name.append('-').append(operationId).append(EXTENSION).toString();
    }

    /** A non-negative number, zero-padded to at least {@code width} digits. */
    private static void digits(StringBuilder out, long value, int width) {
        if (value < 0) {
            throw new IllegalArgumentException("a negative number has no place in a file name: " + value);
        }
        String text = Long.toString(value);
        for (int i = text.length(); i < width; i++) {
            out.append('0');
        }
        out.append(text);
    }

    /** {@code yyyy/mm/dd} of the instant's UTC date. */
    static String datePath(Instant instant) {
        LocalDate date = LocalDate.ofInstant(instant, ZoneOffset.UTC);
        if (date.getYear() < 0 || date.getYear() > 9999) {
            return DATE_PATH.format(instant);
        }
        StringBuilder path = new StringBuilder(10);
        digits(path, date.getYear(), 4);
        digits(path.append('/'), date.getMonthValue(), 2);
        digits(path.append('/'), date.getDayOfMonth(), 2);
        return path.toString();
    }

    static Optional<Parsed> parse(String fileName) {
        Matcher m = NAME.matcher(fileName);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            Instant stagedAt = LocalDateTime.parse(m.group(1), TIMESTAMP).toInstant(ZoneOffset.UTC);
            long sequence = Long.parseLong(m.group(3));
            return Optional.of(new Parsed(stagedAt, m.group(2), sequence, UUID.fromString(m.group(4))));
        } catch (DateTimeParseException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code name} could be a staged file, as opposed to a temporary or reason file. */
    static boolean isEntryName(String name) {
        return name.endsWith(EXTENSION) && !name.endsWith(REASON_SUFFIX);
    }

    /** The reason file kept beside {@code entryName} in the quarantine and conflict areas. */
    static String reasonName(String entryName) {
        return entryName.substring(0, entryName.length() - EXTENSION.length()) + REASON_SUFFIX;
    }

    /** The entry a reason file belongs to. */
    static String entryOfReason(String reasonName) {
        return reasonName.substring(0, reasonName.length() - REASON_SUFFIX.length()) + EXTENSION;
    }
}
