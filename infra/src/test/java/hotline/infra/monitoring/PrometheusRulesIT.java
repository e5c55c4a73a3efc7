package hotline.infra.monitoring;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The alert rules through promtool (Debian package prometheus): syntax check and the unit tests of
 * every alert. Fails, never skips, without promtool: .ci/run installs it.
 */
class PrometheusRulesIT {

    private static Path promtool;

    @BeforeAll
    static void findPromtool() {
        promtool = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, "promtool"))
                .filter(Files::isExecutable)
                .findFirst()
                .orElse(null);
        if (promtool == null) {
            fail("promtool not found on PATH. Install Debian's prometheus package: apt-get install -y prometheus "
                    + "(.ci/run does this when promtool is missing).");
        }
    }

    @Test
    void rulesPassPromtoolCheck() throws Exception {
        Result result = run(promtool.toString(), "check", "rules", MonitoringFiles.ALERTS.toString());
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS: " + MonitoringFiles.alertRules().size() + " rules found");
    }

    @Test
    void everyAlertPassesItsPromtoolUnitTests() throws Exception {
        Result result = run(promtool.toString(), "test", "rules", MonitoringFiles.ALERT_TESTS.toString());
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyAlertIsTestedBothQuietAndFiring() {
        Map<String, Object> file = new Yaml().load(MonitoringFiles.read(MonitoringFiles.ALERT_TESTS));
        Set<String> firing = new TreeSet<>();
        Set<String> quiet = new TreeSet<>();
        for (Map<String, Object> test : (List<Map<String, Object>>) file.get("tests")) {
            for (Map<String, Object> check : (List<Map<String, Object>>) test.get("alert_rule_test")) {
                List<Object> expected = (List<Object>) check.get("exp_alerts");
                (expected == null || expected.isEmpty() ? quiet : firing).add((String) check.get("alertname"));
            }
        }
        assertThat(firing).as("alerts with a firing test").isEqualTo(MonitoringFiles.alertNames());
        assertThat(quiet).as("alerts with a not-firing test").isEqualTo(MonitoringFiles.alertNames());
        assertThat((List<String>) file.get("rule_files"))
                .containsExactly("../../main/monitoring/hotline-alerts.yaml");
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (var reader = process.inputReader(StandardCharsets.UTF_8)) {
            reader.lines().forEach(lines::add);
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("promtool did not finish within 60 s: " + String.join(" ", command));
        }
        return new Result(process.exitValue(), String.join("\n", lines));
    }
}
