package br.com.rhp.hospital.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import br.com.rhp.hospital.support.Hospital;
import br.com.rhp.hospital.support.Ids;
import br.com.rhp.hospital.support.TestDatabaseInitializer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;

/**
 * TLS to PostgreSQL, as production must configure it: a real PostgreSQL 17 with {@code ssl=on} and a
 * self-signed certificate this test makes at run time (the JDK's keytool), the service connecting with
 * {@code sslmode=verify-full} and that certificate as {@code sslrootcert}. A write reaches the database
 * over an encrypted connection; a connection that trusts another root, or names a host the certificate
 * does not, is refused. PostgreSQL pass only: SQLite has no network.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ContextConfiguration(initializers = PostgresTlsIntegrationTests.ComTls.class)
@EnabledIfSystemProperty(named = "hospital.test.engine", matches = "postgresql")
class PostgresTlsIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    DataSource dataSource;

    @Test
    void serviceWritesOverAVerifiedTlsConnection() throws Exception {
        String codigo = Ids.codigo("TLS");
        new Hospital(mvc).post("/api/unidades", """
                        {"codigo": "%s", "nome": "Enfermaria Cifrada", "tipo": "ENFERMARIA", "aceita_internacao": true}
                        """.formatted(codigo)).andExpect(status().isCreated());

        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBoolean("ssl"))
                        .as("the service's connection is encrypted")
                        .isTrue();
                assertThat(rs.getString("version")).startsWith("TLSv1.");
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM unidade WHERE codigo = '" + codigo + "'")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
    }

    @Test
    void connectionTrustingAnotherRootIsRefused() {
        Servidor servidor = Servidor.instancia();
        String url = servidor.url("localhost", "verify-full", servidor.outraRaiz());
        assertThatThrownBy(() -> conectar(url)).isInstanceOf(SQLException.class).hasMessageContaining("SSL");
        // verify-ca checks the chain too: the wrong root is refused there as well
        assertThatThrownBy(() -> conectar(servidor.url("localhost", "verify-ca", servidor.outraRaiz())))
                .isInstanceOf(SQLException.class);
    }

    @Test
    void verifyFullRefusesAHostTheCertificateDoesNotNameWhereVerifyCaAcceptsIt() throws Exception {
        Servidor servidor = Servidor.instancia();
        // the certificate names "localhost" only; 127.0.0.1 is the same server under another name
        assertThatThrownBy(() -> conectar(servidor.url("127.0.0.1", "verify-full", servidor.raiz())))
                .isInstanceOf(SQLException.class);
        try (Connection c = conectar(servidor.url("127.0.0.1", "verify-ca", servidor.raiz()))) {
            assertThat(c.isValid(5)).isTrue();
        }
    }

    private static Connection conectar(String url) throws SQLException {
        return DriverManager.getConnection(url, "postgres", "postgres");
    }

    /** Points the application at the TLS server, with verify-full and the test's root certificate. */
    static class ComTls implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            new TestDatabaseInitializer().initialize(context); // staging folder, node id, keys
            Servidor servidor = Servidor.instancia();
            context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource(
                            "tls",
                            Map.of(
                                    "DATABASE_URL",
                                    servidor.url("localhost", "verify-full", servidor.raiz()),
                                    "DATABASE_USERNAME",
                                    "postgres",
                                    "DATABASE_PASSWORD",
                                    "postgres")));
        }
    }

    /** One embedded PostgreSQL with ssl=on per test JVM, and the certificates made for it. */
    static final class Servidor {
        private static Servidor instancia;

        private final Path pasta;
        private final Path raiz;
        private final Path outraRaiz;
        private final EmbeddedPostgres postgres;

        private Servidor() throws Exception {
            pasta = Files.createTempDirectory("hospital-tls-");
            Path servidorCrt = pasta.resolve("server.crt");
            Path servidorKey = pasta.resolve("server.key");
            certificadoAutoassinado("servidor", "CN=localhost", "SAN=dns:localhost", servidorCrt, servidorKey);
            raiz = servidorCrt; // self-signed: the certificate is its own root
            outraRaiz = pasta.resolve("outra-raiz.crt");
            certificadoAutoassinado(
                    "intruso", "CN=localhost", "SAN=dns:localhost", outraRaiz, pasta.resolve("outra.key"));
            postgres = EmbeddedPostgres.builder()
                    .setServerConfig("ssl", "on")
                    .setServerConfig("ssl_cert_file", "server.crt")
                    .setServerConfig("ssl_key_file", "server.key")
                    .setDataDirectoryCustomizer(dados -> instalar(dados.toPath(), servidorCrt, servidorKey))
                    .start();
            try (Connection c = postgres.getPostgresDatabase().getConnection();
                    Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE hospital_tls");
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is exiting
                }
            }));
        }

        static synchronized Servidor instancia() {
            if (instancia == null) {
                try {
                    instancia = new Servidor();
                } catch (Exception e) {
                    throw new IllegalStateException("cannot start PostgreSQL with TLS", e);
                }
            }
            return instancia;
        }

        Path raiz() {
            return raiz;
        }

        Path outraRaiz() {
            return outraRaiz;
        }

        String url(String host, String sslmode, Path rootCert) {
            return "jdbc:postgresql://" + host + ":" + postgres.getPort() + "/hospital_tls?ssl=true&sslmode=" + sslmode
                    + "&sslrootcert=" + rootCert;
        }

        /**
         * Puts the certificate and key in the data directory, owned by the data directory's owner (the
         * server refuses a key another account owns) and readable by it only (0600, or it refuses too).
         */
        private static void instalar(Path dados, Path crt, Path key) {
            try {
                var dono = Files.getOwner(dados);
                Path destinoCrt = Files.copy(crt, dados.resolve("server.crt"), StandardCopyOption.REPLACE_EXISTING);
                Path destinoKey = Files.copy(key, dados.resolve("server.key"), StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(destinoCrt, PosixFilePermissions.fromString("rw-r--r--"));
                Files.setPosixFilePermissions(destinoKey, PosixFilePermissions.fromString("rw-------"));
                Files.setOwner(destinoCrt, dono);
                Files.setOwner(destinoKey, dono);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** A fresh RSA key and self-signed certificate, made with the JDK's keytool, written as PEM. */
        private void certificadoAutoassinado(String alias, String dname, String san, Path crt, Path key)
                throws Exception {
            Path keystore = pasta.resolve(alias + ".p12");
            String senha = "senha-de-teste-" + alias;
            Process keytool = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "keytool")
                                    .toString(),
                            "-genkeypair",
                            "-alias",
                            alias,
                            "-keyalg",
                            "RSA",
                            "-keysize",
                            "2048",
                            "-validity",
                            "2",
                            "-dname",
                            dname,
                            "-ext",
                            san,
                            "-keystore",
                            keystore.toString(),
                            "-storetype",
                            "PKCS12",
                            "-storepass",
                            senha,
                            "-keypass",
                            senha)
                    .redirectErrorStream(true)
                    .start();
            String saida = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + saida);
            }
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keystore)) {
                ks.load(in, senha.toCharArray());
            }
            PrivateKey privada = (PrivateKey) ks.getKey(alias, senha.toCharArray());
            Certificate certificado = ks.getCertificate(alias);
            Files.writeString(crt, pem("CERTIFICATE", certificado.getEncoded()));
            Files.writeString(key, pem("PRIVATE KEY", privada.getEncoded()));
            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
            Files.delete(keystore);
        }

        private static String pem(String tipo, byte[] der) {
            String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(der);
            return String.join("\n", List.of("-----BEGIN " + tipo + "-----", base64, "-----END " + tipo + "-----"))
                    + "\n";
        }
    }
}
