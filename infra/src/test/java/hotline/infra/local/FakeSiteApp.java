package hotline.infra.local;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Stands in for the hotline app in LocalStack tests: answers {@code /actuator/health} UP on
 * {@code --server.port}, and starts a grandchild process so that tests can prove the whole tree is
 * stopped. With {@code --fake.fail-at-start} it exits at once with code 3, like an app that cannot boot.
 */
public final class FakeSiteApp {

    public static void main(String[] args) throws Exception {
        int port = 0;
        for (String arg : args) {
            if (arg.equals("--fake.fail-at-start")) {
                System.out.println("fake app: cannot connect to the database, giving up");
                System.exit(3);
            }
            if (arg.startsWith("--server.port=")) {
                port = Integer.parseInt(arg.substring("--server.port=".length()));
            }
        }
        Process grandchild = new ProcessBuilder("sleep", "600").start();
        System.out.println("fake app: grandchild pid " + grandchild.pid());
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 8);
        server.createContext("/actuator/health", exchange -> {
            try (exchange) {
                byte[] body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.start();
        System.out.println("fake app: listening on " + port + " with args " + String.join(" ", args));
    }
}
