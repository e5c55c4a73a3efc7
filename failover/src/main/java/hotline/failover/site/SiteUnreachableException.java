package hotline.failover.site;

/** The site (its app, or its database) did not answer within the timeout, or answered with an error. */
public class SiteUnreachableException extends RuntimeException {

    public SiteUnreachableException(String message) {
        super(message);
    }

    public SiteUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
