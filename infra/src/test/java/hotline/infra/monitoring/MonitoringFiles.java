package hotline.infra.monitoring;

import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The monitoring files of the repository, read from the infra module's directory (the build's working dir). */
final class MonitoringFiles {

    static final Path MONITORING = Path.of("src", "main", "monitoring").toAbsolutePath();
    static final Path ALERTS = MONITORING.resolve("hotline-alerts.yaml");
    static final Path METRICS = MONITORING.resolve("metrics.txt");
    static final Path DASHBOARD = MONITORING.resolve("grafana-hotline.json");
    static final Path ALERT_TESTS = Path.of("src", "test", "monitoring", "hotline-alerts.test.yaml").toAbsolutePath();
    static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    static final Path CHART_ALERTS = REPOSITORY.resolve("helm/hotline/files/hotline-alerts.yaml");
    static final Path RUNBOOKS = REPOSITORY.resolve("runbooks/alerts");

    private static final Pattern METRIC = Pattern.compile("\\bhotline_[a-z0-9_]+\\b");

    private MonitoringFiles() {
    }

    /** metrics.txt: one series name per line, '#' comments and blank lines ignored. */
    static Set<String> exportedMetrics() {
        Set<String> names = new TreeSet<>();
        for (String line : read(METRICS).split("\\R")) {
            String name = line.strip();
            if (!name.isEmpty() && !name.startsWith("#")) {
                names.add(name);
            }
        }
        return names;
    }

    /** Every alerting rule (the maps of the rules file), in file order. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> alertRules() {
        Map<String, Object> file = new Yaml().load(read(ALERTS));
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                if (rule.containsKey("alert")) {
                    rules.add(rule);
                }
            }
        }
        return rules;
    }

    static Set<String> alertNames() {
        Set<String> names = new TreeSet<>();
        alertRules().forEach(rule -> names.add((String) rule.get("alert")));
        return names;
    }

    /** The hotline_* metric names a PromQL expression refers to. */
    static Set<String> metricsIn(String promql) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = METRIC.matcher(promql);
        while (matcher.find()) {
            names.add(matcher.group());
        }
        return names;
    }

    static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
