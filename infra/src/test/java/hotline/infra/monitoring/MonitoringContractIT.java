package hotline.infra.monitoring;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static hotline.infra.monitoring.MonitoringFiles.alertNames;
import static hotline.infra.monitoring.MonitoringFiles.alertRules;
import static hotline.infra.monitoring.MonitoringFiles.exportedMetrics;
import static hotline.infra.monitoring.MonitoringFiles.metricsIn;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Alerts, dashboard, runbooks and the chart's copy of the rules agree with each other and with the list
 * of metrics the code exports (metrics.txt).
 */
class MonitoringContractIT {

    @Test
    void alertRulesUseOnlyExportedMetrics() {
        Set<String> exported = exportedMetrics();
        for (Map<String, Object> rule : alertRules()) {
            assertThat(metricsIn((String) rule.get("expr")))
                    .as("metrics of alert %s not in metrics.txt", rule.get("alert"))
                    .isNotEmpty()
                    .isSubsetOf(exported);
        }
    }

    @Test
    void everyAlertHasSeverityAndARunbookWithTheFourSections() {
        for (Map<String, Object> rule : alertRules()) {
            String name = (String) rule.get("alert");
            @SuppressWarnings("unchecked")
            Map<String, String> annotations = (Map<String, String>) rule.get("annotations");
            @SuppressWarnings("unchecked")
            Map<String, String> labels = (Map<String, String>) rule.get("labels");
            assertThat(labels.get("severity")).as(name).isIn("critical", "warning");
            assertThat(annotations).as(name).containsKeys("summary", "description", "runbook_url");
            assertThat(annotations.get("runbook_url")).as(name).endsWith("/runbooks/alerts/" + name + ".md");
            Path runbook = MonitoringFiles.RUNBOOKS.resolve(name + ".md");
            assertThat(runbook).as("runbook of %s", name).exists();
            assertThat(MonitoringFiles.read(runbook))
                    .startsWith("# " + name)
                    .contains("\n## Meaning\n", "\n## Impact\n", "\n## Diagnosis\n", "\n## Mitigation\n");
        }
    }

    @Test
    void everyAlertRunbookBelongsToAnAlert() throws Exception {
        Set<String> runbooks = new TreeSet<>();
        try (Stream<Path> files = Files.list(MonitoringFiles.RUNBOOKS)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".md"))
                    .forEach(n -> runbooks.add(n.substring(0, n.length() - 3)));
        }
        assertThat(runbooks).isEqualTo(alertNames());
    }

    @Test
    void theIssuesAlertsAreAllThere() {
        assertThat(alertNames()).contains("ReplicationLagHigh", "ReplicationSlotLost", "WalRetentionGrowing",
                "SiteUnprotected", "LeaseNotRenewed", "SiteFenced", "FailoverPausedTooLong", "DrillOverdue",
                "DrillFailed", "SlaBreachesRising", "QueueWaitTooLong");
    }

    @Test
    void chartPrometheusRuleIsTheSameFile() {
        assertThat(MonitoringFiles.read(MonitoringFiles.CHART_ALERTS))
                .as("helm/hotline/files/hotline-alerts.yaml must be a copy of infra/src/main/monitoring/hotline-alerts.yaml: "
                        + "cp infra/src/main/monitoring/hotline-alerts.yaml helm/hotline/files/")
                .isEqualTo(MonitoringFiles.read(MonitoringFiles.ALERTS));
    }

    @Test
    void dashboardIsValidJsonUsingOnlyExportedMetrics() {
        JsonNode dashboard = new ObjectMapper().readTree(MonitoringFiles.read(MonitoringFiles.DASHBOARD));
        List<String> expressions = new ArrayList<>();
        collectExpressions(dashboard, expressions);

        assertThat(dashboard.path("title").asText()).isNotBlank();
        assertThat(dashboard.path("uid").asText()).isEqualTo("hotline-ha-sites");
        assertThat(expressions).hasSizeGreaterThan(20);
        Set<String> used = new TreeSet<>();
        expressions.forEach(e -> used.addAll(metricsIn(e)));
        assertThat(used).isSubsetOf(exportedMetrics());
        assertThat(used).as("the dashboard shows roles, epoch, lag, journal, seats, queue, SLA and the last drill")
                .contains("hotline_site_role", "hotline_site_epoch", "hotline_replication_lag_seconds",
                        "hotline_replication_journal_depth", "hotline_seats", "hotline_queue_length",
                        "hotline_sla_breaches_total", "hotline_drill_last_success_timestamp_seconds");
    }

    @Test
    void metricsListHoldsOnlyHotlineSeriesNamesOnce() {
        List<String> lines = MonitoringFiles.read(MonitoringFiles.METRICS).lines()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertThat(lines).doesNotHaveDuplicates().allMatch(l -> l.matches("hotline_[a-z0-9_]+"));
    }

    private static void collectExpressions(JsonNode node, List<String> into) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (field.getKey().equals("expr") && field.getValue().isString()) {
                    into.add(field.getValue().asText());
                } else {
                    collectExpressions(field.getValue(), into);
                }
            }
        } else if (node.isArray()) {
            node.forEach(child -> collectExpressions(child, into));
        }
    }
}
