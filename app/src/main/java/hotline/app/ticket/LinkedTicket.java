package hotline.app.ticket;

import java.util.UUID;

/** A ticket linked as a repeat complaint, and why (SAME_CALLER, SAME_LOCATION_TOPIC). */
public record LinkedTicket(UUID id, String number, String state, String title, String reason) {
}
