package hotline.app.grid;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.session.MapSession;
import org.springframework.session.MapSessionRepository;
import org.springframework.session.SessionRepository;

/**
 * Spring Session's map repository rewrites the whole session into the grid at the end of every request, and every
 * write waits for its backup at the other site. Most requests change nothing but the last-access time, so this
 * repository skips the write when the attributes are the very same objects as loaded and the stored access time
 * is recent: the grid map's own max-idle timer (reset by the read) keeps the session alive meanwhile.
 */
final class QuietSessionRepository implements SessionRepository<MapSession> {

    private record Loaded(Map<String, Object> attributes, Instant lastAccessedTime, Duration maxInactive) {
    }

    private static final ThreadLocal<Map<String, Loaded>> LOADED_THIS_REQUEST = ThreadLocal.withInitial(HashMap::new);

    private final MapSessionRepository delegate;
    private final Duration accessTimeResolution;

    QuietSessionRepository(MapSessionRepository delegate, Duration accessTimeResolution) {
        this.delegate = delegate;
        this.accessTimeResolution = accessTimeResolution;
    }

    @Override
    public MapSession createSession() {
        return delegate.createSession();
    }

    @Override
    public MapSession findById(String id) {
        MapSession session = delegate.findById(id);
        if (session != null) {
            Map<String, Object> attributes = new HashMap<>();
            session.getAttributeNames().forEach(name -> attributes.put(name, session.getAttribute(name)));
            LOADED_THIS_REQUEST.get().put(id, new Loaded(attributes, session.getLastAccessedTime(),
                    session.getMaxInactiveInterval()));
        }
        return session;
    }

    @Override
    public void save(MapSession session) {
        Loaded loaded = LOADED_THIS_REQUEST.get().remove(session.getId());
        if (loaded != null && unchanged(loaded, session)) {
            return;
        }
        delegate.save(session);
    }

    @Override
    public void deleteById(String id) {
        LOADED_THIS_REQUEST.get().remove(id);
        delegate.deleteById(id);
    }

    private boolean unchanged(Loaded loaded, MapSession session) {
        if (!Objects.equals(loaded.maxInactive(), session.getMaxInactiveInterval())
                || !session.getId().equals(session.getOriginalId())
                || Duration.between(loaded.lastAccessedTime(), session.getLastAccessedTime()).compareTo(accessTimeResolution) > 0
                || loaded.attributes().size() != session.getAttributeNames().size()) {
            return false;
        }
        for (String name : session.getAttributeNames()) {
            // identity: an attribute replaced or re-set is a change; a mutable object changed in place is re-set by
            // its owner (Spring Security re-sets the security context), so identity is enough here
            if (loaded.attributes().get(name) != session.getAttribute(name)) {
                return false;
            }
        }
        return true;
    }
}
