package br.com.rhp.hospital.staging;

import br.com.rhp.hospital.staging.Journal.Event;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A durable local store of write operations, one file per operation, for the hours when the central
 * database cannot take them.
 *
 * <h2>Guarantee</h2>
 *
 * <p>When {@link #stage} returns, the operation is on disk: a file visible under {@code
 * <root>/<action>/<entity>/…} is complete and on disk. Each file is written as {@code <name>.json.tmp} in its
 * final directory, flushed ({@code fsync}), renamed atomically to {@code <name>.json}, and the directory is
 * flushed; only then does {@code stage} return its {@link StagingReceipt}. If any step fails, {@code stage}
 * throws {@link NotStaged} and the operation is not pending; if the process or the machine dies before the
 * rename, the reopened store deletes the {@code *.tmp} leftover, and after the rename it holds the complete
 * file. Readers never see a {@code *.tmp} file. Nothing is ever overwritten: names are unique (below) and
 * files are created with {@code CREATE_NEW}.
 *
 * <h2>Layout</h2>
 *
 * <pre>
 * &lt;root&gt;/
 *   sequence.json                                    the per-node sequence, reserved in blocks
 *   create|update/&lt;entity&gt;/&lt;yyyy&gt;/&lt;mm&gt;/&lt;dd&gt;/&lt;name&gt;.json   pending (UTC date of staging)
 *   quarantine/&lt;action&gt;/&lt;entity&gt;/&lt;yyyy&gt;/&lt;mm&gt;/&lt;dd&gt;/&lt;name&gt;.json          held for a person,
 *                                          …/&lt;name&gt;.reason.json   with the reason beside it
 *   conflicts/&lt;action&gt;/&lt;entity&gt;/…                    the same, for conflicts
 *   journal/&lt;yyyy&gt;-&lt;mm&gt;-&lt;dd&gt;.jsonl                   applied, discarded, moved: one line each
 * </pre>
 *
 * <h2>File names</h2>
 *
 * <p>{@code <timestamp>-<node>-<sequence>-<operation_id>.json}, for example {@code
 * 20261127T021003.123456789Z-enfermaria-2-000000000042-0193a6f0-6c1e-7b2a-9f3d-2b7c1e5a9d10.json}: the UTC
 * time of staging to the nanosecond, the node id, the sequence zero-padded to 12 digits and the operation
 * id. The sequence alone makes names unique, even for many writes in one millisecond or after the clock
 * steps back; the operation id lets {@link #status} find a file without reading any.
 *
 * <h2>Order</h2>
 *
 * <p>The sequence is the order in which this node accepted the writes. It increases across restarts
 * (numbers are reserved in durably recorded blocks, so a restart may skip some). {@link #pending} merges
 * all action, entity and date folders and returns the files in sequence order; the date folders are for
 * people and tools, not for order.
 *
 * <h2>Caveats</h2>
 *
 * <ul>
 *   <li>One store per staging root and one staging root per node: two processes on one root would hand
 *       out the same sequence numbers.
 *   <li>Durability is what the platform gives to {@code fsync}: a disk or controller that acknowledges
 *       writes it only cached defeats it. On Windows, directories cannot be flushed; the renamed file is
 *       flushed instead (docs/STAGING-FORMAT.md explains what that covers), and a complete {@code *.tmp}
 *       found at start-up is moved to quarantine instead of being deleted.
 *   <li>{@link #status} and {@link #stats} answer from an index of file names built at start-up and kept by
 *       the store's own operations; files added or removed by hand are seen by the next listing of their
 *       area.
 *   <li>{@link #stage} is safe from any number of threads. The reading and outcome methods ({@link
 *       #pending}, {@link #markApplied}, {@link #quarantine}, …) may run beside {@code stage}, but the caller
 *       runs one replayer (or administrator action) at a time; they never hold a lock that {@code stage}
 *       waits for during I/O.
 *   <li>Payloads are encrypted (AES-256-GCM, format version 2) when a key is configured, else kept in
 *       clear (version 1); either way the folders are private to the service account (0700, files 0600)
 *       where POSIX permissions exist.
 * </ul>
 */
public final class StagingStore {

    /**
     * The newest format version of staged records: this code writes it when an encryption key is
     * configured (version 1 without one) and reads it and version 1.
     */
    public static final int FORMAT_VERSION = RecordCodec.FORMAT_VERSION;

    /** The version of reason files; independent of the staged records' version. */
    static final int REASON_FORMAT_VERSION = 1;

    /** Larger files are refused as unreadable rather than read into memory. */
    static final int MAX_RECORD_BYTES = 32 * 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(StagingStore.class);
    private static final List<String> ACTIONS = List.of(OperationToStage.CREATE, OperationToStage.UPDATE);
    private static final Pattern YEAR = Pattern.compile("\\d{4}");
    private static final Pattern TWO_DIGITS = Pattern.compile("\\d{2}");
    private static final Set<PosixFilePermission> DIRECTORY_0700 = PosixFilePermissions.fromString("rwx------");

    private final StagingSettings settings;
    private final Path root;
    private final String nodeId;
    private final Clock clock;
    private final StagingDisk disk;
    private final RecordCodec codec;
    private final StagingIndex index = new StagingIndex();
    private final Set<Path> durableDirectories = ConcurrentHashMap.newKeySet();
    private final Object sequenceLock = new Object();
    private final Journal journal;
    private final SequenceAllocator sequences;

    private StagingStore(
            StagingSettings settings, StagingEncryption encryption, String nodeId, Clock clock, StagingDisk disk)
            throws IOException {
        this.settings = settings;
        this.codec = new RecordCodec(encryption);
        this.root = settings.root();
        this.nodeId = nodeId;
        this.clock = clock;
        this.disk = disk;
        durableDirectories.add(root);
        long highestSequence = recover();
        Path journalDirectory = root.resolve(Journal.DIRECTORY);
        ensureDirectory(journalDirectory);
        this.journal = Journal.open(journalDirectory, disk, codec.mapper(), clock, settings.journalRetentionDays());
        this.sequences = SequenceAllocator.open(
                root, disk, codec.mapper(), Math.max(highestSequence, journal.highestSequence()));
    }

    /**
     * Opens the staging area, creating it if needed, and recovers from an earlier crash: leftover {@code
     * *.tmp} files are removed (counted in the log, never shown), reason files without their entry are
     * removed, and, if the settings say so, empty date folders.
     *
     * @param nodeId this node's id, {@code [A-Za-z0-9._-]{1,64}}
     * @throws IllegalStateException when the area cannot be created, written or flushed, with the reason
     */
    public static StagingStore open(StagingSettings settings, String nodeId, Clock clock) {
        return open(settings, StagingEncryption.disabled(), nodeId, clock, null);
    }

    /**
     * As {@link #open(StagingSettings, String, Clock)}, encrypting payloads with the current key of {@code
     * encryption} (format version 2) when it has one.
     */
    public static StagingStore open(
            StagingSettings settings, StagingEncryption encryption, String nodeId, Clock clock) {
        return open(settings, encryption, nodeId, clock, null);
    }

    /** As {@link #open(StagingSettings, String, Clock)}, on the given disk ({@code null}: the real one). */
    static StagingStore open(StagingSettings settings, String nodeId, Clock clock, StagingDisk disk) {
        return open(settings, StagingEncryption.disabled(), nodeId, clock, disk);
    }

    /** As {@link #open(StagingSettings, StagingEncryption, String, Clock)}, on the given disk. */
    static StagingStore open(
            StagingSettings settings, StagingEncryption encryption, String nodeId, Clock clock, StagingDisk disk) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(encryption, "encryption");
        Objects.requireNonNull(clock, "clock");
        if (nodeId == null || !FileNames.NODE.matcher(nodeId).matches()) {
            throw new IllegalArgumentException("node id must match " + FileNames.NODE + ": " + nodeId);
        }
        Path root = settings.root();
        try {
            List<Path> created = createRoot(root);
            StagingDisk actual = disk != null ? disk : LocalDisk.probe(root);
            for (Path directory : created) {
                actual.syncDirectory(directory.getParent());
            }
            StagingStore store = new StagingStore(settings, encryption, nodeId, clock, actual);
            store.tightenRootPermissions();
            return store;
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalStateException(
                    "cannot open the staging area at " + root + " (STAGING_AREA_PATH): " + e.getMessage(), e);
        }
    }

    /** The staging root, absolute. */
    public Path root() {
        return root;
    }

    /** The node id written into names and records. */
    public String nodeId() {
        return nodeId;
    }

    // ------------------------------------------------------------------ staging

    /**
     * Writes one operation durably. When this returns, the file is complete and on disk, under {@code
     * <action>/<entity>/<yyyy>/<mm>/<dd>/}.
     *
     * @throws StagingFull when the staging volume has less free space than {@code STAGING_MIN_FREE_BYTES};
     *     nothing was written
     * @throws StagingFailed when the file system failed; the operation is not pending
     * @throws IllegalArgumentException when the operation id is already in the store, or the record would be
     *     larger than a reader accepts (32 MiB)
     */
    public StagingReceipt stage(OperationToStage operation) {
        Objects.requireNonNull(operation, "operation");
        if (index.contains(operation.operationId())) {
            throw new IllegalArgumentException("operation " + operation.operationId() + " is already staged");
        }
        requireFreeSpace();
        long sequence;
        Instant stagedAt;
        synchronized (sequenceLock) {
            try {
                sequence = sequences.next();
            } catch (IOException e) {
                throw new StagingFailed("cannot reserve a sequence number in " + SequenceAllocator.FILE, e);
            }
            stagedAt = clock.instant();
        }
        StagedRecord record = new StagedRecord(
                codec.writeVersion(),
                operation.operationId(),
                nodeId,
                sequence,
                operation.entity(),
                operation.action(),
                operation.command(),
                operation.entityId(),
                operation.baseVersion(),
                operation.user(),
                operation.clientAddress(),
                operation.ocorridoEm(),
                operation.registradoEm(),
                stagedAt,
                operation.payload());
        byte[] bytes = codec.encode(record);
        if (bytes.length > MAX_RECORD_BYTES) {
            // it could never be read back for replay
            throw new IllegalArgumentException("a staged record may have at most " + MAX_RECORD_BYTES + " bytes");
        }
        String name = FileNames.name(stagedAt, nodeId, sequence, operation.operationId());
        String relativePath =
                operation.action() + "/" + operation.entity() + "/" + FileNames.datePath(stagedAt) + "/" + name;
        Path target = resolve(root, relativePath);
        Path tmp = target.resolveSibling(name + FileNames.TMP_SUFFIX);
        try {
            writeTemporary(tmp, bytes);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new StagingFailed("cannot write " + relativePath + FileNames.TMP_SUFFIX, e);
        }
        try {
            disk.move(tmp, target);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new StagingFailed("cannot rename " + relativePath + FileNames.TMP_SUFFIX, e);
        }
        try {
            disk.syncRename(target);
        } catch (IOException e) {
            undoUnsyncedRename(target, relativePath);
            throw new StagingFailed("cannot flush the directory of " + relativePath, e);
        }
        index.put(new StagedFile(
                Area.PENDING,
                relativePath,
                operation.action(),
                operation.entity(),
                operation.operationId(),
                sequence,
                stagedAt,
                bytes.length));
        return new StagingReceipt(operation.operationId(), sequence, stagedAt, relativePath);
    }

    private void requireFreeSpace() {
        long usable;
        try {
            usable = disk.usableSpace(root);
        } catch (IOException e) {
            throw new StagingFailed("cannot read the free space of the staging volume", e);
        }
        if (usable < settings.minFreeBytes()) {
            throw new StagingFull(usable, settings.minFreeBytes());
        }
    }

    private void writeTemporary(Path tmp, byte[] bytes) throws IOException {
        try {
            ensureDirectory(tmp.getParent());
            writeNew(tmp, bytes);
        } catch (NoSuchFileException e) {
            // a folder was removed behind the store's back (by hand): forget it, create it again, once
            for (Path p = tmp.getParent(); p != null && !p.equals(root); p = p.getParent()) {
                durableDirectories.remove(p);
            }
            ensureDirectory(tmp.getParent());
            writeNew(tmp, bytes);
        }
    }

    private void writeNew(Path file, byte[] bytes) throws IOException {
        try (FileChannel channel = disk.createNew(file)) {
            disk.write(channel, bytes);
            disk.force(channel);
        }
    }

    /**
     * The rename happened but could not be made durable: the client will be told the write failed, so the
     * file must not stay pending, or it would be replayed beside the client's second attempt.
     */
    private void undoUnsyncedRename(Path target, String relativePath) {
        try {
            disk.delete(target);
            disk.syncDirectory(target.getParent());
        } catch (IOException | RuntimeException e) {
            log.error(
                    "Staged file {} could not be made durable nor removed; the client was told it failed."
                            + " If it is still there, discard it before it is replayed beside a resubmission",
                    relativePath,
                    e);
        }
    }

    // ------------------------------------------------------------------ reading

    /** Every pending file, all partitions merged, in acceptance order, read. */
    public List<StagedEntry> pending() {
        return read(files(Area.PENDING));
    }

    /** The first {@code limit} pending files in acceptance order, read: a batch of the replay. */
    public List<StagedEntry> pending(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
        List<StagedFile> files = files(Area.PENDING);
        return read(files.subList(0, Math.min(limit, files.size())));
    }

    /** Every file of {@code area} in acceptance order, read. */
    public List<StagedEntry> entries(Area area) {
        return read(files(area));
    }

    /**
     * The files of {@code area}, all partitions merged, in acceptance order ({@link
     * StagedFile#ACCEPTANCE_ORDER}), from their names only: nothing is read. Temporary and reason files are
     * never listed.
     */
    public List<StagedFile> files(Area area) {
        List<StagedFile> files = new ArrayList<>();
        list(area, files::add);
        files.sort(StagedFile.ACCEPTANCE_ORDER);
        return files;
    }

    /**
     * Lists {@code area} on disk and brings the index in line with it (files added or removed by hand since
     * the store was opened), without keeping the listing: a large backlog's paths are never all in memory.
     * {@link #indexed} then gives the files in acceptance order.
     */
    public void refresh(Area area) {
        list(area, file -> {});
    }

    private void list(Area area, Consumer<StagedFile> each) {
        StagingIndex.Listing listing = index.beginListing(area);
        Predicate<StagedFile> exists = file -> Files.exists(pathOf(file));
        try {
            walk(area, new AreaVisitor() {
                @Override
                public void file(StagedFile file, Path path) {
                    listing.found(file, exists);
                    each.accept(file);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the staging area " + area, e);
        }
        listing.finish(exists);
    }

    /**
     * The files of {@code area} as the store's index knows them — the names found when the store was opened,
     * kept up to date by the store's own operations — in acceptance order, without listing the disk (a
     * listing of a large staging area takes seconds). Files added or removed by hand since the store was
     * opened are noticed only by {@link #files(Area)} and {@link #refresh(Area)}. The list is a snapshot that
     * makes each {@link StagedFile} when it is read, so that it costs a few bytes a file until then.
     */
    public List<StagedFile> indexed(Area area) {
        return index.inAcceptanceOrder(area);
    }

    /** Reads one file. Never throws for a bad or vanished file: it comes back {@link StagedEntry.Unreadable}. */
    public StagedEntry read(StagedFile file) {
        if (file.entity() == null) {
            return unreadable(
                    file, "not where the layout puts staged files (<action>/<entity>/<yyyy>/<mm>/<dd>/<name>.json)");
        }
        if (file.operationId() == null) {
            return unreadable(file, "file name does not follow <timestamp>-<node>-<sequence>-<operation_id>.json");
        }
        byte[] bytes;
        try {
            bytes = disk.read(pathOf(file), MAX_RECORD_BYTES);
        } catch (NoSuchFileException e) {
            return unreadable(file, "the file vanished while it was being read");
        } catch (LocalDisk.FileTooLarge e) {
            return unreadable(file, e.getMessage());
        } catch (IOException e) {
            return unreadable(file, "cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        RecordCodec.Decoded decoded = codec.decode(bytes);
        if (decoded.reason() != null) {
            return unreadable(file, decoded.reason());
        }
        StagedRecord record = decoded.record();
        String disagreement = disagreement(record, file);
        if (disagreement != null) {
            return unreadable(file, "file name or folder and content disagree on " + disagreement);
        }
        return new StagedEntry.Readable(file, record);
    }

    /** The first field on which the file's name or folder and its content differ, or {@code null}. */
    private static String disagreement(StagedRecord record, StagedFile file) {
        FileNames.Parsed name = FileNames.parse(file.fileName()).orElseThrow();
        if (!record.operationId().equals(file.operationId())) {
            return "operation_id";
        }
        if (record.sequence() != file.sequence()) {
            return "sequence";
        }
        if (!record.nodeId().equals(name.node())) {
            return "node_id";
        }
        if (!record.action().equals(file.action())) {
            return "action";
        }
        return record.entity().equals(file.entity()) ? null : "entity";
    }

    /** The file of an operation that is pending, quarantined or in conflict, read. */
    public Optional<StagedEntry> find(UUID operationId) {
        return index.find(operationId)
                .filter(file -> Files.exists(pathOf(file)))
                .map(this::read);
    }

    /** The file of an operation that is pending, quarantined or in conflict, by name only (nothing is read). */
    public Optional<StagedFile> file(UUID operationId) {
        return index.find(operationId).filter(file -> Files.exists(pathOf(file)));
    }

    /** Why a quarantined or conflicting file is held; empty for pending files or a missing reason file. */
    public Optional<String> reason(StagedFile file) {
        return readReason(pathOf(file)).map(HeldReason::reason);
    }

    private List<StagedEntry> read(List<StagedFile> files) {
        List<StagedEntry> entries = new ArrayList<>(files.size());
        for (StagedFile file : files) {
            entries.add(read(file));
        }
        return entries;
    }

    private StagedEntry unreadable(StagedFile file, String reason) {
        // the reason never holds content, so it may be logged
        log.warn("Staged file {} cannot be replayed: {}", file.location(), reason);
        return new StagedEntry.Unreadable(file, reason);
    }

    // ------------------------------------------------------------------ outcomes

    /** {@link #markApplied(Collection)} for one entry. */
    public void markApplied(StagedEntry entry) {
        markApplied(List.of(entry));
    }

    /**
     * Records that the database committed these operations, then deletes their files. The journal line is
     * flushed before a file is deleted, so a crash in between leaves the file pending and its replay is a
     * no-op in the database's ledger. One journal flush and one flush per folder for the whole batch.
     *
     * @throws IllegalArgumentException for an entry that is unreadable or not pending
     * @throws UncheckedIOException when the journal or a folder cannot be written
     */
    public void markApplied(Collection<? extends StagedEntry> entries) {
        Instant now = clock.instant();
        List<Journal.Line> lines = new ArrayList<>(entries.size());
        for (StagedEntry entry : entries) {
            if (!(entry instanceof StagedEntry.Readable readable)
                    || entry.file().area() != Area.PENDING) {
                throw new IllegalArgumentException("only a readable pending entry can be applied: "
                        + entry.file().location());
            }
            lines.add(line(
                    Event.APPLIED,
                    entry,
                    null,
                    null,
                    null,
                    now,
                    readable.record().entityId()));
        }
        try {
            journal.append(lines);
            Set<Path> directories = new LinkedHashSet<>();
            for (StagedEntry entry : entries) {
                Path path = pathOf(entry.file());
                disk.delete(path);
                directories.add(path.getParent());
            }
            for (Path directory : directories) {
                disk.syncDirectory(directory);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record applied operations", e);
        }
        for (StagedEntry entry : entries) {
            index.remove(entry.file());
        }
    }

    /**
     * Moves a file to {@code <root>/quarantine/}, same relative path, with {@code reason} in a {@code
     * .reason.json} file beside it. For unreadable files and operations a rule refused at replay.
     *
     * @return {@code false} if the file was already gone
     */
    public boolean quarantine(StagedEntry entry, String reason) {
        return hold(entry, Area.QUARANTINE, Event.QUARANTINED, reason);
    }

    /**
     * Moves a file to {@code <root>/conflicts/}, same relative path, with {@code reason} beside it. For
     * operations that contradict what the database holds now (a stale base version, two admissions into one
     * bed).
     *
     * @return {@code false} if the file was already gone
     */
    public boolean conflict(StagedEntry entry, String reason) {
        return hold(entry, Area.CONFLICTS, Event.CONFLICT, reason);
    }

    /** {@link #release(StagedEntry, String)} without a user name. */
    public boolean release(StagedEntry entry) {
        return release(entry, null);
    }

    /**
     * Moves a quarantined or conflicting file back to pending, for an administrator's retry. It keeps its
     * sequence, so it is replayed in its original place.
     *
     * @return {@code false} if the file was already gone
     * @throws IllegalArgumentException if the entry is pending
     * @throws IllegalStateException if a file of the same name is pending
     */
    public boolean release(StagedEntry entry, String user) {
        StagedFile from = entry.file();
        if (from.area() == Area.PENDING) {
            throw new IllegalArgumentException("already pending: " + from.location());
        }
        StagedFile to = from.in(Area.PENDING);
        Path source = pathOf(from);
        Path target = pathOf(to);
        try {
            if (!Files.exists(source)) {
                index.remove(from);
                return false;
            }
            ensureDirectory(target.getParent());
            if (Files.exists(target)) {
                throw new IllegalStateException(to.location() + " already exists");
            }
            try {
                disk.move(source, target);
            } catch (NoSuchFileException e) {
                index.remove(from);
                return false;
            }
            disk.syncRename(target);
            disk.syncDirectory(source.getParent());
            index.move(from, to);
            disk.delete(reasonPath(source));
            disk.syncDirectory(source.getParent());
            journal.append(List.of(line(Event.RELEASED, entry, to.location(), null, user, clock.instant(), null)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release " + from.location(), e);
        }
        return true;
    }

    /**
     * Deletes a file for good, by a person's decision, after recording the discard (who, why, when, which
     * operation; not the content) in the journal.
     *
     * @return {@code false} if the file was already gone
     */
    public boolean discard(StagedEntry entry, String reason, String user) {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(user, "user");
        StagedFile file = entry.file();
        Path path = pathOf(file);
        try {
            if (!Files.exists(path)) {
                index.remove(file);
                return false;
            }
            journal.append(List.of(line(Event.DISCARDED, entry, file.location(), reason, user, clock.instant(), null)));
            disk.delete(path);
            disk.delete(reasonPath(path));
            disk.syncDirectory(path.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot discard " + file.location(), e);
        }
        index.remove(file);
        log.info("Staged file {} discarded", file.location());
        return true;
    }

    private boolean hold(StagedEntry entry, Area area, Event event, String reason) {
        Objects.requireNonNull(reason, "reason");
        StagedFile from = entry.file();
        if (from.area() == area) {
            throw new IllegalArgumentException("already in " + area + ": " + from.location());
        }
        StagedFile to = from.in(area);
        Path source = pathOf(from);
        Path target = pathOf(to);
        Instant now = clock.instant();
        try {
            if (!Files.exists(source)) {
                index.remove(from);
                return false;
            }
            ensureDirectory(target.getParent());
            if (Files.exists(target)) {
                throw new IllegalStateException(to.location() + " already exists");
            }
            // the reason first: a held file is never visible without it
            writeReason(target, from.operationId(), area, reason, now);
            try {
                disk.move(source, target);
            } catch (NoSuchFileException e) {
                disk.delete(reasonPath(target));
                index.remove(from);
                return false;
            }
            disk.syncRename(target);
            disk.syncDirectory(source.getParent());
            index.move(from, to);
            if (from.area() != Area.PENDING) {
                disk.delete(reasonPath(source));
                disk.syncDirectory(source.getParent());
            }
            journal.append(List.of(line(event, entry, to.location(), reason, null, now, null)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + from.location() + " to " + area, e);
        }
        log.warn("Staged file {} moved to {}: {}", from.location(), area, reason);
        return true;
    }

    private Journal.Line line(
            Event event, StagedEntry entry, String location, String reason, String user, Instant at, UUID entityId) {
        StagedFile file = entry.file();
        UUID entity = entityId;
        if (entity == null && entry instanceof StagedEntry.Readable readable) {
            entity = readable.record().entityId();
        }
        return new Journal.Line(
                event,
                file.operationId(),
                file.sequence(),
                file.action(),
                file.entity(),
                entity,
                location == null ? file.location() : location,
                reason,
                user,
                at);
    }

    // ------------------------------------------------------------------ status and figures

    /**
     * Where an operation is: pending, quarantined or in conflict while its file exists (found by name, no
     * file is read but the reason file of a held one), applied or discarded from the journal afterwards,
     * unknown otherwise.
     */
    public OperationStatus status(UUID operationId) {
        for (int attempt = 0; attempt < 2; attempt++) {
            Optional<StagedFile> found = index.find(operationId);
            if (found.isEmpty()) {
                break;
            }
            StagedFile file = found.get();
            Path path = pathOf(file);
            if (!Files.exists(path)) {
                // moved or removed meanwhile: look again
                index.remove(file);
                continue;
            }
            if (file.area() == Area.PENDING) {
                return new OperationStatus(
                        operationId, OperationStatus.State.PENDING, null, file.stagedAt(), null, file.location());
            }
            HeldReason held = readReason(path).orElse(new HeldReason("(the reason file is missing)", null));
            OperationStatus.State state =
                    file.area() == Area.QUARANTINE ? OperationStatus.State.QUARANTINED : OperationStatus.State.CONFLICT;
            return new OperationStatus(operationId, state, held.reason(), held.at(), null, file.location());
        }
        return journal.outcome(operationId)
                .map(line -> new OperationStatus(
                        operationId,
                        line.event() == Event.APPLIED ? OperationStatus.State.APPLIED : OperationStatus.State.DISCARDED,
                        line.reason(),
                        line.at(),
                        line.user(),
                        null))
                .orElse(OperationStatus.unknown(operationId));
    }

    /** The backlog in figures, from the index: cheap enough for every metrics scrape. */
    public StagingStats stats() {
        Tally tally = new Tally();
        index.forEachFile(tally);
        Instant oldest = tally.oldest();
        long usable;
        try {
            usable = disk.usableSpace(root);
        } catch (IOException e) {
            usable = -1;
        }
        Duration age = Duration.ZERO;
        if (oldest != null) {
            Duration waited = Duration.between(oldest, clock.instant());
            age = waited.isNegative() ? Duration.ZERO : waited;
        }
        return new StagingStats(
                tally.perPartition,
                tally.pending,
                tally.pendingBytes,
                oldest,
                age,
                tally.quarantined,
                tally.quarantinedBytes,
                tally.conflicts,
                tally.conflictBytes,
                usable,
                settings.minFreeBytes());
    }

    // ------------------------------------------------------------------ reason files

    private record HeldReason(String reason, Instant at) {}

    private static Path reasonPath(Path entry) {
        return entry.resolveSibling(FileNames.reasonName(entry.getFileName().toString()));
    }

    private void writeReason(Path entry, UUID operationId, Area area, String reason, Instant at) throws IOException {
        ObjectNode node = codec.mapper().createObjectNode();
        node.put("format_version", REASON_FORMAT_VERSION);
        node.put("operation_id", operationId == null ? null : operationId.toString());
        node.put("area", area.directory());
        node.put("reason", reason);
        node.put("at", at.toString());
        byte[] bytes = codec.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(node);
        Path file = reasonPath(entry);
        Path tmp = file.resolveSibling(file.getFileName() + FileNames.TMP_SUFFIX);
        disk.delete(tmp);
        writeNew(tmp, bytes);
        disk.replace(tmp, file);
    }

    private Optional<HeldReason> readReason(Path entry) {
        try {
            JsonNode node = codec.mapper().readTree(disk.read(reasonPath(entry), 1024 * 1024));
            if (node == null || !node.isObject()) {
                return Optional.empty();
            }
            JsonNode at = node.get("at");
            return Optional.of(new HeldReason(
                    node.path("reason").asString("(no reason given)"),
                    at != null && at.isString() ? Instant.parse(at.stringValue()) : null));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    // ------------------------------------------------------------------ paths and folders

    private Path areaDirectory(Area area) {
        return area == Area.PENDING ? root : root.resolve(area.directory());
    }

    /** The file's path, refusing relative paths that would leave the area. */
    Path pathOf(StagedFile file) {
        return resolve(areaDirectory(file.area()), file.relativePath());
    }

    private static Path resolve(Path base, String relativePath) {
        Path path = base;
        for (String segment : relativePath.split("/", -1)) {
            if (segment.isEmpty()
                    || segment.equals(".")
                    || segment.equals("..")
                    || segment.contains("\\")
                    || segment.contains(":")) {
                throw new IllegalArgumentException("not a staging path: " + relativePath);
            }
            path = path.resolve(segment);
        }
        return path;
    }

    /**
     * Creates the folder and any missing parent below the root, each made durable by flushing its parent
     * before use. A folder another thread is creating is flushed again here: its entry must be on disk
     * before this thread acknowledges a file inside it.
     */
    private void ensureDirectory(Path directory) throws IOException {
        if (durableDirectories.contains(directory)) {
            return;
        }
        if (!directory.startsWith(root) || directory.equals(root)) {
            throw new IllegalArgumentException("outside the staging root: " + directory);
        }
        Path parent = directory.getParent();
        ensureDirectory(parent);
        try {
            disk.createDirectory(directory);
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(directory)) {
                throw e;
            }
        }
        disk.syncDirectory(parent);
        durableDirectories.add(directory);
    }

    private void deleteQuietly(Path file) {
        try {
            disk.delete(file);
        } catch (IOException | RuntimeException e) {
            log.warn("cannot delete the temporary file {}; it will be removed at the next start", file.getFileName());
        }
    }

    private static List<Path> createRoot(Path root) throws IOException {
        Deque<Path> missing = new ArrayDeque<>();
        for (Path p = root; p != null && !Files.exists(p); p = p.getParent()) {
            missing.push(p);
        }
        List<Path> created = new ArrayList<>();
        boolean posix = root.getFileSystem().supportedFileAttributeViews().contains("posix");
        for (Path directory : missing) {
            try {
                if (posix && directory.equals(root)) {
                    Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(DIRECTORY_0700));
                } else {
                    Files.createDirectory(directory);
                }
                created.add(directory);
            } catch (FileAlreadyExistsException e) {
                // created by someone else meanwhile
            }
        }
        if (!Files.isDirectory(root)) {
            throw new IOException(root + " is not a folder");
        }
        return created;
    }

    private void tightenRootPermissions() {
        if (!root.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        try {
            if (!Files.getPosixFilePermissions(root).equals(DIRECTORY_0700)) {
                Files.setPosixFilePermissions(root, DIRECTORY_0700);
                log.info("Staging area {} made private to the service account (0700)", root);
            }
        } catch (IOException | UnsupportedOperationException e) {
            log.warn("Cannot restrict the staging area {} to the service account: {}", root, e.toString());
        }
    }

    // ------------------------------------------------------------------ walking and recovery

    /** Receives the entries, leftovers and folders of an area as {@link #walk} finds them. */
    private interface AreaVisitor {

        void file(StagedFile file, Path path) throws IOException;

        default void temporary(Area area, Path actionDirectory, Path path) throws IOException {}

        default void reason(Path path) throws IOException {}

        default void directoryDone(Path actionDirectory, Path directory) throws IOException {}
    }

    private void walk(Area area, AreaVisitor visitor) throws IOException {
        for (String action : ACTIONS) {
            Path actionDirectory = areaDirectory(area).resolve(action);
            if (!Files.isDirectory(actionDirectory)) {
                continue;
            }
            Files.walkFileTree(actionDirectory, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path path, BasicFileAttributes attributes) throws IOException {
                    String name = path.getFileName().toString();
                    if (name.endsWith(FileNames.TMP_SUFFIX)) {
                        visitor.temporary(area, actionDirectory, path);
                    } else if (name.endsWith(FileNames.REASON_SUFFIX)) {
                        visitor.reason(path);
                    } else if (FileNames.isEntryName(name)) {
                        visitor.file(describe(area, action, actionDirectory, path, attributes), path);
                    }
                    // anything else (Thumbs.db, desktop.ini, an editor's backup) is not staged data
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path path, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE; // removed while the walk went on
                    }
                    throw e;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path directory, IOException e) throws IOException {
                    if (e != null && !(e instanceof NoSuchFileException)) {
                        throw e;
                    }
                    visitor.directoryDone(actionDirectory, directory);
                    return FileVisitResult.CONTINUE;
                }
            });
        }
    }

    private static StagedFile describe(
            Area area, String action, Path actionDirectory, Path path, BasicFileAttributes attributes) {
        List<String> segments = new ArrayList<>();
        segments.add(action);
        for (Path segment : actionDirectory.relativize(path)) {
            segments.add(segment.toString());
        }
        boolean placed = segments.size() == 6
                && OperationToStage.ENTITY.matcher(segments.get(1)).matches()
                && YEAR.matcher(segments.get(2)).matches()
                && TWO_DIGITS.matcher(segments.get(3)).matches()
                && TWO_DIGITS.matcher(segments.get(4)).matches();
        Optional<FileNames.Parsed> name = FileNames.parse(segments.get(segments.size() - 1));
        return new StagedFile(
                area,
                String.join("/", segments),
                action,
                placed ? segments.get(1).intern() : null, // a few distinct names across a large backlog
                name.map(FileNames.Parsed::operationId).orElse(null),
                name.map(FileNames.Parsed::sequence).orElse(-1L),
                name.map(FileNames.Parsed::stagedAt)
                        .orElseGet(() -> attributes.lastModifiedTime().toInstant()),
                attributes.size());
    }

    /**
     * Start-up: removes what interrupted writes left, indexes every file by its name, and returns the
     * highest sequence found. Only counts are logged, never names of people or contents.
     */
    private long recover() throws IOException {
        int[] temporaries = {0};
        int[] recovered = {0};
        int[] reasons = {0};
        int[] folders = {0};
        long[] highest = {0};
        Files.deleteIfExists(root.resolve(SequenceAllocator.FILE + FileNames.TMP_SUFFIX));
        for (Area area : Area.values()) {
            walk(area, new AreaVisitor() {
                @Override
                public void file(StagedFile file, Path path) {
                    index.put(file);
                    highest[0] = Math.max(highest[0], file.sequence());
                }

                @Override
                public void temporary(Area area, Path actionDirectory, Path path) throws IOException {
                    if (area == Area.PENDING
                            && !disk.directorySyncSupported()
                            && recoverOrphan(actionDirectory, path)) {
                        recovered[0]++;
                    } else {
                        disk.delete(path);
                        temporaries[0]++;
                    }
                }

                @Override
                public void reason(Path path) throws IOException {
                    Path entry = path.resolveSibling(
                            FileNames.entryOfReason(path.getFileName().toString()));
                    if (!Files.exists(entry)) {
                        disk.delete(path);
                        reasons[0]++;
                    }
                }

                @Override
                public void directoryDone(Path actionDirectory, Path directory) throws IOException {
                    if (settings.cleanEmptyDirectories()
                            && actionDirectory.relativize(directory).getNameCount() >= 2
                            && isDateFolder(directory)
                            && isEmpty(directory)) {
                        Files.deleteIfExists(directory);
                        durableDirectories.remove(directory);
                        folders[0]++;
                    }
                }
            });
        }
        if (temporaries[0] + recovered[0] + reasons[0] > 0) {
            log.warn(
                    "Staging area recovered from an interrupted run: {} unfinished temporary files removed, {}"
                            + " moved to quarantine, {} orphan reason files removed",
                    temporaries[0],
                    recovered[0],
                    reasons[0]);
        }
        if (folders[0] > 0) {
            log.info("Removed {} empty date folders from the staging area", folders[0]);
        }
        Tally summary = new Tally();
        index.forEachFile(summary);
        log.info(
                "Staging area {} opened for node {}: {} pending, {} quarantined, {} in conflict",
                root,
                nodeId,
                summary.pending,
                summary.quarantined,
                summary.conflicts);
        return highest[0];
    }

    /**
     * On a platform without directory flushing, a rename may be lost in a power cut while the flushed
     * temporary file survives, and the client may have been told the write was saved. A complete temporary
     * file is therefore kept, in quarantine, for a person to check, instead of being deleted.
     */
    private boolean recoverOrphan(Path actionDirectory, Path path) throws IOException {
        String name = path.getFileName().toString();
        String entryName = name.substring(0, name.length() - FileNames.TMP_SUFFIX.length());
        Optional<FileNames.Parsed> parsed = FileNames.parse(entryName);
        if (parsed.isEmpty()) {
            return false;
        }
        RecordCodec.Decoded decoded;
        try {
            decoded = codec.decode(disk.read(path, MAX_RECORD_BYTES));
        } catch (IOException e) {
            return false;
        }
        if (decoded.reason() != null
                || !decoded.record().operationId().equals(parsed.get().operationId())
                || decoded.record().sequence() != parsed.get().sequence()) {
            return false;
        }
        String action = actionDirectory.getFileName().toString();
        Path relative = actionDirectory.relativize(path.resolveSibling(entryName));
        Path target = root.resolve(Area.QUARANTINE.directory()).resolve(action).resolve(relative);
        if (Files.exists(target) || Files.exists(path.resolveSibling(entryName))) {
            return false;
        }
        ensureDirectory(target.getParent());
        writeReason(
                target,
                parsed.get().operationId(),
                Area.QUARANTINE,
                "recovered at start-up from an interrupted write, which the client may or may not have been told"
                        + " was saved: check that the operation is not already in the database before releasing it",
                clock.instant());
        disk.move(path, target);
        disk.syncRename(target);
        return true;
    }

    private static boolean isDateFolder(Path directory) {
        String name = directory.getFileName().toString();
        return YEAR.matcher(name).matches() || TWO_DIGITS.matcher(name).matches();
    }

    private static boolean isEmpty(Path directory) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            return !entries.iterator().hasNext();
        }
    }

    /** The index's files counted per area, and the pending ones per partition. */
    private static final class Tally implements StagingIndex.FileFacts {
        final Map<String, Map<String, Long>> perPartition = new TreeMap<>();
        long pending, pendingBytes, quarantined, quarantinedBytes, conflicts, conflictBytes;
        private long oldestSecond = Long.MAX_VALUE;
        private int oldestNano;

        @Override
        public void file(Area area, String action, String entity, long bytes, long stagedAtSecond, int stagedAtNano) {
            switch (area) {
                case PENDING -> {
                    pending++;
                    pendingBytes += bytes;
                    perPartition
                            .computeIfAbsent(action, a -> new TreeMap<>())
                            .merge(entity == null ? "(misplaced)" : entity, 1L, Long::sum);
                    if (stagedAtSecond < oldestSecond
                            || (stagedAtSecond == oldestSecond && stagedAtNano < oldestNano)) {
                        oldestSecond = stagedAtSecond;
                        oldestNano = stagedAtNano;
                    }
                }
                case QUARANTINE -> {
                    quarantined++;
                    quarantinedBytes += bytes;
                }
                case CONFLICTS -> {
                    conflicts++;
                    conflictBytes += bytes;
                }
            }
        }

        /** The oldest pending file's time, {@code null} when nothing is pending. */
        Instant oldest() {
            return pending == 0 ? null : Instant.ofEpochSecond(oldestSecond, oldestNano);
        }
    }
}
