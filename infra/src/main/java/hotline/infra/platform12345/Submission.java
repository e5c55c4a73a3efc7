package hotline.infra.platform12345;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/** One accepted submission from the hotline (duplicates by idempotency key are not recorded again). */
public record Submission(SubmissionKind kind, String idempotencyKey, Instant receivedAt, JsonNode body) {
}
