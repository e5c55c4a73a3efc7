package hotline.app.web;

import java.net.URI;

/**
 * The stable {@code type} of every problem response (RFC 9457). Clients switch on these, never on text.
 */
public enum ProblemType {
    MALFORMED_REQUEST("malformed-request", "Malformed request"),
    INVALID_INPUT("invalid-input", "Invalid input"),
    ILLEGAL_TRANSITION("illegal-transition", "Action not possible in the current state"),
    NOT_PERMITTED("not-permitted", "Not permitted"),
    NOT_FOUND("not-found", "Not found"),
    STALE_VERSION("stale-version", "Changed by someone else"),
    CONFLICT("conflict", "Conflict"),
    PAYLOAD_TOO_LARGE("payload-too-large", "Request too large"),
    UNAUTHENTICATED("unauthenticated", "Login required"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type"),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed"),
    UNAVAILABLE("unavailable", "Temporarily unavailable"),
    CORRUPT_DATA("corrupt-data", "Stored data is corrupt"),
    SITE_NOT_ACTIVE("site-not-active", "This site is not the active site"),
    SITE_FENCED("site-fenced", "This site is fenced"),
    STALE_EPOCH("stale-epoch", "Stale epoch"),
    NOT_LEAD_REPLICA("not-lead-replica", "Not this site's lead replica");

    private static final String BASE = "https://hotline-ha.example/problems/";

    private final URI uri;
    private final String title;

    ProblemType(String slug, String title) {
        this.uri = URI.create(BASE + slug);
        this.title = title;
    }

    public URI uri() {
        return uri;
    }

    public String title() {
        return title;
    }
}
