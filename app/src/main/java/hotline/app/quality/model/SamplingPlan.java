package hotline.app.quality.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The month's inspection sample (抽查): every ticket with a dissatisfied citizen or a return is taken
 * (targeted), then {@code randomPerAgent} more of each agent's remaining tickets are drawn at random.
 * The draw depends only on the candidates and the seed: the same seed gives the same sample, so a
 * recorded seed lets anyone repeat it.
 */
public record SamplingPlan(long seed, int randomPerAgent) {

    public static final int MAX_RANDOM_PER_AGENT = 50;

    public SamplingPlan {
        if (randomPerAgent < 0 || randomPerAgent > MAX_RANDOM_PER_AGENT) {
            throw new InvalidInspectionException("randomPerAgent must be between 0 and " + MAX_RANDOM_PER_AGENT
                    + ", was " + randomPerAgent);
        }
    }

    /** A ticket that may be inspected: handled by {@code agent}, with what targeted sampling looks at. */
    public record Candidate(UUID ticketId, String number, String agent, boolean dissatisfied, boolean returned) {
    }

    public record Pick(Candidate candidate, SampleReason reason) {
    }

    public List<Pick> draw(List<Candidate> candidates) {
        List<Pick> picks = new ArrayList<>();
        Map<String, List<Candidate>> rest = new TreeMap<>();
        List<Candidate> sorted = candidates.stream().sorted(Comparator.comparing(Candidate::number)).toList();
        for (Candidate c : sorted) {
            if (c.dissatisfied()) {
                picks.add(new Pick(c, SampleReason.LOW_SATISFACTION));
            } else if (c.returned()) {
                picks.add(new Pick(c, SampleReason.RETURNED));
            } else {
                rest.computeIfAbsent(c.agent(), a -> new ArrayList<>()).add(c);
            }
        }
        Random random = new Random(seed);
        for (List<Candidate> pool : rest.values()) {
            int k = Math.min(randomPerAgent, pool.size());
            // partial Fisher-Yates over the agent's tickets in number order: reproducible for a seed
            for (int i = 0; i < k; i++) {
                int j = i + random.nextInt(pool.size() - i);
                Candidate chosen = pool.get(j);
                pool.set(j, pool.get(i));
                pool.set(i, chosen);
                picks.add(new Pick(chosen, SampleReason.RANDOM));
            }
        }
        return picks;
    }
}
