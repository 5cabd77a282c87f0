package br.com.rhp.hospital.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole application on real PostgreSQL behind a {@link TcpProxy} the test controls, to cut, black-hole
 * and restore the database. Runs in the PostgreSQL pass of the integration tests only: a SQLite file has
 * no network to cut.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest
@AutoConfigureMockMvc
@ContextConfiguration(initializers = ProxiedPostgresInitializer.class)
@EnabledIfSystemProperty(named = "hospital.test.engine", matches = "postgresql")
public @interface OutageTest {}
