package br.com.rhp.hospital.staging;

import br.com.rhp.hospital.shared.NodeIdentity;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The staging store of this node, opened (and recovered) at start-up, with the keys that encrypt its
 * payloads. A wrong setting, or the production profile without a key, stops start-up with a message naming
 * the key.
 */
@Configuration(proxyBeanMethods = false)
class StagingConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StagingConfiguration.class);

    @Bean
    StagingSettings stagingSettings(
            @Value("${STAGING_AREA_PATH:staging}") String areaPath,
            @Value("${IS_ABSOLUTE_STAGING_AREA_PATH:false}") String isAbsolute,
            @Value("${STAGING_MIN_FREE_BYTES:100MB}") String minFreeBytes,
            @Value("${STAGING_JOURNAL_RETENTION_DAYS:30}") String journalRetentionDays,
            @Value("${STAGING_CLEAN_EMPTY_DIRECTORIES:true}") String cleanEmptyDirectories) {
        return StagingSettings.resolve(
                areaPath,
                isAbsolute,
                minFreeBytes,
                journalRetentionDays,
                cleanEmptyDirectories,
                Path.of(System.getProperty("user.dir")));
    }

    @Bean
    StagingEncryption stagingEncryption(
            StagingSettings settings,
            @Value("${STAGING_ENCRYPTION_KEY:}") String key,
            @Value("${STAGING_ENCRYPTION_KEY_FILE:}") String keyFile,
            @Value("${STAGING_ENCRYPTION_OLD_KEYS:}") String oldKeys,
            @Value("${STAGING_ENCRYPTION_OLD_KEYS_FILE:}") String oldKeysFile,
            @Value("${HOSPITAL_PROFILE:}") String profile) {
        StagingEncryption encryption = StagingEncryption.resolve(
                key, keyFile, oldKeys, oldKeysFile, profile, settings.root(), Path.of(System.getProperty("user.dir")));
        report(encryption);
        return encryption;
    }

    /** Says at start-up whether staged patient data is protected; the key ids are not secret. */
    static void report(StagingEncryption encryption) {
        if (encryption.enabled()) {
            log.info(
                    "Staged payloads are encrypted ({}), key id {}; readable key ids {}",
                    StagingEncryption.ALGORITHM,
                    encryption.currentKeyId(),
                    encryption.keyIds());
        } else {
            log.warn("Staged patient data is NOT encrypted at rest: set STAGING_ENCRYPTION_KEY or"
                    + " STAGING_ENCRYPTION_KEY_FILE (HOSPITAL_PROFILE=production refuses to start without one)");
        }
    }

    @Bean
    StagingStore stagingStore(StagingSettings settings, StagingEncryption encryption, NodeIdentity node, Clock clock) {
        return StagingStore.open(settings, encryption, node.id(), clock);
    }
}
