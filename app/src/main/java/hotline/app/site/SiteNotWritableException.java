package hotline.app.site;

import hotline.app.site.model.SiteState;

/** A write reached a site that must not accept it; carries the state that says where writes go. */
public class SiteNotWritableException extends RuntimeException {

    public enum Reason { NOT_ACTIVE, FENCED, STALE_EPOCH }

    private final Reason reason;
    private final SiteState state;
    private final Long requestEpoch;

    SiteNotWritableException(Reason reason, SiteState state, Long requestEpoch, String message) {
        super(message);
        this.reason = reason;
        this.state = state;
        this.requestEpoch = requestEpoch;
    }

    public Reason reason() {
        return reason;
    }

    public SiteState state() {
        return state;
    }

    public Long requestEpoch() {
        return requestEpoch;
    }
}
