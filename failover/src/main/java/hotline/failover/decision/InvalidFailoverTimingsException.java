package hotline.failover.decision;

import java.util.List;

/** The configured lease timings break one or more rules; the message lists all of them, one per line. */
public class InvalidFailoverTimingsException extends IllegalArgumentException {

    private final List<String> violations;

    public InvalidFailoverTimingsException(List<String> violations) {
        super("invalid failover timings (" + violations.size() + " problem" + (violations.size() == 1 ? "" : "s")
                + "):\n - " + String.join("\n - ", violations));
        this.violations = List.copyOf(violations);
    }

    public List<String> violations() {
        return violations;
    }
}
