package hotline.app.site.model;

/** A role change that would break the site invariants; the message says what to do instead. */
public class IllegalSiteTransitionException extends RuntimeException {
    public IllegalSiteTransitionException(String message) {
        super(message);
    }
}
