package hotline.app.ticket.model;

import hotline.app.account.model.Actor;
import hotline.app.account.model.Role;
import hotline.app.ticket.sla.model.SlaPolicy;
import hotline.app.ticket.sla.model.SlaTarget;
import hotline.app.ticket.sla.model.WorkingCalendar;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;

/** Test fixtures for the ticket model: tickets in any state, and a valid command for any action. */
final class Tickets {

    static final Instant NOW = Instant.parse("2026-11-30T02:00:00Z"); // Monday 10:00 in Wuhan
    static final SlaPolicy SLA = new SlaPolicy(WorkingCalendar.mondayToFriday(ZoneId.of("Asia/Shanghai")),
            Map.of(Priority.URGENT, SlaTarget.hours(4), Priority.HIGH, SlaTarget.workingDays(1),
                    Priority.NORMAL, SlaTarget.workingDays(3), Priority.LOW, SlaTarget.workingDays(5)),
            Map.of(Category.PIPE_BURST, SlaTarget.hours(2)), 0.25);
    static final String DEPARTMENT = "supply";

    private Tickets() {
    }

    static Actor actor(Role role) {
        return role == Role.DEPARTMENT ? new Actor("liaison", role, DEPARTMENT) : Actor.of(role.name().toLowerCase(), role);
    }

    /** A ticket in {@code state} with whatever that state implies (department, pending request, callback). */
    static Ticket inState(TicketState state) {
        return Ticket.restore(UUID.randomUUID(), "A20261130-000001", Channel.PHONE, NOW.minusSeconds(3600), "a",
                "agent1", 3, f -> {
                    f.state(state).category(Category.WATER_QUALITY).priority(Priority.NORMAL).title("水发黄")
                            .description("自来水发黄三天").citizen(new Citizen("张三", "13800138000", "新华路1号", "江汉区", "新华路"))
                            .handlingRound(1).dueAt(NOW.plusSeconds(86400)).nearDueAt(NOW.plusSeconds(43200))
                            .updatedAt(NOW.minusSeconds(60));
                    if (state != TicketState.PENDING_SIGN && state != TicketState.ACCEPTED
                            && state != TicketState.VERIFYING && state != TicketState.SCREENED) {
                        f.departmentId(DEPARTMENT);
                    }
                    switch (state) {
                        case RETURN_REQUESTED -> f.pendingRequest(DepartmentRequest.RETURN).pendingRequestReason("不属本单位");
                        case EXTENSION_REQUESTED -> f.pendingRequest(DepartmentRequest.EXTENSION)
                                .pendingRequestReason("需更换管道").pendingExtensionDays(3);
                        case SECOND_HANDLING_REQUESTED -> f.pendingRequest(DepartmentRequest.SECOND_HANDLING)
                                .pendingRequestReason("再次处理").satisfaction(Satisfaction.DISSATISFIED).callbackReached(true);
                        case EVALUATION_REQUESTED -> f.pendingRequest(DepartmentRequest.THIRD_PARTY_EVALUATION)
                                .pendingRequestReason("诉求不合理").satisfaction(Satisfaction.DISSATISFIED).callbackReached(true);
                        case CALLED_BACK -> f.satisfaction(Satisfaction.DISSATISFIED).callbackReached(true);
                        default -> { }
                    }
                });
    }

    /** A command for {@code action} that passes its own validation on a ticket from {@link #inState}. */
    static TicketCommand validCommand(TicketAction action) {
        return switch (action) {
            case SIGN -> new TicketCommand.Sign(null);
            case START_VERIFICATION -> new TicketCommand.StartVerification("地址不清，电话核实");
            case COMPLETE_VERIFICATION -> new TicketCommand.CompleteVerification("已核实地址");
            case SCREEN -> new TicketCommand.Screen(Category.WATER_QUALITY, Priority.HIGH, null);
            case ANSWER_DIRECTLY -> new TicketCommand.AnswerDirectly(null, "放水3-5分钟即可恢复", null);
            case ASSIGN -> new TicketCommand.Assign(DEPARTMENT, null);
            case TRANSFER -> new TicketCommand.Transfer("drainage", "属排水问题");
            case URGE -> new TicketCommand.Urge(null);
            case DEPARTMENT_REPLY -> new TicketCommand.DepartmentReply("已更换管道", null);
            case REQUEST_RETURN -> new TicketCommand.Request(DepartmentRequest.RETURN, "不属本单位", null);
            case REQUEST_EXTENSION -> new TicketCommand.Request(DepartmentRequest.EXTENSION, "需采购材料", 3);
            case REQUEST_SECOND_HANDLING -> new TicketCommand.Request(DepartmentRequest.SECOND_HANDLING, "再次上门", null);
            case REQUEST_EVALUATION -> new TicketCommand.Request(DepartmentRequest.THIRD_PARTY_EVALUATION, "请第三方评价", null);
            case APPROVE_REQUEST -> new TicketCommand.ApproveRequest(null);
            case REJECT_REQUEST -> new TicketCommand.RejectRequest("理由不充分");
            case ACCEPT_REPLY -> new TicketCommand.AcceptReply(null);
            case SEND_BACK -> new TicketCommand.SendBack("答复不完整");
            case REPLY_TO_CITIZEN -> new TicketCommand.ReplyToCitizen("已为您更换管道", null);
            case RECORD_CALLBACK -> new TicketCommand.RecordCallback(true, Satisfaction.SATISFIED, null);
            case CLOSE -> new TicketCommand.Close(null);
            case MARK_OVERDUE -> new TicketCommand.MarkOverdue(null);
        };
    }
}
