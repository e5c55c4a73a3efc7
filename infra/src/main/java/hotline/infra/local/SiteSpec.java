package hotline.infra.local;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How to launch the hotline app of one site as a child process.
 *
 * @param siteId        {@code a} or {@code b}
 * @param httpPort      the app's {@code server.port}
 * @param jdbcUrl       the site's own PostgreSQL
 * @param dbUser        database user
 * @param dbPassword    database password
 * @param platformUrl   base URL of the 12345 platform (simulator)
 * @param platformToken bearer token the app presents to the platform
 * @param siteDirectory {@code <state>/site-<id>}: recordings, pid file
 * @param logFile       stdout and stderr of the app
 * @param launcher      the command before the app arguments, e.g. {@code java -jar hotline-app.jar}
 * @param extraArguments further {@code --name=value} arguments (the two-site issue adds Hazelcast ones)
 */
public record SiteSpec(String siteId, int httpPort, String jdbcUrl, String dbUser, String dbPassword,
                       URI platformUrl, String platformToken, Path siteDirectory, Path logFile,
                       List<String> launcher, List<String> extraArguments) {

    public SiteSpec {
        if (siteId == null || !siteId.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("Site id must be lower-case letters/digits, was " + siteId);
        }
        if (httpPort < 1 || httpPort > 65535) {
            throw new IllegalArgumentException("Site " + siteId + " needs a fixed HTTP port 1-65535, was " + httpPort);
        }
        if (launcher == null || launcher.isEmpty()) {
            throw new IllegalArgumentException("Site " + siteId + " needs a launch command (java -jar <app-jar>)");
        }
        launcher = List.copyOf(launcher);
        extraArguments = extraArguments == null ? List.of() : List.copyOf(extraArguments);
    }

    public static List<String> javaJar(Path appJar) {
        return List.of(LocalStack.javaBinary().toString(), "-jar", appJar.toAbsolutePath().toString());
    }

    public Path recordingsDirectory() {
        return siteDirectory.resolve("recordings");
    }

    public Path pidFile() {
        return siteDirectory.resolve("app.pid");
    }

    public URI baseUrl() {
        return URI.create("http://localhost:" + httpPort);
    }

    public URI healthUrl() {
        return baseUrl().resolve("/actuator/health");
    }

    /** The full command: launcher followed by the app's settings. */
    public List<String> command() {
        List<String> command = new ArrayList<>(launcher);
        command.add("--server.port=" + httpPort);
        command.add("--spring.datasource.url=" + jdbcUrl);
        command.add("--spring.datasource.username=" + dbUser);
        command.add("--spring.datasource.password=" + dbPassword);
        command.add("--hotline.site.id=" + siteId);
        command.add("--spring.profiles.active=demo");
        command.add("--hotline.platform12345.base-url=" + platformUrl);
        command.add("--hotline.platform12345.outbound-token=" + platformToken);
        command.add("--hotline.recordings.directory=" + recordingsDirectory().toAbsolutePath());
        command.addAll(extraArguments);
        return command;
    }
}
