package hotline.app.ticket.sla.model;

import java.time.Instant;

/** When a ticket is due, and from when it counts as near due (and is urged). */
public record SlaDeadline(Instant dueAt, Instant nearDueAt) {

    public SlaStatus statusAt(Instant now) {
        if (!now.isBefore(dueAt)) {
            return SlaStatus.OVERDUE;
        }
        return now.isBefore(nearDueAt) ? SlaStatus.ON_TRACK : SlaStatus.NEAR_DUE;
    }
}
