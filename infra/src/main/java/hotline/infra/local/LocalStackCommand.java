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
@Command(name = "hotline-local", mixinStandardHelpOptions = true, subcommands = LocalStackCommand.Up.class,
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
            description = "Start PostgreSQL, the 12345 simulator, site A and the front door; stay in the foreground.")
    static final class Up implements Callable<Integer> {
        @Option(names = "--app-jar", required = true, description = "the hotline app's executable jar")
        Path appJar;
        @Option(names = "--site-port-a", defaultValue = "8081") int sitePortA;
        @Option(names = "--front-door-port", defaultValue = "8080") int frontDoorPort;
        @Option(names = "--front-door-control-port", defaultValue = "18080",
                description = "loopback-only port of GET/PUT /frontdoor/upstream") int frontDoorControlPort;
        @Option(names = "--simulator-port", defaultValue = "8090") int simulatorPort;
        @Option(names = "--pg-port-a", defaultValue = "15432") int pgPortA;
        @Option(names = "--state-dir", defaultValue = ".hotline") Path stateDir;
        @Option(names = "--auto-dispatch-seconds", defaultValue = "30",
                description = "the simulator dispatches a demo 12345 order this often (0 = off)") int autoDispatchSeconds;
        @Option(names = "--health-timeout-seconds", defaultValue = "240") int healthTimeoutSeconds;

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
                    Duration.ofSeconds(autoDispatchSeconds), Duration.ofSeconds(healthTimeoutSeconds));

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
            stack.siteA().handle().onExit().thenRun(() -> {
                if (!stack.siteA().isStopping()) {
                    System.err.println("\nSite A exited unexpectedly. Last lines of its log:\n" + stack.siteA().logTail());
                    finished.countDown();
                }
            });
            finished.await();
            if (!stack.siteA().isStopping()) {
                stack.close();
                return 1;
            }
            return 0;
        }
    }
}
