package hotline.app.roster;

import hotline.app.account.Account;
import hotline.app.account.AccountRepository;
import hotline.app.account.model.Actor;
import hotline.app.account.model.Role;
import hotline.app.kpi.KpiService;
import hotline.app.roster.model.DayConditions;
import hotline.app.roster.model.FloodLevel;
import hotline.app.roster.model.HolidayCalendar;
import hotline.app.roster.model.Member;
import hotline.app.roster.model.Requirement;
import hotline.app.roster.model.Shift;
import hotline.app.roster.model.StaffingRules;
import hotline.app.roster.model.Violation;
import hotline.app.roster.model.VolumeForecast;
import hotline.app.web.ApiException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Rosters for 7×24 service: shifts, the day's conditions, the minimum-staffing validator, the volume
 * forecast and the staffing it implies, attendance, handover notes, staff movements, and the backup-site
 * seat plan used by the failover seat switch ({@link #backupSeatPlan}).
 */
@Service
public class RosterService {

    public static final int MAX_DAYS = 62;

    private final RosterRepository repository;
    private final AccountRepository accounts;
    private final RosterProperties properties;
    private final KpiService kpis;
    private final Clock clock;

    RosterService(RosterRepository repository, AccountRepository accounts, RosterProperties properties, KpiService kpis,
                  Clock clock) {
        this.repository = repository;
        this.accounts = accounts;
        this.properties = properties;
        this.kpis = kpis;
        this.clock = clock;
    }

    public record SlotView(Shift shift, List<String> staff, Requirement minimum, int forecastAgents) {
    }

    public record DayView(LocalDate day, boolean workingDay, FloodLevel floodLevel, boolean heavyRainNight,
                          int upliftPercent, String note, List<SlotView> slots) {
    }

    public record RosterView(LocalDate from, LocalDate to, List<DayView> days, List<Violation> violations) {
    }

    /** The roster of [from, to): every day with its conditions, slots, minimums and forecast need, and every violation. */
    @Transactional(readOnly = true)
    public RosterView roster(LocalDate from, LocalDate to) {
        checkRange(from, to);
        List<DayConditions> conditions = conditions(from, to);
        Map<LocalDate, String> notes = new HashMap<>();
        repository.days(from, to).forEach(d -> notes.put(d.day(), d.note()));
        Map<LocalDate, Map<Shift, List<Member>>> slots = slots(from, to);
        VolumeForecast forecast = forecastModel(from);
        List<DayView> days = new ArrayList<>();
        for (DayConditions c : conditions) {
            List<VolumeForecast.Hour> hours = forecast.forecast(c.day(), c.upliftPercent());
            List<SlotView> views = new ArrayList<>();
            for (Shift shift : Shift.values()) {
                List<String> staff = slots.getOrDefault(c.day(), Map.of()).getOrDefault(shift, List.of()).stream()
                        .map(Member::username).toList();
                views.add(new SlotView(shift, staff, StaffingRules.minimum(c, shift), VolumeForecast.agentsNeeded(hours, shift)));
            }
            days.add(new DayView(c.day(), c.workingDay(), c.floodLevel(), c.heavyRainNight(), c.upliftPercent(),
                    notes.get(c.day()), views));
        }
        return new RosterView(from, to, days, StaffingRules.validate(conditions, slots));
    }

    @Transactional(readOnly = true)
    public List<Violation> validate(LocalDate from, LocalDate to) {
        checkRange(from, to);
        return StaffingRules.validate(conditions(from, to), slots(from, to));
    }

    /** Replaces who is on one shift. Every username must be an enabled agent or lead. */
    @Transactional
    public void assign(LocalDate day, Shift shift, List<String> usernames) {
        Map<String, Account> staff = staff();
        List<String> unique = List.copyOf(new LinkedHashSet<>(usernames));
        List<String> unknown = unique.stream().filter(u -> !staff.containsKey(u)).toList();
        if (!unknown.isEmpty()) {
            throw ApiException.invalid("usernames: not an enabled agent or lead: " + String.join(", ", unknown));
        }
        repository.replaceSlot(day, shift, unique);
    }

    @Transactional
    public void setConditions(LocalDate day, FloodLevel level, boolean heavyRainNight, int upliftPercent, String note) {
        if (upliftPercent < -90 || upliftPercent > 1000) {
            throw ApiException.invalid("upliftPercent must be between -90 and 1000, was " + upliftPercent);
        }
        repository.upsertDay(new RosterRepository.DayRow(day, level, heavyRainNight, upliftPercent, note));
    }

    public record ForecastView(LocalDate day, int upliftPercent, int historyWeeks, List<VolumeForecast.Hour> hours,
                               Map<Shift, Integer> agentsNeeded, Map<Shift, Requirement> minimum) {
    }

    /** The hourly forecast of a day from the weeks before it; {@code uplift} overrides the day's stored uplift. */
    @Transactional(readOnly = true)
    public ForecastView forecast(LocalDate day, Integer uplift) {
        DayConditions c = conditions(day, day.plusDays(1)).get(0);
        int u = uplift != null ? uplift : c.upliftPercent();
        if (u < -90 || u > 1000) {
            throw ApiException.invalid("uplift must be between -90 and 1000, was " + u);
        }
        List<VolumeForecast.Hour> hours = forecastModel(day).forecast(day, u);
        Map<Shift, Integer> need = new EnumMap<>(Shift.class);
        Map<Shift, Requirement> minimum = new EnumMap<>(Shift.class);
        for (Shift s : Shift.values()) {
            need.put(s, VolumeForecast.agentsNeeded(hours, s));
            minimum.put(s, StaffingRules.minimum(c, s));
        }
        return new ForecastView(day, u, properties.historyWeeks(), hours, need, minimum);
    }

    @Transactional
    public void recordAttendance(LocalDate day, Shift shift, String username, String status, String note, Actor actor) {
        if (!staff().containsKey(username)) {
            throw ApiException.invalid("username: " + username + " is not an enabled agent or lead");
        }
        repository.upsertAttendance(new RosterRepository.AttendanceRow(day, shift, username, status, note,
                actor.username(), clock.instant()));
    }

    @Transactional(readOnly = true)
    public List<RosterRepository.AttendanceRow> attendance(LocalDate day) {
        return repository.attendance(day);
    }

    @Transactional
    public RosterRepository.HandoverRow handover(LocalDate day, Shift shift, String note, Actor actor) {
        RosterRepository.HandoverRow row = new RosterRepository.HandoverRow(UUID.randomUUID(), day, shift,
                actor.username(), note.strip(), clock.instant());
        repository.insertHandover(row);
        return row;
    }

    @Transactional(readOnly = true)
    public List<RosterRepository.HandoverRow> handovers(LocalDate day) {
        return repository.handovers(day);
    }

    @Transactional
    public RosterRepository.MovementRow recordMovement(String username, String kind, LocalDate onDay, String note) {
        RosterRepository.MovementRow row = new RosterRepository.MovementRow(UUID.randomUUID(), username, kind, onDay, note);
        repository.insertMovement(row);
        return row;
    }

    @Transactional(readOnly = true)
    public List<RosterRepository.MovementRow> movements(LocalDate from, LocalDate to) {
        return repository.movements(from, to);
    }

    /** Today in the hotline's zone: the day whose backup-seat plan a seat switch uses now. */
    public LocalDate today() {
        return LocalDate.now(clock.withZone(kpis.zone()));
    }

    /**
     * Who takes the backup site's seats on {@code day}, in priority order (at most {@code hotline.roster.backup-seats}).
     * The lead's explicit list for the day wins; otherwise the people rostered that day (the lead first, then
     * by roster priority and name), then the rest of the enabled team by roster priority.
     */
    @Transactional(readOnly = true)
    public BackupSeatPlan backupSeatPlan(LocalDate day) {
        Map<String, Account> staff = staff();
        int seats = properties.backupSeats();
        List<String> explicit = repository.explicitBackupSeats(day);
        Map<String, String> shiftOf = new LinkedHashMap<>();
        for (RosterRepository.AssignmentRow a : repository.assignments(day, day.plusDays(1))) {
            shiftOf.merge(a.username(), a.shift().name(), (x, y) -> x + "+" + y);
        }
        List<String> order;
        String source;
        if (!explicit.isEmpty()) {
            order = explicit;
            source = "EXPLICIT";
        } else {
            Comparator<Account> byPriority = Comparator.comparing((Account a) -> a.role() != Role.LEAD)
                    .thenComparingInt(Account::rosterPriority).thenComparing(Account::username);
            List<String> rostered = shiftOf.keySet().stream().filter(staff::containsKey).map(staff::get)
                    .sorted(byPriority).map(Account::username).toList();
            List<String> rest = staff.values().stream().filter(a -> !shiftOf.containsKey(a.username()))
                    .sorted(byPriority).map(Account::username).toList();
            order = new ArrayList<>(rostered);
            order.addAll(rest);
            source = "ROSTER";
        }
        List<BackupSeatPlan.Seat> assignments = new ArrayList<>();
        for (String username : order) {
            if (assignments.size() == seats) {
                break;
            }
            Account a = staff.get(username);
            assignments.add(new BackupSeatPlan.Seat(assignments.size() + 1, username,
                    a == null ? username : a.displayName(), shiftOf.get(username)));
        }
        return new BackupSeatPlan(day, source, seats, assignments);
    }

    /** Sets the day's backup-seat list explicitly (an empty list goes back to the derived plan). */
    @Transactional
    public BackupSeatPlan setBackupSeats(LocalDate day, List<String> usernames) {
        List<String> unique = List.copyOf(new LinkedHashSet<>(usernames));
        if (unique.size() != usernames.size()) {
            throw ApiException.invalid("usernames: each person takes one seat; duplicates in " + usernames);
        }
        if (unique.size() > properties.backupSeats()) {
            throw ApiException.invalid("usernames: the backup site has " + properties.backupSeats() + " seats, "
                    + unique.size() + " people were listed");
        }
        Map<String, Account> staff = staff();
        List<String> unknown = unique.stream().filter(u -> !staff.containsKey(u)).toList();
        if (!unknown.isEmpty()) {
            throw ApiException.invalid("usernames: not an enabled agent or lead: " + String.join(", ", unknown));
        }
        repository.replaceBackupSeats(day, unique);
        return backupSeatPlan(day);
    }

    public HolidayCalendar calendar() {
        return properties.calendar();
    }

    private List<DayConditions> conditions(LocalDate from, LocalDate to) {
        HolidayCalendar calendar = properties.calendar();
        Map<LocalDate, RosterRepository.DayRow> stored = new HashMap<>();
        repository.days(from, to).forEach(d -> stored.put(d.day(), d));
        List<DayConditions> days = new ArrayList<>();
        for (LocalDate d = from; d.isBefore(to); d = d.plusDays(1)) {
            RosterRepository.DayRow row = stored.get(d);
            days.add(row == null ? DayConditions.ordinary(d, calendar)
                    : new DayConditions(d, calendar.isWorkingDay(d), row.floodLevel(), row.heavyRainNight(), row.upliftPercent()));
        }
        return days;
    }

    private Map<LocalDate, Map<Shift, List<Member>>> slots(LocalDate from, LocalDate to) {
        Map<String, Account> staff = staff();
        Map<LocalDate, Map<Shift, List<Member>>> slots = new HashMap<>();
        for (RosterRepository.AssignmentRow a : repository.assignments(from, to)) {
            Account account = staff.get(a.username());
            boolean lead = account != null && account.role() == Role.LEAD;
            slots.computeIfAbsent(a.day(), d -> new EnumMap<>(Shift.class))
                    .computeIfAbsent(a.shift(), s -> new ArrayList<>()).add(new Member(a.username(), lead));
        }
        return slots;
    }

    private VolumeForecast forecastModel(LocalDate day) {
        ZoneId zone = kpis.zone();
        int weeks = properties.historyWeeks();
        long[][] history = repository.hourlyHistory(day.minusWeeks(weeks).atStartOfDay(zone).toInstant(),
                day.atStartOfDay(zone).toInstant(), zone);
        return new VolumeForecast(history, weeks, (int) properties.handleTime().toSeconds(), properties.occupancy());
    }

    private Map<String, Account> staff() {
        Map<String, Account> staff = new LinkedHashMap<>();
        for (Role role : Set.of(Role.LEAD, Role.AGENT)) {
            accounts.findByRole(role).forEach(a -> staff.put(a.username(), a));
        }
        return staff;
    }

    private static void checkRange(LocalDate from, LocalDate to) {
        if (!from.isBefore(to) || from.plusDays(MAX_DAYS).isBefore(to)) {
            throw ApiException.invalid("from must be before to, at most " + MAX_DAYS + " days apart; was " + from + " to " + to);
        }
    }
}
