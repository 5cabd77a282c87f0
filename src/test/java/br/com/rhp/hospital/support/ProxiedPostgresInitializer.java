package br.com.rhp.hospital.support;

import java.util.HashMap;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a test application at a fresh PostgreSQL database through a {@link TcpProxy} the test controls
 * (registered as a bean), with the short timeouts of a node that must notice an outage quickly. The
 * database itself, past the proxy, is registered as a {@link TestDatabase.Database} bean. With the
 * property {@code test.proxy.start-refusing=true} the application starts while the database is "down".
 */
public class ProxiedPostgresInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        new TestDatabaseInitializer().initialize(context); // staging folder, node id, defaults
        TestDatabase.Database db = TestDatabase.createPostgres();
        TcpProxy proxy = new TcpProxy(db.port());
        if (context.getEnvironment().getProperty("test.proxy.start-refusing", Boolean.class, false)) {
            proxy.refuse();
        }
        Map<String, Object> props = new HashMap<>();
        props.put("DATABASE_URL", "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + db.name());
        props.put("DATABASE_USERNAME", db.username());
        props.put("DATABASE_PASSWORD", db.password());
        props.put("DATABASE_CONNECT_TIMEOUT_SECONDS", "1");
        // a test of what a longer socket timeout would hold up may set it (test.proxy.socket-timeout-seconds)
        props.put(
                "DATABASE_SOCKET_TIMEOUT_SECONDS",
                context.getEnvironment().getProperty("test.proxy.socket-timeout-seconds", "2"));
        props.put("DATABASE_CONNECT_TIMEOUT_MS", "1000");
        props.put("DATABASE_VALIDATION_TIMEOUT_MS", "500");
        props.put("DATABASE_RETRY_INTERVAL", "PT1S");
        props.put("DATABASE_PROBE_INTERVAL", "PT0.5S");
        // a test whose first writes must go live on a loaded machine may allow more (test.proxy.write-timeout)
        props.put("DATABASE_WRITE_TIMEOUT", context.getEnvironment().getProperty("test.proxy.write-timeout", "PT0.5S"));
        props.put("DATABASE_POOL_SIZE", "4");
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("proxiedDatabase", props));
        context.getBeanFactory().registerSingleton("tcpProxy", proxy);
        context.getBeanFactory().registerSingleton("directDatabase", db);
        context.addApplicationListener(event -> {
            if (event instanceof org.springframework.context.event.ContextClosedEvent) {
                proxy.close();
            }
        });
    }
}
