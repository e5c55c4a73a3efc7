package hotline.app.report;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * A known month of hotline work, written straight into the tables so every figure can be asserted exactly:
 * March 2019 (Asia/Shanghai), two departments of its own ({@code kq-supply}, {@code kq-drain}) with their
 * liaisons, ten tickets owned by agent1–agent3, five inbound calls and a web message, staff movements; a storm night in July 2019 with
 * waterlogging tickets. No other test uses 2019, so the figures are this fixture's alone.
 *
 * <pre>
 * #   dept       owner   accepted  due     answered      overdue  callback      satisfaction  notes
 * T1  kq-supply  agent1  03-01     03-05   03-04         -        reached       VERY_SATISFIED
 * T2  kq-supply  agent1  03-02     03-06   03-05         -        reached       SATISFIED
 * T3  kq-supply  agent2  03-03     03-07   03-08 (late)  -        reached       DISSATISFIED
 * T4  kq-supply  agent2  03-05     03-10   03-09         -        none          -             extension requested
 * T5  kq-drain   agent1  03-08     03-12   -             -        -             -             open, past due
 * T6  kq-drain   agent2  03-10     2099    -             -        -             -             open, not yet due
 * T7  (hotline)  agent3  03-12     03-20   03-15 direct  -        not reached   -
 * T8  kq-drain   agent3  03-15     03-22   03-21         marked   reached       BASICALLY_SATISFIED
 * T9  kq-supply  agent1  03-20     03-25   03-24         -        reached       SATISFIED     sent back, round 2
 * T10 kq-drain   agent2  03-25     03-28   03-27         -        reached       DISSATISFIED  return requested
 * </pre>
 */
final class KnownMonth {

    static final ZoneOffset CST = ZoneOffset.ofHours(8);

    private final JdbcClient jdbc;

    KnownMonth(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static Timestamp at(String localDateTime) {
        return Timestamp.from(LocalDateTime.parse(localDateTime).toInstant(CST));
    }

    void write() {
        jdbc.sql("insert into department (id, name, kind) values ('kq-supply', '测试供水部门', 'UTILITY'), ('kq-drain', '测试排水部门', 'UTILITY')")
                .update();
        jdbc.sql("""
                        insert into account (id, username, display_name, role, password_hash, department_id) values
                        (?, 'kq-supply-liaison', '供水联络员', 'DEPARTMENT', '{noop}x', 'kq-supply'),
                        (?, 'kq-drain-liaison', '排水联络员', 'DEPARTMENT', '{noop}x', 'kq-drain')""")
                .params(UUID.randomUUID(), UUID.randomUUID()).update();

        ticket("T1", "kq-supply", "agent1", "CLOSED", "WATER_QUALITY", "PHONE", "2019-03-01T09:00", "2019-03-05T12:00",
                "2019-03-04T10:00", false, true, "VERY_SATISFIED", 1);
        ticket("T2", "kq-supply", "agent1", "CLOSED", "WATER_QUALITY", "PHONE", "2019-03-02T10:00", "2019-03-06T12:00",
                "2019-03-05T10:00", false, true, "SATISFIED", 1);
        ticket("T3", "kq-supply", "agent2", "CALLED_BACK", "WATER_QUALITY", "PHONE", "2019-03-03T10:00", "2019-03-07T12:00",
                "2019-03-08T10:00", false, true, "DISSATISFIED", 1);
        UUID t4 = ticket("T4", "kq-supply", "agent2", "CITIZEN_REPLIED", "WATER_QUALITY", "PHONE", "2019-03-05T10:00",
                "2019-03-10T12:00", "2019-03-09T10:00", false, null, null, 1);
        ticket("T5", "kq-drain", "agent1", "ASSIGNED", "WATERLOGGING", "PHONE", "2019-03-08T10:00", "2019-03-12T12:00",
                null, false, null, null, 1);
        ticket("T6", "kq-drain", "agent2", "ASSIGNED", "WATERLOGGING", "PHONE", "2019-03-10T10:00", "2099-01-01T12:00",
                null, false, null, null, 1);
        UUID t7 = ticket("T7", null, "agent3", "CLOSED", "METER_BILLING", "WEB", "2019-03-12T10:00", "2019-03-20T12:00",
                null, false, false, null, 1);
        event(t7, "ANSWER_DIRECTLY", "agent3", "AGENT", "2019-03-15T10:00");
        ticket("T8", "kq-drain", "agent3", "CLOSED", "WATERLOGGING", "WEB", "2019-03-15T10:00", "2019-03-22T12:00",
                "2019-03-21T10:00", true, true, "BASICALLY_SATISFIED", 1);
        UUID t9 = ticket("T9", "kq-supply", "agent1", "CLOSED", "PIPE_BURST", "PLATFORM_12345", "2019-03-20T10:00",
                "2019-03-25T12:00", "2019-03-24T10:00", false, true, "SATISFIED", 2);
        UUID t10 = ticket("T10", "kq-drain", "agent2", "CLOSED", "WATERLOGGING", "PLATFORM_12345", "2019-03-25T10:00",
                "2019-03-28T12:00", "2019-03-27T10:00", false, true, "DISSATISFIED", 1);
        event(t4, "REQUEST_EXTENSION", "kq-supply-liaison", "DEPARTMENT", "2019-03-06T10:00");
        event(t9, "SEND_BACK", "lead", "LEAD", "2019-03-22T10:00");
        event(t10, "REQUEST_RETURN", "kq-drain-liaison", "DEPARTMENT", "2019-03-26T09:00");

        // inbound calls: four answered (agent1 twice, agent2, agent3), one abandoned; a web message is not counted
        call("PHONE_IN", "COMPLETED", "agent1", "2019-03-01T08:55", true);
        call("PHONE_IN", "COMPLETED", "agent1", "2019-03-02T09:55", true);
        call("PHONE_IN", "COMPLETED", "agent2", "2019-03-03T09:55", true);
        call("PHONE_IN", "COMPLETED", "agent3", "2019-03-12T09:55", true);
        call("PHONE_IN", "ABANDONED", null, "2019-03-13T09:55", false);
        call("WEB", "COMPLETED", "agent3", "2019-03-14T09:55", true);

        // the team: ten joined in January, one left in February, one joined and one left in March
        for (int i = 1; i <= 10; i++) {
            movement("kq-staff" + i, "JOINED", "2019-01-10");
        }
        movement("kq-staff1", "LEFT", "2019-02-20");
        movement("kq-staff11", "JOINED", "2019-03-05");
        movement("kq-staff2", "LEFT", "2019-03-15");
    }

    /** A storm night, 2019-07-10 18:00 to 07-11 06:00: six waterlogging tickets, three answered. */
    void writeStorm() {
        storm("W1", "江汉区", "新华路", "CLOSED", "2019-07-10T18:10");
        storm("W2", "江汉区", "新华路", "CITIZEN_REPLIED", "2019-07-10T18:40");
        storm("W3", "江汉区", "新华路", "ASSIGNED", "2019-07-10T19:05");
        storm("W4", "武昌区", "中山路", "ASSIGNED", "2019-07-10T22:15");
        storm("W5", "武昌区", "中山路", "SCREENED", "2019-07-10T22:30");
        storm("W6", "江汉区", "解放大道", "CLOSED", "2019-07-10T22:45");
        storm("W7", "江汉区", "新华路", "CLOSED", "2019-07-11T07:00");  // after the window
        insertTicket("W8", null, null, "CLOSED", "WATER_QUALITY", "PHONE", at("2019-07-10T20:00"), at("2019-07-12T20:00"),
                false, null, null, 1, "江汉区", "新华路");
    }

    private void storm(String no, String district, String street, String state, String accepted) {
        insertTicket(no, "kq-drain", "agent4", state, "WATERLOGGING", "PHONE", at(accepted), at("2019-07-11T10:00"),
                false, null, null, 1, district, street);
    }

    private UUID ticket(String no, String dept, String owner, String state, String category, String channel, String accepted,
                        String due, String answered, boolean breached, Boolean callback, String satisfaction, int round) {
        UUID id = insertTicket(no, dept, owner, state, category, channel, at(accepted), at(due), breached, callback,
                satisfaction, round, "江汉区", "测试路");
        if (answered != null) {
            event(id, "REPLY_TO_CITIZEN", owner, "AGENT", answered);
        }
        return id;
    }

    UUID insertTicket(String no, String dept, String owner, String state, String category, String channel, Timestamp accepted,
                      Timestamp due, boolean breached, Boolean callback, String satisfaction, int round, String district,
                      String street) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into ticket (id, number, channel, state, category, priority, title, description, district, street,
                          department_id, handling_round, accepted_at, due_at, near_due_at, sla_breached, satisfaction,
                          callback_reached, owner_username, created_site, updated_at)
                        values (?, ?, ?, ?, ?, 'NORMAL', '测试工单', '测试', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'a', ?)""")
                .params(id, "KQ-" + no, channel, state, category, district, street, dept, round, accepted, due, due, breached,
                        satisfaction, callback, owner, accepted)
                .update();
        return id;
    }

    private void event(UUID ticket, String action, String actor, String role, String at) {
        jdbc.sql("""
                        insert into ticket_event (id, ticket_id, seq, action, to_state, actor, actor_role, site, at)
                        values (?, ?, (select coalesce(max(seq), 0) + 1 from ticket_event where ticket_id = ?), ?, 'ASSIGNED', ?, ?, 'a', ?)""")
                .params(UUID.randomUUID(), ticket, ticket, action, actor, role, at(at)).update();
    }

    private void call(String channel, String state, String agent, String queued, boolean connected) {
        jdbc.sql("""
                        insert into contact (id, channel, state, priority, queued_at, agent_username, connected_at, ended_at, site)
                        values (?, ?, ?, 'NORMAL', ?, ?, ?, ?, 'a')""")
                .params(UUID.randomUUID(), channel, state, at(queued), agent, connected ? at(queued) : null,
                        state.equals("QUEUED") ? null : at(queued))
                .update();
    }

    private void movement(String username, String kind, String day) {
        jdbc.sql("insert into staff_movement (id, username, kind, on_day) values (?, ?, ?, ?)")
                .params(UUID.randomUUID(), username, kind, java.time.LocalDate.parse(day)).update();
    }
}
