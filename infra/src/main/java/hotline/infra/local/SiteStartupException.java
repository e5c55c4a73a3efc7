package hotline.infra.local;

/** A site did not come up; the message says why and quotes the end of its log. */
public class SiteStartupException extends RuntimeException {
    public SiteStartupException(String message) {
        super(message);
    }
}
