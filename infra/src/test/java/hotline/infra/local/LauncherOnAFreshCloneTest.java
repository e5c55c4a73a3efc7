package hotline.infra.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code ./hotline} on a clone where nothing is built yet: every command that needs a jar must go on to build it
 * (here a stand-in {@code mvnw} that only says it was called), not stop silently. The jar lookups once returned
 * the status of a failed glob test, which {@code set -e} turned into a silent exit 1 — the README's two commands
 * did nothing on a fresh machine.
 */
class LauncherOnAFreshCloneTest {

    @ParameterizedTest
    @ValueSource(strings = {"app", "ctl", "drill", "verify", "up"})
    void aCommandOnAFreshCloneGoesOnToBuildWhatIsMissing(String command, @TempDir Path clone)
            throws IOException, InterruptedException {
        Path launcher = clone.resolve("hotline");
        Files.copy(Path.of("..", "hotline"), launcher);
        Path mvnw = clone.resolve("mvnw");
        Files.writeString(mvnw, "#!/usr/bin/env bash\necho \"stand-in mvnw called: $*\"\nexit 3\n");
        for (Path script : List.of(launcher, mvnw)) {
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        for (String module : List.of("app/src", "infra/src", "failover/src/main", "test-support")) {
            Files.createDirectories(clone.resolve(module));
        }
        for (String pom : List.of("pom.xml", "app/pom.xml", "infra/pom.xml", "failover/pom.xml", "test-support/pom.xml")) {
            Files.writeString(clone.resolve(pom), "<project/>\n");
        }

        Process process = new ProcessBuilder("bash", launcher.toString(), command, "--help")
                .directory(clone.toFile()).redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(output).as("./hotline %s on a fresh clone", command).contains("stand-in mvnw called:");
        assertThat(process.exitValue()).as(output).isNotZero();  // the stand-in build fails, and that is reported
    }

    /**
     * The container image holds the launcher and the jars but no sources and no Maven: its commands run the jar they
     * need at once (with JAVA_OPTS), never try to build, and hand the process over to the JVM.
     */
    @ParameterizedTest
    @ValueSource(strings = {"app", "controller", "ctl", "drill"})
    void aCommandInTheImageRunsItsJarWithoutBuilding(String command, @TempDir Path image)
            throws IOException, InterruptedException {
        Path launcher = image.resolve("hotline");
        Files.copy(Path.of("..", "hotline"), launcher);
        Path java = image.resolve("bin/java");
        Files.createDirectories(java.getParent());
        Files.writeString(java, "#!/usr/bin/env bash\necho \"stand-in java: $*\"\n");
        for (Path script : List.of(launcher, java)) {
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        for (String jar : List.of("app/target/hotline-app-1.0.jar", "failover/target/hotline-failover-1.0-exec.jar")) {
            Files.createDirectories(image.resolve(jar).getParent());
            Files.writeString(image.resolve(jar), "");
        }

        ProcessBuilder builder = new ProcessBuilder("bash", launcher.toString(), command, "--some-option")
                .directory(image.toFile()).redirectErrorStream(true);
        builder.environment().put("PATH", java.getParent() + ":" + System.getenv("PATH"));
        builder.environment().put("JAVA_OPTS", "-XX:MaxRAMPercentage=75");
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        String jar = command.equals("app") ? "app/target/hotline-app-1.0.jar" : "failover/target/hotline-failover-1.0-exec.jar";
        String subcommand = switch (command) {
            case "controller" -> "controller ";
            case "drill" -> "drill ";
            default -> "";
        };
        assertThat(output).as("./hotline %s in the image", command)
                .isEqualToIgnoringNewLines("stand-in java: -XX:MaxRAMPercentage=75 -jar " + jar + " " + subcommand + "--some-option");
        assertThat(process.exitValue()).isZero();
    }
}
