package hotline.app.telephony;

import java.time.Instant;
import java.util.UUID;

/** One call leg as the hotline records it. Numbers are citizen data: never log them unmasked. */
public record CallRecord(UUID id, UUID contactId, Direction direction, String purpose, String caller, String callee,
                         String agentUsername, UUID ticketId, Instant startedAt, Instant answeredAt, Instant endedAt,
                         UUID recordingId) {

    public enum Direction {
        IN, OUT
    }

    public boolean ended() {
        return endedAt != null;
    }
}
