package br.com.rhp.hospital.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real database engine the integration tests run on: SQLite (a file in a temporary folder) or
 * PostgreSQL (embedded binaries, one server per test JVM). Maven's failsafe plugin runs every
 * {@code *IntegrationTests} class once per engine, selected by the system property {@code
 * hospital.test.engine}.
 */
public final class TestDatabase {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private TestDatabase() {}

    public static String engine() {
        return System.getProperty("hospital.test.engine", "sqlite").toLowerCase(Locale.ROOT);
    }

    public static boolean isPostgres() {
        return engine().equals("postgresql");
    }

    /** A new, empty database of the engine under test. */
    public static Database create() {
        return isPostgres() ? createPostgres() : createSqlite();
    }

    /** A new, empty PostgreSQL database on the embedded server. */
    public static Database createPostgres() {
        String name = "hospital_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        EmbeddedPostgres server = postgres();
        try (Connection c = server.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return new Database(server.getJdbcUrl("postgres", name), "postgres", "postgres", server.getPort(), name);
    }

    private static Database createSqlite() {
        String name = "hospital_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        try {
            Path dir = Files.createTempDirectory("hospital-sqlite-");
            dir.toFile().deleteOnExit();
            return new Database(
                    "jdbc:sqlite:" + dir.resolve(name + ".db")
                            + "?journal_mode=WAL&synchronous=FULL&busy_timeout=5000&foreign_keys=true",
                    "",
                    "",
                    -1,
                    name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The embedded PostgreSQL server of this JVM, started on first use. */
    public static synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is exiting; the temporary data folder goes with it
                }
            }));
        }
        return postgres;
    }

    /** Connection settings of one test database. */
    public record Database(String url, String username, String password, int port, String name) {

        /** A connection straight to the database, past any proxy: "another node" writing meanwhile. */
        public java.sql.Connection connect() throws SQLException {
            return java.sql.DriverManager.getConnection(url, username, password);
        }
    }
}
