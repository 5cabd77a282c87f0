package br.com.rhp.hospital.write;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The records an operation depends on: the record it writes and every record its payload names by id
 * (the patient of an admission, its bed, its unit…). Two operations that share a key must be applied in
 * the order the node accepted them, so a live write waits behind staged ones that share a key with it,
 * and the replay holds an operation behind a quarantined or conflicting one that shares a key with it.
 *
 * <p>Taking every id in the payload is deliberately broad: it can only make more writes wait, never let
 * one overtake another it depends on.
 */
public final class OperationKeys {

    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private OperationKeys() {}

    public static Set<UUID> of(UUID entityId, JsonNode payload) {
        Set<UUID> keys = new LinkedHashSet<>();
        keys.add(entityId);
        collect(payload, keys);
        return keys;
    }

    private static void collect(JsonNode node, Set<UUID> keys) {
        if (node == null) {
            return;
        }
        if (node.isString()) {
            String text = node.asString();
            if (text.length() == 36 && UUID_TEXT.matcher(text).matches()) {
                keys.add(UUID.fromString(text));
            }
            return;
        }
        for (JsonNode child : node) {
            collect(child, keys);
        }
    }
}
