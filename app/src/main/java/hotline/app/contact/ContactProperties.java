package hotline.app.contact;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The contact queue (ACD).
 *
 * @param offerTimeout  how long an offer waits for the agent to accept before it returns to the queue and
 *                      the agent is put on BREAK (default 20 s)
 * @param sweepInterval how often the sweep expires offers and dispatches (default 1 s); dispatch also runs
 *                      whenever a contact is queued or an agent becomes READY
 * @param dispatchBatch at most this many offers per dispatch transaction (default 10)
 */
@ConfigurationProperties("hotline.contacts")
public record ContactProperties(Duration offerTimeout, Duration sweepInterval, Integer dispatchBatch) {

    public ContactProperties {
        offerTimeout = offerTimeout == null ? Duration.ofSeconds(20) : offerTimeout;
        sweepInterval = sweepInterval == null ? Duration.ofSeconds(1) : sweepInterval;
        dispatchBatch = dispatchBatch == null ? 10 : dispatchBatch;
        List<String> problems = new ArrayList<>();
        if (offerTimeout.isNegative() || offerTimeout.isZero()) {
            problems.add("hotline.contacts.offer-timeout must be positive, was " + offerTimeout);
        }
        if (sweepInterval.isNegative() || sweepInterval.isZero()) {
            problems.add("hotline.contacts.sweep-interval must be positive, was " + sweepInterval);
        }
        if (dispatchBatch < 1 || dispatchBatch > 100) {
            problems.add("hotline.contacts.dispatch-batch must be 1 to 100, was " + dispatchBatch);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }
}
