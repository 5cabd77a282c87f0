package br.com.rhp.hospital.staging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** What start-up does with the encryption settings: warn, refuse, or say which key writes. */
class StagingConfigurationTests {

    @TempDir
    Path root;

    private final Logger logger = (Logger) LoggerFactory.getLogger(StagingConfiguration.class);
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeEach
    void captureLogs() {
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        logger.detachAppender(logs);
    }

    private StagingEncryption start(String key, String profile) {
        return new StagingConfiguration().stagingEncryption(StagingSettings.of(root), key, "", "", "", profile);
    }

    @Test
    void warnsAtStartUpThatStagedPatientDataIsNotEncryptedWithoutAKey() {
        StagingEncryption encryption = start("", "");

        assertThat(encryption.enabled()).isFalse();
        assertThat(logs.list).singleElement().satisfies(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.WARN);
            assertThat(e.getFormattedMessage()).contains("NOT encrypted", "STAGING_ENCRYPTION_KEY");
        });
    }

    @Test
    void refusesToStartInProductionWithoutAKey() {
        assertThatThrownBy(() -> start("", "production"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("STAGING_ENCRYPTION_KEY_FILE");
    }

    @Test
    void namesTheKeyIdButNeverTheKeyAtStartUp() {
        String key = StagingEncryptionTests.newKey();

        StagingEncryption encryption = start(key, "production");

        List<String> messages =
                logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(messages)
                .singleElement()
                .satisfies(
                        m -> assertThat(m).contains(encryption.currentKeyId()).doesNotContain(key));
        assertThat(logs.list.get(0).getLevel()).isEqualTo(Level.INFO);
    }
}
