package br.com.rhp.hospital.staging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FileNamesTests {

    private static final UUID ID = UUID.fromString("0193a6f0-6c1e-7b2a-9f3d-2b7c1e5a9d10");

    @Test
    void writesAndReadsBackANameWhoseNodeContainsDashesAndDigits() {
        Instant at = Instant.parse("2026-11-27T02:10:03.123456789Z");

        String name = FileNames.name(at, "uti-2-000000000001", 42, ID);

        assertThat(name).isEqualTo("20261127T021003.123456789Z-uti-2-000000000001-000000000042-" + ID + ".json");
        assertThat(FileNames.parse(name)).contains(new FileNames.Parsed(at, "uti-2-000000000001", 42, ID));
    }

    @Test
    void keepsNamesFreeOfCharactersWindowsForbids() {
        String name = FileNames.name(Instant.parse("2026-01-02T03:04:05Z"), "n", 1, ID);

        assertThat(name).doesNotContain(":", "\\", "/", "*", "?", "\"", "<", ">", "|");
    }

    @Test
    void sortsNamesByTimeWhenReadAsText() {
        String earlier = FileNames.name(Instant.parse("2026-11-27T02:10:03.000000001Z"), "n", 9, ID);
        String later = FileNames.name(Instant.parse("2026-11-27T02:10:03.000000002Z"), "n", 1, ID);

        assertThat(earlier).isLessThan(later);
    }

    @Test
    void keepsSequencesBeyondTwelveDigits() {
        String name = FileNames.name(Instant.EPOCH, "n", 1_234_567_890_123L, ID);

        assertThat(FileNames.parse(name).orElseThrow().sequence()).isEqualTo(1_234_567_890_123L);
    }

    @Test
    void refusesNamesOutsideTheGrammar() {
        String good = "20261127T021003.123456789Z-n-000000000042-" + ID + ".json";
        assertThat(FileNames.parse(good)).isPresent();
        assertThat(FileNames.parse(good.replace(".json", ".json.tmp"))).isEmpty();
        assertThat(FileNames.parse(good.toUpperCase().replace(".JSON", ".json")))
                .isEmpty();
        assertThat(FileNames.parse(good.replace("000000000042", "42"))).isEmpty();
        assertThat(FileNames.parse(good.replace("20261127", "20261345"))).isEmpty();
        assertThat(FileNames.parse(good.replace("-n-", "-n/x-"))).isEmpty();
        assertThat(FileNames.parse("1732672203.json")).isEmpty();
    }

    @Test
    void writesTheSameNamesAndDateFoldersAsTheDocumentedFormatters() {
        DateTimeFormatter documented = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss.SSSSSSSSS'Z'", Locale.ROOT);
        List<Instant> instants = List.of(
                Instant.EPOCH,
                Instant.parse("2026-01-02T03:04:05Z"),
                Instant.parse("2026-12-31T23:59:59.999999999Z"),
                Instant.parse("2026-11-27T02:10:03.000001Z"),
                Instant.parse("0999-06-07T08:09:10.5Z"),
                Instant.parse("9999-12-31T23:59:59.100000000Z"));
        for (Instant at : instants) {
            for (long sequence : new long[] {0, 1, 999_999_999_999L, 1_000_000_000_000L, Long.MAX_VALUE}) {
                String expected = documented.format(LocalDateTime.ofInstant(at, ZoneOffset.UTC)) + "-node-"
                        + String.format(Locale.ROOT, "%012d", sequence) + "-" + ID + ".json";

                assertThat(FileNames.name(at, "node", sequence, ID)).isEqualTo(expected);
            }
            assertThat(FileNames.datePath(at))
                    .isEqualTo(DateTimeFormatter.ofPattern("uuuu/MM/dd", Locale.ROOT)
                            .withZone(ZoneOffset.UTC)
                            .format(at));
        }
    }
}
