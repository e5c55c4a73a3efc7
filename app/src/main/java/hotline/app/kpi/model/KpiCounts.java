package hotline.app.kpi.model;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the database counted for one scope (the whole hotline, a department, an agent) and period, and
 * the formulas that turn the counts into KPIs. Every KPI is a plain fraction of two of these counts, so a
 * report can show numerator and denominator and anyone can recount them.
 *
 * @param tickets       tickets accepted in the period
 * @param dueOrDone     of those, answered (citizen replied) or already past their deadline
 * @param onTime        answered by the deadline and never marked overdue
 * @param replied       answered (citizen replied, directly or after the department's reply)
 * @param calledBack    answered and a callback (回访) recorded, reached or not
 * @param surveyed      with a satisfaction recorded at callback
 * @param satisfied     very satisfied, satisfied or basically satisfied
 * @param callsOffered  inbound calls answered or abandoned (null where calls do not apply, e.g. a department)
 * @param callsAnswered inbound calls an agent answered
 * @param qaPoints      quality-inspection points scored (null where no inspections apply)
 * @param qaPossible    points possible in those inspections (100 per inspection)
 * @param headcount     team members at the start of the period plus those who joined during it (the usual
 *                      HR denominator, so the rate never exceeds 100 %; null where attrition does not apply)
 * @param leavers       team members who left during the period
 */
public record KpiCounts(long tickets, long dueOrDone, long onTime, long replied, long calledBack, long surveyed,
                        long satisfied, Long callsOffered, Long callsAnswered, BigDecimal qaPoints,
                        BigDecimal qaPossible, Long headcount, Long leavers) {

    public KpiCounts {
        if ((headcount != null && leavers > headcount) || onTime > dueOrDone || calledBack > replied || satisfied > surveyed || dueOrDone > tickets) {
            throw new IllegalArgumentException("inconsistent ticket counts: " + tickets + " tickets, " + dueOrDone
                    + " due or done, " + onTime + " on time, " + replied + " replied, " + calledBack
                    + " called back, " + surveyed + " surveyed, " + satisfied + " satisfied; " + leavers + " leavers of "
                    + headcount);
        }
    }

    public static KpiCounts ofTickets(long tickets, long dueOrDone, long onTime, long replied, long calledBack,
                                      long surveyed, long satisfied) {
        return new KpiCounts(tickets, dueOrDone, onTime, replied, calledBack, surveyed, satisfied,
                null, null, null, null, null, null);
    }

    public KpiCounts withCalls(long offered, long answered) {
        return new KpiCounts(tickets, dueOrDone, onTime, replied, calledBack, surveyed, satisfied, offered, answered,
                qaPoints, qaPossible, headcount, leavers);
    }

    public KpiCounts withQuality(BigDecimal points, BigDecimal possible) {
        return new KpiCounts(tickets, dueOrDone, onTime, replied, calledBack, surveyed, satisfied, callsOffered,
                callsAnswered, points, possible, headcount, leavers);
    }

    public KpiCounts withStaff(long atStartPlusJoined, long leaversInPeriod) {
        return new KpiCounts(tickets, dueOrDone, onTime, replied, calledBack, surveyed, satisfied, callsOffered,
                callsAnswered, qaPoints, qaPossible, atStartPlusJoined, leaversInPeriod);
    }

    /** The KPIs that apply to this scope, in contract order; a KPI whose counts are absent is left out. */
    public List<KpiValue> measure(Map<Kpi, KpiTarget> targets) {
        List<KpiValue> values = new ArrayList<>();
        if (callsOffered != null) {
            values.add(KpiValue.measure(Kpi.ANSWER_RATE, Ratio.of(callsAnswered, callsOffered), targets.get(Kpi.ANSWER_RATE)));
        }
        values.add(KpiValue.measure(Kpi.ON_TIME_COMPLETION, Ratio.of(onTime, dueOrDone), targets.get(Kpi.ON_TIME_COMPLETION)));
        values.add(KpiValue.measure(Kpi.REPLY_CALLBACK_RATE, Ratio.of(calledBack, replied), targets.get(Kpi.REPLY_CALLBACK_RATE)));
        values.add(KpiValue.measure(Kpi.SATISFACTION, Ratio.of(satisfied, surveyed), targets.get(Kpi.SATISFACTION)));
        if (qaPoints != null) {
            values.add(KpiValue.measure(Kpi.QA_SCORE, new Ratio(qaPoints, qaPossible), targets.get(Kpi.QA_SCORE)));
        }
        if (headcount != null) {
            values.add(KpiValue.measure(Kpi.STAFF_ATTRITION, Ratio.of(leavers, headcount),
                    targets.get(Kpi.STAFF_ATTRITION)));
        }
        return values;
    }
}
