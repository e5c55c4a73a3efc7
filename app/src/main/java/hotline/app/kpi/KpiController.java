package hotline.app.kpi;

import hotline.app.kpi.model.Granularity;
import hotline.app.kpi.model.Kpi;
import hotline.app.kpi.model.MissItem;
import hotline.app.kpi.model.Period;
import hotline.app.web.ApiException;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * {@code GET /api/kpis?period=MONTH&date=2026-03-01&scope=OVERALL|DEPARTMENT|AGENT} — KPIs against targets;
 * {@code GET /api/kpis/misses?kpi=ON_TIME_COMPLETION&period=MONTH&date=…[&department=…][&agent=…]} — the
 * tickets (or calls, leavers) behind a miss.
 */
@RestController
@RequestMapping("/api/kpis")
class KpiController {

    private final KpiService kpis;

    KpiController(KpiService kpis) {
        this.kpis = kpis;
    }

    record KpiResponse(String period, String from, String to, KpiScope scope, List<KpiRow> rows) {
    }

    record MissResponse(Kpi kpi, String period, int count, List<MissItem> items) {
    }

    @GetMapping
    KpiResponse kpis(@RequestParam(defaultValue = "MONTH") Granularity period,
                     @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
                     @RequestParam(defaultValue = "OVERALL") KpiScope scope) {
        Period p = Period.containing(period, checked(date));
        return new KpiResponse(p.label(), p.start().toString(), p.end().toString(), scope, kpis.kpis(p, scope));
    }

    @GetMapping("/misses")
    MissResponse misses(@RequestParam Kpi kpi, @RequestParam(defaultValue = "MONTH") Granularity period,
                        @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
                        @RequestParam(required = false) String department, @RequestParam(required = false) String agent,
                        @RequestParam(defaultValue = "500") int limit) {
        if (limit < 1 || limit > 5000) {
            throw ApiException.invalid("limit must be between 1 and 5000, was " + limit);
        }
        Period p = Period.containing(period, checked(date));
        List<MissItem> items = kpis.misses(kpi, p, blankToNull(department), blankToNull(agent), limit);
        return new MissResponse(kpi, p.label(), items.size(), items);
    }

    static LocalDate checked(LocalDate date) {
        if (date.getYear() < 2000 || date.getYear() > 2100) {
            throw ApiException.invalid("date must be between 2000 and 2100, was " + date
                    + "; periods: " + Arrays.toString(Granularity.values()));
        }
        return date;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
