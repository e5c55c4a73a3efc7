package hotline.app.kpi.model;

/**
 * The figures the contract measures (DOMAIN.md, "Targets the contract measures"), each a percentage with
 * a direction: higher is better for all but staff attrition.
 */
public enum Kpi {
    /** 接通率: inbound calls answered by an agent / inbound calls that were answered or abandoned. */
    ANSWER_RATE("接通率", "Answer rate", Direction.AT_LEAST),
    /** 按时办结率: tickets answered by their deadline / tickets answered or past their deadline. */
    ON_TIME_COMPLETION("按时办结率", "On-time completion", Direction.AT_LEAST),
    /** 回复回访率: answered tickets with a callback recorded / answered tickets. */
    REPLY_CALLBACK_RATE("回复回访率", "Reply/callback rate", Direction.AT_LEAST),
    /** 工作满意度: satisfied callbacks (very, satisfied, basically) / callbacks with a satisfaction. */
    SATISFACTION("工作满意度", "Satisfaction", Direction.AT_LEAST),
    /** 抽查质量得分率: points scored in quality inspections / points possible. */
    QA_SCORE("抽查质量得分率", "Quality-inspection score", Direction.AT_LEAST),
    /** 人员流失率: team members who left in the period / team members at its start. */
    STAFF_ATTRITION("人员流失率", "Staff attrition", Direction.AT_MOST);

    public enum Direction { AT_LEAST, AT_MOST }

    private final String chinese;
    private final String english;
    private final Direction direction;

    Kpi(String chinese, String english, Direction direction) {
        this.chinese = chinese;
        this.english = english;
        this.direction = direction;
    }

    public String chinese() {
        return chinese;
    }

    public String english() {
        return english;
    }

    public Direction direction() {
        return direction;
    }

    /** "接通率 Answer rate", as reports print it. */
    public String label() {
        return chinese + " " + english;
    }
}
