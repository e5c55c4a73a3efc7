package hotline.app.kpi;

import hotline.app.kpi.model.Kpi;
import hotline.app.kpi.model.KpiCounts;
import hotline.app.kpi.model.KpiTarget;
import hotline.app.kpi.model.MissItem;
import hotline.app.kpi.model.Period;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * KPIs per period and scope, computed from the tickets, calls, inspections and staff movements themselves,
 * each against its contract target; and the items behind a miss. Read-only, one snapshot per call.
 */
@Service
public class KpiService {

    private final KpiRepository repository;
    private final KpiProperties properties;
    private final Clock clock;

    KpiService(KpiRepository repository, KpiProperties properties, Clock clock) {
        this.repository = repository;
        this.properties = properties;
        this.clock = clock;
    }

    public ZoneId zone() {
        return properties.zone();
    }

    public Map<Kpi, KpiTarget> targets() {
        return properties.targetMap();
    }

    /** One row per scope key: the hotline ("*"), each department, or each agent, in key order. */
    @Transactional(readOnly = true)
    public List<KpiRow> kpis(Period period, KpiScope scope) {
        ZoneId zone = properties.zone();
        return rows(period, scope, repository.ticketCounts(scope, period.from(zone), period.to(zone), clock.instant()));
    }

    /** The rows of every scope, from one pass over the period's tickets (what a report needs). */
    @Transactional(readOnly = true)
    public Map<KpiScope, List<KpiRow>> allScopes(Period period) {
        ZoneId zone = properties.zone();
        Map<KpiScope, Map<String, KpiCounts>> counts = repository.ticketCountsOfAllScopes(period.from(zone),
                period.to(zone), clock.instant());
        Map<KpiScope, List<KpiRow>> rows = new java.util.EnumMap<>(KpiScope.class);
        counts.forEach((scope, tickets) -> rows.put(scope, rows(period, scope, tickets)));
        return rows;
    }

    private List<KpiRow> rows(Period period, KpiScope scope, Map<String, KpiCounts> tickets) {
        ZoneId zone = properties.zone();
        Instant from = period.from(zone);
        Instant to = period.to(zone);
        if (scope == KpiScope.OVERALL && tickets.isEmpty()) {
            tickets = Map.of("*", KpiCounts.ofTickets(0, 0, 0, 0, 0, 0, 0));
        }
        Map<String, BigDecimal[]> quality = scope == KpiScope.DEPARTMENT ? Map.of() : repository.quality(scope, from, to);
        List<KpiRow> rows = new ArrayList<>();
        for (Map.Entry<String, KpiCounts> e : tickets.entrySet()) {
            KpiCounts counts = e.getValue();
            if (scope == KpiScope.OVERALL) {
                long[] calls = repository.calls(from, to);
                long[] staff = repository.staff(period.start(), period.end());
                counts = counts.withCalls(calls[0], calls[1]).withStaff(staff[0], staff[1]);
            }
            if (scope != KpiScope.DEPARTMENT) {
                BigDecimal[] qa = quality.getOrDefault(e.getKey(), new BigDecimal[]{BigDecimal.ZERO, BigDecimal.ZERO});
                counts = counts.withQuality(qa[0], qa[1]);
            }
            rows.add(new KpiRow(scope, e.getKey(), counts, counts.measure(properties.targetMap())));
        }
        return rows;
    }

    /** The hotline-wide row of {@link #kpis}. */
    public KpiRow overall(Period period) {
        return kpis(period, KpiScope.OVERALL).get(0);
    }

    /**
     * What stands behind a KPI's shortfall: late or unanswered tickets, tickets without a callback,
     * dissatisfied citizens, inspections below target, abandoned calls, or leavers.
     */
    @Transactional(readOnly = true)
    public List<MissItem> misses(Kpi kpi, Period period, String department, String agent, int limit) {
        ZoneId zone = properties.zone();
        Instant from = period.from(zone);
        Instant to = period.to(zone);
        Instant now = clock.instant();
        return switch (kpi) {
            case ON_TIME_COMPLETION -> repository.ticketMisses(KpiRepository.lateCondition(),
                    "not answered by its deadline", from, to, now, department, agent, limit);
            case REPLY_CALLBACK_RATE -> repository.ticketMisses("replied_at is not null and callback_reached is null",
                    "answered but no callback recorded", from, to, now, department, agent, limit);
            case SATISFACTION -> repository.ticketMisses("satisfaction = 'DISSATISFIED'",
                    "citizen dissatisfied at callback", from, to, now, department, agent, limit);
            case QA_SCORE -> repository.lowQualityScores(properties.targetMap().get(Kpi.QA_SCORE).percent(),
                    from, to, department, agent, limit);
            case ANSWER_RATE -> repository.unansweredCalls(from, to, limit);
            case STAFF_ATTRITION -> repository.leavers(period.start(), period.end(), limit);
        };
    }
}
