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

    LocalSites(Path state) {
        this.state = state;
        Path appJar = Path.of(System.getProperty("hotline.app.jar", "../app/target/hotline-app-0.1.0-SNAPSHOT.jar"));
        if (!Files.isRegularFile(appJar)) {
            throw new IllegalStateException("app jar " + appJar.toAbsolutePath() + " is missing: build the app module first");
        }
        LocalStack.Settings settings = new LocalStack.Settings(FreePorts.pick(), 0, 0, 0, 0, state,
                SiteSpec.javaJar(appJar), Duration.ZERO, Duration.ofSeconds(240), FreePorts.pick(), 0, FreePorts.pick());
        stack = LocalStack.prepare(settings, new PrintStream(console, true, StandardCharsets.UTF_8));
        stack.startAll();
    }

    URI a() {
        return stack.siteA().spec().baseUrl();
    }

    URI b() {
        return stack.siteB().spec().baseUrl();
    }

    /** SIGKILL of site A's whole process tree: its app (with its grid member) and its PostgreSQL. */
    void killSiteA() {
        SiteProcess app = stack.siteA();
        List<ProcessHandle> tree = app.handle().descendants().toList();
        app.handle().destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
        EmbeddedPostgresServer postgres = stack.postgresA();
        postgres.postmasterPid().stream().boxed().map(ProcessHandle::of).flatMap(java.util.Optional::stream).forEach(postmaster -> {
            List<ProcessHandle> backends = postmaster.descendants().toList();
            postmaster.destroyForcibly();
            backends.forEach(ProcessHandle::destroyForcibly);
        });
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
                "--front-door=" + frontDoorControl());
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

    String console() {
        return console.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        stack.close();
    }
}
