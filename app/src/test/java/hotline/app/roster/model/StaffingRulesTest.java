package hotline.app.roster.model;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class StaffingRulesTest {

    private static final LocalDate MONDAY = LocalDate.of(2031, 3, 3);
    private static final HolidayCalendar CALENDAR = new HolidayCalendar(Set.of(MONDAY.plusDays(2)), Set.of());

    private static List<Member> agents(String... names) {
        return java.util.Arrays.stream(names).map(n -> new Member(n, false)).toList();
    }

    private final Map<LocalDate, Map<Shift, List<Member>>> roster = new HashMap<>();

    private void put(LocalDate day, Shift shift, List<Member> members) {
        roster.computeIfAbsent(day, d -> new EnumMap<>(Shift.class)).put(shift, members);
    }

    @Test
    void aFullyStaffedWorkingDayAndNightPass() {
        List<Member> day = new java.util.ArrayList<>(agents("a1", "a2", "a3", "a4", "a5"));
        day.add(new Member("lead", true));
        put(MONDAY, Shift.DAY, day);
        put(MONDAY, Shift.NIGHT, agents("a6"));
        assertThat(StaffingRules.validate(List.of(DayConditions.ordinary(MONDAY, CALENDAR)), roster)).isEmpty();
    }

    @Test
    void namesEverySlotThatBreaksARule() {
        put(MONDAY, Shift.DAY, agents("a1", "a2", "a3", "a4"));
        put(MONDAY, Shift.NIGHT, agents("a4"));
        LocalDate holiday = MONDAY.plusDays(2);
        put(holiday, Shift.DAY, agents("a1"));
        put(holiday, Shift.NIGHT, agents("a2"));
        List<DayConditions> days = List.of(DayConditions.ordinary(MONDAY, CALENDAR),
                new DayConditions(holiday, false, FloodLevel.II, false, 0));

        assertThat(StaffingRules.validate(days, roster)).extracting(Violation::toString).containsExactly(
                "2031-03-03 DAY: no project lead on duty; working-day daytime needs the project lead and at least 5 agents",
                "2031-03-03 DAY: 4 agents on duty, 1 short; working-day daytime needs the project lead and at least 5 agents",
                "2031-03-03 NIGHT: a4 is also on the day shift; no back-to-back shifts",
                "2031-03-05 DAY: 1 agent on duty, 1 short; daytime on a holiday or weekend needs at least 2 agents",
                "2031-03-05 NIGHT: 1 agent on duty, 1 short; nights during flood-season response level II need at least 2 agents");
    }

    @Test
    void heavyRainNightsNeedTwoAndOrdinaryNightsOne() {
        DayConditions rain = new DayConditions(MONDAY, true, FloodLevel.NONE, true, 0);
        assertThat(StaffingRules.minimum(rain, Shift.NIGHT).agents()).isEqualTo(2);
        assertThat(StaffingRules.minimum(DayConditions.ordinary(MONDAY, CALENDAR), Shift.NIGHT).agents()).isEqualTo(1);
        assertThat(StaffingRules.minimum(DayConditions.ordinary(MONDAY.plusDays(5), CALENDAR), Shift.DAY).agents()).isEqualTo(2);
    }

    @Test
    void aNightFollowedByTheNextDayShiftIsBackToBack() {
        DayConditions first = DayConditions.ordinary(MONDAY.plusDays(5), CALENDAR);
        DayConditions second = DayConditions.ordinary(MONDAY.plusDays(6), CALENDAR);
        put(first.day(), Shift.DAY, agents("a1", "a2"));
        put(first.day(), Shift.NIGHT, agents("a3"));
        put(second.day(), Shift.DAY, agents("a3", "a4"));
        put(second.day(), Shift.NIGHT, agents("a5"));
        assertThat(StaffingRules.validate(List.of(first, second), roster)).extracting(Violation::toString)
                .containsExactly("2031-03-09 DAY: a3 worked the night before; no back-to-back shifts");
    }

    @Test
    void makeUpWorkdaysAreWorkingDaysAndHolidaysAreNot() {
        HolidayCalendar c = new HolidayCalendar(Set.of(LocalDate.of(2026, 10, 1)), Set.of(LocalDate.of(2026, 10, 10)));
        assertThat(c.isWorkingDay(LocalDate.of(2026, 10, 1))).isFalse();
        assertThat(c.isWorkingDay(LocalDate.of(2026, 10, 10))).isTrue();
        assertThat(c.isWorkingDay(LocalDate.of(2026, 10, 11))).isFalse();
    }

    @Test
    void forecastAveragesTheWeekdayHourOverTheWeeksAppliesTheUpliftAndImpliesAgents() {
        long[][] history = new long[7][24];
        history[0][10] = 96;  // Mondays 10:00, over 4 weeks: 24 an hour
        history[0][2] = 8;
        VolumeForecast f = new VolumeForecast(history, 4, 300, 0.8);
        List<VolumeForecast.Hour> hours = f.forecast(MONDAY, 50);
        assertThat(hours.get(10).expectedContacts()).isEqualByComparingTo("36.0");
        // 36 contacts × 300 s / (3600 s × 0.8) = 3.75 → 4 agents
        assertThat(hours.get(10).agentsNeeded()).isEqualTo(4);
        assertThat(hours.get(2).expectedContacts()).isEqualByComparingTo("3.0");
        assertThat(VolumeForecast.agentsNeeded(hours, Shift.DAY)).isEqualTo(4);
        assertThat(VolumeForecast.agentsNeeded(hours, Shift.NIGHT)).isEqualTo(1);
        assertThat(f.forecast(MONDAY.plusDays(1), 0)).allSatisfy(h -> assertThat(h.agentsNeeded()).isZero());
    }
}
