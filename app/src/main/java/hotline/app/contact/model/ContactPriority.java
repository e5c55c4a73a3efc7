package hotline.app.contact.model;

import hotline.app.ticket.model.Category;

/** Queue priority: emergencies (bursts, outages, waterlogging) jump the queue. */
public enum ContactPriority {
    EMERGENCY,
    NORMAL;

    public static ContactPriority of(Category hint) {
        return hint != null && hint.isEmergency() ? EMERGENCY : NORMAL;
    }
}
