package hotline.failover.site;

/**
 * The site answered, and refused: an HTTP error status with its RFC 9457 problem ({@code type}, {@code title},
 * {@code detail}). Unlike {@link SiteUnreachableException} this is an answer: retrying the same call will get the
 * same refusal until the site's state changes (e.g. "site b is not ACTIVE", a stale epoch, bad credentials).
 */
public class SiteRefusedException extends RuntimeException {

    private final String site;
    private final int status;
    private final String type;
    private final String title;
    private final String detail;

    public SiteRefusedException(String site, String call, int status, String type, String title, String detail) {
        super("site " + site + " refused " + call + " (HTTP " + status
                + (type == null || type.isBlank() ? "" : ", " + type) + "): "
                + (detail != null && !detail.isBlank() ? detail : title != null ? title : "no detail"));
        this.site = site;
        this.status = status;
        this.type = type;
        this.title = title;
        this.detail = detail;
    }

    public String site() {
        return site;
    }

    public int status() {
        return status;
    }

    /** The problem's stable {@code type} URI, or {@code null} when the answer was not a problem document. */
    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return detail;
    }
}
