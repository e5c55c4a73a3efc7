package hotline.infra.local;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Command line of the local stack: {@code up} runs it in the foreground until Ctrl-C. */
@Command(name = "hotline-local", mixinStandardHelpOptions = true, subcommands = {LocalStackCommand.Up.class, VerifyCommand.class, hotline.infra.load.ReplicationBenchmark.class},
        description = "Local Hotline HA stack on embedded defaults.")
final class LocalStackCommand implements Callable<Integer> {

    static int run(String... args) {
        // our console logging, not logback's DEBUG default; Spring in the front door picks it up too
        System.setProperty("logback.configurationFile", "hotline-infra-logback.xml");
        return new CommandLine(new LocalStackCommand()).execute(args);
    }

    @Override
    public Integer call() {
        CommandLine.usage(this, System.out);
        return 2;
    }

    @Command(name = "up", mixinStandardHelpOptions = true,
            description = "Start both sites (PostgreSQL + app each), the 12345 simulator and the front door; stay in the foreground.")
    static final class Up implements Callable<Integer> {
        @Option(names = "--app-jar", required = true, description = "the hotline app's executable jar")
        Path appJar;
        @Option(names = "--site-port-a", defaultValue = "8081") int sitePortA;
        @Option(names = "--front-door-port", defaultValue = "8080") int frontDoorPort;
        @Option(names = "--front-door-control-port", defaultValue = "18080",
                description = "loopback-only port of GET/PUT /frontdoor/upstream") int frontDoorControlPort;
        @Option(names = "--simulator-port", defaultValue = "8090") int simulatorPort;
        @Option(names = "--pg-port-a", defaultValue = "15432") int pgPortA;
        @Option(names = "--site-port-b", defaultValue = "8082") int sitePortB;
        @Option(names = "--pg-port-b", defaultValue = "15433") int pgPortB;
        @Option(names = "--pg-port-witness", defaultValue = "15434",
                description = "the witness PostgreSQL (failover lease and procedure runs)") int pgPortWitness;
        @Option(names = "--grid-port", defaultValue = "5701",
                description = "Hazelcast member port of each site (A binds 127.0.0.1, B 127.0.0.2)") int gridPort;
        @Option(names = "--state-dir", defaultValue = ".hotline") Path stateDir;
        @Option(names = "--auto-dispatch-seconds", defaultValue = "30",
                description = "the simulator dispatches a demo 12345 order this often (0 = off)") int autoDispatchSeconds;
        @Option(names = "--health-timeout-seconds", defaultValue = "240") int healthTimeoutSeconds;
        @Option(names = "--controller-jar",
                description = "the failover jar (hotline-failover-*-exec.jar): start both sites' failover controllers "
                        + "(automatic failover); without it none run") Path controllerJar;
        @Option(names = "--controller-port-a", defaultValue = "18181") int controllerPortA;
        @Option(names = "--controller-port-b", defaultValue = "18182") int controllerPortB;

        @Override
        public Integer call() throws InterruptedException {
            PrintStream out = System.out;
            if (!Files.isRegularFile(appJar)) {
                System.err.println("App jar not found: " + appJar.toAbsolutePath()
                        + " (build it with ./mvnw -B -DskipTests -pl app -am package, or use ./hotline up)");
                return 2;
            }
            if (autoDispatchSeconds < 0 || healthTimeoutSeconds < 1) {
                System.err.println("--auto-dispatch-seconds must be >= 0 and --health-timeout-seconds >= 1");
                return 2;
            }
            LocalStack.Settings settings = new LocalStack.Settings(sitePortA, frontDoorPort, frontDoorControlPort,
                    simulatorPort, pgPortA, stateDir, SiteSpec.javaJar(appJar),
                    Duration.ofSeconds(autoDispatchSeconds), Duration.ofSeconds(healthTimeoutSeconds),
                    sitePortB, pgPortB, gridPort, pgPortWitness);
            if (controllerJar != null) {
                if (!Files.isRegularFile(controllerJar)) {
                    System.err.println("Controller jar not found: " + controllerJar.toAbsolutePath()
                            + " (build it with ./mvnw -B -DskipTests -pl failover -am package, or use ./hotline up)");
                    return 2;
                }
                settings = settings.withControllers(new LocalStack.Controllers(SiteSpec.javaJar(controllerJar),
                        controllerPortA, controllerPortB, java.util.List.of()));
            }

            CountDownLatch finished = new CountDownLatch(1);
            AtomicReference<LocalStack> running = new AtomicReference<>();
            Thread shutdownHook = new Thread(() -> {
                LocalStack stack = running.get();
                if (stack != null) {
                    out.println("\nStopping the local stack ...");
                    stack.close();
                    out.println("Stopped.");
                }
                finished.countDown();
            }, "hotline-local-shutdown");
            Runtime.getRuntime().addShutdownHook(shutdownHook);

            LocalStack stack = LocalStack.prepare(settings, out);
            running.set(stack);
            try {
                stack.startAll();
            } catch (RuntimeException | Error e) {
                System.err.println("\nStart-up failed; everything that was started has been stopped.\n" + e);
                return 1;
            }
            out.println(stack.banner());
            // a site that dies is reported, the other keeps running: that is what the failover tooling is for
            for (SiteProcess site : java.util.List.of(stack.siteA(), stack.siteB())) {
                site.handle().onExit().thenRun(() -> {
                    if (!site.isStopping()) {
                        System.err.println("\nSite " + site.spec().siteId() + " exited unexpectedly. Last lines of its log:\n"
                                + site.logTail());
                    }
                });
            }
            finished.await();
            return 0;
        }
    }
}
