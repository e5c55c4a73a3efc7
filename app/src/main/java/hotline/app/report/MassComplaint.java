package hotline.app.report;

import java.time.Instant;
import java.util.UUID;

/**
 * A mass complaint (群体性投诉): at least the threshold of tickets about one district, street and category
 * within the detector's window. Open until the lead acknowledges it; later tickets of the same episode
 * update it instead of raising a new alert.
 */
public record MassComplaint(UUID id, String district, String street, String category, Instant firstAt, Instant lastAt,
                            int ticketCount, String ticketNumbers, Instant detectedAt, String acknowledgedBy,
                            Instant acknowledgedAt) {
}
