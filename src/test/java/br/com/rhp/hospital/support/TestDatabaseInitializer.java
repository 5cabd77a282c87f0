package br.com.rhp.hospital.support;

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
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("testDatabase", props));
    }
}
