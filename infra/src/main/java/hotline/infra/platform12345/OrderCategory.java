package hotline.infra.platform12345;

/** Work-order categories of the contract between the 12345 platform and the water hotline. */
public enum OrderCategory {
    WATER_SUPPLY_OUTAGE, LOW_PRESSURE, PIPE_BURST, WATER_QUALITY, METER_BILLING,
    WATERLOGGING, SEWAGE_OVERFLOW, DRAINAGE_FACILITY, SERVICE_ATTITUDE, OTHER;

    /** Categories that endanger supply or safety get a short deadline. */
    boolean urgent() {
        return this == WATER_SUPPLY_OUTAGE || this == PIPE_BURST || this == WATERLOGGING || this == SEWAGE_OVERFLOW;
    }
}
