package hotline.app.ticket.sla.model;

/**
 * How long handling may take: either calendar hours (emergencies run around the clock) or working
 * days counted from the day after acceptance, ending at the end of the last working day ("N个工作日内办结").
 */
public record SlaTarget(Unit unit, int amount) {

    public enum Unit {
        CALENDAR_HOURS,
        WORKING_DAYS
    }

    public SlaTarget {
        if (unit == null) {
            throw new IllegalArgumentException("unit is required");
        }
        if (amount < 1) {
            throw new IllegalArgumentException("amount must be at least 1, was " + amount);
        }
    }

    public static SlaTarget hours(int hours) {
        return new SlaTarget(Unit.CALENDAR_HOURS, hours);
    }

    public static SlaTarget workingDays(int days) {
        return new SlaTarget(Unit.WORKING_DAYS, days);
    }

    @Override
    public String toString() {
        return unit == Unit.CALENDAR_HOURS ? amount + " h" : amount + " working days";
    }
}
