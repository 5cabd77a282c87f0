package br.com.rhp.hospital.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** Points a test application context at a fresh database of the engine under test. */
public class TestDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestDatabase.Database db = TestDatabase.create();
        Map<String, Object> props = new HashMap<>();
        props.put("DATABASE_URL", db.url());
        props.put("DATABASE_USERNAME", db.username());
        props.put("DATABASE_PASSWORD", db.password());
        props.put("NODE_ID", "no-teste");
        try {
            // each context stages into its own temporary folder, never into the project's ./staging
            props.put(
                    "STAGING_AREA_PATH",
                    Files.createTempDirectory("hospital-staging-").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        props.put("IS_ABSOLUTE_STAGING_AREA_PATH", "true");
        // staged forms encrypted as in production, with a key made for this context
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        props.put("STAGING_ENCRYPTION_KEY", java.util.Base64.getEncoder().encodeToString(key));
        // a cold JVM on a busy CI machine can take seconds for a first write: tests of the deadline set
        // their own, short one
        props.put("DATABASE_WRITE_TIMEOUT", "PT30S");
        // replays happen when a test says so, never because the wall clock crossed a quarter hour
        props.put("CRONTAB", "off");
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("testDatabase", props));
    }
}
