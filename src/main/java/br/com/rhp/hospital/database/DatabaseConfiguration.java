package br.com.rhp.hospital.database;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    static final String SQLITE_DIALECT = "org.hibernate.community.dialect.SQLiteDialect";
    static final String POSTGRES_DIALECT = "org.hibernate.dialect.PostgreSQLDialect";

    /** Start-up does not wait for the database: see {@link SchemaMigrations}. */
    @Bean
    FlywayMigrationStrategy migrateOrDefer(SchemaMigrations migrations) {
        return migrations::migrateOrDefer;
    }

    /**
     * Names the Hibernate dialect from the database URL and forbids Hibernate to read JDBC metadata at
     * start-up, so that a node whose database is down still starts, authenticates users and stages
     * their writes. Explicit {@code spring.jpa.properties.hibernate.dialect} settings win.
     */
    @Bean
    HibernatePropertiesCustomizer dialectFromUrl(DataSource dataSource) {
        return properties -> {
            String url = dataSource instanceof HikariDataSource hikari ? hikari.getJdbcUrl() : null;
            if (url != null) {
                properties.putIfAbsent(
                        "hibernate.dialect", url.startsWith("jdbc:sqlite:") ? SQLITE_DIALECT : POSTGRES_DIALECT);
                properties.putIfAbsent("hibernate.boot.allow_jdbc_metadata_access", "false");
            }
        };
    }
}
