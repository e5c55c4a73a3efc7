package hotline.infra.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
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

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One site's failover controller ({@code java -jar hotline-failover-…-exec.jar controller …}) as a child process of
 * the local stack: its own log, its pid in {@code <state>/controller-<site>/app.pid} (so the leftover sweep of the
 * stack and of {@code ./hotline} finds it after a launcher was killed), stopped with its process tree.
 *
 * @param siteId   the site it controls
 * @param port     its HTTP port (peer endpoint, status, health, metrics)
 */
public final class ControllerProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ControllerProcess.class);

    private final String siteId;
    private final int port;
    private final Path logFile;
    private final Path pidFile;
    private final List<String> command;
    private Process process;
    private volatile boolean stopping;

    private ControllerProcess(String siteId, int port, Path logFile, Path pidFile, List<String> command) {
        this.siteId = siteId;
        this.port = port;
        this.logFile = logFile;
        this.pidFile = pidFile;
        this.command = List.copyOf(command);
    }

    /**
     * @param launcher  {@code java -jar <failover exec jar>}
     * @param arguments the controller's {@code --hotline.failover.*} settings
     */
    public static ControllerProcess launch(String siteId, int port, Path stateDirectory, List<String> launcher,
                                           List<String> arguments) {
        List<String> command = new ArrayList<>(launcher);
        command.add("controller");
        command.add("--server.port=" + port);
        command.add("--hotline.site.id=" + siteId);
        command.addAll(arguments);
        Path directory = stateDirectory.resolve("controller-" + siteId);
        ControllerProcess controller = new ControllerProcess(siteId, port,
                stateDirectory.resolve("logs").resolve("controller-" + siteId + ".log"), directory.resolve("app.pid"),
                command);
        controller.start();
        return controller;
    }

    /** (Re)starts the process with the same command: a killed controller comes back and resumes its procedure. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            Files.createDirectories(pidFile.getParent());
            Files.createDirectories(logFile.getParent());
            SiteProcess.stopStale(pidFile.getParent());
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            Files.writeString(pidFile, Long.toString(process.pid()), StandardCharsets.UTF_8);
            stopping = false;
            log.info("Failover controller of site {} started (pid {}), log {}", siteId, process.pid(), logFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not launch the failover controller of site " + siteId + ": "
                    + e.getMessage(), e);
        }
    }

    public String siteId() {
        return siteId;
    }

    public URI baseUrl() {
        return URI.create("http://localhost:" + port);
    }

    public Path logFile() {
        return logFile;
    }

    public synchronized ProcessHandle handle() {
        return process.toHandle();
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    public boolean isStopping() {
        return stopping;
    }

    /** Waits until its health says UP (its first cycle ended); fails quoting the log if it exits or times out. */
    public void awaitHealthy(Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Process p;
            synchronized (this) {
                p = process;
            }
            if (!p.isAlive()) {
                throw new SiteStartupException("The failover controller of site " + siteId + " exited with code "
                        + p.exitValue() + " during start-up. Last lines of " + logFile + ":\n" + logTail());
            }
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(baseUrl().resolve("/api/controller/status"))
                        .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SiteStartupException("Interrupted while waiting for the controller of site " + siteId);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new SiteStartupException("The failover controller of site " + siteId + " did not answer within "
                        + timeout.toSeconds() + " s. Last lines of " + logFile + ":\n" + logTail());
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SiteStartupException("Interrupted while waiting for the controller of site " + siteId);
            }
        }
    }

    /** SIGKILL, as a crash test needs: no shutdown hook runs, the procedure is left where it was. */
    public synchronized void kill() {
        stopping = true;
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log not readable: " + e.getMessage() + ")";
        }
    }

    @Override
    public synchronized void close() {
        stopping = true;
        if (process != null) {
            SiteProcess.stopTree(process.toHandle(), "failover controller " + siteId);
        }
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException ignored) {
            // a stale pid file is checked against the live process before use
        }
    }
}
