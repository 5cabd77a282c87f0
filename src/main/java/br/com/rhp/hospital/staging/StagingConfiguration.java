package br.com.rhp.hospital.staging;

import br.com.rhp.hospital.shared.NodeIdentity;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The staging store of this node, opened (and recovered) at start-up. A wrong setting stops start-up with
 * a message naming the key.
 */
@Configuration(proxyBeanMethods = false)
class StagingConfiguration {

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
    StagingStore stagingStore(StagingSettings settings, NodeIdentity node, Clock clock) {
        return StagingStore.open(settings, node.id(), clock);
    }
}
