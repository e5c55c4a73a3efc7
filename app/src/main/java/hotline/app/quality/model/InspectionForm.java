package hotline.app.quality.model;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The inspection standard (质检标准): weighted items whose weights add up to 100, and fatal items. The
 * score is the sum of the points given, out of 100; any fatal item makes it 0.
 */
public record InspectionForm(List<InspectionItem> items) {

    public InspectionForm {
        items = List.copyOf(items);
        Set<String> codes = new HashSet<>();
        int total = 0;
        for (InspectionItem item : items) {
            if (!codes.add(item.code())) {
                throw new IllegalArgumentException("item code " + item.code() + " appears twice");
            }
            total += item.weight();
        }
        if (total != 100) {
            throw new IllegalArgumentException("the weights of the scored items add up to " + total + ", not 100");
        }
    }

    /** The hotline's standard form: service etiquette, handling and records; three fatal items. */
    public static InspectionForm standard() {
        return new InspectionForm(List.of(
                InspectionItem.scored("GREETING", "开场与结束规范 Greeting and closing", 10),
                InspectionItem.scored("LISTENING", "倾听与确认诉求 Listening and confirming the request", 15),
                InspectionItem.scored("ACCURACY", "答复准确 Accurate answer and policy", 25),
                InspectionItem.scored("RECORD", "工单记录完整准确 Complete, accurate ticket record", 20),
                InspectionItem.scored("DISPATCH", "分类与派单正确 Right category and department", 15),
                InspectionItem.scored("ATTITUDE", "服务态度 Courtesy and patience", 15),
                InspectionItem.fatal("DISCLOSURE", "泄露市民信息 Disclosed a citizen's personal data"),
                InspectionItem.fatal("DISPUTE", "与市民争吵或辱骂 Argued with or insulted the citizen"),
                InspectionItem.fatal("EMERGENCY_DELAY", "紧急诉求未及时派单 Emergency not dispatched at once")));
    }

    /**
     * Scores an inspection. Every scored item needs points between 0 and its weight; fatal items are named
     * by code. Refuses unknown codes, missing items and points out of range, naming each problem.
     */
    public InspectionResult score(Map<String, Integer> points, List<String> fatalItems) {
        Map<String, Integer> given = points == null ? Map.of() : points;
        List<String> fatal = fatalItems == null ? List.of() : fatalItems;
        List<String> problems = new ArrayList<>();
        Map<String, InspectionItem> byCode = new LinkedHashMap<>();
        items.forEach(i -> byCode.put(i.code(), i));
        for (String code : given.keySet()) {
            InspectionItem item = byCode.get(code);
            if (item == null || item.fatal()) {
                problems.add(code + " is not a scored item of the form");
            }
        }
        for (String code : fatal) {
            InspectionItem item = byCode.get(code);
            if (item == null || !item.fatal()) {
                problems.add(code + " is not a fatal item of the form");
            }
        }
        Map<String, Integer> ordered = new LinkedHashMap<>();
        int sum = 0;
        for (InspectionItem item : items) {
            if (item.fatal()) {
                continue;
            }
            Integer p = given.get(item.code());
            if (p == null) {
                problems.add(item.code() + " has no points");
            } else if (p < 0 || p > item.weight()) {
                problems.add(item.code() + " must have 0 to " + item.weight() + " points, had " + p);
            } else {
                ordered.put(item.code(), p);
                sum += p;
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInspectionException(String.join("; ", problems));
        }
        boolean isFatal = !fatal.isEmpty();
        return new InspectionResult(BigDecimal.valueOf(isFatal ? 0 : sum), isFatal, ordered,
                fatal.stream().distinct().sorted().toList());
    }
}
