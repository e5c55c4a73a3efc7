package hotline.infra.local;

import hotline.infra.frontdoor.FrontDoor;
import hotline.infra.platform12345.PlatformSimulator;
import hotline.infra.platform12345.PlatformSimulatorConfig;
import hotline.infra.postgres.EmbeddedPostgresServer;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local hotline stack on embedded defaults: both sites, each its own PostgreSQL (logical WAL, fsync and
 * synchronous commit on) and its own app process with an embedded Hazelcast member (site A on 127.0.0.1,
 * site B on 127.0.0.2, one grid), the 12345 simulator and the front door.
 *
 * <ol>
 *   <li>stop whatever a crashed earlier run left on the data directories and pid files under the state dir;</li>
 *   <li>start site A's and site B's PostgreSQL ({@code <state>/site-<id>/pgdata}) and the witness PostgreSQL
 *       ({@code <state>/witness/pgdata}, database {@value #WITNESS_DATABASE}: the failover controller's lease and
 *       procedure runs, a third place that survives either site);</li>
 *   <li>start the 12345 simulator, dispatching to the front door;</li>
 *   <li>launch site A's app (ACTIVE on a fresh database) and site B's app (STANDBY: its CDC copies A, then
 *       streams) as child processes ({@link SiteProcess}), so that a whole site can be killed;</li>
 *   <li>open the front door to site A;</li>
 *   <li>wait until both sites are healthy.</li>
 * </ol>
 * Roles are data in each site's database: after a switch, a restart keeps the roles the sites last had.
 * Invariant: whatever fails, {@link #close()} (called by {@link #start} itself on failure, and by the
 * shutdown hook of {@code up}) stops everything that was started, in reverse order, so no PostgreSQL
 * or app JVM outlives the stack.
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

    /** The witness database (lease row, procedure runs) on the witness PostgreSQL. */
    public static final String WITNESS_DATABASE = "hotline_witness";

    private final Settings settings;
    private final PrintStream out;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private EmbeddedPostgresServer postgresA;
    private EmbeddedPostgresServer postgresB;
    private EmbeddedPostgresServer witness;
    private PlatformSimulator simulator;
    private ControllerProcess controllerA;
    private ControllerProcess controllerB;
    private SiteProcess siteA;
    private SiteProcess siteB;
    private FrontDoor frontDoor;
    private boolean closed;

    /**
     * @param sitePortA              site A's app port (8081)
     * @param frontDoorPort          the front door (8080; 0 = any free port)
     * @param frontDoorControlPort   the front door's loopback control API (18080; 0 = any free port)
     * @param simulatorPort          the 12345 simulator (8090; 0 = any free port)
     * @param pgPortA                site A's PostgreSQL (15432; 0 = any free port)
     * @param stateDirectory         data, logs and pid files ({@code .hotline})
     * @param appLauncher            command that starts an app, before its arguments ({@code java -jar <app-jar>})
     * @param autoDispatch           simulator auto-dispatch interval (zero = off)
     * @param healthTimeout          how long a site may take to become healthy
     * @param sitePortB              site B's app port (8082)
     * @param pgPortB                site B's PostgreSQL (15433; 0 = any free port)
     * @param gridPort               the Hazelcast member port of each site (5701; A binds 127.0.0.1, B 127.0.0.2)
     * @param pgPortWitness          the witness PostgreSQL (15434; 0 = any free port)
     */
    public record Settings(int sitePortA, int frontDoorPort, int frontDoorControlPort, int simulatorPort, int pgPortA,
                           Path stateDirectory, List<String> appLauncher, Duration autoDispatch, Duration healthTimeout,
                           int sitePortB, int pgPortB, int gridPort, int pgPortWitness, Controllers controllers,
                           List<String> appArguments) {
        public Settings {
            stateDirectory = stateDirectory.toAbsolutePath().normalize();
            appLauncher = List.copyOf(appLauncher);
            controllers = controllers == null ? Controllers.NONE : controllers;
            appArguments = appArguments == null ? List.of() : List.copyOf(appArguments);
        }

        public Settings(int sitePortA, int frontDoorPort, int frontDoorControlPort, int simulatorPort, int pgPortA,
                        Path stateDirectory, List<String> appLauncher, Duration autoDispatch, Duration healthTimeout,
                        int sitePortB, int pgPortB, int gridPort, int pgPortWitness, Controllers controllers) {
            this(sitePortA, frontDoorPort, frontDoorControlPort, simulatorPort, pgPortA, stateDirectory, appLauncher,
                    autoDispatch, healthTimeout, sitePortB, pgPortB, gridPort, pgPortWitness, controllers, List.of());
        }

        /**
         * The same settings with extra {@code --name=value} arguments for both site apps (e.g.
         * {@code --spring.profiles.active=demo,chaos-monkey} for a chaos drill).
         */
        public Settings withAppArguments(List<String> arguments) {
            return new Settings(sitePortA, frontDoorPort, frontDoorControlPort, simulatorPort, pgPortA, stateDirectory,
                    appLauncher, autoDispatch, healthTimeout, sitePortB, pgPortB, gridPort, pgPortWitness, controllers,
                    arguments);
        }

        /** Without failover controllers (automatic failover off; ctl still works). */
        public Settings(int sitePortA, int frontDoorPort, int frontDoorControlPort, int simulatorPort, int pgPortA,
                        Path stateDirectory, List<String> appLauncher, Duration autoDispatch, Duration healthTimeout,
                        int sitePortB, int pgPortB, int gridPort, int pgPortWitness) {
            this(sitePortA, frontDoorPort, frontDoorControlPort, simulatorPort, pgPortA, stateDirectory, appLauncher,
                    autoDispatch, healthTimeout, sitePortB, pgPortB, gridPort, pgPortWitness, Controllers.NONE);
        }

        /** The same settings with both sites' failover controllers started by {@code launcher}. */
        public Settings withControllers(Controllers with) {
            return new Settings(sitePortA, frontDoorPort, frontDoorControlPort, simulatorPort, pgPortA, stateDirectory,
                    appLauncher, autoDispatch, healthTimeout, sitePortB, pgPortB, gridPort, pgPortWitness, with, appArguments);
        }

        /** Without a fixed witness port: the witness PostgreSQL takes any free port. */
        public Settings(int sitePortA, int frontDoorPort, int frontDoorControlPort, int simulatorPort, int pgPortA,
                        Path stateDirectory, List<String> appLauncher, Duration autoDispatch, Duration healthTimeout,
                        int sitePortB, int pgPortB, int gridPort) {
            this(sitePortA, frontDoorPort, frontDoorControlPort, simulatorPort, pgPortA, stateDirectory, appLauncher,
                    autoDispatch, healthTimeout, sitePortB, pgPortB, gridPort, 0);
        }

        public Path siteDirectory(String siteId) {
            return stateDirectory.resolve("site-" + siteId);
        }

        Path logFile(String siteId) {
            return stateDirectory.resolve("logs").resolve("site-" + siteId + ".log");
        }
    }

    /**
     * Both sites' failover controllers: {@code launcher} is {@code java -jar <failover exec jar>} (empty: none are
     * started), each listening on its port (0 = any free port), with the given extra {@code --name=value} settings
     * (e.g. shorter lease timings in tests).
     */
    public record Controllers(List<String> launcher, int portA, int portB, List<String> extraArguments) {
        public static final Controllers NONE = new Controllers(List.of(), 0, 0, List.of());

        public Controllers {
            launcher = List.copyOf(launcher);
            extraArguments = List.copyOf(extraArguments);
        }

        public boolean enabled() {
            return !launcher.isEmpty();
        }
    }

    private LocalStack(Settings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    /** Starts the stack and returns once site A is healthy; on any failure stops what it started and throws. */
    public static LocalStack start(Settings settings, PrintStream out) {
        LocalStack stack = prepare(settings, out);
        stack.startAll();
        return stack;
    }

    /** A stack not started yet, so that a shutdown hook can hold it before {@link #startAll()} runs. */
    public static LocalStack prepare(Settings settings, PrintStream out) {
        return new LocalStack(settings, out);
    }

    /** See the class comment; on any failure stops what it started and throws. */
    public void startAll() {
        try {
            startInOrder();
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    private void startInOrder() {
        Path state = settings.stateDirectory();
        try {
            Files.createDirectories(state.resolve("logs"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create state directory " + state + ": " + e.getMessage(), e);
        }
        stopLeftovers(state);

        step("PostgreSQL for site A");
        postgresA = track(EmbeddedPostgresServer.start(settings.siteDirectory("a").resolve("pgdata"), settings.pgPortA()));
        step("PostgreSQL for site B");
        postgresB = track(EmbeddedPostgresServer.start(settings.siteDirectory("b").resolve("pgdata"), settings.pgPortB()));
        step("witness PostgreSQL (failover lease and procedure runs)");
        witness = track(EmbeddedPostgresServer.start(state.resolve("witness").resolve("pgdata"), settings.pgPortWitness()));
        witness.createDatabaseIfMissing(WITNESS_DATABASE);

        step("12345 platform simulator");
        int frontDoorPort = settings.frontDoorPort() == 0 ? FreePorts.pick() : settings.frontDoorPort();
        simulator = track(PlatformSimulator.start(PlatformSimulatorConfig.defaults()
                .withPort(settings.simulatorPort())
                .withHotlineBaseUrl(URI.create("http://localhost:" + frontDoorPort))
                .withAutoDispatchInterval(settings.autoDispatch())));

        step("site A app (ACTIVE unless its database says otherwise)");
        siteA = track(SiteProcess.launch(siteSpec("a", settings.sitePortA(), postgresA, postgresB)));
        step("site B app (STANDBY unless its database says otherwise)");
        siteB = track(SiteProcess.launch(siteSpec("b", settings.sitePortB(), postgresB, postgresA)));

        step("front door");
        frontDoor = track(FrontDoor.start(frontDoorPort, settings.frontDoorControlPort(), siteA.spec().baseUrl()));

        out.print("Waiting for site A to become healthy at " + siteA.spec().healthUrl() + " ");
        out.flush();
        siteA.awaitHealthy(settings.healthTimeout(), out);
        out.print("Waiting for site B to become healthy at " + siteB.spec().healthUrl() + " ");
        out.flush();
        siteB.awaitHealthy(settings.healthTimeout(), out);
        if (settings.controllers().enabled()) {
            startControllers();
        }
    }

    /**
     * Both failover controllers, once both sites answer: each observes its own site and the other, the witness lease
     * and the other controller; site A's creates the lease at its first cycle.
     */
    private void startControllers() {
        Controllers c = settings.controllers();
        int portA = c.portA() == 0 ? FreePorts.pick() : c.portA();
        int portB = c.portB() == 0 ? FreePorts.pick() : c.portB();
        step("failover controllers (site A on " + portA + ", site B on " + portB + ")");
        controllerA = track(ControllerProcess.launch("a", portA, settings.stateDirectory(), c.launcher(),
                controllerArguments("a", portB, c.extraArguments())));
        controllerB = track(ControllerProcess.launch("b", portB, settings.stateDirectory(),
                c.launcher(), controllerArguments("b", portA, c.extraArguments())));
        controllerA.awaitHealthy(settings.healthTimeout());
        controllerB.awaitHealthy(settings.healthTimeout());
    }

    private List<String> controllerArguments(String siteId, int peerControllerPort, List<String> extra) {
        String peerId = siteId.equals("a") ? "b" : "a";
        SiteProcess self = siteId.equals("a") ? siteA : siteB;
        SiteProcess peer = siteId.equals("a") ? siteB : siteA;
        EmbeddedPostgresServer database = siteId.equals("a") ? postgresA : postgresB;
        EmbeddedPostgresServer peerDatabase = siteId.equals("a") ? postgresB : postgresA;
        List<String> args = new java.util.ArrayList<>(List.of(
                "--hotline.failover.peer-site=" + peerId,
                "--hotline.failover.app-url=" + self.spec().baseUrl(),
                "--hotline.failover.peer-app-url=" + peer.spec().baseUrl(),
                "--hotline.failover.peer-controller-url=http://localhost:" + peerControllerPort,
                "--hotline.failover.database.url=" + database.jdbcUrl(),
                "--hotline.failover.database.username=" + database.user(),
                "--hotline.failover.database.password=" + database.password(),
                "--hotline.failover.peer-database.url=" + peerDatabase.jdbcUrl(),
                "--hotline.failover.peer-database.username=" + peerDatabase.user(),
                "--hotline.failover.peer-database.password=" + peerDatabase.password(),
                "--hotline.failover.lease.witness-url=" + witness.jdbcUrl(WITNESS_DATABASE),
                "--hotline.failover.lease.witness-username=" + witness.user(),
                "--hotline.failover.lease.witness-password=" + witness.password(),
                "--hotline.failover.routing.front-door-url=http://127.0.0.1:" + frontDoor.managementPort(),
                "--logging.structured.format.console="));
        args.addAll(extra);
        return args;
    }

    /** Bind address of a site's grid member: one loopback address per site, so both can use the same port. */
    static String gridAddress(String siteId) {
        return siteId.equals("a") ? "127.0.0.1" : "127.0.0.2";
    }

    private SiteSpec siteSpec(String siteId, int httpPort, EmbeddedPostgresServer database, EmbeddedPostgresServer peer) {
        String peerId = siteId.equals("a") ? "b" : "a";
        List<String> twoSites = new java.util.ArrayList<>(List.of(
                "--hotline.site.initial-role=" + (siteId.equals("a") ? "ACTIVE" : "STANDBY"),
                "--hotline.site.initial-active-site=a",
                "--hotline.hazelcast.bind-address=" + gridAddress(siteId),
                "--hotline.hazelcast.port=" + settings.gridPort(),
                "--hotline.hazelcast.members=" + gridAddress("a") + ":" + settings.gridPort() + ","
                        + gridAddress("b") + ":" + settings.gridPort(),
                "--hotline.replication.peer-site=" + peerId,
                "--hotline.replication.peer-jdbc-url=" + peer.jdbcUrl(),
                "--hotline.replication.peer-username=" + peer.user(),
                "--hotline.replication.peer-password=" + peer.password()));
        if (settings.controllers().enabled()) {
            // a controller watches each site: an ACTIVE site that comes back after being down waits for it (fenced)
            twoSites.add("--hotline.site.fence-on-restart=true");
        }
        twoSites.addAll(settings.appArguments());
        return new SiteSpec(siteId, httpPort, database.jdbcUrl(), database.user(), database.password(),
                simulator.baseUrl(), PlatformSimulatorConfig.DEFAULT_HOTLINE_TOKEN, settings.siteDirectory(siteId),
                settings.logFile(siteId), settings.appLauncher(), twoSites);
    }

    /** Belt and braces for a launcher that was killed: its postgres and app children may still run. */
    private void stopLeftovers(Path state) {
        try (Stream<Path> children = Files.list(state)) {
            for (Path siteDir : children.filter(Files::isDirectory).toList()) {
                if (SiteProcess.stopStale(siteDir)) {
                    out.println("Stopped a leftover app from a previous run in " + siteDir);
                }
                try (Stream<Path> pgdirs = Files.walk(siteDir, 2)) {
                    for (Path pidFile : pgdirs.filter(p -> p.getFileName().toString().equals("postmaster.pid")).toList()) {
                        if (EmbeddedPostgresServer.stopStale(pidFile.getParent())) {
                            out.println("Stopped a leftover PostgreSQL from a previous run on " + pidFile.getParent());
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot scan " + state + " for leftovers: " + e.getMessage(), e);
        }
    }

    private void step(String what) {
        out.println("Starting " + what + " ...");
    }

    private synchronized <T extends AutoCloseable> T track(T component) {
        if (closed) { // stopped (Ctrl-C) while this component was starting
            try {
                component.close();
            } catch (Exception e) {
                log.error("Could not stop {}: {}", component.getClass().getSimpleName(), e.toString());
            }
            throw new IllegalStateException("The local stack was stopped during start-up");
        }
        started.push(component);
        return component;
    }

    public PlatformSimulator simulator() {
        return simulator;
    }

    public FrontDoor frontDoor() {
        return frontDoor;
    }

    public SiteProcess siteA() {
        return siteA;
    }

    public EmbeddedPostgresServer postgresA() {
        return postgresA;
    }

    /**
     * SIGKILL of everything site {@code siteId} runs, as a lost data centre: its controller (when there is one), its
     * app with its grid member, and its PostgreSQL with every backend. Nothing is shut down cleanly.
     */
    public synchronized void killSite(String siteId) {
        boolean isA = siteId.equals("a");
        ControllerProcess controller = isA ? controllerA : controllerB;
        if (controller != null) {
            controller.kill();
        }
        SiteProcess app = isA ? siteA : siteB;
        List<ProcessHandle> tree = app.handle().descendants().toList();
        app.handle().destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
        EmbeddedPostgresServer postgres = isA ? postgresA : postgresB;
        postgres.postmasterPid().stream().boxed().map(ProcessHandle::of).flatMap(java.util.Optional::stream)
                .forEach(postmaster -> {
                    List<ProcessHandle> backends = postmaster.descendants().toList();
                    postmaster.destroyForcibly();
                    backends.forEach(ProcessHandle::destroyForcibly);
                });
        app.handle().onExit().join();
    }

    /**
     * Starts everything of site {@code siteId} again after it was killed (a crash test, a drill): its PostgreSQL on
     * the same data directory and port (crash recovery replays its WAL), its app with the same settings (its role
     * is whatever its database says: a site killed as ACTIVE comes back ACTIVE at its old epoch, and its controller
     * demotes it), and its controller. Waits until the app is healthy.
     */
    public synchronized void restartSite(String siteId) {
        restartSite(siteId, true);
    }

    /**
     * As {@link #restartSite(String)}; with {@code withController} false the site's controller stays down (a site
     * that comes back before its controller: the split-brain runbook's case).
     */
    public synchronized void restartSite(String siteId, boolean withController) {
        boolean isA = siteId.equals("a");
        EmbeddedPostgresServer oldDatabase = isA ? postgresA : postgresB;
        SiteProcess oldApp = isA ? siteA : siteB;
        ControllerProcess controller = isA ? controllerA : controllerB;
        if (oldApp.isAlive()) {
            throw new IllegalStateException("site " + siteId + "'s app is still running (pid " + oldApp.pid() + ")");
        }
        EmbeddedPostgresServer database = oldDatabase;
        if (!oldDatabase.isRunning()) {
            oldDatabase.close();  // releases its hold on the data directory (a killed server still holds the lock)
            database = track(EmbeddedPostgresServer.start(oldDatabase.dataDirectory(), oldDatabase.port()));
        }
        SiteProcess app = track(SiteProcess.launch(oldApp.spec()));
        if (isA) {
            postgresA = database;
            siteA = app;
        } else {
            postgresB = database;
            siteB = app;
        }
        app.awaitHealthy(settings.healthTimeout(), out);
        if (withController && controller != null && !controller.isAlive()) {
            controller.start();
            controller.awaitHealthy(settings.healthTimeout());
        }
    }

    /** Site A's failover controller; null when the stack runs without controllers. */
    public ControllerProcess controllerA() {
        return controllerA;
    }

    public ControllerProcess controllerB() {
        return controllerB;
    }

    public SiteProcess siteB() {
        return siteB;
    }

    public EmbeddedPostgresServer postgresB() {
        return postgresB;
    }

    /** The witness PostgreSQL; the controller's database on it is {@link #WITNESS_DATABASE}. */
    public EmbeddedPostgresServer witness() {
        return witness;
    }

    /** Stops the witness PostgreSQL, as a lost witness: the lease and the procedure runs do not answer. */
    public synchronized void stopWitness() {
        witness.close();
    }

    /** Starts the witness PostgreSQL again on the same data directory and port (after {@link #stopWitness}). */
    public synchronized void startWitness() {
        if (!witness.isRunning()) {
            witness.close();
            witness = track(EmbeddedPostgresServer.start(witness.dataDirectory(), witness.port()));
        }
    }

    public String banner() {
        String line = "=".repeat(72);
        return String.join("\n",
                line,
                " Hotline HA is up (local stack, two sites)",
                line,
                " Agent desk (front door) : http://localhost:" + frontDoor.port(),
                " Site A (direct)         : " + siteA.spec().baseUrl() + "   grid member " + gridAddress("a") + ":" + settings.gridPort(),
                " Site B (direct)         : " + siteB.spec().baseUrl() + "   grid member " + gridAddress("b") + ":" + settings.gridPort(),
                " Roles                   : GET <site>/api/site ; replication: GET <site>/api/ops/replication (ops)",
                " Both sites equal?       : ./hotline verify",
                " 12345 simulator         : " + simulator.baseUrl(),
                " Metrics                 : <site>/actuator/prometheus",
                " Front door control      : http://127.0.0.1:" + frontDoor.managementPort() + "/frontdoor/upstream",
                " PostgreSQL site A       : " + postgresA.jdbcUrl() + " (user postgres)",
                " PostgreSQL site B       : " + postgresB.jdbcUrl() + " (user postgres)",
                " Witness PostgreSQL      : " + witness.jdbcUrl(WITNESS_DATABASE) + " (lease, procedure runs)",
                " Failover controllers    : " + (controllerA == null ? "not started (no automatic failover)"
                        : controllerA.baseUrl() + "/api/controller/status (site A), " + controllerB.baseUrl()
                        + "/api/controller/status (site B)"),
                " Topology / switchover   : ./hotline ctl status ; ./hotline ctl switchover --to b",
                "",
                " Demo logins (password: demo)",
                "   lead                  project lead",
                "   agent1 ... agent8     agents",
                "   ops                   operations",
                "   auditor               auditor",
                "   supply, drainage      handling-department liaisons",
                "",
                " Logs: " + siteA.spec().logFile() + ", " + siteB.spec().logFile(),
                " Data: " + settings.stateDirectory(),
                "",
                " Ctrl-C to stop (stops the app, front door, simulator and PostgreSQL)",
                line);
    }

    /** Stops everything started, newest first. Idempotent; never throws. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        while (!started.isEmpty()) {
            AutoCloseable component = started.pop();
            try {
                component.close();
            } catch (Exception e) {
                log.error("Could not stop {}: {}", component.getClass().getSimpleName(), e.toString());
            }
        }
    }

    public static Path javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /** The launcher's entry point: {@code up} and friends, see {@link LocalStackCommand}. */
    public static void main(String[] args) {
        System.exit(LocalStackCommand.run(args));
    }
}
