package hotline.infra.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStackIT {

    @TempDir
    Path stateDir;

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final List<LocalStack> stacks = new ArrayList<>();

    @AfterEach
    void stopEvenWhenATestFailed() {
        stacks.forEach(LocalStack::close);
    }

    @Test
    void startsHealthyAndStopsWithoutLeavingPostgresOrTheAppBehind() throws Exception {
        LocalStack stack = start(fakeApp());
        long postmaster = stack.postgresA().postmasterPid().orElseThrow();
        ProcessHandle app = stack.siteA().handle();
        List<ProcessHandle> appTree = new ArrayList<>(app.descendants().toList());

        assertThat(ProcessHandle.of(postmaster)).isPresent();
        assertThat(app.isAlive()).isTrue();
        assertThat(appTree).as("the fake app's grandchild").isNotEmpty();
        assertThat(stack.banner()).contains("http://localhost:" + stack.frontDoor().port(), "agent1 ... agent8", "Ctrl-C");
        assertThat(get("http://localhost:" + stack.frontDoor().port() + "/actuator/health"))
                .as("front door forwards to site A").contains("UP");
        assertThat(get(stack.simulator().baseUrl() + "/api/orders")).isEqualTo("[]");
        String log = Files.readString(stateDir.resolve("logs/site-a.log"));
        assertThat(log).contains("--hotline.site.id=a", "--spring.profiles.active=demo",
                "--spring.datasource.url=" + stack.postgresA().jdbcUrl(),
                "--hotline.platform12345.outbound-token=demo-hotline-token",
                "--hotline.recordings.directory=" + stateDir.resolve("site-a/recordings"));
        assertThat(stateDir.resolve("site-a/app.pid")).exists();
        String logB = Files.readString(stateDir.resolve("logs/site-b.log"));
        assertThat(logB).contains("--hotline.site.id=b", "--hotline.site.initial-role=STANDBY",
                "--hotline.hazelcast.bind-address=127.0.0.2", "--hotline.replication.peer-site=a",
                "--hotline.replication.peer-jdbc-url=" + stack.postgresA().jdbcUrl());
        long postmasterB = stack.postgresB().postmasterPid().orElseThrow();
        ProcessHandle appB = stack.siteB().handle();

        stack.close();

        assertNothingLeftRunning(postmaster, app, appTree);
        assertNothingLeftRunning(postmasterB, appB, List.of());
        assertThat(stateDir.resolve("site-a/app.pid")).doesNotExist();
    }

    @Test
    void cleansUpEverythingWhenTheAppDiesDuringStartUp() throws Exception {
        List<String> failingApp = new ArrayList<>(fakeApp());
        failingApp.add("--fake.fail-at-start");
        LocalStack stack = LocalStack.prepare(settings(failingApp), new PrintStream(console, true, StandardCharsets.UTF_8));
        stacks.add(stack);

        assertThatThrownBy(stack::startAll)
                .isInstanceOf(SiteStartupException.class)
                .hasMessageContaining("exited with code 3")
                .hasMessageContaining("cannot connect to the database");

        long postmaster = stack.postgresA().postmasterPid().orElse(-1);
        assertNothingLeftRunning(postmaster, stack.siteA().handle(), List.of());
    }

    @Test
    void stopsAnAppLeftRunningByAKilledLauncher() throws Exception {
        Path siteDir = Files.createDirectories(stateDir.resolve("site-a"));
        List<String> command = new ArrayList<>(fakeApp());
        command.add("--server.port=" + FreePorts.pick());
        command.add("--hotline.site.id=a");
        Process orphan = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(stateDir.resolve("orphan.log").toFile()).start();
        try {
            Files.writeString(siteDir.resolve("app.pid"), Long.toString(orphan.pid()));

            assertThat(SiteProcess.stopStale(siteDir)).isTrue();

            await("orphaned app to exit").atMost(Duration.ofSeconds(20)).until(() -> !orphan.isAlive());
            assertThat(siteDir.resolve("app.pid")).doesNotExist();
        } finally {
            orphan.destroyForcibly();
        }
    }

    private LocalStack start(List<String> launcher) {
        LocalStack stack = LocalStack.prepare(settings(launcher), new PrintStream(console, true, StandardCharsets.UTF_8));
        stacks.add(stack);
        stack.startAll();
        return stack;
    }

    private LocalStack.Settings settings(List<String> launcher) {
        return new LocalStack.Settings(FreePorts.pick(), 0, 0, 0, 0, stateDir, launcher,
                Duration.ZERO, Duration.ofSeconds(60), FreePorts.pick(), 0, FreePorts.pick());
    }

    private static List<String> fakeApp() throws Exception {
        Path testClasses = Path.of(FakeSiteApp.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return List.of(LocalStack.javaBinary().toString(), "-cp", testClasses.toString(), FakeSiteApp.class.getName());
    }

    private void assertNothingLeftRunning(long postmaster, ProcessHandle app, List<ProcessHandle> appTree) throws IOException, InterruptedException {
        await("postgres, the app and its children to be gone").atMost(Duration.ofSeconds(30)).until(() ->
                !app.isAlive()
                && appTree.stream().noneMatch(ProcessHandle::isAlive)
                && ProcessHandle.of(postmaster).map(p -> !p.isAlive()).orElse(true));
        Process pgrep = new ProcessBuilder("pgrep", "-f", stateDir.toString()).redirectErrorStream(true).start();
        String found = new String(pgrep.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        pgrep.waitFor();
        assertThat(found).as("processes still running on " + stateDir).isEmpty();
    }

    private static String get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
