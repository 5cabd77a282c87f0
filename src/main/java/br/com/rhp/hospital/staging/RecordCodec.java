package br.com.rhp.hospital.staging;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.UnexpectedEndOfInputException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes and reads the JSON of a staged record. Version 1 keeps the payload in clear; version 2 keeps it
 * as AES-256-GCM ciphertext ({@code payload_cipher}), authenticated together with the record's metadata,
 * so that neither can be altered, nor a payload moved into another record, without the file becoming
 * unreadable. Versions 3 and 4 are versions 1 and 2 with one more metadata field, {@code client_address}
 * (for the audit trail). A writer with a key writes version 4, without one version 3; a reader reads all
 * four.
 *
 * <p>Reading is strict: a file is either a complete record of a known version or it is refused with a
 * reason. Reasons never quote the content, which may hold patient data.
 */
final class RecordCodec {

    /** Payload in clear. */
    static final int CLEAR = 1;

    /** Payload encrypted. */
    static final int ENCRYPTED = 2;

    /** Payload in clear, with the client's address. */
    static final int CLEAR_WITH_ADDRESS = 3;

    /** Payload encrypted, with the client's address. */
    static final int ENCRYPTED_WITH_ADDRESS = 4;

    /** The newest version this code knows. */
    static final int FORMAT_VERSION = ENCRYPTED_WITH_ADDRESS;

    private static final Set<String> METADATA = Set.of(
            "format_version",
            "operation_id",
            "node_id",
            "sequence",
            "entity",
            "action",
            "command",
            "entity_id",
            "base_version",
            "user",
            "ocorrido_em",
            "registrado_em",
            "staged_at");

    private static final Set<String> CIPHER_FIELDS = Set.of("alg", "key_id", "iv", "ciphertext");

    private static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{8}");

    private static final Set<String> FIELDS_V1 = Set.of(
            "format_version",
            "operation_id",
            "node_id",
            "sequence",
            "entity",
            "action",
            "command",
            "entity_id",
            "base_version",
            "user",
            "ocorrido_em",
            "registrado_em",
            "staged_at",
            "payload");

    private static final Set<String> FIELDS_V2 = union(METADATA, Set.of("payload_cipher"));

    private static final Set<String> FIELDS_V3 = union(FIELDS_V1, Set.of("client_address"));

    private static final Set<String> FIELDS_V4 = union(FIELDS_V2, Set.of("client_address"));

    private final JsonMapper mapper = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    /** Immutable and thread-safe: built once, not for every file. */
    private final ObjectWriter pretty = mapper.writerWithDefaultPrettyPrinter();

    private final StagingEncryption encryption;

    RecordCodec(StagingEncryption encryption) {
        this.encryption = Objects.requireNonNull(encryption, "encryption");
    }

    /** The version {@link #encode} writes. */
    int writeVersion() {
        return encryption.enabled() ? ENCRYPTED_WITH_ADDRESS : CLEAR_WITH_ADDRESS;
    }

    private static boolean encrypted(int version) {
        return version == ENCRYPTED || version == ENCRYPTED_WITH_ADDRESS;
    }

    private static boolean withAddress(int version) {
        return version == CLEAR_WITH_ADDRESS || version == ENCRYPTED_WITH_ADDRESS;
    }

    /** Either a record or the reason it could not be read. */
    record Decoded(StagedRecord record, String reason) {

        static Decoded refused(String reason) {
            return new Decoded(null, reason);
        }
    }

    JsonMapper mapper() {
        return mapper;
    }

    /**
     * UTF-8 JSON, pretty-printed for the people who open these files, ending with a line break; the
     * version is {@link #writeVersion()}, whatever the record says.
     */
    byte[] encode(StagedRecord r) {
        int version = writeVersion();
        ObjectNode node = metadata(r, version);
        if (!encrypted(version)) {
            node.set("payload", r.payload());
        } else {
            byte[] plaintext = mapper.writeValueAsBytes(r.payload());
            StagingEncryption.Sealed sealed = encryption.seal(plaintext, aad(node));
            ObjectNode cipher = node.putObject("payload_cipher");
            cipher.put("alg", StagingEncryption.ALGORITHM);
            cipher.put("key_id", sealed.keyId());
            cipher.put("iv", Base64.getEncoder().encodeToString(sealed.iv()));
            cipher.put("ciphertext", Base64.getEncoder().encodeToString(sealed.ciphertext()));
        }
        byte[] json = pretty.writeValueAsBytes(node);
        byte[] withNewline = new byte[json.length + 1];
        System.arraycopy(json, 0, withNewline, 0, json.length);
        withNewline[json.length] = '\n';
        return withNewline;
    }

    /** The fields replay needs without the payload, in the documented order. */
    private ObjectNode metadata(StagedRecord r, int version) {
        ObjectNode node = mapper.createObjectNode();
        node.put("format_version", version);
        node.put("operation_id", r.operationId().toString());
        node.put("node_id", r.nodeId());
        node.put("sequence", r.sequence());
        node.put("entity", r.entity());
        node.put("action", r.action());
        node.put("command", r.command());
        node.put("entity_id", r.entityId().toString());
        if (r.baseVersion() == null) {
            node.putNull("base_version");
        } else {
            node.put("base_version", r.baseVersion().longValue());
        }
        node.put("user", r.user());
        if (withAddress(version)) {
            node.put("client_address", r.clientAddress());
        }
        if (r.ocorridoEm() == null) {
            node.putNull("ocorrido_em");
        } else {
            node.put("ocorrido_em", r.ocorridoEm().toString());
        }
        node.put("registrado_em", r.registradoEm().toString());
        node.put("staged_at", r.stagedAt().toString());
        return node;
    }

    /**
     * The additional authenticated data of an encrypted payload: the record's metadata (format version
     * and operation id included) as compact JSON in the documented order, so that the ciphertext only
     * opens inside the record it was written for, with the metadata it was written with.
     */
    private byte[] aad(ObjectNode metadata) {
        return mapper.writeValueAsBytes(metadata);
    }

    Decoded decode(byte[] bytes) {
        String text;
        try {
            text = utf8(bytes);
        } catch (NotUtf8 e) {
            return Decoded.refused("not valid UTF-8 (byte " + e.offset + ")");
        }
        if (text.startsWith("\uFEFF")) {
            // a byte-order mark, as Windows editors add: harmless
            text = text.substring(1);
        }
        if (text.isBlank()) {
            return Decoded.refused("empty file");
        }
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (UnexpectedEndOfInputException e) {
            return Decoded.refused("truncated JSON (input ends" + at(e.getLocation()) + ")");
        } catch (JacksonException e) {
            // Jackson's message may quote the content: give the position only
            return Decoded.refused("invalid JSON" + at(e.getLocation()));
        }
        if (root == null || !root.isObject()) {
            return Decoded.refused("not a JSON object");
        }
        try {
            return new Decoded(record(root), null);
        } catch (Invalid e) {
            return Decoded.refused(e.getMessage());
        }
    }

    private StagedRecord record(JsonNode root) {
        JsonNode versionNode = required(root, "format_version");
        if (!versionNode.isIntegralNumber() || !versionNode.canConvertToInt()) {
            throw new Invalid("format_version must be an integer");
        }
        int version = versionNode.intValue();
        if (version < CLEAR || version > ENCRYPTED_WITH_ADDRESS) {
            throw new Invalid(
                    "unknown format_version " + version + "; this reader knows 1 to " + ENCRYPTED_WITH_ADDRESS);
        }
        Set<String> fields = switch (version) {
            case CLEAR -> FIELDS_V1;
            case ENCRYPTED -> FIELDS_V2;
            case CLEAR_WITH_ADDRESS -> FIELDS_V3;
            default -> FIELDS_V4;
        };
        for (String name : root.propertyNames()) {
            if (!fields.contains(name)) {
                throw new Invalid("unexpected field " + safe(name));
            }
        }
        String action = text(root, "action");
        if (!action.equals(OperationToStage.CREATE) && !action.equals(OperationToStage.UPDATE)) {
            throw new Invalid("action must be create or update");
        }
        String entity = text(root, "entity");
        if (!OperationToStage.ENTITY.matcher(entity).matches()) {
            throw new Invalid("entity is not a valid partition name");
        }
        String node = text(root, "node_id");
        if (!FileNames.NODE.matcher(node).matches()) {
            throw new Invalid("node_id is not a valid node name");
        }
        JsonNode sequence = required(root, "sequence");
        if (!sequence.isIntegralNumber() || !sequence.canConvertToLong() || sequence.longValue() < 1) {
            throw new Invalid("sequence must be a positive integer");
        }
        JsonNode base = required(root, "base_version");
        Long baseVersion = null;
        if (!base.isNull()) {
            if (!base.isIntegralNumber() || !base.canConvertToLong() || base.longValue() < 0) {
                throw new Invalid("base_version must be null or a non-negative integer");
            }
            baseVersion = base.longValue();
        }
        if (action.equals(OperationToStage.UPDATE) && baseVersion == null) {
            throw new Invalid("an update must have a base_version");
        }
        if (action.equals(OperationToStage.CREATE) && baseVersion != null) {
            throw new Invalid("a create must have a null base_version");
        }
        String command = text(root, "command");
        String user = text(root, "user");
        if (command.isBlank() || user.isBlank()) {
            throw new Invalid("command and user must not be blank");
        }
        String clientAddress = null;
        if (withAddress(version)) {
            JsonNode address = required(root, "client_address");
            if (!address.isNull()) {
                if (!address.isString()
                        || !OperationToStage.CLIENT_ADDRESS
                                .matcher(address.stringValue())
                                .matches()) {
                    throw new Invalid("client_address must be null or an address");
                }
                clientAddress = address.stringValue();
            }
        }
        StagedRecord metadata = new StagedRecord(
                version,
                uuid(root, "operation_id"),
                node,
                sequence.longValue(),
                entity,
                action,
                command,
                uuid(root, "entity_id"),
                baseVersion,
                user,
                clientAddress,
                instant(root, "ocorrido_em", true),
                instant(root, "registrado_em", false),
                instant(root, "staged_at", false),
                null);
        JsonNode payload = encrypted(version) ? decrypt(root, metadata) : required(root, "payload");
        if (payload.isNull()) {
            throw new Invalid("payload must not be null");
        }
        return new StagedRecord(
                metadata.formatVersion(),
                metadata.operationId(),
                metadata.nodeId(),
                metadata.sequence(),
                metadata.entity(),
                metadata.action(),
                metadata.command(),
                metadata.entityId(),
                metadata.baseVersion(),
                metadata.user(),
                metadata.clientAddress(),
                metadata.ocorridoEm(),
                metadata.registradoEm(),
                metadata.stagedAt(),
                payload);
    }

    private JsonNode decrypt(JsonNode root, StagedRecord metadata) {
        JsonNode cipher = required(root, "payload_cipher");
        if (!cipher.isObject()) {
            throw new Invalid("payload_cipher must be an object");
        }
        for (String name : cipher.propertyNames()) {
            if (!CIPHER_FIELDS.contains(name)) {
                throw new Invalid("unexpected field payload_cipher." + safe(name));
            }
        }
        for (String name : List.of("alg", "key_id", "iv", "ciphertext")) {
            JsonNode value = cipher.get(name);
            if (value == null || value.isMissingNode()) {
                throw new Invalid("missing field payload_cipher." + name);
            }
            if (!value.isString()) {
                throw new Invalid("payload_cipher." + name + " must be a string");
            }
        }
        if (!StagingEncryption.ALGORITHM.equals(text(cipher, "alg"))) {
            throw new Invalid("payload_cipher.alg must be " + StagingEncryption.ALGORITHM);
        }
        String keyId = text(cipher, "key_id");
        if (!KEY_ID.matcher(keyId).matches()) {
            throw new Invalid("payload_cipher.key_id must be 8 lower-case hex digits");
        }
        byte[] iv = base64(cipher, "iv");
        if (iv.length != StagingEncryption.IV_BYTES) {
            throw new Invalid("payload_cipher.iv must be " + StagingEncryption.IV_BYTES + " bytes");
        }
        byte[] ciphertext = base64(cipher, "ciphertext");
        if (ciphertext.length < StagingEncryption.TAG_BITS / 8) {
            throw new Invalid("payload_cipher.ciphertext is shorter than its authentication tag");
        }
        byte[] plaintext;
        try {
            plaintext = encryption.open(keyId, iv, ciphertext, aad(metadata(metadata, metadata.formatVersion())));
        } catch (StagingEncryption.CannotOpen e) {
            throw new Invalid(e.getMessage());
        }
        try {
            JsonNode payload = mapper.readTree(plaintext);
            if (payload == null || payload.isMissingNode()) {
                throw new Invalid("the decrypted payload is empty");
            }
            return payload;
        } catch (JacksonException e) {
            // authenticated, so written by a faulty writer rather than damaged: still never quote it
            throw new Invalid("the decrypted payload is not valid JSON");
        }
    }

    private static byte[] base64(JsonNode root, String field) {
        try {
            return Base64.getDecoder().decode(text(root, field));
        } catch (IllegalArgumentException e) {
            throw new Invalid("payload_cipher." + field + " is not valid base64");
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    private static JsonNode required(JsonNode root, String field) {
        JsonNode value = root.get(field);
        if (value == null || value.isMissingNode()) {
            throw new Invalid("missing field " + field);
        }
        return value;
    }

    private static String text(JsonNode root, String field) {
        JsonNode value = required(root, field);
        if (!value.isString()) {
            throw new Invalid(field + " must be a string");
        }
        return value.stringValue();
    }

    private static UUID uuid(JsonNode root, String field) {
        String value = text(root, field);
        if (!FileNames.CANONICAL_UUID.matcher(value).matches()) {
            throw new Invalid(field + " must be a lower-case UUID");
        }
        return UUID.fromString(value);
    }

    private static Instant instant(JsonNode root, String field, boolean nullable) {
        JsonNode value = required(root, field);
        if (nullable && value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw new Invalid(field + " must be an ISO-8601 UTC instant");
        }
        try {
            return Instant.parse(value.stringValue());
        } catch (DateTimeParseException e) {
            throw new Invalid(field + " must be an ISO-8601 UTC instant");
        }
    }

    private static String at(TokenStreamLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** A field name from a damaged file, reduced to characters that cannot carry a name or a number. */
    private static String safe(String name) {
        String cleaned = name.replaceAll("[^a-z_]", "?");
        return cleaned.length() > 40 ? cleaned.substring(0, 40) + "…" : cleaned;
    }

    private static String utf8(byte[] bytes) throws NotUtf8 {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw new NotUtf8(in.position());
        }
        result = decoder.flush(out);
        if (result.isError()) {
            throw new NotUtf8(in.position());
        }
        return out.flip().toString();
    }

    private static final class NotUtf8 extends Exception {
        private final int offset;

        NotUtf8(int offset) {
            super(null, null, false, false);
            this.offset = offset;
        }
    }

    private static final class Invalid extends RuntimeException {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }
}
