package br.com.rhp.hospital.database;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.orm.jpa.vendor.HibernateJpaDialect;
import org.springframework.stereotype.Component;

/**
 * Adjusts the connection pool to the engine the URL names, before the first connection.
 *
 * <p>JPA: SQL errors are translated by vendor code, so a broken unique index is an integrity
 * violation on SQLite as on PostgreSQL.
 *
 * <p>SQLite: the file's folder is created on first start, and the pool holds a single connection (one
 * writer at a time is SQLite's rule). PostgreSQL: short connect and socket timeouts, so that a
 * database that is down or that accepts connections and never answers fails a request in seconds
 * instead of hanging; read-only transactions with a shorter deadline of their own ({@link
 * ReadDeadlineDialect}); and every statement planned for the tables as they are now (no stale generic
 * plan).
 */
@Component
class DatabaseSettings implements BeanPostProcessor, EnvironmentAware {

    private final int connectTimeoutSeconds;
    private final int socketTimeoutSeconds;
    private final int postgresPoolSize;
    private final Duration readTimeout;
    private Environment environment;

    DatabaseSettings(
            @Value("${DATABASE_CONNECT_TIMEOUT_SECONDS:3}") int connectTimeoutSeconds,
            @Value("${DATABASE_SOCKET_TIMEOUT_SECONDS:10}") int socketTimeoutSeconds,
            @Value("${DATABASE_POOL_SIZE:10}") int postgresPoolSize,
            @Value("${DATABASE_READ_TIMEOUT:PT5S}") Duration readTimeout) {
        this.connectTimeoutSeconds = connectTimeoutSeconds;
        this.socketTimeoutSeconds = socketTimeoutSeconds;
        this.postgresPoolSize = postgresPoolSize;
        this.readTimeout = readTimeout;
    }

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof LocalContainerEntityManagerFactoryBean factory
                && environment.getProperty("spring.datasource.url", "").startsWith("jdbc:postgresql:")
                && !readTimeout.isNegative()
                && !readTimeout.isZero()) {
            // before the factory takes its vendor's dialect: read-only transactions get a deadline
            factory.setJpaDialect(new ReadDeadlineDialect(readTimeout));
        }
        if (bean instanceof HikariDataSource hikari && hikari.getJdbcUrl() != null) {
            String url = hikari.getJdbcUrl();
            if (url.startsWith("jdbc:sqlite:")) {
                prepareSqlite(hikari, url);
            } else if (url.startsWith("jdbc:postgresql:")) {
                hikari.setMaximumPoolSize(postgresPoolSize);
                // as strings: the driver reads only the String entries of its Properties and silently
                // ignores an Integer or a Boolean
                hikari.addDataSourceProperty("connectTimeout", String.valueOf(connectTimeoutSeconds));
                hikari.addDataSourceProperty("loginTimeout", String.valueOf(connectTimeoutSeconds));
                hikari.addDataSourceProperty("socketTimeout", String.valueOf(socketTimeoutSeconds));
                hikari.addDataSourceProperty("tcpKeepAlive", "true");
                hikari.addDataSourceProperty("ApplicationName", "hospital-api");
                // LGPD: without this the driver quotes the values of a failed statement in its exception
                // messages ("Key (cpf)=(…) already exists", "Batch entry 0 insert … values ('Maria…')"),
                // and Hibernate logs those messages. The constraint name, which the write gateway needs to
                // name the rule, stays in the message.
                hikari.addDataSourceProperty("logServerErrorDetail", "false");
                // A JDBC batch of inserts (the replay writes a batch's ledger rows and audit entries
                // together) sent as multi-row INSERTs: fewer statements for the server to parse and run. A
                // default only: the driver lets the URL's own parameters win, so
                // DATABASE_URL=…?reWriteBatchedInserts=false turns it off.
                hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
                // Plan every execution with the table's size of now. The driver turns a statement run
                // five times into a server-side prepared one, and PostgreSQL may then keep one generic plan
                // for it, costed when it was made: made while a table was small (a new database, the first
                // hours after an outage), it scans the whole table forever after, however much the table
                // grows until the next ANALYZE. Replaying 100,000 staged operations into a new database,
                // the ledger look-up of each batch went from under 1 ms to 370 ms that way. Planning these
                // short statements costs a few tens of microseconds each.
                hikari.setConnectionInitSql("SET plan_cache_mode = force_custom_plan");
            }
        }
        return bean;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        // translate SQL errors by vendor code, as JdbcTemplate does (sql-error-codes.xml): Hibernate's
        // SQLite dialect reports a broken unique index as a generic error, which would otherwise reach the
        // write gateway as an uncategorized failure instead of an integrity violation. The JPA dialect
        // exists only once the factory is initialised.
        if (bean instanceof LocalContainerEntityManagerFactoryBean factory
                && factory.getJpaDialect() instanceof HibernateJpaDialect hibernate) {
            hibernate.setJdbcExceptionTranslator(vendorTranslator());
        }
        return bean;
    }

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    private SQLErrorCodeSQLExceptionTranslator vendorTranslator() {
        String url = environment.getProperty("spring.datasource.url", "");
        return new SQLErrorCodeSQLExceptionTranslator(url.startsWith("jdbc:sqlite:") ? "SQLite" : "PostgreSQL");
    }

    private static void prepareSqlite(HikariDataSource hikari, String url) {
        hikari.setMaximumPoolSize(1);
        String file = url.substring("jdbc:sqlite:".length());
        int query = file.indexOf('?');
        if (query >= 0) {
            file = file.substring(0, query);
        }
        if (file.isEmpty() || file.equals(":memory:") || file.startsWith("file::memory:")) {
            return;
        }
        Path parent = Path.of(file.startsWith("file:") ? file.substring(5) : file)
                .toAbsolutePath()
                .getParent();
        try {
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the folder of the SQLite database " + parent, e);
        }
    }
}
