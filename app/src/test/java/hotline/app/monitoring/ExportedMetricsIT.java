package hotline.app.monitoring;

import hotline.app.support.HotlineIT;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every hotline_* series the app exports is listed in infra/src/main/monitoring/metrics.txt, the list
 * that alert rules and the dashboard are checked against: a new or renamed meter must be listed there.
 */
class ExportedMetricsIT extends HotlineIT {

    private static final Path METRICS_LIST = Path.of("..", "infra", "src", "main", "monitoring", "metrics.txt");

    @Test
    void everyExportedHotlineSeriesIsInTheMonitoringContract() throws IOException, InterruptedException {
        HttpResponse<String> scrape = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus"))
                        .header("Accept", "text/plain").timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(scrape.statusCode()).isEqualTo(200);

        Set<String> exported = new TreeSet<>();
        scrape.body().lines()
                .filter(line -> line.startsWith("hotline_"))
                .map(line -> line.split("[{ ]", 2)[0])
                .forEach(exported::add);
        Set<String> listed = new TreeSet<>();
        Files.readAllLines(METRICS_LIST).stream().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .forEach(listed::add);

        assertThat(exported).as("hotline_* series exported by the app").isNotEmpty();
        assertThat(exported).as("series missing from %s", METRICS_LIST).isSubsetOf(listed);
        assertThat(scrape.body()).contains("site=\"");
    }
}
