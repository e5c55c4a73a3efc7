package hotline.infra.local;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./hotline verify}: asks a site for the consistency check of both sites' databases (table by table,
 * row counts and an order-independent checksum over key and row version; the differing keys when a table
 * differs) and prints it. Exit 0: equal; 1: different; 2: no site answered or the check could not run.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check that both sites hold the same data (exit 0 equal, 1 different, 2 could not check).")
final class VerifyCommand implements Callable<Integer> {

    @Option(names = "--site", split = ",", defaultValue = "http://localhost:8082,http://localhost:8081",
            description = "site URLs to ask, in order (the first that answers runs the check); default: B, then A")
    List<URI> sites;
    @Option(names = "--user", defaultValue = "${env:HOTLINE_OPS_USER:-ops}") String user;
    @Option(names = "--password", defaultValue = "${env:HOTLINE_OPS_PASSWORD:-demo}") String password;
    @Option(names = "--attempts", defaultValue = "10",
            description = "re-checks while writes in flight make the sites differ for a moment") int attempts;

    private final PrintStream out = System.out;
    private final PrintStream err = System.err;

    @Override
    public Integer call() {
        if (attempts < 1 || attempts > 60) {
            err.println("--attempts must be 1-60");
            return 2;
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        String auth = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        for (URI site : sites) {
            URI url = site.resolve("/api/ops/consistency?attempts=" + attempts + "&pauseMillis=1000");
            HttpResponse<String> response;
            try {
                response = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30L + attempts * 5L))
                        .header("Authorization", auth).header("Accept", "application/json").GET().build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                err.println("Site at " + site + " does not answer (" + e.getMessage() + "); trying the next one");
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 2;
            }
            if (response.statusCode() != 200) {
                err.println("Site at " + site + " could not run the check: HTTP " + response.statusCode() + " " + response.body());
                return 2;
            }
            return print(response.body());
        }
        err.println("No site answered: " + sites + ". Is the stack up (./hotline up)?");
        return 2;
    }

    private int print(String body) {
        JsonNode report;
        try {
            report = new ObjectMapper().readTree(body);
        } catch (RuntimeException e) {
            err.println("Unreadable answer: " + body);
            return 2;
        }
        out.printf("Consistency check by site %s against site %s at %s (%s attempt(s))%n",
                report.path("site").asString(), report.path("peerSite").asString(), report.path("checkedAt").asString(),
                report.path("attempts").asString());
        out.printf("%-22s %10s %10s  %-17s %-17s %s%n", "table", "rows here", "rows peer", "checksum here",
                "checksum peer", "");
        for (JsonNode table : report.path("tables")) {
            boolean equal = table.path("equal").asBoolean();
            out.printf("%-22s %10d %10d  %-17s %-17s %s%n", table.path("table").asString(), table.path("rowsHere").asLong(),
                    table.path("rowsPeer").asLong(), table.path("checksumHere").asString(),
                    table.path("checksumPeer").asString(), equal ? "equal" : "DIFFERENT");
            if (!equal) {
                listKeys(table, "onlyHere", "only at " + report.path("site").asString());
                listKeys(table, "onlyAtPeer", "only at " + report.path("peerSite").asString());
                listKeys(table, "versionDiffers", "at another version");
            }
        }
        boolean equal = report.path("equal").asBoolean();
        out.println(equal ? "RESULT: both sites are equal" : "RESULT: " + report.path("differingTables").asInt()
                + " table(s) differ");
        return equal ? 0 : 1;
    }

    private void listKeys(JsonNode table, String field, String label) {
        for (JsonNode key : table.path(field)) {
            out.println("    " + label + ": " + key.asString());
        }
    }
}
