package hotline.infra.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A free TCP port, for components whose port must be known before they start (tests use port 0).
 *
 * <p>Picked below the kernel's ephemeral range: a port handed out by {@code new ServerSocket(0)} comes from that
 * range, and until the component binds it any outgoing connection (a Hazelcast member dialling its peer, a JDBC
 * pool) may take it as its local port — a site then failed to start with "Port … already in use" (seen in CI).
 * Outgoing connections never use a port below the range.
 */
public final class FreePorts {

    static final int LOWEST = 10_000;
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

    private FreePorts() {
    }

    public static int pick() {
        int below = ephemeralRangeStart();
        if (below - LOWEST >= 1_000) {
            for (int attempt = 0; attempt < 100; attempt++) {
                int port = ThreadLocalRandom.current().nextInt(LOWEST, below);
                if (bindable(port)) {
                    return port;
                }
            }
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port: " + e.getMessage(), e);
        }
    }

    /** The first port of the kernel's ephemeral range (Linux; 32768, the usual start, elsewhere). */
    static int ephemeralRangeStart() {
        // line by line: Files.readString of this /proc file returns only its first character
        try (var reader = Files.newBufferedReader(EPHEMERAL_RANGE)) {
            return Integer.parseInt(reader.readLine().trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 32_768;
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
