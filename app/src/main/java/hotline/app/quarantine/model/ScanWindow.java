package hotline.app.quarantine.model;

import java.time.Instant;

/**
 * What the old active's and the new active's commit times are compared with.
 *
 * @param after      the old active's rows committed at or before this instant reached the new active (the later of
 *                   the last source commit the new active applied from it, and the start of the old active's
 *                   active period); old active's clock; null: nothing is known to have reached it
 * @param until      the end of the old active's active period (found STANDBY again, before CDC started there); rows
 *                   committed later were written by its CDC, not by it; old active's clock; null: open
 * @param promotedAt when the new active's promotion committed, its own clock; null: unknown
 */
public record ScanWindow(Instant after, Instant until, Instant promotedAt) {

    /** Whether a row the old active committed at {@code committedAt} may be an orphan (unknown: yes). */
    public boolean holdsOldActiveCommit(Instant committedAt) {
        if (committedAt == null) {
            return true;
        }
        return (after == null || committedAt.isAfter(after)) && (until == null || !committedAt.isAfter(until));
    }
}
