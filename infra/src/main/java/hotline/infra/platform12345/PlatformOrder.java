package hotline.infra.platform12345;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** A work order the platform dispatched, and what the hotline has told the platform about it since. */
public final class PlatformOrder {

    private final String orderId;
    private final Instant dispatchedAt;
    private final Instant dueAt;
    private final String title;
    private final String content;
    private final OrderCategory category;
    private final String citizenName;
    private final String citizenPhone;
    private final String address;
    private final String district;
    private final String street;

    private OrderStatus status = OrderStatus.DISPATCHING;
    private String ticketId;
    private String ticketNumber;
    private int dispatchAttempts;
    private String lastDispatchProblem;
    private final List<Submission> submissions = new ArrayList<>();

    PlatformOrder(String orderId, Instant dispatchedAt, Instant dueAt, String title, String content,
                  OrderCategory category, String citizenName, String citizenPhone, String address,
                  String district, String street) {
        this.orderId = orderId;
        this.dispatchedAt = dispatchedAt;
        this.dueAt = dueAt;
        this.title = title;
        this.content = content;
        this.category = category;
        this.citizenName = citizenName;
        this.citizenPhone = citizenPhone;
        this.address = address;
        this.district = district;
        this.street = street;
    }

    public String orderId() {
        return orderId;
    }

    public OrderCategory category() {
        return category;
    }

    public String district() {
        return district;
    }

    public String citizenPhone() {
        return citizenPhone;
    }

    public synchronized OrderStatus status() {
        return status;
    }

    public synchronized String ticketNumber() {
        return ticketNumber;
    }

    public synchronized String ticketId() {
        return ticketId;
    }

    public synchronized int dispatchAttempts() {
        return dispatchAttempts;
    }

    public synchronized List<Submission> submissions() {
        return List.copyOf(submissions);
    }

    synchronized void recordDispatchAttempt(String problem) {
        dispatchAttempts++;
        lastDispatchProblem = problem;
    }

    synchronized void markDispatched(String ticketId, String ticketNumber) {
        this.ticketId = ticketId;
        this.ticketNumber = ticketNumber;
        this.lastDispatchProblem = null;
        if (status == OrderStatus.DISPATCHING) {
            status = OrderStatus.DISPATCHED;
        }
    }

    synchronized void accept(Submission submission) {
        submissions.add(submission);
        status = submission.kind().resultingStatus();
        if (ticketNumber == null && submission.body().hasNonNull("ticketNumber")) {
            // the hotline took the order but its answer to the dispatch was lost on the way back
            ticketNumber = submission.body().get("ticketNumber").asString();
        }
    }

    /** The body of {@code POST /api/platform12345/orders} (the contract with the hotline). */
    ObjectNode dispatchPayload() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("orderId", orderId);
        json.put("dispatchedAt", dispatchedAt.toString());
        json.put("dueAt", dueAt.toString());
        json.put("title", title);
        json.put("content", content);
        json.put("category", category.name());
        json.put("citizenName", citizenName);
        json.put("citizenPhone", citizenPhone);
        json.put("address", address);
        json.put("district", district);
        json.put("street", street);
        return json;
    }

    /** The control API's view: the dispatched fields plus status, ticket and submissions. */
    synchronized ObjectNode toJson() {
        ObjectNode json = dispatchPayload();
        json.put("status", status.name());
        json.put("ticketId", ticketId);
        json.put("ticketNumber", ticketNumber);
        json.put("dispatchAttempts", dispatchAttempts);
        json.put("lastDispatchProblem", lastDispatchProblem);
        ArrayNode list = json.putArray("submissions");
        for (Submission s : submissions) {
            ObjectNode item = list.addObject();
            item.put("kind", s.kind().pathSegment());
            item.put("idempotencyKey", s.idempotencyKey());
            item.put("receivedAt", s.receivedAt().toString());
            item.set("body", s.body());
        }
        return json;
    }

    synchronized String lastDispatchProblem() {
        return lastDispatchProblem;
    }

    String title() {
        return title;
    }

    Instant dueAt() {
        return dueAt;
    }
}
