package hotline.failover.sites;

import hotline.infra.local.FreePorts;
import hotline.infra.local.LocalStack;
import hotline.infra.local.SiteProcess;
import hotline.infra.local.SiteSpec;
import hotline.infra.postgres.EmbeddedPostgresServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * The real local two-site stack for fault tests: each site's app is its own OS process and each site its own
 * PostgreSQL, so a whole site can be killed with SIGKILL. Ports are free ones; state lives in a temp directory.
 */
final class LocalSites implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    final LocalStack stack;
    final Path state;
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    /** The controllers' local lease timings (controller.yml), spelled out so that tests say what they ran with. */
    static final List<String> LEASE_TIMINGS = List.of("--hotline.failover.lease.duration=3s",
            "--hotline.failover.lease.renew-deadline=2s", "--hotline.failover.lease.retry-period=500ms");

    /** The epoch in a site's {@code /api/site} answer. */
    static long epoch(String siteJson) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"epoch\"\\s*:\\s*(\\d+)").matcher(siteJson);
        if (!m.find()) {
            throw new AssertionError("no epoch in " + siteJson);
        }
        return Long.parseLong(m.group(1));
    }

    LocalSites(Path state) {
        this(state, List.of());
    }

    /**
     * With both sites' failover controllers (the failover module's exec jar, built in the package phase before the
     * integration tests), started with these extra settings (e.g. lease timings), or none when {@code controllerSettings}
     * is null.
     */
    static LocalSites withControllers(Path state, List<String> controllerSettings) {
        return new LocalSites(state, controllerSettings, List.of());
    }

    /** With controllers, and extra arguments for both site apps (e.g. the chaos-monkey profile). */
    static LocalSites withControllers(Path state, List<String> controllerSettings, List<String> appArguments) {
        return new LocalSites(state, controllerSettings, appArguments);
    }

    private LocalSites(Path state, List<String> controllerSettings) {
        this(state, controllerSettings, List.of());
    }

    private LocalSites(Path state, List<String> controllerSettings, List<String> appArguments) {
        this.state = state;
        Path appJar = Path.of(System.getProperty("hotline.app.jar", "../app/target/hotline-app-0.1.0-SNAPSHOT.jar"));
        if (!Files.isRegularFile(appJar)) {
            throw new IllegalStateException("app jar " + appJar.toAbsolutePath() + " is missing: build the app module first");
        }
        LocalStack.Settings settings = new LocalStack.Settings(FreePorts.pick(), 0, 0, 0, 0, state,
                SiteSpec.javaJar(appJar), Duration.ZERO, Duration.ofSeconds(240), FreePorts.pick(), 0, FreePorts.pick());
        if (!controllerSettings.isEmpty()) {
            settings = settings.withControllers(new LocalStack.Controllers(SiteSpec.javaJar(controllerJar()), 0, 0,
                    controllerSettings));
        }
        settings = settings.withAppArguments(appArguments);
        stack = LocalStack.prepare(settings, new PrintStream(console, true, StandardCharsets.UTF_8));
        stack.startAll();
    }

    private static Path controllerJar() {
        Path jar = Path.of(System.getProperty("hotline.failover.jar", "target/hotline-failover-0.1.0-SNAPSHOT-exec.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("failover exec jar " + jar.toAbsolutePath() + " is missing: run the "
                    + "failover module's package phase first (mvn verify does)");
        }
        return jar;
    }

    URI a() {
        return stack.siteA().spec().baseUrl();
    }

    URI b() {
        return stack.siteB().spec().baseUrl();
    }

    /** SIGKILL of everything site A runs: its controller (when there is one), its app and its PostgreSQL. */
    void killSiteAWithController() {
        stack.killSite("a");
    }

    /** SIGKILL of site A's app (with its grid member) and its PostgreSQL (and its controller, when there is one). */
    void killSiteA() {
        stack.killSite("a");
    }

    /** The front door (every channel's entry) and its loopback control API. */
    URI frontDoor() {
        return URI.create("http://localhost:" + stack.frontDoor().port());
    }

    URI frontDoorControl() {
        return URI.create("http://127.0.0.1:" + stack.frontDoor().managementPort());
    }

    /** {@code ./hotline ctl} options pointing at this stack (its witness PostgreSQL holds the lease and the runs). */
    List<String> ctlOptions() {
        return List.of("--site-a=" + a(), "--site-b=" + b(),
                "--db-a=" + stack.postgresA().jdbcUrl(), "--db-b=" + stack.postgresB().jdbcUrl(),
                "--db-user=" + stack.postgresA().user(), "--db-password=" + stack.postgresA().password(),
                "--witness=" + stack.witness().jdbcUrl(LocalStack.WITNESS_DATABASE),
                "--front-door=" + frontDoorControl(),
                "--controller-a=" + (stack.controllerA() == null ? "http://127.0.0.1:1" : stack.controllerA().baseUrl()),
                "--controller-b=" + (stack.controllerB() == null ? "http://127.0.0.1:1" : stack.controllerB().baseUrl()));
    }

    /** A controller's own view ({@code GET /api/controller/status}): decision, reason, lease, switches. */
    String controllerStatus(String site) {
        var controller = site.equals("a") ? stack.controllerA() : stack.controllerB();
        return send("GET", controller.baseUrl().resolve("/api/controller/status"), "ops", null).body();
    }

    /** The latest procedure run in the witness, step by step with durations (what a test prints after a switch). */
    String procedureReport() throws SQLException {
        EmbeddedPostgresServer w = stack.witness();
        StringBuilder report = new StringBuilder();
        try (Connection c = DriverManager.getConnection(w.jdbcUrl(LocalStack.WITNESS_DATABASE), w.user(), w.password());
             java.sql.Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("select id, kind, started_by, status, reason, steps::text "
                     + "from hotline_procedure_run order by id desc limit 1")) {
            if (!rs.next()) {
                return "no procedure run";
            }
            report.append("procedure ").append(rs.getString("kind")).append(' ').append(rs.getLong("id"))
                    .append(" by ").append(rs.getString("started_by")).append(": ").append(rs.getString("status"))
                    .append(" (").append(rs.getString("reason")).append(")\n");
            com.google.gson.JsonArray steps = com.google.gson.JsonParser.parseString(rs.getString("steps")).getAsJsonArray();
            for (com.google.gson.JsonElement e : steps) {
                com.google.gson.JsonObject step = e.getAsJsonObject();
                String started = text(step, "startedAt");
                String ended = text(step, "endedAt");
                long ms = started == null || ended == null ? -1
                        : Duration.between(java.time.Instant.parse(started), java.time.Instant.parse(ended)).toMillis();
                report.append(String.format("  %-26s %-8s %6d ms  %s%n", text(step, "name"), text(step, "status"), ms,
                        text(step, "note")));
            }
        }
        return report.toString();
    }

    private static String text(com.google.gson.JsonObject o, String key) {
        return o.has(key) && !o.get(key).isJsonNull() ? o.get(key).getAsString() : null;
    }

    Connection databaseB() throws SQLException {
        EmbeddedPostgresServer b = stack.postgresB();
        return DriverManager.getConnection(b.jdbcUrl(), b.user(), b.password());
    }

    /** Which of these ticket ids site B's database holds. */
    java.util.Set<String> ticketsAtB(List<String> ids) throws SQLException {
        java.util.Set<String> present = new java.util.TreeSet<>();
        try (Connection b = databaseB();
             java.sql.PreparedStatement p = b.prepareStatement("select id::text from ticket where id = any(?::uuid[])")) {
            p.setArray(1, b.createArrayOf("text", ids.toArray()));
            try (java.sql.ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    present.add(rs.getString(1));
                }
            }
        }
        return present;
    }

    /** A ticket as an agent's desk posts it. */
    static String ticket(String phone) {
        return "{\"channel\":\"PHONE\",\"category\":\"WATER_QUALITY\",\"title\":\"自来水发黄\",\"description\":\"家中自来水发黄\","
                + "\"citizenPhone\":\"" + phone + "\",\"address\":\"新华路1号\",\"district\":\"江汉区\",\"street\":\"新华路\"}";
    }

    static HttpResponse<String> send(String method, URI url, String user, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)))
                .header("Accept", "application/json").header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The last lines of every log of the stack (sites, controllers), for a failing test's report. */
    String logTails(int lines) {
        StringBuilder all = new StringBuilder();
        try (java.util.stream.Stream<Path> logs = Files.list(state.resolve("logs"))) {
            for (Path log : logs.sorted().toList()) {
                List<String> content = Files.readAllLines(log, StandardCharsets.UTF_8);
                all.append("----- ").append(log.getFileName()).append(" (last ").append(lines).append(" lines)\n");
                content.subList(Math.max(0, content.size() - lines), content.size())
                        .forEach(l -> all.append(l).append('\n'));
            }
        } catch (IOException e) {
            all.append("(logs not readable: ").append(e.getMessage()).append(")");
        }
        return all.toString();
    }

    String console() {
        return console.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        stack.close();
    }
}
