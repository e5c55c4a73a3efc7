package hotline.app.ticket.model;

/** Where a ticket came from. */
public enum Channel {
    PHONE,
    WEB,
    WECHAT,
    PLATFORM_12345,
    WALK_IN
}
