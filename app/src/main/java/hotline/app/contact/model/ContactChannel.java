package hotline.app.contact.model;

import hotline.app.ticket.model.Channel;

/** How a contact reached the hotline. */
public enum ContactChannel {
    PHONE_IN,
    PHONE_OUT,
    WEB,
    WECHAT;

    /** The ticket channel a ticket created from this contact records. */
    public Channel ticketChannel() {
        return switch (this) {
            case PHONE_IN, PHONE_OUT -> Channel.PHONE;
            case WEB -> Channel.WEB;
            case WECHAT -> Channel.WECHAT;
        };
    }

    public boolean isCall() {
        return this == PHONE_IN || this == PHONE_OUT;
    }
}
