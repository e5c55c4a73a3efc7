package hotline.app.account.model;

/**
 * Who a person (or a system) is to the hotline. Every API requires one of these.
 * {@code SYSTEM} is never an account: it is the actor of automatic actions (SLA urging).
 */
public enum Role {
    /** A seat agent (话务员): takes contacts, accepts, screens, assigns, replies, calls back. */
    AGENT,
    /** The project lead (项目负责人): everything an agent does, plus reviews and supervision. */
    LEAD,
    /** Operations: site health, failover, drills. No citizen data beyond what ops needs. */
    OPS,
    /** Read-only access to tickets, history and evidence. */
    AUDITOR,
    /** A handling department's liaison (经办部门): replies and requests on tickets assigned to it. */
    DEPARTMENT,
    /** A machine channel: the 12345 platform or the web/WeChat gateway. */
    INTEGRATION,
    /** Automatic actions of the hotline itself. */
    SYSTEM;

    public boolean isStaff() {
        return this == AGENT || this == LEAD;
    }
}
