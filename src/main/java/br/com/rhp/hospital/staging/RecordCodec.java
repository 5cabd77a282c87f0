package br.com.rhp.hospital.staging;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.UnexpectedEndOfInputException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes and reads the JSON of a staged record, format version 1. Reading is strict: a file is either a
 * complete record of a known version or it is refused with a reason. Reasons never quote the content,
 * which may hold patient data.
 */
final class RecordCodec {

    static final int FORMAT_VERSION = 1;

    private static final Set<String> FIELDS = Set.of(
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

    private final JsonMapper mapper = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    /** Either a record or the reason it could not be read. */
    record Decoded(StagedRecord record, String reason) {

        static Decoded refused(String reason) {
            return new Decoded(null, reason);
        }
    }

    JsonMapper mapper() {
        return mapper;
    }

    /** UTF-8 JSON, pretty-printed for the people who open these files, ending with a line break. */
    byte[] encode(StagedRecord r) {
        ObjectNode node = mapper.createObjectNode();
        node.put("format_version", r.formatVersion());
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
        if (r.ocorridoEm() == null) {
            node.putNull("ocorrido_em");
        } else {
            node.put("ocorrido_em", r.ocorridoEm().toString());
        }
        node.put("registrado_em", r.registradoEm().toString());
        node.put("staged_at", r.stagedAt().toString());
        node.set("payload", r.payload());
        byte[] json = mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(node);
        byte[] withNewline = new byte[json.length + 1];
        System.arraycopy(json, 0, withNewline, 0, json.length);
        withNewline[json.length] = '\n';
        return withNewline;
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

    private static StagedRecord record(JsonNode root) {
        JsonNode version = required(root, "format_version");
        if (!version.isIntegralNumber() || !version.canConvertToInt()) {
            throw new Invalid("format_version must be an integer");
        }
        if (version.intValue() != FORMAT_VERSION) {
            throw new Invalid(
                    "unknown format_version " + version.intValue() + "; this reader knows only " + FORMAT_VERSION);
        }
        for (String name : root.propertyNames()) {
            if (!FIELDS.contains(name)) {
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
        JsonNode payload = required(root, "payload");
        if (payload.isNull()) {
            throw new Invalid("payload must not be null");
        }
        return new StagedRecord(
                FORMAT_VERSION,
                uuid(root, "operation_id"),
                node,
                sequence.longValue(),
                entity,
                action,
                command,
                uuid(root, "entity_id"),
                baseVersion,
                user,
                instant(root, "ocorrido_em", true),
                instant(root, "registrado_em", false),
                instant(root, "staged_at", false),
                payload);
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
