package hotline.app.ticket.model;

import hotline.app.account.model.Actor;
import hotline.app.account.model.Role;
import hotline.app.ticket.sla.model.SlaDeadline;
import hotline.app.ticket.sla.model.SlaPolicy;
import hotline.app.ticket.sla.model.SlaStatus;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A citizen's request (诉求工单) and the rules that move it. Plain Java: the service loads one, calls
 * {@link #apply}, and saves it together with the returned event in one transaction. A refused command
 * throws before anything is changed.
 */
public final class Ticket {

    private final UUID id;
    private final String number;
    private final Channel channel;
    private final Instant acceptedAt;
    private final String createdSite;
    private final String createdBy;
    private final long version;

    TicketState state;
    Category category;
    Priority priority;
    String title;
    String description;
    Citizen citizen;
    String departmentId;
    int handlingRound;
    UUID contactId;
    String platformOrderId;
    Instant dueAt;
    Instant nearDueAt;
    boolean slaBreached;
    int urgeCount;
    Instant lastUrgedAt;
    boolean supervised;
    DepartmentRequest pendingRequest;
    String pendingRequestReason;
    Integer pendingExtensionDays;
    String departmentReply;
    String citizenReply;
    UUID knowledgeArticleId;
    Satisfaction satisfaction;
    Boolean callbackReached;
    boolean thirdPartyEvaluation;
    String ownerUsername;
    Instant closedAt;
    Instant updatedAt;

    private Ticket(UUID id, String number, Channel channel, Instant acceptedAt, String createdSite,
                   String createdBy, long version) {
        this.id = Objects.requireNonNull(id, "id");
        this.number = Objects.requireNonNull(number, "number");
        this.channel = Objects.requireNonNull(channel, "channel");
        this.acceptedAt = Objects.requireNonNull(acceptedAt, "acceptedAt");
        this.createdSite = createdSite;
        this.createdBy = createdBy;
        this.version = version;
    }

    /** A request taken by an agent (受理) from a call, a message or a walk-in. */
    public static Ticket accept(UUID id, String number, NewTicket request, Actor actor, Instant now,
                                String site, SlaPolicy sla) {
        request.validate();
        if (!actor.role().isStaff()) {
            throw new ActionNotPermittedException("only agents and the project lead accept tickets, not " + actor.role());
        }
        Ticket t = fromRequest(id, number, request, TicketState.ACCEPTED, now, site, actor.username());
        t.ownerUsername = actor.username();
        t.applyDeadline(sla.deadline(now, t.category, t.priority));
        return t;
    }

    /** A work order dispatched by the city 12345 platform, waiting to be signed for (待签收). */
    public static Ticket dispatched(UUID id, String number, NewTicket request, String platformOrderId,
                                    Instant platformDueAt, Instant now, String site, SlaPolicy sla) {
        request.validate();
        if (platformOrderId == null || platformOrderId.isBlank()) {
            throw new InvalidTicketCommandException("orderId", "a dispatched order needs the platform's order id");
        }
        Ticket t = fromRequest(id, number, request, TicketState.PENDING_SIGN, now, site, "platform12345");
        t.platformOrderId = platformOrderId;
        SlaDeadline ours = sla.deadline(now, t.category, t.priority);
        // the platform's deadline binds us when it is earlier than our own rule
        if (platformDueAt != null && platformDueAt.isBefore(ours.dueAt()) && platformDueAt.isAfter(now)) {
            t.applyDeadline(new SlaDeadline(platformDueAt,
                    platformDueAt.minusSeconds(Math.max(1, (platformDueAt.getEpochSecond() - now.getEpochSecond()) / 4))));
        } else {
            t.applyDeadline(ours);
        }
        return t;
    }

    private static Ticket fromRequest(UUID id, String number, NewTicket r, TicketState state, Instant now,
                                      String site, String createdBy) {
        Ticket t = new Ticket(id, number, r.channel(), now, site, createdBy, 0);
        t.state = state;
        t.category = r.category();
        t.priority = r.priority() == null ? defaultPriority(r.category()) : r.priority();
        t.title = r.title().strip();
        t.description = r.description().strip();
        t.citizen = r.citizen();
        t.contactId = r.contactId();
        t.handlingRound = 1;
        t.updatedAt = now;
        return t;
    }

    private static Priority defaultPriority(Category category) {
        return category != null && category.isEmergency() ? Priority.URGENT : Priority.NORMAL;
    }

    /** Rebuilds a stored ticket; used by the repository only. */
    public static Ticket restore(UUID id, String number, Channel channel, Instant acceptedAt, String createdSite,
                                 String createdBy, long version, java.util.function.Consumer<Restorer> fields) {
        Ticket t = new Ticket(id, number, channel, acceptedAt, createdSite, createdBy, version);
        fields.accept(new Restorer(t));
        return t;
    }

    /**
     * Applies one command: checks the transition table, the actor's department, and the command's own
     * rules, then changes the ticket and returns the history entry to store with it.
     */
    public TicketEvent apply(TicketCommand command, Actor actor, Instant now, SlaPolicy sla) {
        Transition transition = TransitionTable.require(state, command.action(), actor.role());
        if (actor.role() == Role.DEPARTMENT && !Objects.equals(actor.departmentId(), departmentId)) {
            throw new ActionNotPermittedException("ticket " + number + " is not assigned to department "
                    + actor.departmentId());
        }
        command.validate(this);
        TicketState from = state;
        String detail = command.applyTo(this, actor, now, sla);
        state = transition.to();
        updatedAt = now;
        return new TicketEvent(id, command.action(), from, state, actor.username(), actor.role(), now,
                command.note(), detail);
    }

    public SlaStatus slaStatusAt(Instant now) {
        if (dueAt == null) {
            return SlaStatus.ON_TRACK;
        }
        return new SlaDeadline(dueAt, nearDueAt).statusAt(now);
    }

    void applyDeadline(SlaDeadline deadline) {
        dueAt = deadline.dueAt();
        nearDueAt = deadline.nearDueAt();
    }

    public UUID id() { return id; }
    public String number() { return number; }
    public Channel channel() { return channel; }
    public Instant acceptedAt() { return acceptedAt; }
    public String createdSite() { return createdSite; }
    public String createdBy() { return createdBy; }
    public long version() { return version; }
    public TicketState state() { return state; }
    public Category category() { return category; }
    public Priority priority() { return priority; }
    public String title() { return title; }
    public String description() { return description; }
    public Citizen citizen() { return citizen; }
    public String departmentId() { return departmentId; }
    public int handlingRound() { return handlingRound; }
    public UUID contactId() { return contactId; }
    public String platformOrderId() { return platformOrderId; }
    public Instant dueAt() { return dueAt; }
    public Instant nearDueAt() { return nearDueAt; }
    public boolean slaBreached() { return slaBreached; }
    public int urgeCount() { return urgeCount; }
    public Instant lastUrgedAt() { return lastUrgedAt; }
    public boolean supervised() { return supervised; }
    public DepartmentRequest pendingRequest() { return pendingRequest; }
    public String pendingRequestReason() { return pendingRequestReason; }
    public Integer pendingExtensionDays() { return pendingExtensionDays; }
    public String departmentReply() { return departmentReply; }
    public String citizenReply() { return citizenReply; }
    public UUID knowledgeArticleId() { return knowledgeArticleId; }
    public Satisfaction satisfaction() { return satisfaction; }
    public Boolean callbackReached() { return callbackReached; }
    public boolean thirdPartyEvaluation() { return thirdPartyEvaluation; }
    public String ownerUsername() { return ownerUsername; }
    public Instant closedAt() { return closedAt; }
    public Instant updatedAt() { return updatedAt; }

    /** Flags the ticket for supervised handling (挂牌督办), e.g. as a repeat complaint. */
    public void flagSupervised() {
        supervised = true;
    }

    /** Write access to every field, for the repository's row mapper only. */
    public static final class Restorer {
        private final Ticket t;

        private Restorer(Ticket t) {
            this.t = t;
        }

        public Restorer state(TicketState v) { t.state = v; return this; }
        public Restorer category(Category v) { t.category = v; return this; }
        public Restorer priority(Priority v) { t.priority = v; return this; }
        public Restorer title(String v) { t.title = v; return this; }
        public Restorer description(String v) { t.description = v; return this; }
        public Restorer citizen(Citizen v) { t.citizen = v; return this; }
        public Restorer departmentId(String v) { t.departmentId = v; return this; }
        public Restorer handlingRound(int v) { t.handlingRound = v; return this; }
        public Restorer contactId(UUID v) { t.contactId = v; return this; }
        public Restorer platformOrderId(String v) { t.platformOrderId = v; return this; }
        public Restorer dueAt(Instant v) { t.dueAt = v; return this; }
        public Restorer nearDueAt(Instant v) { t.nearDueAt = v; return this; }
        public Restorer slaBreached(boolean v) { t.slaBreached = v; return this; }
        public Restorer urgeCount(int v) { t.urgeCount = v; return this; }
        public Restorer lastUrgedAt(Instant v) { t.lastUrgedAt = v; return this; }
        public Restorer supervised(boolean v) { t.supervised = v; return this; }
        public Restorer pendingRequest(DepartmentRequest v) { t.pendingRequest = v; return this; }
        public Restorer pendingRequestReason(String v) { t.pendingRequestReason = v; return this; }
        public Restorer pendingExtensionDays(Integer v) { t.pendingExtensionDays = v; return this; }
        public Restorer departmentReply(String v) { t.departmentReply = v; return this; }
        public Restorer citizenReply(String v) { t.citizenReply = v; return this; }
        public Restorer knowledgeArticleId(UUID v) { t.knowledgeArticleId = v; return this; }
        public Restorer satisfaction(Satisfaction v) { t.satisfaction = v; return this; }
        public Restorer callbackReached(Boolean v) { t.callbackReached = v; return this; }
        public Restorer thirdPartyEvaluation(boolean v) { t.thirdPartyEvaluation = v; return this; }
        public Restorer ownerUsername(String v) { t.ownerUsername = v; return this; }
        public Restorer closedAt(Instant v) { t.closedAt = v; return this; }
        public Restorer updatedAt(Instant v) { t.updatedAt = v; return this; }
    }
}
