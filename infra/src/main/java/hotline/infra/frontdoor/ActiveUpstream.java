package hotline.infra.frontdoor;

import java.net.URI;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The site the front door currently forwards to. The only mutable routing state: failover moves
 * it to the other site, and the next request follows.
 */
public final class ActiveUpstream {

    private static final Logger log = LoggerFactory.getLogger(ActiveUpstream.class);

    private final AtomicReference<URI> current;

    public ActiveUpstream(URI initial) {
        this.current = new AtomicReference<>(validated(initial));
    }

    public URI current() {
        return current.get();
    }

    /** Points the front door at {@code upstream}; returns the previous one. */
    public URI switchTo(URI upstream) {
        URI previous = current.getAndSet(validated(upstream));
        log.info("Front door upstream switched from {} to {}", previous, upstream);
        return previous;
    }

    static URI validated(URI upstream) {
        if (upstream == null || upstream.getHost() == null
                || !("http".equals(upstream.getScheme()) || "https".equals(upstream.getScheme()))) {
            throw new IllegalArgumentException("Upstream must be an absolute http(s) URL like http://localhost:8081, was " + upstream);
        }
        if (upstream.getRawPath() != null && !upstream.getRawPath().isEmpty() && !"/".equals(upstream.getRawPath())) {
            throw new IllegalArgumentException("Upstream must not have a path (requests keep theirs), was " + upstream);
        }
        return URI.create(upstream.getScheme() + "://" + upstream.getRawAuthority());
    }
}
