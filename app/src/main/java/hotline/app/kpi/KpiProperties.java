package hotline.app.kpi;

import hotline.app.kpi.model.Kpi;
import hotline.app.kpi.model.KpiTarget;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;

/**
 * The contract targets (DOMAIN.md) and the zone periods are cut in. Validated at start-up; every bad
 * value is reported at once. Defaults are the contract's:
 *
 * <pre>
 * hotline.kpi.zone=Asia/Shanghai
 * hotline.kpi.targets.answer-rate=100          (at least, %)
 * hotline.kpi.targets.on-time-completion=100   (at least, %)
 * hotline.kpi.targets.reply-callback-rate=100  (at least, %)
 * hotline.kpi.targets.satisfaction=90          (at least, %)
 * hotline.kpi.targets.qa-score=95              (at least, %)
 * hotline.kpi.targets.staff-attrition=20       (at most, % a month)
 * </pre>
 */
@Validated
@ConfigurationProperties("hotline.kpi")
public record KpiProperties(ZoneId zone, @Valid @NotNull Targets targets) {

    public KpiProperties {
        zone = zone == null ? ZoneId.of("Asia/Shanghai") : zone;
        targets = targets == null ? new Targets(null, null, null, null, null, null) : targets;
    }

    public record Targets(
            @DecimalMin("0") @DecimalMax("100") BigDecimal answerRate,
            @DecimalMin("0") @DecimalMax("100") BigDecimal onTimeCompletion,
            @DecimalMin("0") @DecimalMax("100") BigDecimal replyCallbackRate,
            @DecimalMin("0") @DecimalMax("100") BigDecimal satisfaction,
            @DecimalMin("0") @DecimalMax("100") BigDecimal qaScore,
            @DecimalMin("0") @DecimalMax("100") BigDecimal staffAttrition) {

        public Targets {
            answerRate = answerRate == null ? BigDecimal.valueOf(100) : answerRate;
            onTimeCompletion = onTimeCompletion == null ? BigDecimal.valueOf(100) : onTimeCompletion;
            replyCallbackRate = replyCallbackRate == null ? BigDecimal.valueOf(100) : replyCallbackRate;
            satisfaction = satisfaction == null ? BigDecimal.valueOf(90) : satisfaction;
            qaScore = qaScore == null ? BigDecimal.valueOf(95) : qaScore;
            staffAttrition = staffAttrition == null ? BigDecimal.valueOf(20) : staffAttrition;
        }
    }

    public Map<Kpi, KpiTarget> targetMap() {
        Map<Kpi, KpiTarget> map = new EnumMap<>(Kpi.class);
        map.put(Kpi.ANSWER_RATE, new KpiTarget(Kpi.ANSWER_RATE, targets.answerRate()));
        map.put(Kpi.ON_TIME_COMPLETION, new KpiTarget(Kpi.ON_TIME_COMPLETION, targets.onTimeCompletion()));
        map.put(Kpi.REPLY_CALLBACK_RATE, new KpiTarget(Kpi.REPLY_CALLBACK_RATE, targets.replyCallbackRate()));
        map.put(Kpi.SATISFACTION, new KpiTarget(Kpi.SATISFACTION, targets.satisfaction()));
        map.put(Kpi.QA_SCORE, new KpiTarget(Kpi.QA_SCORE, targets.qaScore()));
        map.put(Kpi.STAFF_ATTRITION, new KpiTarget(Kpi.STAFF_ATTRITION, targets.staffAttrition()));
        return map;
    }
}
