package br.com.rhp.hospital.staging;

import static br.com.rhp.hospital.staging.StagingFixtures.JSON;
import static br.com.rhp.hospital.staging.StagingFixtures.NODE;
import static br.com.rhp.hospital.staging.StagingFixtures.T0;
import static br.com.rhp.hospital.staging.StagingFixtures.create;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Format version 2: payloads encrypted at rest with AES-256-GCM, bound to their record; key rotation; and
 * version 1 files staged before the upgrade.
 */
class EncryptedStagingTests {

    private static final String PATIENT = "{\"nome\":\"João da Conceição Araújo\",\"cpf\":\"52998224725\","
            + "\"nome_social\":\"Zé\",\"observacao\":\"ação, coração, pão — «ñ» 😀\",\"peso\":72.50}";

    private final byte[] key1 = newKey();
    private final byte[] key2 = newKey();

    @TempDir
    Path root;

    private final MutableClock clock = new MutableClock(T0);

    private StagingStore open(StagingEncryption encryption) {
        return StagingStore.open(StagingSettings.of(root), encryption, NODE, clock);
    }

    @Test
    void readsBackAnEncryptedPayloadByteForByteAccentsIncluded() {
        StagingStore store = open(StagingEncryption.of(key1, List.of()));
        OperationToStage operation = create("paciente", PATIENT);

        store.stage(operation);
        StagedRecord record =
                readable(open(StagingEncryption.of(key1, List.of())).pending().get(0));

        assertThat(record.formatVersion()).isEqualTo(4);
        assertThat(record.operationId()).isEqualTo(operation.operationId());
        assertThat(record.user()).isEqualTo("enf.maria");
        assertThat(record.clientAddress()).isEqualTo("10.0.0.7");
        assertThat(JSON.writeValueAsString(record.payload())).isEqualTo(JSON.writeValueAsString(operation.payload()));
        assertThat(record.payload().get("nome").stringValue()).isEqualTo("João da Conceição Araújo");
        assertThat(record.payload().get("observacao").stringValue()).isEqualTo("ação, coração, pão — «ñ» 😀");
        assertThat(record.payload().get("peso").decimalValue()).isEqualByComparingTo("72.50");
    }

    @Test
    void keepsNoPatientDataInClearOnDiskButTheMetadataReplayNeeds() throws IOException {
        StagingStore store = open(StagingEncryption.of(key1, List.of()));
        StagingReceipt receipt = store.stage(create("paciente", PATIENT));
        Path file = root.resolve(receipt.relativePath());

        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, StandardCharsets.UTF_8);

        for (String secret : List.of("52998224725", "529.982.247-25", "Conceição", "Concei", "João", "Araújo")) {
            assertThat(contains(bytes, secret.getBytes(StandardCharsets.UTF_8)))
                    .as("the file must not hold %s", secret)
                    .isFalse();
            assertThat(contains(bytes, secret.getBytes(StandardCharsets.ISO_8859_1)))
                    .isFalse();
        }
        JsonNode json = JSON.readTree(text);
        assertThat(json.get("format_version").intValue()).isEqualTo(4);
        assertThat(json.get("operation_id").stringValue())
                .isEqualTo(receipt.operationId().toString());
        assertThat(json.get("user").stringValue()).isEqualTo("enf.maria");
        assertThat(json.get("client_address").stringValue()).isEqualTo("10.0.0.7");
        assertThat(json.has("payload")).isFalse();
        JsonNode cipher = json.get("payload_cipher");
        assertThat(cipher.get("alg").stringValue()).isEqualTo("AES-256-GCM");
        assertThat(cipher.get("key_id").stringValue()).isEqualTo(StagingEncryption.keyId(key1));
        assertThat(Base64.getDecoder().decode(cipher.get("iv").stringValue())).hasSize(12);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                    .isEqualTo("rwx------");
        }
    }

    @Test
    void usesAFreshIvForEveryFile() throws IOException {
        StagingStore store = open(StagingEncryption.of(key1, List.of()));
        Path a = root.resolve(store.stage(create("paciente", PATIENT)).relativePath());
        Path b = root.resolve(store.stage(create("paciente", PATIENT)).relativePath());

        assertThat(cipher(a).get("iv").stringValue())
                .isNotEqualTo(cipher(b).get("iv").stringValue());
        assertThat(cipher(a).get("ciphertext").stringValue())
                .isNotEqualTo(cipher(b).get("ciphertext").stringValue());
    }

    @Test
    void sealsAndOpensWithEachKeyOnOneThreadEvenAfterAFailedOpen() throws Exception {
        StagingEncryption first = StagingEncryption.of(key1, List.of());
        StagingEncryption second = StagingEncryption.of(key2, List.of());
        byte[] plaintext = PATIENT.getBytes(StandardCharsets.UTF_8);
        byte[] aad = "metadata".getBytes(StandardCharsets.UTF_8);
        StagingEncryption.Sealed sealed = first.seal(plaintext, aad);
        byte[] tampered = sealed.ciphertext().clone();
        tampered[0] ^= 0x01;

        assertThatThrownBy(() -> first.open(sealed.keyId(), sealed.iv(), tampered, aad))
                .isInstanceOf(StagingEncryption.CannotOpen.class);
        StagingEncryption.Sealed other = second.seal(plaintext, aad);

        assertThat(other.keyId()).isEqualTo(StagingEncryption.keyId(key2));
        assertThat(second.open(other.keyId(), other.iv(), other.ciphertext(), aad))
                .isEqualTo(plaintext);
        assertThat(first.open(sealed.keyId(), sealed.iv(), sealed.ciphertext(), aad))
                .isEqualTo(plaintext);
        assertThatThrownBy(() -> first.open(sealed.keyId(), sealed.iv(), other.ciphertext(), aad))
                .isInstanceOf(StagingEncryption.CannotOpen.class);
    }

    @Test
    void sealsOnManyThreadsAtOnceEachPayloadWithItsOwnIv() throws Exception {
        StagingEncryption encryption = StagingEncryption.of(key1, List.of());
        int threads = 8;
        int each = 200;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    List<String> ivs = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        byte[] plaintext = (PATIENT + thread + "/" + i).getBytes(StandardCharsets.UTF_8);
                        byte[] aad = ("record " + thread + "/" + i).getBytes(StandardCharsets.UTF_8);
                        StagingEncryption.Sealed sealed = encryption.seal(plaintext, aad);
                        assertThat(encryption.open(sealed.keyId(), sealed.iv(), sealed.ciphertext(), aad))
                                .isEqualTo(plaintext);
                        ivs.add(Base64.getEncoder().encodeToString(sealed.iv()));
                    }
                    return ivs;
                }));
            }
            Set<String> ivs = new HashSet<>();
            for (Future<List<String>> result : results) {
                ivs.addAll(result.get());
            }

            assertThat(ivs).hasSize(threads * each);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void reportsATamperedCiphertextAsUnreadableAndQuarantinesIt() throws IOException {
        StagingStore store = open(StagingEncryption.of(key1, List.of()));
        Path file = root.resolve(store.stage(create("paciente", PATIENT)).relativePath());
        StagingReceipt kept = store.stage(create("paciente", PATIENT));
        ObjectNode json = (ObjectNode) JSON.readTree(file.toFile());
        ObjectNode cipher = (ObjectNode) json.get("payload_cipher");
        byte[] ciphertext = Base64.getDecoder().decode(cipher.get("ciphertext").stringValue());
        ciphertext[3] ^= 0x01;
        cipher.put("ciphertext", Base64.getEncoder().encodeToString(ciphertext));
        Files.write(file, JSON.writeValueAsBytes(json));

        List<StagedEntry> pending = store.pending();

        assertThat(pending.get(0))
                .isInstanceOfSatisfying(
                        StagedEntry.Unreadable.class,
                        e -> assertThat(e.reason())
                                .startsWith(
                                        "payload fails authentication with key id " + StagingEncryption.keyId(key1)));
        assertThat(readable(pending.get(1)).operationId()).isEqualTo(kept.operationId());
        assertThat(store.quarantine(pending.get(0), ((StagedEntry.Unreadable) pending.get(0)).reason()))
                .isTrue();
        assertThat(store.pending()).singleElement().isInstanceOf(StagedEntry.Readable.class);
    }

    @Test
    void reportsATamperedOperationIdAsUnreadableEvenWhenTheNameFollows() throws IOException {
        StagingStore store = open(StagingEncryption.of(key1, List.of()));
        StagingReceipt receipt = store.stage(create("paciente", PATIENT));
        Path file = root.resolve(receipt.relativePath());
        UUID other = UUID.randomUUID();
        ObjectNode json = (ObjectNode) JSON.readTree(file.toFile());
        json.put("operation_id", other.toString());
        Path renamed = file.resolveSibling(
                file.getFileName().toString().replace(receipt.operationId().toString(), other.toString()));
        Files.write(renamed, JSON.writeValueAsBytes(json));
        Files.delete(file);

        StagedEntry entry =
                open(StagingEncryption.of(key1, List.of())).pending().get(0);

        assertThat(entry)
                .isInstanceOfSatisfying(
                        StagedEntry.Unreadable.class,
                        e -> assertThat(e.reason()).startsWith("payload fails authentication"));
    }

    @Test
    void refusesAPayloadMovedIntoAnotherRecord() throws IOException {
        StagingStore store = open(StagingEncryption.of(key1, List.of()));
        Path patient = root.resolve(store.stage(create("paciente", PATIENT)).relativePath());
        Path other = root.resolve(
                store.stage(create("paciente", "{\"nome\":\"Maria\"}")).relativePath());
        ObjectNode target = (ObjectNode) JSON.readTree(other.toFile());
        target.set("payload_cipher", cipher(patient));
        Files.write(other, JSON.writeValueAsBytes(target));

        List<StagedEntry> pending = store.pending();

        assertThat(pending.get(0)).isInstanceOf(StagedEntry.Readable.class);
        assertThat(pending.get(1))
                .isInstanceOfSatisfying(
                        StagedEntry.Unreadable.class,
                        e -> assertThat(e.reason()).contains("belongs to another record"));
    }

    @Test
    void readsFilesOfTheOldKeyAfterARotationWhenTheOldKeyIsListed() {
        UUID before = open(StagingEncryption.of(key1, List.of()))
                .stage(create("paciente", PATIENT))
                .operationId();

        StagingStore rotated = open(StagingEncryption.of(key2, List.of(key1)));
        StagingReceipt after = rotated.stage(create("paciente", PATIENT));

        List<StagedEntry> pending = rotated.pending();
        assertThat(readable(pending.get(0)).operationId()).isEqualTo(before);
        assertThat(readable(pending.get(0)).payload().get("cpf").stringValue()).isEqualTo("52998224725");
        assertThat(readable(pending.get(1)).operationId()).isEqualTo(after.operationId());
        assertThat(cipher(root.resolve(after.relativePath())).get("key_id").stringValue())
                .isEqualTo(StagingEncryption.keyId(key2));
    }

    @Test
    void reportsFilesOfAKeyNoLongerListedAsUnreadableWithTheKeyId() {
        open(StagingEncryption.of(key1, List.of())).stage(create("paciente", PATIENT));

        List<StagedEntry> pending = open(StagingEncryption.of(key2, List.of())).pending();

        assertThat(pending.get(0))
                .isInstanceOfSatisfying(
                        StagedEntry.Unreadable.class,
                        e -> assertThat(e.reason())
                                .isEqualTo("payload encrypted with unknown key id " + StagingEncryption.keyId(key1)
                                        + " (this node has " + StagingEncryption.keyId(key2)
                                        + "); list the old key in STAGING_ENCRYPTION_OLD_KEYS"));
    }

    @Test
    void reportsEncryptedFilesAsUnreadableWhenNoKeyIsConfigured() {
        open(StagingEncryption.of(key1, List.of())).stage(create("paciente", PATIENT));

        List<StagedEntry> pending = open(StagingEncryption.disabled()).pending();

        assertThat(pending.get(0))
                .isInstanceOfSatisfying(
                        StagedEntry.Unreadable.class,
                        e -> assertThat(e.reason()).contains("no STAGING_ENCRYPTION_KEY is configured"));
    }

    @Test
    void readsClearFilesStagedBeforeTheUpgradeAndWritesEncryptedOnesAfter() throws IOException {
        StagingReceipt clear =
                StagingStore.open(StagingSettings.of(root), NODE, clock).stage(create("paciente", PATIENT));
        assertThat(JSON.readTree(root.resolve(clear.relativePath()).toFile())
                        .get("format_version")
                        .intValue())
                .isEqualTo(3);

        StagingStore upgraded = open(StagingEncryption.of(key1, List.of()));
        StagingReceipt encrypted = upgraded.stage(create("paciente", PATIENT));

        List<StagedEntry> pending = upgraded.pending();
        assertThat(readable(pending.get(0)).formatVersion()).isEqualTo(3);
        assertThat(readable(pending.get(0)).payload().get("nome").stringValue()).isEqualTo("João da Conceição Araújo");
        assertThat(readable(pending.get(1)).formatVersion()).isEqualTo(4);
        assertThat(readable(pending.get(1)).operationId()).isEqualTo(encrypted.operationId());
    }

    @Test
    void readsVersion2FilesStagedBeforeTheClientAddressWasRecorded() throws IOException {
        StagingEncryption encryption = StagingEncryption.of(key1, List.of());
        StagingStore store = open(encryption);
        StagingReceipt receipt = store.stage(create("paciente", PATIENT));
        Path file = root.resolve(receipt.relativePath());
        // rewrite it as the previous version wrote it: no client_address, sealed with that metadata
        ObjectNode v2 = (ObjectNode) JSON.readTree(file.toFile());
        v2.put("format_version", 2);
        v2.remove("client_address");
        v2.remove("payload_cipher");
        byte[] aad = JSON.writeValueAsBytes(v2);
        StagingEncryption.Sealed sealed = encryption.seal(JSON.writeValueAsBytes(JSON.readTree(PATIENT)), aad);
        ObjectNode cipher = v2.putObject("payload_cipher");
        cipher.put("alg", StagingEncryption.ALGORITHM);
        cipher.put("key_id", sealed.keyId());
        cipher.put("iv", Base64.getEncoder().encodeToString(sealed.iv()));
        cipher.put("ciphertext", Base64.getEncoder().encodeToString(sealed.ciphertext()));
        Files.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(v2));

        StagedRecord record = readable(open(encryption).pending().get(0));

        assertThat(record.formatVersion()).isEqualTo(2);
        assertThat(record.clientAddress()).isNull();
        assertThat(record.payload().get("nome").stringValue()).isEqualTo("João da Conceição Araújo");
    }

    @Test
    void reportsAnAlteredClientAddressAsUnreadable() throws IOException {
        StagingReceipt receipt = open(StagingEncryption.of(key1, List.of())).stage(create("paciente", PATIENT));
        Path file = root.resolve(receipt.relativePath());
        ObjectNode json = (ObjectNode) JSON.readTree(file.toFile());
        json.put("client_address", "10.9.9.9");
        Files.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(json));

        assertThat(open(StagingEncryption.of(key1, List.of())).pending().get(0))
                .isInstanceOfSatisfying(
                        StagedEntry.Unreadable.class,
                        e -> assertThat(e.reason()).contains("fails authentication"));
    }

    @Test
    void reportsADamagedCipherBlockWithItsReason() throws IOException {
        StagingStore store = open(StagingEncryption.of(key1, List.of()));
        Path file = root.resolve(store.stage(create("paciente", PATIENT)).relativePath());
        ObjectNode json = (ObjectNode) JSON.readTree(file.toFile());
        ((ObjectNode) json.get("payload_cipher")).put("iv", "AAAA");
        Files.write(file, JSON.writeValueAsBytes(json));
        Path second = root.resolve(store.stage(create("paciente", PATIENT)).relativePath());
        ObjectNode other = (ObjectNode) JSON.readTree(second.toFile());
        other.set("payload", JSON.readTree(PATIENT));
        Files.write(second, JSON.writeValueAsBytes(other));
        Path third = root.resolve(store.stage(create("paciente", PATIENT)).relativePath());
        ObjectNode noKeyId = (ObjectNode) JSON.readTree(third.toFile());
        ((ObjectNode) noKeyId.get("payload_cipher")).remove("key_id");
        Files.write(third, JSON.writeValueAsBytes(noKeyId));

        List<StagedEntry> pending = store.pending();

        assertThat(pending)
                .map(e -> ((StagedEntry.Unreadable) e).reason())
                .containsExactly(
                        "payload_cipher.iv must be 12 bytes",
                        // a clear payload beside the cipher block is not accepted either
                        "unexpected field payload",
                        "missing field payload_cipher.key_id");
    }

    private static StagedRecord readable(StagedEntry entry) {
        assertThat(entry).isInstanceOf(StagedEntry.Readable.class);
        return ((StagedEntry.Readable) entry).record();
    }

    private static JsonNode cipher(Path file) {
        return JSON.readTree(file.toFile()).get("payload_cipher");
    }

    private static byte[] newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
