package hotline.app.quality;

import hotline.app.quality.model.SampleReason;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * One sampled ticket (and its call recording, if any) to inspect. Status PENDING → SCORED → ACKNOWLEDGED
 * (by the agent); a re-score sets it back to SCORED. {@code itemPoints} is "CODE=points,…".
 */
public record Inspection(UUID id, String month, UUID ticketId, String ticketNumber, UUID recordingId, String agent,
                         SampleReason reason, String status, BigDecimal score, boolean fatal, String itemPoints,
                         String fatalItems, String comment, String inspector, Instant scoredAt, Instant acknowledgedAt) {
}
