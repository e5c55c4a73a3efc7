package hotline.infra.local;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hotline app of one site, running as a child OS process with its output in a log file and its
 * pid in {@code <site>/app.pid} (so that a later run, or the {@code ./hotline} script, can stop it
 * if this JVM was killed). Closing stops the whole process tree: SIGTERM, up to 15 s for a graceful
 * shutdown, then SIGKILL for whatever is left.
 */
public final class SiteProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SiteProcess.class);
    static final Duration GRACEFUL_STOP = Duration.ofSeconds(15);
    private static final int LOG_TAIL_LINES = 40;

    private final SiteSpec spec;
    private final Process process;
    private volatile boolean stopping;

    private SiteProcess(SiteSpec spec, Process process) {
        this.spec = spec;
        this.process = process;
    }

    public static SiteProcess launch(SiteSpec spec) {
        try {
            Files.createDirectories(spec.recordingsDirectory());
            Files.createDirectories(spec.logFile().getParent());
            stopStale(spec.siteDirectory());
            Process process = new ProcessBuilder(spec.command())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(spec.logFile().toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            Files.writeString(spec.pidFile(), Long.toString(process.pid()), StandardCharsets.UTF_8);
            log.info("Site {} app started (pid {}), log {}", spec.siteId(), process.pid(), spec.logFile());
            return new SiteProcess(spec, process);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not launch site " + spec.siteId() + " with " + spec.launcher()
                    + ": " + e.getMessage(), e);
        }
    }

    public SiteSpec spec() {
        return spec;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public ProcessHandle handle() {
        return process.toHandle();
    }

    public boolean isStopping() {
        return stopping;
    }

    /**
     * Waits until {@code /actuator/health} answers UP, printing a dot per second to {@code progress}.
     * Fails at once, quoting the log, if the process exits; fails after {@code timeout} otherwise.
     */
    public void awaitHealthy(Duration timeout, PrintStream progress) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        Instant deadline = Instant.now().plus(timeout);
        Instant nextDot = Instant.now().plusSeconds(1);
        while (true) {
            if (!process.isAlive()) {
                progress.println();
                throw new SiteStartupException("Site " + spec.siteId() + " exited with code " + process.exitValue()
                        + " during start-up. Last lines of " + spec.logFile() + ":\n" + logTail());
            }
            if (isUp(client)) {
                progress.println();
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                progress.println();
                throw new SiteStartupException("Site " + spec.siteId() + " was not healthy at " + spec.healthUrl()
                        + " within " + timeout.toSeconds() + " s. Last lines of " + spec.logFile() + ":\n" + logTail());
            }
            if (Instant.now().isAfter(nextDot)) {
                progress.print('.');
                progress.flush();
                nextDot = nextDot.plusSeconds(1);
            }
            try {
                process.waitFor(250, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SiteStartupException("Interrupted while waiting for site " + spec.siteId());
            }
        }
    }

    private boolean isUp(HttpClient client) {
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(spec.healthUrl())
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().replace(" ", "").contains("\"status\":\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(spec.logFile(), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log not readable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        stopping = true;
        stopTree(process.toHandle(), "site " + spec.siteId());
        try {
            Files.deleteIfExists(spec.pidFile());
        } catch (IOException ignored) {
            // a stale pid file is checked against the live process before use
        }
    }

    /** Stops an app left running by a previous run whose launcher died (its pid is in {@code app.pid}). */
    public static boolean stopStale(Path siteDirectory) {
        Path pidFile = siteDirectory.resolve("app.pid");
        if (!Files.isRegularFile(pidFile)) {
            return false;
        }
        try {
            long pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.UTF_8).trim());
            Optional<ProcessHandle> leftover = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    // never kill a recycled pid: it must be one of our site apps
                    .filter(p -> p.info().commandLine().map(c -> c.contains("--hotline.site.id=")).orElse(false));
            Files.deleteIfExists(pidFile);
            if (leftover.isEmpty()) {
                return false;
            }
            log.warn("Stopping a leftover site app (pid {}) from a previous run", pid);
            stopTree(leftover.get(), "leftover site app " + pid);
            return true;
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    static void stopTree(ProcessHandle root, String what) {
        if (!root.isAlive()) {
            return;
        }
        // snapshot first: once the root is gone its children are re-parented and no longer its descendants
        List<ProcessHandle> descendants = new ArrayList<>(root.descendants().toList());
        root.destroy();
        if (!awaitExit(root, GRACEFUL_STOP)) {
            log.warn("{} did not stop within {} s; killing it", what, GRACEFUL_STOP.toSeconds());
            root.destroyForcibly();
            awaitExit(root, Duration.ofSeconds(5));
        }
        for (ProcessHandle child : descendants) {
            if (child.isAlive()) {
                child.destroyForcibly();
                awaitExit(child, Duration.ofSeconds(5));
            }
        }
    }

    private static boolean awaitExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }
}
