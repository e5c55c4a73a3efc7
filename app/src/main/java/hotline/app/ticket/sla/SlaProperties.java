package hotline.app.ticket.sla;

import hotline.app.ticket.sla.model.SlaPolicy;
import hotline.app.ticket.sla.model.SlaTarget;
import hotline.app.ticket.sla.model.WorkingCalendar;
import hotline.app.ticket.model.Category;
import hotline.app.ticket.model.Priority;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SLA configuration: targets per priority, overrides per category, the working calendar, and how the
 * automatic urging runs. Every problem is reported at start-up, all at once.
 *
 * <pre>
 * hotline.sla.priority.NORMAL=3 working-days   hotline.sla.category.PIPE_BURST=2 hours
 * </pre>
 */
@ConfigurationProperties("hotline.sla")
public record SlaProperties(
        Map<Priority, String> priority,
        Map<Category, String> category,
        Double nearDueFraction,
        String zone,
        LocalTime endOfWorkday,
        Set<LocalDate> holidays,
        Set<LocalDate> makeUpWorkdays,
        Duration urgeInterval,
        Duration scanInterval) {

    public SlaProperties {
        priority = priority == null ? Map.of() : priority;
        category = category == null ? Map.of() : category;
        nearDueFraction = nearDueFraction == null ? 0.25 : nearDueFraction;
        zone = zone == null ? "Asia/Shanghai" : zone;
        endOfWorkday = endOfWorkday == null ? LocalTime.of(18, 0) : endOfWorkday;
        holidays = holidays == null ? Set.of() : holidays;
        makeUpWorkdays = makeUpWorkdays == null ? Set.of() : makeUpWorkdays;
        urgeInterval = urgeInterval == null ? Duration.ofHours(4) : urgeInterval;
        scanInterval = scanInterval == null ? Duration.ofMinutes(1) : scanInterval;
    }

    public SlaPolicy toPolicy() {
        List<String> problems = new ArrayList<>();
        ZoneId zoneId = null;
        try {
            zoneId = ZoneId.of(zone);
        } catch (RuntimeException e) {
            problems.add("hotline.sla.zone: unknown time zone '" + zone + "'");
        }
        Map<Priority, SlaTarget> byPriority = new EnumMap<>(Priority.class);
        byPriority.putAll(Map.of(Priority.URGENT, SlaTarget.hours(4), Priority.HIGH, SlaTarget.workingDays(1),
                Priority.NORMAL, SlaTarget.workingDays(3), Priority.LOW, SlaTarget.workingDays(5)));
        priority.forEach((p, text) -> parse("hotline.sla.priority." + p, text, problems)
                .ifPresent(t -> byPriority.put(p, t)));
        Map<Category, SlaTarget> byCategory = new EnumMap<>(Category.class);
        category.forEach((c, text) -> parse("hotline.sla.category." + c, text, problems)
                .ifPresent(t -> byCategory.put(c, t)));
        if (!(nearDueFraction > 0 && nearDueFraction < 1)) {
            problems.add("hotline.sla.near-due-fraction: must be between 0 and 1, was " + nearDueFraction);
        }
        for (LocalDate day : holidays) {
            if (makeUpWorkdays.contains(day)) {
                problems.add("hotline.sla: " + day + " is both a holiday and a make-up working day");
            }
        }
        if (urgeInterval.isNegative() || urgeInterval.isZero()) {
            problems.add("hotline.sla.urge-interval: must be positive");
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("invalid SLA configuration:\n  " + String.join("\n  ", problems));
        }
        return new SlaPolicy(new WorkingCalendar(zoneId, holidays, makeUpWorkdays, endOfWorkday),
                byPriority, byCategory, nearDueFraction);
    }

    private static java.util.Optional<SlaTarget> parse(String key, String text, List<String> problems) {
        String[] parts = text == null ? new String[0] : text.trim().split("\\s+");
        if (parts.length == 2) {
            try {
                int amount = Integer.parseInt(parts[0]);
                switch (parts[1]) {
                    case "hours", "hour", "h" -> { return java.util.Optional.of(SlaTarget.hours(amount)); }
                    case "working-days", "working-day", "wd" -> { return java.util.Optional.of(SlaTarget.workingDays(amount)); }
                    default -> { }
                }
            } catch (IllegalArgumentException ignored) {
                // reported below with the key that carries it
            }
        }
        problems.add(key + ": expected '<n> hours' or '<n> working-days', was '" + text + "'");
        return java.util.Optional.empty();
    }
}
