package hotline.app.draft;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;
import hotline.app.web.ApiException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.io.Serializable;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * An agent's in-progress drafts (a reply being typed, a new ticket half filled), kept in the cross-site grid
 * so they survive the switch to the other site. Each agent sees only their own drafts.
 */
@RestController
class DraftController {

    static final String DRAFTS_MAP = "hotline-drafts"; // configured in GridConfiguration
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:-]{1,80}");

    private final IMap<String, Draft> drafts;
    private final Clock clock;

    DraftController(HazelcastInstance hazelcast, Clock clock) {
        this.drafts = hazelcast.getMap(DRAFTS_MAP);
        this.clock = clock;
    }

    /** Stored value; Serializable so the grid can hold it without a hand-written serializer. */
    record Draft(String owner, String key, String text, Instant savedAt) implements Serializable {
    }

    record DraftBody(@NotNull @Size(max = 16_000) String text) {
    }

    @GetMapping("/api/drafts")
    List<Draft> mine(Authentication who) {
        return drafts.values(Predicates.like("__key", who.getName() + "/%")).stream()
                .sorted(Comparator.comparing(Draft::savedAt).reversed()).toList();
    }

    @GetMapping("/api/drafts/{key}")
    Draft get(@PathVariable String key, Authentication who) {
        Draft draft = drafts.get(id(who, key));
        if (draft == null) {
            throw ApiException.notFound("draft " + key);
        }
        return draft;
    }

    @PutMapping("/api/drafts/{key}")
    Draft save(@PathVariable String key, @Valid @RequestBody DraftBody body, Authentication who) {
        Draft draft = new Draft(who.getName(), key, body.text(), clock.instant());
        drafts.set(id(who, key), draft);
        return draft;
    }

    @DeleteMapping("/api/drafts/{key}")
    ResponseEntity<Void> delete(@PathVariable String key, Authentication who) {
        drafts.delete(id(who, key));
        return ResponseEntity.noContent().build();
    }

    private static String id(Authentication who, String key) {
        if (!KEY.matcher(key).matches()) {
            throw ApiException.invalid("draft key must be 1-80 letters, digits or . _ : -");
        }
        return who.getName() + "/" + key;
    }
}
