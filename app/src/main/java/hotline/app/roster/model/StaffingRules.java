package hotline.app.roster.model;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The minimum-staffing rules of the contract (DOMAIN.md, "Staffing and rosters") and the validator that
 * names every slot breaking one.
 *
 * <ol>
 *   <li>Working-day daytime: the project lead and at least 5 agents.</li>
 *   <li>Daytime on a weekend or public holiday: at least 2 agents.</li>
 *   <li>Night: at least 1 agent; 2 during a flood-season response (level III, II or I) or on a
 *       heavy-rain night.</li>
 *   <li>Nobody works two shifts back to back (day then night, or night then the next day).</li>
 * </ol>
 * The lead counts as the lead, not as one of the agents.
 */
public final class StaffingRules {

    private StaffingRules() {
    }

    public static Requirement minimum(DayConditions day, Shift shift) {
        if (shift == Shift.DAY) {
            return day.workingDay()
                    ? new Requirement(5, true, "working-day daytime needs the project lead and at least 5 agents")
                    : new Requirement(2, false, "daytime on a holiday or weekend needs at least 2 agents");
        }
        if (day.floodLevel().isActive()) {
            return new Requirement(2, false, "nights during flood-season response level " + day.floodLevel()
                    + " need at least 2 agents");
        }
        if (day.heavyRainNight()) {
            return new Requirement(2, false, "heavy-rain nights need at least 2 agents");
        }
        return new Requirement(1, false, "nights need at least 1 agent");
    }

    /** Every broken rule, slot by slot in day and shift order. Days without conditions are not checked. */
    public static List<Violation> validate(List<DayConditions> days, Map<LocalDate, Map<Shift, List<Member>>> roster) {
        List<Violation> violations = new ArrayList<>();
        Set<String> previousNight = Set.of();
        LocalDate previousDay = null;
        for (DayConditions day : days.stream().sorted((a, b) -> a.day().compareTo(b.day())).toList()) {
            Map<Shift, List<Member>> slots = roster.getOrDefault(day.day(), Map.of());
            Set<String> dayShift = new HashSet<>();
            for (Shift shift : Shift.values()) {
                List<Member> members = slots.getOrDefault(shift, List.of());
                Requirement need = minimum(day, shift);
                long agents = members.stream().filter(m -> !m.lead()).count();
                boolean lead = members.stream().anyMatch(Member::lead);
                if (need.leadRequired() && !lead) {
                    violations.add(new Violation(day.day(), shift, "no project lead on duty; " + need.rule()));
                }
                if (agents < need.agents()) {
                    violations.add(new Violation(day.day(), shift, agents + " agent" + (agents == 1 ? "" : "s")
                            + " on duty, " + (need.agents() - agents) + " short; " + need.rule()));
                }
                Set<String> names = new HashSet<>();
                members.forEach(m -> names.add(m.username()));
                if (shift == Shift.DAY) {
                    dayShift = names;
                    if (previousDay != null && previousDay.plusDays(1).equals(day.day())) {
                        for (String name : sorted(names)) {
                            if (previousNight.contains(name)) {
                                violations.add(new Violation(day.day(), shift, name
                                        + " worked the night before; no back-to-back shifts"));
                            }
                        }
                    }
                } else {
                    for (String name : sorted(names)) {
                        if (dayShift.contains(name)) {
                            violations.add(new Violation(day.day(), shift, name
                                    + " is also on the day shift; no back-to-back shifts"));
                        }
                    }
                    previousNight = names;
                }
            }
            previousDay = day.day();
        }
        return violations;
    }

    private static List<String> sorted(Set<String> names) {
        return names.stream().sorted().toList();
    }
}
