package br.com.rhp.hospital;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No secret in the repository: every file git tracks (or would add: untracked and not ignored) is
 * searched for private keys, bcrypt hashes, AWS keys, JDBC URLs with a password, committed {@code .env}
 * files and non-empty values of password, secret and key settings in configuration files. Runs in
 * {@code ./mvnw verify}, so CI checks every change. Secrets belong in the node's {@code .env} (ignored
 * by git) or its environment.
 *
 * <p>The patterns are written so that this file does not match them itself; the samples below are
 * assembled from pieces for the same reason.
 */
class NoSecretsInRepositoryTests {

    /**
     * Files allowed to hold what a rule finds, by path and rule, each with its reason. Keep it short: a
     * test that needs a hash or a key should make one at run time.
     */
    private static final Map<String, Set<String>> PERMITIDOS = Map.of(
            // a parsing fixture: the value of HOSPITAL_USERS must survive .env parsing with its '$'s; it is
            // the hash of no account anywhere
            "src/test/java/br/com/rhp/hospital/shared/DotEnvTests.java", Set.of("bcrypt hash"));

    private static final Pattern CHAVE_PRIVADA = Pattern.compile("-{5}BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-{5}");
    private static final Pattern BCRYPT = Pattern.compile("\\$2[abxy]?\\$\\d{2}\\$[./A-Za-z0-9]{53}");
    private static final Pattern AWS_ID = Pattern.compile("\\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA)[0-9A-Z]{16}\\b");
    private static final Pattern AWS_SEGREDO =
            Pattern.compile("(?i)aws.{0,20}secret.{0,20}[=:]\\s*[\"']?[A-Za-z0-9/+=]{40}\\b");
    /** {@code jdbc:…?password=x}, {@code …;password=x} and {@code jdbc:…://user:x@host}. */
    private static final Pattern JDBC_COM_SENHA =
            Pattern.compile("jdbc:[a-z0-9]+:[^\\s\"'<>]*?(?:[?&;](?i:password)=(?!\\$\\{)[^&;\\s\"'<>]+"
                    + "|//[^/\\s:@\"'<>]+:(?!\\$\\{)[^/\\s@\"'<>]+@)");
    /** {@code NAME=value}, {@code name: value} or {@code name = value}, perhaps commented out. */
    private static final Pattern ATRIBUICAO =
            Pattern.compile("^\\s*#?\\s*(?:export\\s+)?([A-Za-z0-9_.\\-\\[\\]]+)\\s*[=:]\\s*(.*?)\\s*$");
    /** {@code ${NAME}} or {@code ${NAME:}}: taken from the environment, no default in the file. */
    private static final Pattern SEM_VALOR_PADRAO = Pattern.compile("\\$\\{[A-Za-z0-9_.\\-]+:?}");

    private static final Path RAIZ = Path.of("").toAbsolutePath();

    @Test
    void noTrackedFileHoldsASecret() {
        List<String> arquivos = arquivosDoRepositorio();
        assertThat(arquivos)
                .as("the scan sees the repository")
                .contains("pom.xml", "src/main/resources/application.properties");
        List<String> achados = new ArrayList<>();
        Set<String> permissoesUsadas = new HashSet<>();
        for (String arquivo : arquivos) {
            Path caminho = RAIZ.resolve(arquivo);
            if (!Files.isRegularFile(caminho)) {
                continue; // deleted in the working tree, not yet in the index
            }
            for (Achado achado : examinar(arquivo, ler(caminho))) {
                if (PERMITIDOS.getOrDefault(arquivo, Set.of()).contains(achado.regra())) {
                    permissoesUsadas.add(arquivo + " " + achado.regra());
                } else {
                    achados.add(arquivo + ":" + achado.linha() + ": " + achado.regra());
                }
            }
        }
        assertThat(achados)
                .as("secrets in the repository: move them to .env or the environment (see .env.example)")
                .isEmpty();
        List<String> permissoes = new ArrayList<>();
        PERMITIDOS.forEach((arquivo, regras) -> regras.forEach(regra -> permissoes.add(arquivo + " " + regra)));
        assertThat(permissoesUsadas)
                .as("every allowance is still needed (remove the ones that are not)")
                .containsExactlyInAnyOrderElementsOf(permissoes);
    }

    // ------------------------------------------------------------------ the rules, on samples

    @Test
    void findsAPrivateKey() {
        assertThat(regras("docs/chave.pem", "-----BEGIN " + "RSA PRIVATE KEY-----\nMIIE...\n"))
                .containsExactly("private key");
        assertThat(regras("id", "-----BEGIN " + "OPENSSH PRIVATE KEY-----")).containsExactly("private key");
        assertThat(regras("cert.pem", "-----BEGIN " + "CERTIFICATE-----")).isEmpty();
    }

    @Test
    void findsABcryptHashButNotTheElidedExampleOfTheDocumentation() {
        String hash = "$2a$10$" + "N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy";
        assertThat(regras("src/main/resources/contas.txt", "maria:" + hash + ":RECEPCAO"))
                .containsExactly("bcrypt hash");
        assertThat(regras(".env.example", "# Ex.: HOSPITAL_USERS=maria:$2a$10$...:RECEPCAO"))
                .isEmpty();
    }

    @Test
    void findsAwsKeys() {
        assertThat(regras("deploy.sh", "AWS_ACCESS_KEY_ID=" + "AKIA" + "IOSFODNN7EXAMPLE"))
                .contains("AWS access key id");
        assertThat(regras("config", "aws_secret_access_key = " + "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"))
                .contains("AWS secret key");
    }

    @Test
    void findsAJdbcUrlWithAPasswordButNotOneWithoutOrWithAPlaceholder() {
        assertThat(regras("README.md", "jdbc:postgresql://db/hospital?user=app&" + "password=s3nha"))
                .containsExactly("JDBC URL with a password");
        assertThat(regras("README.md", "jdbc:postgresql://app:" + "s3nha@db:5432/hospital"))
                .containsExactly("JDBC URL with a password");
        assertThat(regras("README.md", "jdbc:postgresql://db.rhp.local:5432/hospital?sslmode=verify-full"))
                .isEmpty();
        assertThat(regras("README.md", "jdbc:postgresql://db/h?password=" + "${DATABASE_PASSWORD}"))
                .isEmpty();
    }

    @Test
    void findsAValueForAPasswordSecretOrKeySettingButAcceptsEmptyAndEnvironmentPlaceholders() {
        assertThat(regras(".env.example", "HOSPITAL_ADMIN_PASSWORD=" + "troque-esta-senha"))
                .containsExactly("value for HOSPITAL_ADMIN_PASSWORD");
        assertThat(regras(".env.example", "# STAGING_ENCRYPTION_KEY=" + "'q9Zr...'"))
                .containsExactly("value for STAGING_ENCRYPTION_KEY");
        assertThat(regras("src/main/resources/application.properties", "spring.datasource.password=" + "hunter2"))
                .containsExactly("value for spring.datasource.password");
        assertThat(regras("application.yml", "  client-secret: " + "abc123"))
                .containsExactly("value for client-secret");
        assertThat(regras(
                        "src/main/resources/application.properties",
                        "spring.datasource.password=${DATABASE_PASSWORD:" + "hunter2}"))
                .as("a default value in the placeholder is a password in the file")
                .containsExactly("value for spring.datasource.password");

        assertThat(regras(".env.example", "HOSPITAL_ADMIN_PASSWORD=")).isEmpty();
        assertThat(regras(".env.example", "# STAGING_ENCRYPTION_KEY_FILE=/etc/hospital-api/staging.key"))
                .isEmpty();
        assertThat(regras(".env.example", "STAGING_ENCRYPTION_KEY=" + "c2VncmVkby1kZS10ZXN0ZQ=="))
                .containsExactly("value for STAGING_ENCRYPTION_KEY");
        assertThat(regras(".env.example", "DATABASE_PASSWORD=''")).isEmpty();
        assertThat(regras("application.properties", "spring.datasource.password=${DATABASE_PASSWORD:}"))
                .isEmpty();
        assertThat(regras("application.properties", "spring.datasource.password=${DATABASE_PASSWORD}"))
                .isEmpty();
        assertThat(regras("Main.java", "String password = " + "\"only config files are read this way\";"))
                .isEmpty();
    }

    @Test
    void findsACommittedEnvFileButNotTheExample() {
        assertThat(regras(".env", "SERVER_PORT=8080")).containsExactly("committed .env file");
        assertThat(regras("deploy/.env.production", "")).containsExactly("committed .env file");
        assertThat(regras(".env.example", "SERVER_PORT=8080")).isEmpty();
    }

    // ------------------------------------------------------------------ the scan

    record Achado(int linha, String regra) {}

    private static List<String> regras(String arquivo, String conteudo) {
        return examinar(arquivo, conteudo).stream().map(Achado::regra).toList();
    }

    static List<Achado> examinar(String arquivo, String conteudo) {
        List<Achado> achados = new ArrayList<>();
        String nome = arquivo.substring(arquivo.lastIndexOf('/') + 1);
        if (nome.equals(".env") || (nome.startsWith(".env.") && !EXEMPLOS_DE_ENV.contains(nome))) {
            achados.add(new Achado(0, "committed .env file"));
        }
        boolean configuracao = ehConfiguracao(nome);
        String[] linhas = conteudo.split("\\R", -1);
        for (int i = 0; i < linhas.length; i++) {
            String linha = linhas[i];
            int n = i + 1;
            if (CHAVE_PRIVADA.matcher(linha).find()) {
                achados.add(new Achado(n, "private key"));
            }
            if (BCRYPT.matcher(linha).find()) {
                achados.add(new Achado(n, "bcrypt hash"));
            }
            if (AWS_ID.matcher(linha).find()) {
                achados.add(new Achado(n, "AWS access key id"));
            }
            if (AWS_SEGREDO.matcher(linha).find()) {
                achados.add(new Achado(n, "AWS secret key"));
            }
            if (JDBC_COM_SENHA.matcher(linha).find()) {
                achados.add(new Achado(n, "JDBC URL with a password"));
            }
            if (configuracao) {
                Matcher m = ATRIBUICAO.matcher(linha);
                if (m.matches() && nomeDeSegredo(m.group(1)) && temValor(m.group(2))) {
                    achados.add(new Achado(n, "value for " + m.group(1)));
                }
            }
        }
        return achados;
    }

    private static final Set<String> EXEMPLOS_DE_ENV = Set.of(".env.example", ".env.sample", ".env.template");

    private static boolean ehConfiguracao(String nome) {
        String n = nome.toLowerCase(Locale.ROOT);
        return n.endsWith(".properties")
                || n.endsWith(".yml")
                || n.endsWith(".yaml")
                || n.endsWith(".env")
                || n.startsWith(".env.")
                || n.equals(".env");
    }

    private static boolean nomeDeSegredo(String chave) {
        String c = chave.toUpperCase(Locale.ROOT);
        if (c.endsWith("_FILE") || c.endsWith("_PATH")) {
            return false; // where a secret is kept (a path), not the secret
        }
        return c.contains("PASSWORD") || c.contains("SECRET") || c.contains("KEY") || c.contains("SENHA");
    }

    private static boolean temValor(String valor) {
        String v = valor;
        int comentario = v.indexOf(" #");
        if (comentario >= 0) {
            v = v.substring(0, comentario).strip();
        }
        if (v.length() >= 2 && (v.startsWith("'") && v.endsWith("'") || v.startsWith("\"") && v.endsWith("\""))) {
            v = v.substring(1, v.length() - 1);
        }
        return !v.isEmpty() && !SEM_VALOR_PADRAO.matcher(v).matches();
    }

    /** What git tracks plus what it would add; the working tree without build output when git is absent. */
    private static List<String> arquivosDoRepositorio() {
        try {
            Process git = new ProcessBuilder("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
                    .directory(RAIZ.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            byte[] saida = git.getInputStream().readAllBytes();
            if (git.waitFor(60, TimeUnit.SECONDS) && git.exitValue() == 0) {
                return Stream.of(new String(saida, StandardCharsets.UTF_8).split("\0"))
                        .filter(s -> !s.isEmpty())
                        .distinct()
                        .toList();
            }
        } catch (IOException e) {
            // no git on this machine: walk the tree instead
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return arvore();
    }

    private static List<String> arvore() {
        Set<String> fora = Set.of(".git", "target", "data", "staging", "node_modules", ".idea");
        try (Stream<Path> caminhos = Files.walk(RAIZ)) {
            return caminhos.filter(Files::isRegularFile)
                    .map(p -> RAIZ.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !fora.contains(p.split("/", 2)[0]))
                    .filter(p -> !p.equals(".env"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String ler(Path caminho) {
        try {
            // Latin-1 reads any bytes; every pattern is ASCII
            return new String(Files.readAllBytes(caminho), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
