package hotline.infra.platform12345;

import java.time.Instant;

/** What a caller of {@code POST /api/orders} may fix; every null field is filled with demo content. */
public record OrderDraft(String title, String content, OrderCategory category, String citizenName,
                         String citizenPhone, String address, String district, String street, Instant dueAt) {

    public static OrderDraft empty() {
        return new OrderDraft(null, null, null, null, null, null, null, null, null);
    }

    public static OrderDraft ofCategory(OrderCategory category) {
        return new OrderDraft(null, null, category, null, null, null, null, null, null);
    }
}
