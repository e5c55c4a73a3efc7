package hotline.failover.switches;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The switches ops set by hand ({@code ctl pause|resume|fence|unfence}), shared by both sites' controllers.
 *
 * @param pause      set while automatic failover is paused: controllers keep observing, renewing and reporting but
 *                   take no automatic promotion; empty when not paused
 * @param fencedSites per site, the operator fence currently set on it: no automatic action lifts it
 */
public record OpsSwitches(Optional<Setting> pause, Map<String, Setting> fencedSites) {

    public static final OpsSwitches NONE = new OpsSwitches(Optional.empty(), Map.of());

    public OpsSwitches {
        Objects.requireNonNull(pause, "pause");
        fencedSites = Map.copyOf(fencedSites);
    }

    public boolean paused() {
        return pause.isPresent();
    }

    public boolean fencedByOperator(String site) {
        return fencedSites.containsKey(site);
    }

    /** Who set a switch, when and why (shown in {@code ctl status} and the controller's status). */
    public record Setting(String by, Instant at, String reason) {
        public Setting {
            Objects.requireNonNull(by, "by");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(reason, "reason");
        }

        public String describe() {
            return "by " + by + " at " + at + (reason.isBlank() ? "" : " (" + reason + ")");
        }
    }
}
