package hotline.app.quality.model;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** A scored inspection: points per item, the fatal items found, and the score out of 100. */
public record InspectionResult(BigDecimal score, boolean fatal, Map<String, Integer> points, List<String> fatalItems) {
}
