package br.com.rhp.hospital.staging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagingSettingsTests {

    @TempDir
    Path workingDirectory;

    @Test
    void resolvesARelativePathAgainstTheWorkingDirectory() {
        StagingSettings settings =
                StagingSettings.resolve("dados/staging", "false", "100MB", "30", "true", workingDirectory);

        assertThat(settings.root())
                .isEqualTo(workingDirectory.resolve("dados/staging").toAbsolutePath());
    }

    @Test
    void takesAnAbsolutePathAsItIsWhenToldItIsAbsolute() {
        Path absolute = workingDirectory.resolve("x").toAbsolutePath();

        StagingSettings settings =
                StagingSettings.resolve(absolute.toString(), "TRUE", "0", "30", "true", Path.of("/elsewhere"));

        assertThat(settings.root()).isEqualTo(absolute);
    }

    @Test
    void stopsStartUpWhenAPathDeclaredAbsoluteIsRelative() {
        assertThatThrownBy(() -> StagingSettings.resolve("staging", "true", "100MB", "30", "true", workingDirectory))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("STAGING_AREA_PATH=staging is not an absolute path")
                .hasMessageContaining("IS_ABSOLUTE_STAGING_AREA_PATH");
    }

    @Test
    void stopsStartUpWhenAnAbsolutePathIsDeclaredRelative() {
        String absolute = workingDirectory.toAbsolutePath().toString();

        assertThatThrownBy(() -> StagingSettings.resolve(absolute, "false", "100MB", "30", "true", workingDirectory))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("IS_ABSOLUTE_STAGING_AREA_PATH=false");
    }

    @Test
    void removesTheQuotesThatEnvFilesKeep() {
        StagingSettings settings = StagingSettings.resolve(
                "\"área de staging\"", "'false'", "\"1GB\"".replace("\"", ""), "7", "false", workingDirectory);

        assertThat(settings.root().getFileName().toString()).isEqualTo("área de staging");
        assertThat(settings.minFreeBytes()).isEqualTo(1024L * 1024 * 1024);
        assertThat(settings.journalRetentionDays()).isEqualTo(7);
        assertThat(settings.cleanEmptyDirectories()).isFalse();
    }

    @Test
    void readsTheMinimumFreeSpaceInBytesOrWithAUnit() {
        assertThat(StagingSettings.resolve("s", "false", "104857600", "30", "true", workingDirectory)
                        .minFreeBytes())
                .isEqualTo(StagingSettings.DEFAULT_MIN_FREE_BYTES);
        assertThat(StagingSettings.resolve("s", "false", "100MB", "30", "true", workingDirectory)
                        .minFreeBytes())
                .isEqualTo(StagingSettings.DEFAULT_MIN_FREE_BYTES);
        assertThatThrownBy(() -> StagingSettings.resolve("s", "false", "muito", "30", "true", workingDirectory))
                .hasMessageContaining("STAGING_MIN_FREE_BYTES");
    }

    @Test
    void refusesAFlagThatIsNeitherTrueNorFalse() {
        assertThatThrownBy(() -> StagingSettings.resolve("s", "sim", "100MB", "30", "true", workingDirectory))
                .hasMessageContaining("IS_ABSOLUTE_STAGING_AREA_PATH must be true or false");
    }

    @Test
    void refusesAnEmptyPath() {
        assertThatThrownBy(() -> StagingSettings.resolve(" ", "false", "100MB", "30", "true", workingDirectory))
                .hasMessageContaining("STAGING_AREA_PATH is empty");
    }

    @Test
    void stopsStartUpWithAClearMessageWhenTheAreaCannotBeCreated() throws IOException {
        Path file = Files.writeString(workingDirectory.resolve("not-a-folder"), "x");

        assertThatThrownBy(() -> StagingStore.open(StagingSettings.of(file), "no", Clock.systemUTC()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot open the staging area at " + file)
                .hasMessageContaining("STAGING_AREA_PATH");
    }

    @Test
    void createsTheAreaAndItsMissingParents() {
        Path root = workingDirectory.resolve("a/b/staging");

        StagingStore.open(StagingSettings.of(root), "no", Clock.systemUTC());

        assertThat(root).isDirectory();
    }
}
