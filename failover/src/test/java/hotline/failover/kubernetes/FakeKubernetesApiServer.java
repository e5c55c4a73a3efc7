package hotline.failover.kubernetes;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.kubernetes.client.openapi.ApiClient;

import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;

/**
 * fabric8's kubernetes-server-mock in CRUD mode on loopback: a fake API server that stores what it is
 * sent (create, get, list, replace with resourceVersion check, JSON merge/JSON patch). Its quirks are in
 * shared/FACTS.md: bodies need apiVersion and kind, patch answers 202, no strategic merge.
 */
public final class FakeKubernetesApiServer implements AutoCloseable {

    /** Short timeouts: the fake server answers in milliseconds or never. */
    public static final KubernetesClients.Timeouts TIMEOUTS =
            new KubernetesClients.Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(2));

    private final KubernetesMockServer server;
    private boolean running;

    private FakeKubernetesApiServer(KubernetesMockServer server) {
        this.server = server;
    }

    public static FakeKubernetesApiServer start() {
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        FakeKubernetesApiServer fake = new FakeKubernetesApiServer(server);
        fake.running = true;
        return fake;
    }

    /** The base URL, e.g. http://127.0.0.1:40123 */
    public String url() {
        return "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + server.getPort();
    }

    /** An official client for this server with the test timeouts. */
    public ApiClient client() {
        return KubernetesClients.forUrl(url(), TIMEOUTS);
    }

    /** Stops the server: its port then refuses connections (an unreachable API server). */
    public void stop() {
        if (running) {
            running = false;
            server.destroy();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
