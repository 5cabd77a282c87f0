package br.com.rhp.hospital.staging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys that encrypt staged payloads at rest (AES-256-GCM, the JDK's own provider): the current key,
 * which every new file is written with, and older keys, which may still read files written before a
 * rotation. Each key is known in files by a short id (the first 8 hex digits of the SHA-256 of the key),
 * so a reader picks the right key and can say which one is missing.
 *
 * <p>Messages about keys name the setting, never the key.
 */
public final class StagingEncryption {

    /** The algorithm name written in {@code payload_cipher.alg}. */
    public static final String ALGORITHM = "AES-256-GCM";

    static final int KEY_BYTES = 32;
    static final int IV_BYTES = 12;
    static final int TAG_BITS = 128;

    /** The profile in which the node refuses to run without a key. */
    public static final String PRODUCTION = "production";

    private static final String GENERATE = "generate one with: openssl rand -base64 32";
    private static final Set<String> PRODUCTION_NAMES = Set.of("production", "prod");
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * One cipher per thread, initialised again (new IV, key and mode) for every payload: looking the
     * transformation up through the providers for every file was a quarter of the sealing's CPU. A
     * {@link Cipher} is not thread-safe, hence per thread; staging runs on the web server's pooled threads.
     */
    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "AES-GCM is part of every JDK: " + e.getClass().getSimpleName(), e);
        }
    });

    private final String currentKeyId;
    private final Map<String, SecretKey> keys;

    private StagingEncryption(String currentKeyId, Map<String, SecretKey> keys) {
        this.currentKeyId = currentKeyId;
        this.keys = Collections.unmodifiableMap(keys);
    }

    /** No key: files are written in clear (format version 1) and encrypted files cannot be read. */
    public static StagingEncryption disabled() {
        return new StagingEncryption(null, Map.of());
    }

    /**
     * Encryption with the given current key and older keys that may still read.
     *
     * @param current the key new files are written with, 32 bytes
     * @param older keys of earlier rotations, 32 bytes each
     */
    public static StagingEncryption of(byte[] current, List<byte[]> older) {
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        String currentId = keyId(current);
        keys.put(currentId, new SecretKeySpec(current, "AES"));
        for (byte[] key : older) {
            keys.putIfAbsent(keyId(key), new SecretKeySpec(key, "AES"));
        }
        return new StagingEncryption(currentId, keys);
    }

    /**
     * Reads the keys from the settings.
     *
     * @param key {@code STAGING_ENCRYPTION_KEY}: base64 of 32 bytes, or empty
     * @param keyFile {@code STAGING_ENCRYPTION_KEY_FILE}: a file, outside the staging root, holding that
     *     base64 key; or empty
     * @param oldKeys {@code STAGING_ENCRYPTION_OLD_KEYS}: comma-separated base64 keys that may still read
     * @param oldKeysFile {@code STAGING_ENCRYPTION_OLD_KEYS_FILE}: a file, outside the staging root, with one
     *     base64 key per line (blank lines and lines starting with {@code #} are ignored)
     * @param profile {@code HOSPITAL_PROFILE}: {@code production} (or {@code prod}) refuses to run without a key
     * @param stagingRoot the staging root, absolute: key files inside it are refused
     * @param workingDirectory where relative key file paths are resolved
     * @throws IllegalArgumentException with a message naming the setting, when a value is wrong or production
     *     has no key
     */
    public static StagingEncryption resolve(
            String key,
            String keyFile,
            String oldKeys,
            String oldKeysFile,
            String profile,
            Path stagingRoot,
            Path workingDirectory) {
        String inline = clean(key);
        String file = clean(keyFile);
        String olds = clean(oldKeys);
        String oldsFile = clean(oldKeysFile);
        if (!inline.isEmpty() && !file.isEmpty()) {
            throw new IllegalArgumentException(
                    "set either STAGING_ENCRYPTION_KEY or STAGING_ENCRYPTION_KEY_FILE, not both");
        }
        if (inline.isEmpty() && file.isEmpty()) {
            if (isProduction(profile)) {
                throw new IllegalArgumentException("HOSPITAL_PROFILE=" + clean(profile)
                        + " refuses to stage patient data unencrypted: set STAGING_ENCRYPTION_KEY (base64 of 32"
                        + " bytes) or STAGING_ENCRYPTION_KEY_FILE (a file outside the staging area holding it); "
                        + GENERATE);
            }
            if (!olds.isEmpty() || !oldsFile.isEmpty()) {
                throw new IllegalArgumentException("STAGING_ENCRYPTION_OLD_KEYS or STAGING_ENCRYPTION_OLD_KEYS_FILE"
                        + " is set but there is no current key: set STAGING_ENCRYPTION_KEY or"
                        + " STAGING_ENCRYPTION_KEY_FILE");
            }
            return disabled();
        }
        byte[] current;
        if (!inline.isEmpty()) {
            current = decode("STAGING_ENCRYPTION_KEY", inline);
        } else {
            List<String> lines = keyLines("STAGING_ENCRYPTION_KEY_FILE", file, stagingRoot, workingDirectory);
            if (lines.size() != 1) {
                throw new IllegalArgumentException("STAGING_ENCRYPTION_KEY_FILE must hold exactly one key (it holds "
                        + lines.size() + "); list older keys in STAGING_ENCRYPTION_OLD_KEYS_FILE");
            }
            current = decode("STAGING_ENCRYPTION_KEY_FILE", lines.get(0));
        }
        List<byte[]> older = new ArrayList<>();
        if (!olds.isEmpty()) {
            String[] items = olds.split(",", -1);
            for (int i = 0; i < items.length; i++) {
                older.add(decode("STAGING_ENCRYPTION_OLD_KEYS (item " + (i + 1) + ")", items[i].strip()));
            }
        }
        if (!oldsFile.isEmpty()) {
            List<String> lines = keyLines("STAGING_ENCRYPTION_OLD_KEYS_FILE", oldsFile, stagingRoot, workingDirectory);
            for (int i = 0; i < lines.size(); i++) {
                older.add(decode("STAGING_ENCRYPTION_OLD_KEYS_FILE (key " + (i + 1) + ")", lines.get(i)));
            }
        }
        return of(current, older);
    }

    /** Whether {@code HOSPITAL_PROFILE} names the production profile. */
    public static boolean isProduction(String profile) {
        return PRODUCTION_NAMES.contains(clean(profile).toLowerCase(Locale.ROOT));
    }

    /** Whether new files are encrypted. */
    public boolean enabled() {
        return currentKeyId != null;
    }

    /** The id of the key new files are written with, or {@code null} when disabled. */
    public String currentKeyId() {
        return currentKeyId;
    }

    /** The ids of every key that can read, the current one first. */
    public List<String> keyIds() {
        return List.copyOf(keys.keySet());
    }

    /** The short id of a key: the first 8 hex digits of its SHA-256. */
    static String keyId(byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("an AES-256 key has " + KEY_BYTES + " bytes");
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** A payload encrypted with the current key. */
    record Sealed(String keyId, byte[] iv, byte[] ciphertext) {}

    Sealed seal(byte[] plaintext, byte[] aad) {
        if (!enabled()) {
            throw new IllegalStateException("no staging encryption key is configured");
        }
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(aad);
            return new Sealed(currentKeyId, iv, cipher.doFinal(plaintext));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "AES-GCM is part of every JDK: " + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * Decrypts a payload.
     *
     * @throws CannotOpen with a reason that names the key id, never the key or the content
     */
    byte[] open(String keyId, byte[] iv, byte[] ciphertext, byte[] aad) throws CannotOpen {
        SecretKey key = keys.get(keyId);
        if (key == null) {
            throw new CannotOpen(
                    keys.isEmpty()
                            ? "payload encrypted with key id " + keyId + ", but no STAGING_ENCRYPTION_KEY is configured"
                            : "payload encrypted with unknown key id " + keyId + " (this node has "
                                    + String.join(", ", keyIds())
                                    + "); list the old key in STAGING_ENCRYPTION_OLD_KEYS");
        }
        try {
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(aad);
            return cipher.doFinal(ciphertext);
        } catch (AEADBadTagException e) {
            throw new CannotOpen(
                    "payload fails authentication with key id " + keyId
                            + ": the ciphertext or the record's metadata was altered, or the payload belongs to another record");
        } catch (GeneralSecurityException e) {
            throw new CannotOpen("payload cannot be decrypted with key id " + keyId + " ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** A payload that cannot be decrypted, with the reason. */
    static final class CannotOpen extends Exception {
        CannotOpen(String reason) {
            super(reason, null, false, false);
        }
    }

    @Override
    public String toString() {
        // never the keys
        return enabled() ? "StagingEncryption[" + ALGORITHM + ", keys " + keyIds() + "]" : "StagingEncryption[off]";
    }

    private static byte[] decode(String setting, String value) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(value.strip());
        } catch (IllegalArgumentException e) {
            // the decoder's message quotes a character of the key: not chained
            throw new IllegalArgumentException(setting + " is not valid base64; " + GENERATE);
        }
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException(setting + " decodes to " + key.length + " bytes, but an AES-256 key has "
                    + KEY_BYTES + "; " + GENERATE);
        }
        return key;
    }

    private static List<String> keyLines(String setting, String value, Path stagingRoot, Path workingDirectory) {
        Path path;
        try {
            path = workingDirectory.toAbsolutePath().resolve(value).normalize();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(setting + " is not a valid path: " + value);
        }
        Path root = stagingRoot.toAbsolutePath().normalize();
        if (inside(path, root)) {
            throw new IllegalArgumentException(setting + "=" + value + " is inside the staging area (" + root
                    + "); keep the key outside it, so that a copy of the staged files does not carry their key");
        }
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException(setting + "=" + value + " is not a readable file");
        }
        try {
            // links could point into the staging area: compare the real locations too
            Path real = path.toRealPath();
            if (Files.exists(root) && inside(real, root.toRealPath())) {
                throw new IllegalArgumentException(setting + "=" + value + " resolves to a file inside the staging"
                        + " area (" + root + "); keep the key outside it");
            }
            List<String> keys = new ArrayList<>();
            for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
                String s = line.strip();
                if (s.startsWith("\uFEFF")) {
                    s = s.substring(1).strip();
                }
                if (!s.isEmpty() && !s.startsWith("#")) {
                    keys.add(s);
                }
            }
            return keys;
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    setting + "=" + value + " cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static boolean inside(Path path, Path root) {
        return path.startsWith(root);
    }

    private static String clean(String value) {
        String s = value == null ? "" : value.strip();
        if (s.length() >= 2 && ((s.startsWith("\"") && s.endsWith("\"")) || (s.startsWith("'") && s.endsWith("'")))) {
            s = s.substring(1, s.length() - 1).strip();
        }
        return s;
    }
}
