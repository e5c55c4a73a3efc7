package hotline.app.ticket;

import hotline.app.ticket.model.Category;
import hotline.app.ticket.model.Channel;
import hotline.app.ticket.model.Citizen;
import hotline.app.ticket.model.DepartmentRequest;
import hotline.app.ticket.model.Priority;
import hotline.app.ticket.model.Satisfaction;
import hotline.app.ticket.model.Ticket;
import hotline.app.ticket.model.TicketEvent;
import hotline.app.ticket.model.TicketState;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static hotline.app.jdbc.SqlValues.instant;
import static hotline.app.jdbc.SqlValues.name;
import static hotline.app.jdbc.SqlValues.ts;

/** Tickets and their history in PostgreSQL. Updates are optimistic: they name the version they read. */
@Repository
class TicketRepository {

    private final JdbcClient jdbc;

    TicketRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long nextNumber() {
        return jdbc.sql("select nextval('ticket_number_seq')").query(Long.class).single();
    }

    void insert(Ticket t) {
        jdbc.sql("""
                        insert into ticket (id, number, channel, state, category, priority, title, description,
                          citizen_name, citizen_phone, address, district, street, location_key, department_id,
                          handling_round, contact_id, platform_order_id, accepted_at, due_at, near_due_at, sla_breached,
                          urge_count, last_urged_at, supervised, pending_request, pending_request_reason,
                          pending_extension_days, department_reply, citizen_reply, knowledge_article_id, satisfaction,
                          callback_reached, third_party_evaluation, owner_username, created_by, created_site, closed_at,
                          updated_at, version)
                        values (:id, :number, :channel, :state, :category, :priority, :title, :description,
                          :citizenName, :citizenPhone, :address, :district, :street, :locationKey, :departmentId,
                          :handlingRound, :contactId, :platformOrderId, :acceptedAt, :dueAt, :nearDueAt, :slaBreached,
                          :urgeCount, :lastUrgedAt, :supervised, :pendingRequest, :pendingRequestReason,
                          :pendingExtensionDays, :departmentReply, :citizenReply, :knowledgeArticleId, :satisfaction,
                          :callbackReached, :thirdPartyEvaluation, :ownerUsername, :createdBy, :createdSite, :closedAt,
                          :updatedAt, 0)""")
                .params(columns(t)).update();
    }

    /** Saves the ticket if nobody changed it since {@code expectedVersion}; returns false otherwise. */
    boolean update(Ticket t, long expectedVersion) {
        Map<String, Object> p = columns(t);
        p.put("expectedVersion", expectedVersion);
        return jdbc.sql("""
                        update ticket set state = :state, category = :category, priority = :priority, title = :title,
                          description = :description, department_id = :departmentId, handling_round = :handlingRound,
                          due_at = :dueAt, near_due_at = :nearDueAt, sla_breached = :slaBreached, urge_count = :urgeCount,
                          last_urged_at = :lastUrgedAt, supervised = :supervised, pending_request = :pendingRequest,
                          pending_request_reason = :pendingRequestReason, pending_extension_days = :pendingExtensionDays,
                          department_reply = :departmentReply, citizen_reply = :citizenReply,
                          knowledge_article_id = :knowledgeArticleId, satisfaction = :satisfaction,
                          callback_reached = :callbackReached, third_party_evaluation = :thirdPartyEvaluation,
                          owner_username = :ownerUsername, closed_at = :closedAt, updated_at = :updatedAt,
                          version = version + 1
                        where id = :id and version = :expectedVersion""")
                .params(p).update() == 1;
    }

    void insertEvent(TicketEvent e, String site) {
        jdbc.sql("""
                        insert into ticket_event (id, ticket_id, seq, action, from_state, to_state, actor, actor_role, site, at, note, detail)
                        values (?, ?, (select coalesce(max(seq), 0) + 1 from ticket_event where ticket_id = ?),
                                ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(UUID.randomUUID(), e.ticketId(), e.ticketId(), e.action() == null ? "CREATED" : e.action().name(),
                        e.fromState() == null ? null : e.fromState().name(), e.toState().name(), e.actor(),
                        e.actorRole().name(), site, ts(e.at()), e.note(), e.detail())
                .update();
    }

    Optional<Ticket> findById(UUID id) {
        return jdbc.sql("select * from ticket where id = ?").param(id).query(TicketRepository::map).optional();
    }

    Optional<Ticket> findByNumber(String number) {
        return jdbc.sql("select * from ticket where number = ?").param(number).query(TicketRepository::map).optional();
    }

    Optional<Ticket> findByPlatformOrderId(String orderId) {
        return jdbc.sql("select * from ticket where platform_order_id = ?").param(orderId)
                .query(TicketRepository::map).optional();
    }

    List<HistoryEntry> history(UUID ticketId) {
        return jdbc.sql("select * from ticket_event where ticket_id = ? order by seq").param(ticketId)
                .query((rs, i) -> new HistoryEntry(rs.getInt("seq"), rs.getString("action"), rs.getString("from_state"),
                        rs.getString("to_state"), rs.getString("actor"), rs.getString("actor_role"),
                        rs.getString("site"), rs.getTimestamp("at").toInstant(), rs.getString("note"),
                        rs.getString("detail")))
                .list();
    }

    List<Ticket> search(TicketQuery q, Instant now) {
        StringBuilder sql = new StringBuilder("select * from ticket where true");
        List<Object> params = new ArrayList<>();
        if (!q.states().isEmpty()) {
            sql.append(" and state in (").append(String.join(",", q.states().stream().map(s -> "?").toList())).append(")");
            q.states().forEach(s -> params.add(s.name()));
        } else if (!q.includeClosed()) {
            sql.append(" and state <> 'CLOSED'");
        }
        if (q.owner() != null) {
            sql.append(" and owner_username = ?");
            params.add(q.owner());
        }
        if (q.departmentId() != null) {
            sql.append(" and department_id = ?");
            params.add(q.departmentId());
        }
        if (q.channel() != null) {
            sql.append(" and channel = ?");
            params.add(q.channel().name());
        }
        if (q.overdueOnly()) {
            sql.append(" and due_at <= ? and state in ('PENDING_SIGN','ACCEPTED','VERIFYING','SCREENED','ASSIGNED',"
                    + "'RETURN_REQUESTED','EXTENSION_REQUESTED','AWAITING_REVIEW','REVIEWED')");
            params.add(ts(now));
        }
        if (q.supervisedOnly()) {
            sql.append(" and supervised");
        }
        if (q.text() != null && !q.text().isBlank()) {
            sql.append(" and (number ilike ? or title ilike ? or description ilike ?)");
            String like = "%" + q.text().strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            params.add(like);
            params.add(like);
            params.add(like);
        }
        sql.append(q.overdueOnly() ? " order by due_at asc" : " order by coalesce(due_at, accepted_at) asc, number");
        sql.append(" limit ?");
        params.add(q.limit());
        return jdbc.sql(sql.toString()).params(params).query(TicketRepository::map).list();
    }

    /** Earlier tickets of the same caller, or of the same place and topic, accepted since {@code since}. */
    List<RepeatCandidate> repeatCandidates(Ticket t, Instant since) {
        String phone = t.citizen().phone();
        String location = t.citizen().locationKey();
        if (phone == null && (location == null || t.category() == null)) {
            return List.of();
        }
        return jdbc.sql("""
                        select id, number, citizen_phone, location_key, category from ticket
                        where id <> :id and accepted_at >= :since
                          and ((:phone::text is not null and citizen_phone = :phone)
                            or (:location::text is not null and :category::text is not null
                                and location_key = :location and category = :category))
                        order by accepted_at desc limit 20""")
                .param("id", t.id()).param("since", ts(since)).param("phone", phone).param("location", location)
                .param("category", t.category() == null ? null : t.category().name())
                .query((rs, i) -> new RepeatCandidate(rs.getObject("id", UUID.class), rs.getString("number"),
                        rs.getString("citizen_phone"), rs.getString("location_key"),
                        rs.getString("category") == null ? null : Category.valueOf(rs.getString("category"))))
                .list();
    }

    void insertLink(UUID ticketId, UUID relatedId, String reason, Instant at) {
        jdbc.sql("""
                        insert into ticket_link (id, ticket_id, related_ticket_id, reason, created_at) values (?, ?, ?, ?, ?)
                        on conflict do nothing""")
                .params(UUID.randomUUID(), ticketId, relatedId, reason, ts(at)).update();
    }

    List<LinkedTicket> links(UUID ticketId) {
        return jdbc.sql("""
                        select l.reason, t.id, t.number, t.state, t.title from ticket_link l
                        join ticket t on t.id = case when l.ticket_id = :id then l.related_ticket_id else l.ticket_id end
                        where l.ticket_id = :id or l.related_ticket_id = :id order by t.accepted_at""")
                .param("id", ticketId)
                .query((rs, i) -> new LinkedTicket(rs.getObject("id", UUID.class), rs.getString("number"),
                        rs.getString("state"), rs.getString("title"), rs.getString("reason")))
                .list();
    }

    /** Open tickets whose SLA clock runs and which are near due or overdue now. */
    List<Ticket> dueForSlaAttention(Instant now, int limit) {
        return jdbc.sql("""
                        select * from ticket where near_due_at <= ? and state in ('PENDING_SIGN','ACCEPTED','VERIFYING',
                          'SCREENED','ASSIGNED','RETURN_REQUESTED','EXTENSION_REQUESTED','AWAITING_REVIEW','REVIEWED')
                        order by due_at limit ?""")
                .params(ts(now), limit).query(TicketRepository::map).list();
    }

    List<StateChannelCount> countOpenByStateAndChannel() {
        return jdbc.sql("select state, channel, count(*) as n from ticket where state <> 'CLOSED' group by state, channel")
                .query((rs, i) -> new StateChannelCount(rs.getString("state"), rs.getString("channel"), rs.getLong("n")))
                .list();
    }

    long countOverdue(Instant now) {
        return jdbc.sql("""
                        select count(*) from ticket where due_at <= ? and state in ('PENDING_SIGN','ACCEPTED','VERIFYING',
                          'SCREENED','ASSIGNED','RETURN_REQUESTED','EXTENSION_REQUESTED','AWAITING_REVIEW','REVIEWED')""")
                .param(ts(now)).query(Long.class).single();
    }

    record StateChannelCount(String state, String channel, long count) {
    }

    record RepeatCandidate(UUID id, String number, String phone, String locationKey, Category category) {
    }

    private static Map<String, Object> columns(Ticket t) {
        Map<String, Object> p = new java.util.HashMap<>();
        Citizen c = t.citizen();
        p.put("id", t.id());
        p.put("number", t.number());
        p.put("channel", t.channel().name());
        p.put("state", t.state().name());
        p.put("category", name(t.category()));
        p.put("priority", t.priority().name());
        p.put("title", t.title());
        p.put("description", t.description());
        p.put("citizenName", c.name());
        p.put("citizenPhone", c.phone());
        p.put("address", c.address());
        p.put("district", c.district());
        p.put("street", c.street());
        p.put("locationKey", c.locationKey());
        p.put("departmentId", t.departmentId());
        p.put("handlingRound", t.handlingRound());
        p.put("contactId", t.contactId());
        p.put("platformOrderId", t.platformOrderId());
        p.put("acceptedAt", ts(t.acceptedAt()));
        p.put("dueAt", ts(t.dueAt()));
        p.put("nearDueAt", ts(t.nearDueAt()));
        p.put("slaBreached", t.slaBreached());
        p.put("urgeCount", t.urgeCount());
        p.put("lastUrgedAt", ts(t.lastUrgedAt()));
        p.put("supervised", t.supervised());
        p.put("pendingRequest", name(t.pendingRequest()));
        p.put("pendingRequestReason", t.pendingRequestReason());
        p.put("pendingExtensionDays", t.pendingExtensionDays());
        p.put("departmentReply", t.departmentReply());
        p.put("citizenReply", t.citizenReply());
        p.put("knowledgeArticleId", t.knowledgeArticleId());
        p.put("satisfaction", name(t.satisfaction()));
        p.put("callbackReached", t.callbackReached());
        p.put("thirdPartyEvaluation", t.thirdPartyEvaluation());
        p.put("ownerUsername", t.ownerUsername());
        p.put("createdBy", t.createdBy());
        p.put("createdSite", t.createdSite());
        p.put("closedAt", ts(t.closedAt()));
        p.put("updatedAt", ts(t.updatedAt()));
        return p;
    }

    static Ticket map(ResultSet rs, int row) throws SQLException {
        return Ticket.restore(rs.getObject("id", UUID.class), rs.getString("number"),
                Channel.valueOf(rs.getString("channel")), instant(rs, "accepted_at"), rs.getString("created_site"),
                rs.getString("created_by"), rs.getLong("version"), f -> {
                    try {
                        f.state(TicketState.valueOf(rs.getString("state")))
                                .category(rs.getString("category") == null ? null : Category.valueOf(rs.getString("category")))
                                .priority(Priority.valueOf(rs.getString("priority")))
                                .title(rs.getString("title"))
                                .description(rs.getString("description"))
                                .citizen(new Citizen(rs.getString("citizen_name"), rs.getString("citizen_phone"),
                                        rs.getString("address"), rs.getString("district"), rs.getString("street")))
                                .departmentId(rs.getString("department_id"))
                                .handlingRound(rs.getInt("handling_round"))
                                .contactId(rs.getObject("contact_id", UUID.class))
                                .platformOrderId(rs.getString("platform_order_id"))
                                .dueAt(instant(rs, "due_at"))
                                .nearDueAt(instant(rs, "near_due_at"))
                                .slaBreached(rs.getBoolean("sla_breached"))
                                .urgeCount(rs.getInt("urge_count"))
                                .lastUrgedAt(instant(rs, "last_urged_at"))
                                .supervised(rs.getBoolean("supervised"))
                                .pendingRequest(rs.getString("pending_request") == null ? null
                                        : DepartmentRequest.valueOf(rs.getString("pending_request")))
                                .pendingRequestReason(rs.getString("pending_request_reason"))
                                .pendingExtensionDays((Integer) rs.getObject("pending_extension_days"))
                                .departmentReply(rs.getString("department_reply"))
                                .citizenReply(rs.getString("citizen_reply"))
                                .knowledgeArticleId(rs.getObject("knowledge_article_id", UUID.class))
                                .satisfaction(rs.getString("satisfaction") == null ? null
                                        : Satisfaction.valueOf(rs.getString("satisfaction")))
                                .callbackReached((Boolean) rs.getObject("callback_reached"))
                                .thirdPartyEvaluation(rs.getBoolean("third_party_evaluation"))
                                .ownerUsername(rs.getString("owner_username"))
                                .closedAt(instant(rs, "closed_at"))
                                .updatedAt(instant(rs, "updated_at"));
                    } catch (SQLException e) {
                        throw new IllegalStateException("cannot read ticket row", e);
                    }
                });
    }
}
