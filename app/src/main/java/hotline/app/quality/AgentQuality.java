package hotline.app.quality;

import java.math.BigDecimal;

/**
 * One agent's month in quality inspection: inspections sampled, scored, the average score (two decimals,
 * null before any is scored), fatal findings, and how many the agent acknowledged.
 */
public record AgentQuality(String agent, int sampled, int scored, BigDecimal averageScore, int fatal, int acknowledged) {
}
