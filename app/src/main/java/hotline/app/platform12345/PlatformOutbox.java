package hotline.app.platform12345;

import hotline.app.ticket.TicketChanged;
import hotline.app.ticket.model.DepartmentRequest;
import hotline.app.ticket.model.Ticket;
import hotline.app.ticket.model.TicketAction;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Turns ticket changes of 12345 orders into submissions owed to the platform. Runs inside the ticket's
 * transaction, so a submission exists exactly when the change that causes it was committed.
 */
@Component
class PlatformOutbox {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    PlatformOutbox(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventListener
    void on(TicketChanged change) {
        Ticket t = change.ticket();
        if (t.platformOrderId() == null) {
            return;
        }
        TicketAction action = change.event().action();
        Instant at = change.event().at();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ticketNumber", t.number());
        Submission kind = null;
        if (action == TicketAction.SIGN) {
            kind = Submission.SIGN;
            body.put("signedBy", change.event().actor());
            body.put("signedAt", at.toString());
        } else if (action == TicketAction.REPLY_TO_CITIZEN || action == TicketAction.ANSWER_DIRECTLY) {
            kind = Submission.RESULT;
            body.put("resultText", t.citizenReply());
            // answered directly from the knowledge base: the hotline itself handled it
            body.put("handlingDepartment", t.departmentId() == null ? "hotline" : t.departmentId());
            body.put("repliedAt", at.toString());
        } else if (action == TicketAction.APPROVE_REQUEST && change.reviewedRequest() != null) {
            DepartmentRequest request = change.reviewedRequest().kind();
            if (request == DepartmentRequest.RETURN) {
                kind = Submission.RETURN_APPLICATION;
                body.put("reason", change.reviewedRequest().reason());
                body.put("appliedAt", at.toString());
            } else if (request == DepartmentRequest.EXTENSION) {
                kind = Submission.EXTENSION_APPLICATION;
                body.put("reason", change.reviewedRequest().reason());
                body.put("requestedWorkingDays", change.reviewedRequest().extensionWorkingDays());
                body.put("appliedAt", at.toString());
            }
        }
        if (kind != null) {
            jdbc.sql("""
                            insert into platform_outbox (id, order_id, kind, payload, status, attempts, next_attempt_at, created_at)
                            values (?, ?, ?, ?, 'PENDING', 0, ?, ?)""")
                    .params(UUID.randomUUID(), t.platformOrderId(), kind.name(), json.writeValueAsString(body),
                            Timestamp.from(at), Timestamp.from(at))
                    .update();
        }
    }
}
