package br.com.rhp.hospital.staging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the staging keys are read from the settings, and when the node refuses to start. */
class StagingEncryptionTests {

    @TempDir
    Path workingDirectory;

    private Path stagingRoot() {
        return workingDirectory.resolve("staging").toAbsolutePath();
    }

    private StagingEncryption resolve(String key, String keyFile, String oldKeys, String oldKeysFile, String profile) {
        return StagingEncryption.resolve(key, keyFile, oldKeys, oldKeysFile, profile, stagingRoot(), workingDirectory);
    }

    static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @Test
    void withoutAKeyStagesInClearOutsideProduction() {
        StagingEncryption encryption = resolve("", null, "", "", "");

        assertThat(encryption.enabled()).isFalse();
        assertThat(new RecordCodec(encryption).writeVersion()).isEqualTo(3);
    }

    @Test
    void productionRefusesToStartWithoutAKeyAndNamesTheKeysToSet() {
        for (String profile : new String[] {"production", "PROD", "\"production\""}) {
            assertThatThrownBy(() -> resolve("", "", "", "", profile))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("HOSPITAL_PROFILE")
                    .hasMessageContaining("STAGING_ENCRYPTION_KEY ")
                    .hasMessageContaining("STAGING_ENCRYPTION_KEY_FILE")
                    .hasMessageContaining("openssl rand -base64 32");
        }
    }

    @Test
    void productionStartsWithAKey() {
        StagingEncryption encryption = resolve(newKey(), "", "", "", "production");

        assertThat(encryption.enabled()).isTrue();
        assertThat(new RecordCodec(encryption).writeVersion()).isEqualTo(4);
    }

    @Test
    void keyIdIsTheStartOfTheKeysSha256() {
        byte[] zeros = new byte[32];

        StagingEncryption encryption = StagingEncryption.of(zeros, java.util.List.of());

        // sha256 of 32 zero bytes = 66687aadf862bd776c8fc18b8e9f8e20089714856ee233b3902a591d0d5f2925
        assertThat(encryption.currentKeyId()).isEqualTo("66687aad");
    }

    @Test
    void refusesBadBase64NamingTheSettingButNeverPrintingTheKey() {
        String bad = "não-é-base64-%%%";

        assertThatThrownBy(() -> resolve(bad, "", "", "", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("STAGING_ENCRYPTION_KEY is not valid base64")
                .hasMessageNotContaining(bad)
                .hasMessageNotContaining("%")
                .hasNoCause();
    }

    @Test
    void refusesAKeyOfTheWrongLengthNamingTheSettingButNeverPrintingTheKey() {
        String short16 = Base64.getEncoder().encodeToString(new byte[16]);

        assertThatThrownBy(() -> resolve(short16, "", "", "", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("STAGING_ENCRYPTION_KEY decodes to 16 bytes")
                .hasMessageNotContaining(short16);
        String current = newKey();
        assertThatThrownBy(() -> resolve(current, "", newKey() + "," + short16, "", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("STAGING_ENCRYPTION_OLD_KEYS (item 2) decodes to 16 bytes")
                .hasMessageNotContaining(short16)
                .hasMessageNotContaining(current);
    }

    @Test
    void readsTheKeyFromAFileOutsideTheStagingArea() throws IOException {
        String key = newKey();
        Path file = workingDirectory.resolve("chave-staging");
        Files.writeString(file, "# chave do staging\n" + key + "\n");

        StagingEncryption fromFile = resolve("", "chave-staging", "", "", "production");

        assertThat(fromFile.currentKeyId())
                .isEqualTo(resolve(key, "", "", "", "").currentKeyId());
    }

    @Test
    void refusesAKeyFileInsideTheStagingRoot() throws IOException {
        Files.createDirectories(stagingRoot());
        Path inside = stagingRoot().resolve("chave");
        Files.writeString(inside, newKey());

        assertThatThrownBy(() -> resolve("", inside.toString(), "", "", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("STAGING_ENCRYPTION_KEY_FILE")
                .hasMessageContaining("inside the staging area");
    }

    @Test
    void refusesALinkThatLeadsIntoTheStagingRoot() throws IOException {
        Files.createDirectories(stagingRoot());
        Path inside = stagingRoot().resolve("chave");
        Files.writeString(inside, newKey());
        Path link = workingDirectory.resolve("atalho");
        try {
            Files.createSymbolicLink(link, inside);
        } catch (UnsupportedOperationException | IOException e) {
            // Windows without the privilege to create links: the plain path check above still applies
            return;
        }

        assertThatThrownBy(() -> resolve("", link.toString(), "", "", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("inside the staging area");
    }

    @Test
    void refusesAnOldKeysFileInsideTheStagingRoot() throws IOException {
        Files.createDirectories(stagingRoot().resolve("journal"));
        Path inside = stagingRoot().resolve("journal/antigas");
        Files.writeString(inside, newKey());

        assertThatThrownBy(() -> resolve(newKey(), "", "", inside.toString(), ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("STAGING_ENCRYPTION_OLD_KEYS_FILE");
    }

    @Test
    void readsOldKeysFromTheListAndFromAFileOfSeveralLines() throws IOException {
        String current = newKey();
        String old1 = newKey();
        String old2 = newKey();
        String old3 = newKey();
        Path file = workingDirectory.resolve("antigas");
        Files.writeString(file, "# chaves anteriores\n" + old2 + "\n\n" + old3 + "\n");

        StagingEncryption encryption = resolve(current, "", " " + old1 + " ", "antigas", "");

        assertThat(encryption.keyIds()).containsExactly(keyId(current), keyId(old1), keyId(old2), keyId(old3));
        assertThat(encryption.currentKeyId()).isEqualTo(keyId(current));
        assertThat(encryption.toString()).doesNotContain(current, old1);
    }

    @Test
    void refusesAKeyGivenTwiceOrOldKeysWithoutACurrentOne() throws IOException {
        Path file = workingDirectory.resolve("chave");
        Files.writeString(file, newKey());

        assertThatThrownBy(() -> resolve(newKey(), "chave", "", "", ""))
                .hasMessageContaining("either STAGING_ENCRYPTION_KEY or STAGING_ENCRYPTION_KEY_FILE");
        assertThatThrownBy(() -> resolve("", "", newKey(), "", "")).hasMessageContaining("there is no current key");
    }

    @Test
    void refusesAMissingKeyFile() {
        assertThatThrownBy(() -> resolve("", "nao-existe", "", "", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("STAGING_ENCRYPTION_KEY_FILE=nao-existe is not a readable file");
    }

    private static String keyId(String base64) {
        return StagingEncryption.keyId(Base64.getDecoder().decode(base64));
    }
}
