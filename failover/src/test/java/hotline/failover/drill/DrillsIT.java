package hotline.failover.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import hotline.infra.local.FreePorts;
import hotline.infra.local.LocalStack;
import hotline.infra.local.SiteSpec;

/**
 * The drills end to end on one real local stack (both controllers; both apps with the chaos-monkey profile, armed only
 * by the chaos drill): readiness passing, and failing for each precondition this test can break and repair; a
 * switchover drill (to B and back) and a failover drill (SIGKILL of site A, automatic promotion of B, failback,
 * switch back) under load with RPO 0 and integrity equal, their evidence stored in the hash chain; a chaos drill
 * converging with RPO 0; a blackout window refusing a drill; the chain detecting a record edited in the database.
 * The failover drill is also issue 4's kill test: its RTO (last ack at A → first ack at B) is printed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DrillsIT {

    private LocalStack stack;
    private DrillTarget target;
    private DrillRunner runner;
    private final ByteArrayOutputStream progress = new ByteArrayOutputStream();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void startStack() throws Exception {
        Path state = Files.createTempDirectory("drills-it");
        Path appJar = Path.of(System.getProperty("hotline.app.jar", "../app/target/hotline-app-0.1.0-SNAPSHOT.jar"));
        Path controllerJar = Path.of(System.getProperty("hotline.failover.jar",
                "target/hotline-failover-0.1.0-SNAPSHOT-exec.jar"));
        LocalStack.Settings settings = new LocalStack.Settings(FreePorts.pick(), 0, 0, 0, 0, state,
                SiteSpec.javaJar(appJar), Duration.ZERO, Duration.ofSeconds(300), FreePorts.pick(), 0, FreePorts.pick())
                .withControllers(new LocalStack.Controllers(SiteSpec.javaJar(controllerJar), 0, 0,
                        List.of("--hotline.failover.lease.duration=3s", "--hotline.failover.lease.renew-deadline=2s",
                                "--hotline.failover.lease.retry-period=500ms")))
                .withAppArguments(List.of("--spring.profiles.active=demo,chaos-monkey"));
        stack = LocalStack.prepare(settings, new PrintStream(progress, true, StandardCharsets.UTF_8));
        stack.startAll();
        target = DrillTarget.of(stack);
        runner = new DrillRunner(target, DrillRunner.Targets.DEFAULTS, List.of(), 4,
                new PrintStream(progress, true, StandardCharsets.UTF_8));
        await("the stack ready for a drill").atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
                .until(() -> runner.readinessChecks().stream().allMatch(c -> c.outcome().equals("ok")));
    }

    @AfterAll
    void stopStack() {
        System.out.println(progress.toString(StandardCharsets.UTF_8));
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void aReadinessCheckOfAHealthyInstallationPasses() {
        Evidence evidence = runner.readiness("test", "MANUAL");
        assertThat(evidence.result()).as(evidence.steps().toString()).isEqualTo(Evidence.Result.PASSED);
        assertThat(evidence.steps()).extracting(Evidence.Step::name).contains("activeSiteServing", "standbyStreaming",
                "slotHealthy", "backupSeatsProvisioned", "routingPointsAtActive", "leaseAuthorityReachable",
                "noIncidentOpen", "controllersAnswering");
    }

    @Test
    @Order(2)
    void readinessFailsWhenTheStableUrlDoesNotPointAtTheActiveSite() throws Exception {
        target.routing().get().routeTo("b");
        try {
            assertFails("routingPointsAtActive", "sends traffic to b");
        } finally {
            target.routing().get().routeTo("a");
        }
    }

    @Test
    @Order(3)
    void readinessFailsWhileAutomaticFailoverIsPaused() {
        runner.ctl("pause", "--reason", "readiness-test");
        try {
            assertFails("noIncidentOpen", "automatic: PAUSED");
        } finally {
            runner.ctl("resume");
        }
    }

    @Test
    @Order(4)
    void readinessFailsWhenTheActiveSiteIsFenced() {
        runner.ctl("fence", "a", "--yes", "--reason", "readiness-test");
        try {
            assertFails("activeSiteServing", "no site is ACTIVE and writable");
        } finally {
            runner.ctl("unfence", "a");
        }
    }

    @Test
    @Order(5)
    void readinessFailsWhenAControllerDoesNotAnswer() {
        stack.controllerB().kill();
        try {
            assertFails("controllersAnswering", "[b]");
        } finally {
            stack.controllerB().start();
            stack.controllerB().awaitHealthy(Duration.ofSeconds(180));
        }
    }

    @Test
    @Order(6)
    void readinessFailsWhenNoBackupSeatIsPlanned() throws Exception {
        // the plan is empty only when nobody can take a seat: disable the team at the standby for a moment (as the
        // apply path writes: replica role, so neither the site guard nor the row-version trigger fires)
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        assertThat(status("GET", target.siteB(), "/api/roster/backup-seats?date=" + today)).isEqualTo(200);
        try (Connection b = target.database("b");
             Statement s = b.createStatement()) {
            s.execute("set session_replication_role = replica");
            s.execute("update account set enabled = false where role in ('AGENT', 'LEAD')");
        }
        try {
            assertFails("backupSeatsProvisioned", "no backup seat is planned at site b");
        } finally {
            try (Connection b = target.database("b");
                 Statement s = b.createStatement()) {
                s.execute("set session_replication_role = replica");
                s.execute("update account set enabled = true where role in ('AGENT', 'LEAD')");
            }
        }
    }

    @Test
    @Order(10)
    void aSwitchoverDrillGoesToTheStandbyAndBackUnderLoadWithRpoZeroAndEqualSites() throws Exception {
        Evidence evidence = runner.switchover("test", "MANUAL");
        print(evidence);
        assertThat(evidence.result()).as(evidence.steps().toString()).isEqualTo(Evidence.Result.PASSED);
        assertThat(figure(evidence, "rpo")).isZero();
        assertThat(figure(evidence, "integrity_differences")).isZero();
        assertStored(evidence);
    }

    @Test
    @Order(11)
    void aFailoverDrillKillsTheActiveSiteAndTheStandbyTakesOverByItselfWithRpoZero() throws Exception {
        Evidence evidence = runner.failover("test", "MANUAL");
        print(evidence);
        assertThat(evidence.result()).as(evidence.steps().toString()).isEqualTo(Evidence.Result.PASSED);
        assertThat(figure(evidence, "rpo")).isZero();
        assertThat(figure(evidence, "integrity_differences")).isZero();
        assertThat(evidence.steps()).extracting(Evidence.Step::name).contains("killSiteA", "awaitAutomaticFailover",
                "restartSiteA", "failback", "switchoverBackToA");
        System.out.printf("automatic failover after SIGKILL of site A: RTO %.2f s (last ack at A → first ack at B)%n",
                figure(evidence, "rto"));
        assertStored(evidence);
    }

    @Test
    @Order(12)
    void aChaosDrillSlowsAndBreaksTheApplyPathAndTheStandbyStillConvergesWithRpoZero() throws Exception {
        Evidence evidence = runner.chaos("test", "MANUAL", Duration.ofSeconds(15));
        print(evidence);
        assertThat(evidence.result()).as(evidence.steps().toString()).isEqualTo(Evidence.Result.PASSED);
        assertThat(figure(evidence, "rpo")).isZero();
        assertThat(figure(evidence, "max_lag_under_assault")).as("the assaults slowed the apply path").isGreaterThan(1.0);
        assertStored(evidence);
    }

    @Test
    @Order(13)
    void aDrillInABlackoutWindowIsRefusedAndTheRefusalIsRecorded() throws Exception {
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        DrillRunner flood = new DrillRunner(target, DrillRunner.Targets.DEFAULTS,
                List.of(new BlackoutWindow(today.minusDays(1), today.plusDays(1), ZoneId.of("Asia/Shanghai"))), 4,
                new PrintStream(progress, true, StandardCharsets.UTF_8));
        Evidence evidence = flood.switchover("test", "SCHEDULE");
        assertThat(evidence.result()).isEqualTo(Evidence.Result.REFUSED);
        assertThat(evidence.steps().get(0).detail()).contains("blackout window");
        assertStored(evidence);
    }

    @Test
    @Order(20)
    void theEvidenceChainDetectsARecordEditedInTheDatabase() throws Exception {
        assertThat(body("GET", target.siteA(), "/api/ops/drills/chain")).contains("\"intact\":true");
        String active = body("GET", target.siteA(), "/api/site").contains("\"role\":\"ACTIVE\"") ? "a" : "b";
        try (Connection db = target.database(active);
             Statement s = db.createStatement()) {
            // someone with database access makes the oldest drill look better than it was
            s.execute("set session_replication_role = replica");
            assertThat(s.executeUpdate("update drill_evidence set content = replace(content, '\"rpo\"', '\"rpo_\"') "
                    + "where seq = (select min(seq) from drill_evidence)")).isEqualTo(1);
        }
        assertThat(body("GET", target.site(active), "/api/ops/drills/chain")).contains("\"intact\":false");
    }

    private void assertFails(String check, String detail) {
        await(check + " failing").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() ->
                runner.readinessChecks().stream().anyMatch(c -> c.name().equals(check) && !c.outcome().equals("ok")));
        Evidence evidence = runner.readiness("test", "MANUAL");
        assertThat(evidence.result()).isEqualTo(Evidence.Result.FAILED);
        assertThat(evidence.steps()).filteredOn(s -> s.name().equals(check)).singleElement()
                .satisfies(s -> assertThat(s.detail()).contains(detail));
    }

    private void assertStored(Evidence evidence) throws Exception {
        String active = body("GET", target.siteA(), "/api/site").contains("\"role\":\"ACTIVE\"") ? "a" : "b";
        HttpResponse<String> posted = send("POST", target.site(active), "/api/ops/drills", evidence.toJson().toString());
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
        assertThat(body("GET", target.site(active), "/api/ops/drills/chain")).contains("\"intact\":true");
    }

    private static double figure(Evidence evidence, String name) {
        return evidence.figures().stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no figure " + name + " in " + evidence.figures())).value();
    }

    private static void print(Evidence evidence) {
        System.out.println(evidence.kind() + " drill " + evidence.result() + " in " + evidence.wallTime().toSeconds() + " s");
        evidence.steps().forEach(s -> System.out.println("  step " + s.name() + " " + s.outcome() + ": " + s.detail()));
        evidence.figures().forEach(f -> System.out.println("  " + f.describe()));
    }

    private int status(String method, URI base, String path) throws Exception {
        return send(method, base, path, null).statusCode();
    }

    private String body(String method, URI base, String path) throws Exception {
        return send(method, base, path, null).body();
    }

    private HttpResponse<String> send(String method, URI base, String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("ops:demo".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

}
