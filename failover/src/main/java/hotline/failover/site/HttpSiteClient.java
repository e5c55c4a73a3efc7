package hotline.failover.site;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import hotline.failover.decision.CdcState;
import hotline.failover.decision.SiteRole;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@link SiteClient} over the site app's ops API (HTTP Basic, role OPS) and, for WAL positions, the site's own
 * PostgreSQL ({@link SiteDatabase}). Every request has a finite connect and request timeout.
 *
 * <p>Errors are classified where they happen:
 * <ul>
 *   <li>no answer (refused connection, timeout, broken stream), a 5xx without a problem document, or a body that is
 *       not the expected JSON → {@link SiteUnreachableException} (transient: ask again later);</li>
 *   <li>an HTTP 4xx/5xx carrying an RFC 9457 problem, or a 401/403 → {@link SiteRefusedException} with the
 *       problem's {@code type}, {@code title} and {@code detail} (an answer: the site's state must change first).</li>
 * </ul>
 */
public final class HttpSiteClient implements SiteClient {

    private final String site;
    private final URI baseUrl;
    private final String authorization;
    private final Duration timeout;
    private final SiteDatabase database;
    private final HttpClient http;

    /**
     * @param site     the site's id ({@code a})
     * @param baseUrl  the site app's own URL (not the front door): {@code http://localhost:8081}
     * @param database the site's PostgreSQL, for WAL positions
     * @param timeout  connect and request timeout of every HTTP call
     */
    public HttpSiteClient(String site, URI baseUrl, String user, String password, SiteDatabase database, Duration timeout) {
        this.site = Objects.requireNonNull(site, "site");
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((Objects.requireNonNull(user, "user") + ":"
                + Objects.requireNonNull(password, "password")).getBytes(StandardCharsets.UTF_8));
        this.database = Objects.requireNonNull(database, "database");
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the site timeout must be positive, was " + timeout);
        }
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    @Override
    public String site() {
        return site;
    }

    public URI baseUrl() {
        return baseUrl;
    }

    @Override
    public SiteStatus status() {
        return siteStatus(call("GET", "/api/site", null));
    }

    @Override
    public ReplicationStatus replication() {
        JsonObject r = call("GET", "/api/ops/replication", null);
        CdcState state = CdcState.parse(string(r, "cdcState"));
        if (state == CdcState.STARTING && r.has("consistentPrefix") && r.get("consistentPrefix").getAsBoolean()) {
            state = CdcState.RECONNECTING;
        }
        return new ReplicationStatus(state, number(r, "lagSeconds").orElse(Double.NaN),
                longNumber(r, "lastAppliedLsn"),
                number(r, "journalDepth").map(Double::longValue).orElse(0L));
    }

    /** The whole {@code GET /api/site} answer (also {@code protectedByPeer}, {@code presentSites}), for {@code ctl status}. */
    public JsonObject siteView() {
        return call("GET", "/api/site", null);
    }

    /** The whole {@code GET /api/ops/replication} answer, for {@code ctl status}. */
    public JsonObject replicationView() {
        return call("GET", "/api/ops/replication", null);
    }

    /** {@code GET /api/ops/consistency}: the site's table-by-table comparison with its peer. */
    public JsonObject consistency() {
        return call("GET", "/api/ops/consistency", null);
    }

    @Override
    public String switchSeats(long epoch) {
        JsonObject r = call("POST", "/api/ops/seats/switch?epoch=" + epoch, null);
        int seated = r.has("seats") && r.get("seats").isJsonArray() ? r.getAsJsonArray("seats").size() : 0;
        int without = r.has("withoutSeat") && r.get("withoutSeat").isJsonArray() ? r.getAsJsonArray("withoutSeat").size() : 0;
        return "seats switched at site " + site + " for epoch " + epoch + ": " + seated + " seated, " + without
                + " without a seat (" + (r.has("durationMillis") ? r.get("durationMillis").getAsString() : "?")
                + " ms at the site)";
    }

    /** {@code POST /api/ops/replication/resync}: the standby drops its slot and offset and copies the active again. */
    public ReplicationStatus resync(String reason) {
        JsonObject body = new JsonObject();
        body.addProperty("reason", reason);
        call("POST", "/api/ops/replication/resync", body);
        return replication();
    }

    /**
     * The site's replication quarantine ({@code GET /api/ops/quarantine/report}): orphan changes found when it was
     * demoted after a failover, kept for review. One line for the CLI.
     */
    public String quarantineSummary() {
        JsonObject report = call("GET", "/api/ops/quarantine/report", null);
        StringBuilder summary = new StringBuilder();
        summary.append("\"open\":").append(report.has("open") ? report.get("open").getAsLong() : 0)
                .append(" orphan change(s) to review, ").append(report.has("reviewed") ? report.get("reviewed").getAsLong() : 0)
                .append(" reviewed");
        if (report.has("counts") && report.get("counts").isJsonArray()) {
            for (JsonElement e : report.getAsJsonArray("counts")) {
                JsonObject c = e.getAsJsonObject();
                summary.append("; ").append(c.get("table").getAsString()).append(' ').append(c.get("kind").getAsString())
                        .append(": ").append(c.get("open").getAsLong()).append(" open");
            }
        }
        return summary.append(" (report: GET ").append(baseUrl.resolve("/api/ops/quarantine/report"))
                .append(", rows are not printed here: they hold personal data)").toString();
    }

    @Override
    public Consistency consistency(int attempts) {
        JsonObject c = call("GET", "/api/ops/consistency?attempts=" + Math.max(1, attempts), null);
        boolean equal = c.has("equal") && c.get("equal").getAsBoolean();
        StringBuilder summary = new StringBuilder(equal ? "equal" : "different");
        if (c.has("tables") && c.get("tables").isJsonArray()) {
            int tables = 0;
            java.util.List<String> differing = new java.util.ArrayList<>();
            for (JsonElement t : c.getAsJsonArray("tables")) {
                tables++;
                JsonObject table = t.getAsJsonObject();
                if (table.has("equal") && !table.get("equal").getAsBoolean()) {
                    differing.add(table.has("table") ? table.get("table").getAsString() : "?");
                }
            }
            summary.append(" (").append(tables).append(" tables");
            if (!differing.isEmpty()) {
                summary.append("; differing: ").append(String.join(", ", differing));
            }
            summary.append(')');
        }
        return new Consistency(equal, summary.toString());
    }

    @Override
    public SiteStatus fence(String reason) {
        JsonObject body = new JsonObject();
        body.addProperty("reason", reason);
        return siteStatus(call("POST", "/api/ops/site/fence", body));
    }

    @Override
    public SiteStatus unfence(String reason) {
        JsonObject body = new JsonObject();
        body.addProperty("reason", reason);
        return siteStatus(call("POST", "/api/ops/site/unfence", body));
    }

    @Override
    public SiteStatus promote(long epoch, String reason) {
        return siteStatus(call("POST", "/api/ops/site/promote", epochChange(epoch, reason)));
    }

    @Override
    public SiteStatus promoteWithoutLease(long epoch, String reason) {
        JsonObject body = epochChange(epoch, reason);
        body.addProperty("withoutLease", true);
        return siteStatus(call("POST", "/api/ops/site/promote", body));
    }

    @Override
    public SiteStatus leaseTaken(long epoch, String reason) {
        return siteStatus(call("POST", "/api/ops/site/lease-taken", epochChange(epoch, reason)));
    }

    @Override
    public SiteStatus demote(long epoch, String activeSite, String reason) {
        JsonObject body = epochChange(epoch, reason);
        body.addProperty("activeSite", activeSite);
        return siteStatus(call("POST", "/api/ops/site/demote", body));
    }

    /** The body of a role change at {@code epoch}: {@code {"epoch":…,"reason":…}}. */
    private static JsonObject epochChange(long epoch, String reason) {
        JsonObject body = new JsonObject();
        body.addProperty("epoch", epoch);
        body.addProperty("reason", reason);
        return body;
    }

    @Override
    public String replayJournal() {
        return call("POST", "/api/ops/replication/replay-journal", null).toString();
    }

    @Override
    public int pendingJournalEntries() {
        JsonElement entries = send("GET", "/api/ops/replication/journal", null);
        if (!entries.isJsonArray()) {
            throw new SiteUnreachableException("site " + site + " answered GET /api/ops/replication/journal with "
                    + "something that is not a list");
        }
        return entries.getAsJsonArray().size();
    }

    @Override
    public long currentWalPosition() {
        return database.currentWalPosition();
    }

    @Override
    public void nudgeReplication() {
        database.touchHeartbeat();
    }

    @Override
    public OptionalLong confirmedFlushPosition(String standbySite) {
        return database.confirmedFlushPosition("hotline_to_" + standbySite);
    }

    @Override
    public String describe() {
        return "site " + site + " at " + baseUrl + " (database " + database.describe() + ")";
    }

    private SiteStatus siteStatus(JsonObject s) {
        String role = string(s, "role");
        SiteRole parsed;
        try {
            parsed = SiteRole.valueOf(role);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new SiteUnreachableException("site " + site + " reported an unknown role '" + role + "'");
        }
        String reported = string(s, "site");
        return new SiteStatus(reported == null ? site : reported, parsed,
                number(s, "epoch").map(Double::longValue).orElse(0L),
                bool(s, "fenced"), bool(s, "writable"), string(s, "activeSite"), bool(s, "promotedWithoutLease"));
    }

    private JsonObject call(String method, String path, JsonObject body) {
        JsonElement answer = send(method, path, body);
        if (!answer.isJsonObject()) {
            throw new SiteUnreachableException("site " + site + " answered " + method + " " + path
                    + " with something that is not a JSON object");
        }
        return answer.getAsJsonObject();
    }

    private JsonElement send(String method, String path, JsonObject body) {
        String call = method + " " + path;
        HttpRequest request = HttpRequest.newBuilder(baseUrl.resolve(path)).timeout(timeout)
                .header("Authorization", authorization)
                .header("Accept", "application/json, application/problem+json")
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new SiteUnreachableException("site " + site + " (" + baseUrl + ") did not answer " + call + ": "
                    + (e instanceof java.net.ConnectException && e.getMessage() == null ? "connection refused"
                    : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SiteUnreachableException("interrupted while calling site " + site + " " + call, e);
        }
        int status = response.statusCode();
        JsonElement parsed = parse(response.body());
        if (status >= 200 && status < 300) {
            if (parsed == null) {
                throw new SiteUnreachableException("site " + site + " answered " + call + " with HTTP " + status
                        + " but no JSON body");
            }
            return parsed;
        }
        JsonObject problem = parsed != null && parsed.isJsonObject() ? parsed.getAsJsonObject() : null;
        boolean isProblem = problem != null && (problem.has("type") || problem.has("title") || problem.has("detail"));
        if (isProblem || status == 401 || status == 403 || (status >= 400 && status < 500)) {
            throw new SiteRefusedException(site, call, status, problem == null ? null : string(problem, "type"),
                    problem == null ? null : string(problem, "title"),
                    problem == null ? abbreviate(response.body()) : string(problem, "detail"));
        }
        throw new SiteUnreachableException("site " + site + " answered " + call + " with HTTP " + status + ": "
                + abbreviate(response.body()));
    }

    private static JsonElement parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JsonParser.parseString(body);
        } catch (JsonParseException e) {
            return null;
        }
    }

    private static String string(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? null : e.getAsString();
    }

    private static Optional<Double> number(JsonObject o, String key) {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull() || !e.isJsonPrimitive()) {
            return Optional.empty();
        }
        try {
            return Optional.of(e.getAsDouble());
        } catch (NumberFormatException ex) {
            return Optional.empty();
        }
    }

    private static Optional<Long> longNumber(JsonObject o, String key) {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull() || !e.isJsonPrimitive()) {
            return Optional.empty();
        }
        try {
            return Optional.of(e.getAsLong());
        } catch (NumberFormatException ex) {
            return Optional.empty();
        }
    }

    private static boolean bool(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e != null && !e.isJsonNull() && e.getAsBoolean();
    }

    private static String abbreviate(String body) {
        if (body == null) {
            return "";
        }
        String oneLine = body.replaceAll("\\s+", " ").strip();
        return oneLine.length() > 200 ? oneLine.substring(0, 200) + "…" : oneLine;
    }
}
