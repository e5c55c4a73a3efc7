package hotline.app.recording;

import java.time.Instant;
import java.util.UUID;

/** A stored recording: where the file is and the SHA-256 it had when written. */
public record Recording(UUID id, UUID callId, UUID contactId, String agentUsername, String storagePath, String sha256,
                        long sizeBytes, long durationMs, String contentType, Instant startedAt, Instant createdAt) {
}
