package br.com.rhp.hospital.staging;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Hands out the per-node sequence, strictly increasing across restarts.
 *
 * <p>Numbers are reserved in blocks: before the first number of a block is used, {@code sequence.json} is
 * durably rewritten to say "every number below {@code reserved_until} may have been used". After a restart
 * the store continues from there, so at most one block is skipped, and only one write in {@link #BLOCK}
 * pays for the state file's fsyncs.
 */
final class SequenceAllocator {

    /** The version of {@code sequence.json}; independent of the staged records' version. */
    static final int STATE_FORMAT_VERSION = 1;

    static final String FILE = "sequence.json";
    static final long BLOCK = 1000;
    private static final Logger log = LoggerFactory.getLogger(SequenceAllocator.class);

    private final Path file;
    private final StagingDisk disk;
    private final JsonMapper mapper;
    private long next;
    private long reservedUntil;

    private SequenceAllocator(Path file, StagingDisk disk, JsonMapper mapper, long next) {
        this.file = file;
        this.disk = disk;
        this.mapper = mapper;
        this.next = next;
        this.reservedUntil = next;
    }

    /**
     * Opens the allocator of the staging root.
     *
     * @param highestSeen the highest sequence found in file names and the journal, a floor in case the
     *     state file was lost or damaged
     * @throws IllegalStateException when the state file has a format version this code does not know
     */
    static SequenceAllocator open(Path root, StagingDisk disk, JsonMapper mapper, long highestSeen) throws IOException {
        Path file = root.resolve(FILE);
        long reserved = 1;
        try {
            JsonNode state = mapper.readTree(disk.read(file, 4096));
            JsonNode version = state == null ? null : state.get("format_version");
            if (version == null || !version.isIntegralNumber()) {
                log.warn("{} is damaged; the sequence continues after the highest one on disk", FILE);
            } else if (version.intValue() != STATE_FORMAT_VERSION) {
                throw new IllegalStateException(FILE + " has format_version " + version.intValue()
                        + ", which this version of hospital-api does not know; it was written by a newer version");
            } else if (state.path("reserved_until").canConvertToExactIntegral()) {
                reserved = state.get("reserved_until").longValue();
            } else {
                log.warn("{} is damaged; the sequence continues after the highest one on disk", FILE);
            }
        } catch (NoSuchFileException e) {
            log.debug("no {} yet", FILE);
        } catch (JacksonException | LocalDisk.FileTooLarge e) {
            log.warn("{} is damaged; the sequence continues after the highest one on disk", FILE);
        }
        return new SequenceAllocator(file, disk, mapper, Math.max(Math.max(reserved, highestSeen + 1), 1));
    }

    /** The next number; durable before it is returned. Callers serialise calls. */
    long next() throws IOException {
        if (next >= reservedUntil) {
            reserve(next + BLOCK);
        }
        return next++;
    }

    /** The number {@link #next()} will return. */
    long peek() {
        return next;
    }

    private void reserve(long until) throws IOException {
        ObjectNode state = mapper.createObjectNode();
        state.put("format_version", STATE_FORMAT_VERSION);
        state.put("reserved_until", until);
        byte[] bytes = mapper.writeValueAsBytes(state);
        Path tmp = file.resolveSibling(FILE + FileNames.TMP_SUFFIX);
        Files.deleteIfExists(tmp);
        try (FileChannel channel = disk.createNew(tmp)) {
            disk.write(channel, bytes);
            disk.force(channel);
        }
        disk.replace(tmp, file);
        disk.syncRename(file);
        reservedUntil = until;
    }
}
