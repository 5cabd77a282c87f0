package br.com.rhp.hospital.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class DotEnvTests {

    @Test
    void environmentVariablesWinOverDotEnvAndDotEnvWinsOverDefaults(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(".env");
        Files.writeString(file, "NODE_ID=do-arquivo\nCRONTAB=0 3 * * *\n", StandardCharsets.UTF_8);
        StandardEnvironment environment = new StandardEnvironment();
        environment
                .getPropertySources()
                .replace(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new MapPropertySource(
                                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                                Map.of("NODE_ID", "do-ambiente")));
        environment.getPropertySources().addLast(new MapPropertySource("defaults", Map.of("CRONTAB", "padrao")));
        String previous = System.getProperty("hospital.dotenv");
        System.setProperty("hospital.dotenv", file.toString());
        try {
            new DotEnv().postProcessEnvironment(environment, null);
        } finally {
            if (previous == null) {
                System.clearProperty("hospital.dotenv");
            } else {
                System.setProperty("hospital.dotenv", previous);
            }
        }
        assertThat(environment.getProperty("NODE_ID")).isEqualTo("do-ambiente");
        assertThat(environment.getProperty("CRONTAB")).isEqualTo("0 3 * * *");
    }

    @Test
    void anEmptyValueLeavesTheKeyToItsDefault(@TempDir Path dir) throws Exception {
        // .env.example ships "DATABASE_URL=": copied as it is, the SQLite default must apply
        Path file = dir.resolve(".env");
        Files.writeString(file, "DATABASE_URL=\nNODE_ID=no-7\n", StandardCharsets.UTF_8);
        StandardEnvironment environment = new StandardEnvironment();
        environment
                .getPropertySources()
                .addLast(new MapPropertySource("defaults", Map.of("DATABASE_URL", "jdbc:sqlite:padrao.db")));
        String previous = System.getProperty("hospital.dotenv");
        System.setProperty("hospital.dotenv", file.toString());
        try {
            new DotEnv().postProcessEnvironment(environment, null);
        } finally {
            if (previous == null) {
                System.clearProperty("hospital.dotenv");
            } else {
                System.setProperty("hospital.dotenv", previous);
            }
        }
        assertThat(environment.getProperty("DATABASE_URL")).isEqualTo("jdbc:sqlite:padrao.db");
        assertThat(environment.getProperty("NODE_ID")).isEqualTo("no-7");
    }

    @Test
    void readsPlainQuotedAndExportedValues() {
        Map<String, String> env = DotEnv.parse(List.of(
                "# comentário",
                "",
                "STAGING_AREA_PATH=./staging",
                "export CRONTAB=35 21 * * *",
                "NOME=\"Hospital São João\"",
                "LITERAL='a \\n b'",
                "ESCAPED=\"linha1\\nlinha2 \\\"x\\\"\"",
                "WITH_COMMENT=valor # explicação",
                "EMPTY="));
        assertThat(env)
                .containsEntry("STAGING_AREA_PATH", "./staging")
                .containsEntry("CRONTAB", "35 21 * * *")
                .containsEntry("NOME", "Hospital São João")
                .containsEntry("LITERAL", "a \\n b")
                .containsEntry("ESCAPED", "linha1\nlinha2 \"x\"")
                .containsEntry("WITH_COMMENT", "valor")
                .containsEntry("EMPTY", "");
    }

    @Test
    void keepsWindowsPathsAndBcryptHashesIntact() {
        Map<String, String> env = DotEnv.parse(List.of(
                "STAGING_AREA_PATH=C:\\dados\\rhp\\staging",
                "HOSPITAL_USERS=maria:$2a$10$7EqJtq98hPqEX7fNZaFWoOhi5BWX4Z5Zx5zJ3r6e5nqFZ7RzGx5W2:RECEPCAO"));
        assertThat(env.get("STAGING_AREA_PATH")).isEqualTo("C:\\dados\\rhp\\staging");
        assertThat(env.get("HOSPITAL_USERS")).contains("$2a$10$7EqJ");
    }

    @Test
    void ignoresByteOrderMark() {
        assertThat(DotEnv.parse(List.of("\uFEFFNODE_ID=no-1"))).containsEntry("NODE_ID", "no-1");
    }

    @Test
    void rejectsMalformedLinesNamingTheLineButNotTheValue() {
        assertThatThrownBy(() -> DotEnv.parse(List.of("A=1", "segredo-sem-chave")))
                .hasMessageContaining("line 2")
                .hasMessageNotContaining("segredo");
        assertThatThrownBy(() -> DotEnv.parse(List.of("A=\"aberto"))).hasMessageContaining("line 1");
        assertThatThrownBy(() -> DotEnv.parse(List.of("1A=x"))).hasMessageContaining("invalid key");
    }
}
