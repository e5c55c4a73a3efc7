package hotline.app.ticket.sla.model;

import hotline.app.ticket.model.Category;
import hotline.app.ticket.model.Priority;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;

/**
 * The SLA clock: a deadline per category and priority, and when a ticket counts as near due.
 *
 * <p>A category override (e.g. pipe bursts: 2 h whatever the priority) wins over the priority default.
 * Near due starts when less than {@code nearDueFraction} of the allowed time is left.
 */
public final class SlaPolicy {

    private final WorkingCalendar calendar;
    private final Map<Priority, SlaTarget> byPriority;
    private final Map<Category, SlaTarget> byCategory;
    private final double nearDueFraction;

    public SlaPolicy(WorkingCalendar calendar, Map<Priority, SlaTarget> byPriority,
                     Map<Category, SlaTarget> byCategory, double nearDueFraction) {
        this.calendar = Objects.requireNonNull(calendar, "calendar");
        this.byPriority = Map.copyOf(byPriority);
        this.byCategory = Map.copyOf(byCategory);
        for (Priority p : Priority.values()) {
            if (!this.byPriority.containsKey(p)) {
                throw new IllegalArgumentException("no SLA target for priority " + p);
            }
        }
        if (!(nearDueFraction > 0 && nearDueFraction < 1)) {
            throw new IllegalArgumentException("nearDueFraction must be between 0 and 1, was " + nearDueFraction);
        }
        this.nearDueFraction = nearDueFraction;
    }

    public WorkingCalendar calendar() {
        return calendar;
    }

    public SlaTarget targetFor(Category category, Priority priority) {
        if (category != null && byCategory.containsKey(category)) {
            return byCategory.get(category);
        }
        return byPriority.get(priority);
    }

    public SlaDeadline deadline(Instant start, Category category, Priority priority) {
        return deadline(start, targetFor(category, priority));
    }

    public SlaDeadline deadline(Instant start, SlaTarget target) {
        Instant due = switch (target.unit()) {
            case CALENDAR_HOURS -> start.plus(Duration.ofHours(target.amount()));
            case WORKING_DAYS -> endOfWorkingDay(calendar.nthWorkingDayAfter(localDate(start), target.amount()));
        };
        return new SlaDeadline(due, nearDueAt(start, due));
    }

    /** The deadline moved by an approved extension of some working days, counted from the old deadline. */
    public SlaDeadline extend(Instant start, Instant currentDue, int workingDays) {
        Instant due = endOfWorkingDay(calendar.nthWorkingDayAfter(localDate(currentDue), workingDays));
        return new SlaDeadline(due, nearDueAt(start, due));
    }

    private Instant nearDueAt(Instant start, Instant due) {
        long allowed = Duration.between(start, due).toSeconds();
        return due.minusSeconds(Math.max(1, Math.round(allowed * nearDueFraction)));
    }

    private LocalDate localDate(Instant instant) {
        return instant.atZone(calendar.zone()).toLocalDate();
    }

    private Instant endOfWorkingDay(LocalDate day) {
        return day.atTime(calendar.endOfWorkday()).atZone(calendar.zone()).toInstant();
    }
}
