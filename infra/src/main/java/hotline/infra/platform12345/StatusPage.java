package hotline.infra.platform12345;

import java.time.format.DateTimeFormatter;

/** The simulator's readable status page ({@code GET /}); personal data masked. */
final class StatusPage {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss").withZone(DemoOrders.CITY_ZONE);

    private StatusPage() {
    }

    static String render(PlatformSimulator simulator) {
        StringBuilder html = new StringBuilder(4096);
        html.append("<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">")
            .append("<meta http-equiv=\"refresh\" content=\"5\"><title>12345 平台模拟器</title>")
            .append("<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}")
            .append("td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}th{background:#eef}</style></head><body>")
            .append("<h1>12345 平台模拟器 / 12345 platform simulator</h1>")
            .append("<p>Dispatching to <code>").append(escape(simulator.config().hotlineBaseUrl().toString()))
            .append("</code>; auto-dispatch ")
            .append(simulator.config().autoDispatchInterval().isZero() ? "off"
                    : "every " + simulator.config().autoDispatchInterval().toSeconds() + " s")
            .append(". New order: <code>curl -X POST http://localhost:").append(simulator.port())
            .append("/api/orders</code>. JSON: <a href=\"/api/orders\">/api/orders</a></p>")
            .append("<table><tr><th>order</th><th>status</th><th>ticket</th><th>category</th><th>district</th>")
            .append("<th>title</th><th>citizen phone</th><th>due</th><th>attempts</th><th>submissions</th><th>last problem</th></tr>");
        java.util.List<PlatformOrder> newestFirst = new java.util.ArrayList<>(simulator.orders());
        java.util.Collections.reverse(newestFirst);
        for (PlatformOrder order : newestFirst) {
            html.append("<tr><td>").append(escape(order.orderId()))
                .append("</td><td>").append(order.status())
                .append("</td><td>").append(escape(String.valueOf(order.ticketNumber())))
                .append("</td><td>").append(order.category())
                .append("</td><td>").append(escape(order.district()))
                .append("</td><td>").append(escape(order.title()))
                .append("</td><td>").append(Masking.phone(order.citizenPhone()))
                .append("</td><td>").append(TIME.format(order.dueAt()))
                .append("</td><td>").append(order.dispatchAttempts())
                .append("</td><td>");
            order.submissions().forEach(s -> html.append(s.kind().pathSegment()).append(' '));
            html.append("</td><td>").append(escape(String.valueOf(order.lastDispatchProblem()))).append("</td></tr>");
        }
        return html.append("</table></body></html>").toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
