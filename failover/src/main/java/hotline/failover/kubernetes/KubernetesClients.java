package hotline.failover.kubernetes;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.Config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Official Kubernetes clients with finite timeouts. A controller must never hang on the API server:
 * a lease renewal that does not answer has to fail in time for the site to fence itself, and some
 * servers (the fake one in tests, a wedged real one) never answer certain requests at all.
 */
public final class KubernetesClients {

    /** Connect and read timeouts for every call; the whole call is bounded by their sum. */
    public record Timeouts(Duration connect, Duration read) {
        public static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5));

        public Timeouts {
            if (connect == null || connect.isZero() || connect.isNegative()
                    || read == null || read.isZero() || read.isNegative()) {
                throw new IllegalArgumentException("Kubernetes client timeouts must be positive, were connect="
                        + connect + " read=" + read);
            }
        }
    }

    private KubernetesClients() {
    }

    /** The pod's own cluster (service account token and CA mounted by Kubernetes). */
    public static ApiClient inCluster(Timeouts timeouts) {
        try {
            return withTimeouts(ClientBuilder.cluster().build(), timeouts);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the in-cluster Kubernetes client: " + e.getMessage(), e);
        }
    }

    /** Another cluster (e.g. the peer site's), from a kubeconfig file mounted from a Secret. */
    public static ApiClient fromKubeconfig(Path kubeconfig, Timeouts timeouts) {
        try {
            return withTimeouts(Config.fromConfig(kubeconfig.toString()), timeouts);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read kubeconfig " + kubeconfig + ": " + e.getMessage(), e);
        }
    }

    /** A plain URL without credentials (tests against the fake API server, kubectl proxy). */
    public static ApiClient forUrl(String url, Timeouts timeouts) {
        return withTimeouts(Config.fromUrl(url, false), timeouts);
    }

    /** The same client with finite connect/read/write timeouts and an overall call timeout. */
    public static ApiClient withTimeouts(ApiClient client, Timeouts timeouts) {
        client.setHttpClient(client.getHttpClient().newBuilder()
                .connectTimeout(timeouts.connect())
                .readTimeout(timeouts.read())
                .writeTimeout(timeouts.read())
                .callTimeout(timeouts.connect().plus(timeouts.read()))
                .build());
        return client;
    }

    /** One line for an API failure: the HTTP status, or the I/O cause when nothing answered. */
    public static String describe(ApiException e) {
        if (e.getCode() == 0) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return "no answer (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")";
        }
        return "HTTP " + e.getCode() + (e.getResponseBody() == null ? "" : " " + abbreviate(e.getResponseBody()));
    }

    private static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "…";
    }
}
