package hotline.app.kpi;

import hotline.app.kpi.model.KpiCounts;
import hotline.app.kpi.model.KpiValue;

import java.util.List;

/** The KPIs of one scope key (department id, agent username, or "*" for the hotline) in one period. */
public record KpiRow(KpiScope scope, String key, KpiCounts counts, List<KpiValue> values) {
}
