package br.com.rhp.hospital.staging;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What happened to staged operations after they left the pending area, so that {@link
 * StagingStore#status} can answer once the file is gone.
 *
 * <p>One file per UTC day, {@code <root>/journal/<yyyy>-<mm>-<dd>.jsonl}: one JSON object per line,
 * appended and flushed before the change it records is made to the files (an {@code APPLIED} line before
 * the file is deleted). A line torn by a crash is skipped when the journal is loaded. Files older than the
 * retention are deleted.
 */
final class Journal {

    /** The version of the journal's lines; independent of the staged records' version. */
    static final int LINE_FORMAT_VERSION = 1;

    static final String DIRECTORY = "journal";
    private static final Logger log = LoggerFactory.getLogger(Journal.class);
    private static final Pattern FILE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}\\.jsonl");

    enum Event {
        APPLIED,
        QUARANTINED,
        CONFLICT,
        RELEASED,
        DISCARDED
    }

    /** One line of the journal; everything but {@code event} and {@code at} may be {@code null}. */
    record Line(
            Event event,
            UUID operationId,
            long sequence,
            String action,
            String entity,
            UUID entityId,
            String location,
            String reason,
            String user,
            Instant at) {}

    private record Outcome(Line line, LocalDate day) {}

    private final Path directory;
    private final StagingDisk disk;
    private final JsonMapper mapper;
    private final Clock clock;
    private final int retentionDays;
    private final Map<UUID, Outcome> outcomes = new HashMap<>();
    private final Set<Path> tailsChecked = new HashSet<>();
    private LocalDate prunedFor;
    private long highestSequence;

    private Journal(Path directory, StagingDisk disk, JsonMapper mapper, Clock clock, int retentionDays) {
        this.directory = directory;
        this.disk = disk;
        this.mapper = mapper;
        this.clock = clock;
        this.retentionDays = retentionDays;
    }

    /** Loads the journal in {@code directory} (which must exist), deleting the files past retention. */
    static Journal open(Path directory, StagingDisk disk, JsonMapper mapper, Clock clock, int retentionDays)
            throws IOException {
        Journal journal = new Journal(directory, disk, mapper, clock, retentionDays);
        journal.load();
        return journal;
    }

    synchronized long highestSequence() {
        return highestSequence;
    }

    /** The last APPLIED or DISCARDED line of the operation, if the journal still holds it. */
    synchronized Optional<Line> outcome(UUID operationId) {
        Outcome outcome = outcomes.get(operationId);
        return outcome == null ? Optional.empty() : Optional.of(outcome.line());
    }

    /** Appends the lines to today's file and flushes it; when this returns, they are on disk. */
    synchronized void append(List<Line> lines) throws IOException {
        if (lines.isEmpty()) {
            return;
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (!today.equals(prunedFor)) {
            prune(today);
        }
        Path file = directory.resolve(today + ".jsonl");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (tailsChecked.add(file) && endsTorn(file)) {
            // a crash tore the last line: start on a fresh line so the new ones are whole
            out.write('\n');
        }
        for (Line line : lines) {
            out.writeBytes(mapper.writeValueAsBytes(toJson(line)));
            out.write('\n');
        }
        if (disk.append(file, out.toByteArray())) {
            disk.syncDirectory(directory);
        }
        for (Line line : lines) {
            remember(line, today);
        }
    }

    private void load() throws IOException {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        prune(today);
        int skipped = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (!FILE.matcher(name).matches()) {
                    continue;
                }
                LocalDate day = day(name);
                if (day.equals(LocalDate.MAX)) {
                    continue;
                }
                for (String text : new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\n")) {
                    if (text.isBlank()) {
                        continue;
                    }
                    Line line = parse(text);
                    if (line == null) {
                        skipped++;
                    } else {
                        remember(line, day);
                    }
                }
            }
        }
        if (skipped > 0) {
            log.warn("Skipped {} damaged or unknown lines in the staging journal", skipped);
        }
    }

    private void prune(LocalDate today) throws IOException {
        LocalDate cutoff = today.minusDays(retentionDays);
        int deleted = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (FILE.matcher(name).matches() && day(name).isBefore(cutoff)) {
                    disk.delete(file);
                    tailsChecked.remove(file);
                    deleted++;
                }
            }
        }
        if (deleted > 0) {
            disk.syncDirectory(directory);
            log.info("Deleted {} staging journal files older than {} days", deleted, retentionDays);
        }
        outcomes.values().removeIf(outcome -> outcome.day().isBefore(cutoff));
        prunedFor = today;
    }

    private static LocalDate day(String name) {
        try {
            return LocalDate.parse(name.substring(0, 10));
        } catch (DateTimeParseException e) {
            return LocalDate.MAX;
        }
    }

    private void remember(Line line, LocalDate day) {
        highestSequence = Math.max(highestSequence, line.sequence());
        if (line.operationId() != null && (line.event() == Event.APPLIED || line.event() == Event.DISCARDED)) {
            // kept for every operation of the retention period (100,000 after a long outage): without the
            // location, which status() does not show for these events and which is most of a line's size
            Line kept = new Line(
                    line.event(),
                    line.operationId(),
                    line.sequence(),
                    line.action(),
                    line.entity(),
                    line.entityId(),
                    null,
                    line.reason(),
                    line.user(),
                    line.at());
            outcomes.put(line.operationId(), new Outcome(kept, day));
        }
    }

    private boolean endsTorn(Path file) throws IOException {
        if (!Files.exists(file)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size == 0) {
                return false;
            }
            ByteBuffer last = ByteBuffer.allocate(1);
            channel.read(last, size - 1);
            return last.get(0) != '\n';
        }
    }

    private ObjectNode toJson(Line line) {
        ObjectNode node = mapper.createObjectNode();
        node.put("format_version", LINE_FORMAT_VERSION);
        node.put("event", line.event().name());
        node.put(
                "operation_id",
                line.operationId() == null ? null : line.operationId().toString());
        node.put("sequence", line.sequence());
        node.put("action", line.action());
        node.put("entity", line.entity());
        node.put("entity_id", line.entityId() == null ? null : line.entityId().toString());
        node.put("location", line.location());
        node.put("reason", line.reason());
        node.put("user", line.user());
        node.put("at", line.at().toString());
        return node;
    }

    private Line parse(String text) {
        try {
            JsonNode node = mapper.readTree(text);
            if (node == null || !node.isObject() || node.path("format_version").asInt(-1) != LINE_FORMAT_VERSION) {
                return null;
            }
            return new Line(
                    Event.valueOf(node.path("event").asString()),
                    uuid(node.get("operation_id")),
                    node.path("sequence").asLong(-1),
                    string(node.get("action")),
                    string(node.get("entity")),
                    uuid(node.get("entity_id")),
                    string(node.get("location")),
                    string(node.get("reason")),
                    string(node.get("user")),
                    Instant.parse(node.path("at").asString()));
        } catch (JacksonException | IllegalArgumentException | DateTimeParseException e) {
            return null;
        }
    }

    private static String string(JsonNode node) {
        return node == null || node.isNull() ? null : node.asString();
    }

    private static UUID uuid(JsonNode node) {
        String s = string(node);
        return s == null ? null : UUID.fromString(s);
    }
}
