package hotline.app.contact;

import hotline.app.contact.model.ContactChannel;
import hotline.app.contact.model.ContactPriority;
import hotline.app.contact.model.ContactState;
import hotline.app.contact.model.QueuedContact;
import hotline.app.ticket.model.Category;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static hotline.app.jdbc.SqlValues.instant;
import static hotline.app.jdbc.SqlValues.name;
import static hotline.app.jdbc.SqlValues.ts;

/** Contacts in PostgreSQL. The queue is the QUEUED rows, in {@code ContactQueue.ORDER}. */
@Repository
class ContactRepository {

    private static final String QUEUE_ORDER = "(case priority when 'EMERGENCY' then 0 else 1 end), queued_at, id";

    private final JdbcClient jdbc;

    ContactRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the contact unless one with the same channel and external id exists; returns whether it did. */
    boolean insert(Contact c, String site) {
        return jdbc.sql("""
                        insert into contact (id, channel, state, priority, category, caller_number, sender_name, external_id,
                          subject, body, queued_at, site)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (channel, external_id) do nothing""")
                .params(c.id(), c.channel().name(), c.state().name(), c.priority().name(), name(c.category()),
                        c.callerNumber(), c.senderName(), c.externalId(), c.subject(), c.body(), ts(c.queuedAt()), site)
                .update() == 1;
    }

    Optional<Contact> find(UUID id) {
        return jdbc.sql("select * from contact where id = ?").param(id).query(ContactRepository::map).optional();
    }

    Optional<Contact> lock(UUID id) {
        return jdbc.sql("select * from contact where id = ? for update").param(id).query(ContactRepository::map).optional();
    }

    Optional<Contact> findByExternalId(ContactChannel channel, String externalId) {
        return jdbc.sql("select * from contact where channel = ? and external_id = ?")
                .params(channel.name(), externalId).query(ContactRepository::map).optional();
    }

    Optional<Contact> findOfferTo(String username) {
        return jdbc.sql("select * from contact where state = 'OFFERED' and offered_to = ? order by offered_at limit 1")
                .param(username).query(ContactRepository::map).optional();
    }

    /** The agent's contact in progress: connected, or in wrap-up. */
    Optional<Contact> findCurrent(String username) {
        return jdbc.sql("""
                        select * from contact where agent_username = ? and state in ('CONNECTED', 'WRAP_UP')
                        order by connected_at desc limit 1""")
                .param(username).query(ContactRepository::map).optional();
    }

    List<Contact> lockInWrapUp(String username) {
        return jdbc.sql("select * from contact where agent_username = ? and state = 'WRAP_UP' for update")
                .param(username).query(ContactRepository::map).list();
    }

    /** The head of the queue, locked; rows another transaction holds are skipped. */
    List<QueuedContact> lockQueueHead(int limit) {
        return jdbc.sql("select id, priority, queued_at from contact where state = 'QUEUED' order by " + QUEUE_ORDER
                        + " limit ? for update skip locked")
                .param(limit)
                .query((rs, i) -> new QueuedContact(rs.getObject("id", UUID.class),
                        ContactPriority.valueOf(rs.getString("priority")), rs.getTimestamp("queued_at").toInstant()))
                .list();
    }

    /** Offers made before {@code offeredBefore} and not accepted, locked. */
    List<Contact> lockExpiredOffers(Instant offeredBefore, int limit) {
        return jdbc.sql("""
                        select * from contact where state = 'OFFERED' and offered_at <= ?
                        order by offered_at limit ? for update skip locked""")
                .params(ts(offeredBefore), limit).query(ContactRepository::map).list();
    }

    void offer(UUID id, String username, Instant at) {
        jdbc.sql("""
                        update contact set state = 'OFFERED', offered_to = ?, offered_at = ?, offer_count = offer_count + 1,
                          version = version + 1 where id = ? and state = 'QUEUED'""")
                .params(username, ts(at), id).update();
    }

    /** Back to the queue; {@code queued_at} is untouched, so the contact keeps its place. */
    boolean requeue(UUID id) {
        return jdbc.sql("""
                        update contact set state = 'QUEUED', offered_to = null, offered_at = null, version = version + 1
                        where id = ? and state = 'OFFERED'""")
                .param(id).update() == 1;
    }

    void connect(UUID id, String username, Instant at) {
        jdbc.sql("""
                        update contact set state = 'CONNECTED', agent_username = ?, connected_at = ?, offered_to = null,
                          version = version + 1 where id = ?""")
                .params(username, ts(at), id).update();
    }

    void end(UUID id, ContactState state, Instant at) {
        jdbc.sql("update contact set state = ?, ended_at = coalesce(ended_at, ?), offered_to = null, version = version + 1 where id = ?")
                .params(state.name(), ts(at), id).update();
    }

    void setState(UUID id, ContactState state) {
        jdbc.sql("update contact set state = ?, version = version + 1 where id = ?").params(state.name(), id).update();
    }

    boolean linkTicket(UUID id, UUID ticketId) {
        return jdbc.sql("update contact set ticket_id = ?, version = version + 1 where id = ? and ticket_id is null")
                .params(ticketId, id).update() == 1;
    }

    List<PriorityCount> queueByPriority() {
        return jdbc.sql("""
                        select priority, count(*) as n, min(queued_at) as oldest from contact where state = 'QUEUED'
                        group by priority""")
                .query((rs, i) -> new PriorityCount(ContactPriority.valueOf(rs.getString("priority")), rs.getLong("n"),
                        rs.getTimestamp("oldest").toInstant()))
                .list();
    }

    long countOffered() {
        return jdbc.sql("select count(*) from contact where state = 'OFFERED'").query(Long.class).single();
    }

    record PriorityCount(ContactPriority priority, long count, Instant oldest) {
    }

    static Contact map(ResultSet rs, int row) throws SQLException {
        return new Contact(rs.getObject("id", UUID.class), ContactChannel.valueOf(rs.getString("channel")),
                ContactState.valueOf(rs.getString("state")), ContactPriority.valueOf(rs.getString("priority")),
                rs.getString("category") == null ? null : Category.valueOf(rs.getString("category")),
                rs.getString("caller_number"), rs.getString("sender_name"), rs.getString("external_id"),
                rs.getString("subject"), rs.getString("body"), instant(rs, "queued_at"), rs.getString("offered_to"),
                instant(rs, "offered_at"), rs.getInt("offer_count"), rs.getString("agent_username"),
                instant(rs, "connected_at"), instant(rs, "ended_at"), rs.getObject("ticket_id", UUID.class),
                rs.getLong("version"));
    }
}
