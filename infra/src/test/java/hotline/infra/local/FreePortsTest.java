package hotline.infra.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class FreePortsTest {

    /** Outgoing connections take their local port from the ephemeral range: a port picked there may be gone. */
    @Test
    void aPickedPortLiesBelowTheEphemeralRangeAndCanBeBound() throws IOException {
        for (int i = 0; i < 20; i++) {
            int port = FreePorts.pick();

            assertThat(port).isBetween(FreePorts.LOWEST, FreePorts.ephemeralRangeStart() - 1);
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(port));
            }
        }
    }
}
