package hotline.infra.platform12345;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What the hotline can submit about an order, with the path segment and the fields each must carry. */
public enum SubmissionKind {
    SIGN("sign", OrderStatus.SIGNED, List.of("ticketNumber", "signedBy"), "signedAt"),
    RESULT("result", OrderStatus.RESULT_RECEIVED, List.of("ticketNumber", "resultText", "handlingDepartment"), "repliedAt"),
    RETURN_APPLICATION("return-applications", OrderStatus.RETURN_APPLIED, List.of("ticketNumber", "reason"), "appliedAt"),
    EXTENSION_APPLICATION("extension-applications", OrderStatus.EXTENSION_APPLIED, List.of("ticketNumber", "reason"), "appliedAt");

    private final String pathSegment;
    private final OrderStatus resultingStatus;
    private final List<String> requiredText;
    private final String timestampField;

    SubmissionKind(String pathSegment, OrderStatus resultingStatus, List<String> requiredText, String timestampField) {
        this.pathSegment = pathSegment;
        this.resultingStatus = resultingStatus;
        this.requiredText = requiredText;
        this.timestampField = timestampField;
    }

    public String pathSegment() {
        return pathSegment;
    }

    public OrderStatus resultingStatus() {
        return resultingStatus;
    }

    List<String> requiredText() {
        return requiredText;
    }

    String timestampField() {
        return timestampField;
    }

    static Optional<SubmissionKind> fromPathSegment(String segment) {
        return Arrays.stream(values()).filter(k -> k.pathSegment.equals(segment)).findFirst();
    }
}
