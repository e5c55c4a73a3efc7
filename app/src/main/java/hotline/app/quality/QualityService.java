package hotline.app.quality;

import hotline.app.account.model.Actor;
import hotline.app.quality.model.InspectionForm;
import hotline.app.quality.model.InspectionResult;
import hotline.app.quality.model.SamplingPlan;
import hotline.app.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Monthly quality inspection (质检): the lead draws the month's sample (seed recorded), scores each
 * sampled ticket on the standard form, and each agent sees and acknowledges their results.
 */
@Service
public class QualityService {

    private final QualityRepository repository;
    private final Clock clock;
    private final InspectionForm form = InspectionForm.standard();
    private final SecureRandom seeds = new SecureRandom();

    QualityService(QualityRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    public InspectionForm form() {
        return form;
    }

    public record SampleView(String month, long seed, int randomPerAgent, Instant createdAt, String createdBy,
                             List<Inspection> inspections) {
    }

    /** Draws the month's sample from the tickets accepted in that month; one sample a month (409 otherwise). */
    @Transactional
    public SampleView drawSample(YearMonth month, Long seed, int randomPerAgent, ZoneId zone, Actor actor) {
        SamplingPlan plan = new SamplingPlan(seed != null ? seed : seeds.nextLong(), randomPerAgent);
        Instant from = month.atDay(1).atStartOfDay(zone).toInstant();
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        QualityRepository.Sample sample = new QualityRepository.Sample(UUID.randomUUID(), month.atDay(1), plan.seed(),
                randomPerAgent, clock.instant(), actor.username());
        if (!repository.insertSample(sample)) {
            throw ApiException.conflict("the sample of " + month + " was already drawn; see GET /api/quality/samples/" + month);
        }
        for (SamplingPlan.Pick pick : plan.draw(repository.candidates(from, to))) {
            repository.insertInspection(sample.id(), pick.candidate(), pick.reason());
        }
        return sample(month);
    }

    @Transactional(readOnly = true)
    public SampleView sample(YearMonth month) {
        QualityRepository.Sample s = repository.findSample(month.atDay(1))
                .orElseThrow(() -> ApiException.notFound("the quality sample of " + month));
        return new SampleView(month.toString(), s.seed(), s.randomPerAgent(), s.createdAt(), s.createdBy(),
                repository.inspectionsOf(s.id()));
    }

    @Transactional
    public Inspection score(UUID inspectionId, Map<String, Integer> points, List<String> fatalItems, String comment,
                            Actor actor) {
        repository.findInspection(inspectionId).orElseThrow(() -> ApiException.notFound("inspection " + inspectionId));
        InspectionResult result = form.score(points, fatalItems);
        String itemPoints = result.points().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
        repository.saveScore(inspectionId, result.score(), result.fatal(), itemPoints, String.join(",", result.fatalItems()),
                comment == null || comment.isBlank() ? null : comment.strip(), actor.username(), clock.instant());
        return repository.findInspection(inspectionId).orElseThrow();
    }

    /** The agent's scored inspections, newest month first. */
    @Transactional(readOnly = true)
    public List<Inspection> resultsOf(String username) {
        return repository.inspectionsOfAgent(username);
    }

    /** The agent confirms having seen a scored inspection of their own. */
    @Transactional
    public Inspection acknowledge(UUID inspectionId, Actor actor) {
        Inspection i = repository.findInspection(inspectionId)
                .orElseThrow(() -> ApiException.notFound("inspection " + inspectionId));
        if (!i.agent().equals(actor.username())) {
            throw new ApiException(HttpStatus.FORBIDDEN, hotline.app.web.ProblemType.NOT_PERMITTED,
                    "inspection " + inspectionId + " is not yours to acknowledge");
        }
        if (!repository.acknowledge(inspectionId, actor.username(), clock.instant())) {
            throw ApiException.conflict("inspection " + inspectionId + " is " + i.status()
                    + "; only a SCORED inspection can be acknowledged");
        }
        return repository.findInspection(inspectionId).orElseThrow();
    }

    /** Per agent for the month's sample, by username; empty when no sample was drawn. */
    @Transactional(readOnly = true)
    public List<AgentQuality> monthlyResults(YearMonth month) {
        var sample = repository.findSample(month.atDay(1));
        if (sample.isEmpty()) {
            return List.of();
        }
        Map<String, List<Inspection>> byAgent = new TreeMap<>(repository.inspectionsOf(sample.get().id()).stream()
                .collect(Collectors.groupingBy(Inspection::agent)));
        List<AgentQuality> result = new ArrayList<>();
        byAgent.forEach((agent, list) -> {
            List<Inspection> scored = list.stream().filter(i -> i.score() != null).toList();
            BigDecimal sum = scored.stream().map(Inspection::score).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal avg = scored.isEmpty() ? null : sum.divide(BigDecimal.valueOf(scored.size()), 2, RoundingMode.HALF_UP);
            result.add(new AgentQuality(agent, list.size(), scored.size(), avg,
                    (int) scored.stream().filter(Inspection::fatal).count(),
                    (int) list.stream().filter(i -> "ACKNOWLEDGED".equals(i.status())).count()));
        });
        return result;
    }
}
