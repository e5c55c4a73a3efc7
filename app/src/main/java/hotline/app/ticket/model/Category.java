package hotline.app.ticket.model;

/** What a contact is about. The same codes are used by the 12345 platform adapter. */
public enum Category {
    WATER_SUPPLY_OUTAGE(true),
    LOW_PRESSURE(false),
    PIPE_BURST(true),
    WATER_QUALITY(false),
    METER_BILLING(false),
    WATERLOGGING(true),
    SEWAGE_OVERFLOW(false),
    DRAINAGE_FACILITY(false),
    SERVICE_ATTITUDE(false),
    OTHER(false);

    private final boolean emergency;

    Category(boolean emergency) {
        this.emergency = emergency;
    }

    /** Emergencies (bursts, outages, waterlogging) jump the contact queue. */
    public boolean isEmergency() {
        return emergency;
    }
}
