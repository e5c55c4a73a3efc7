package hotline.app.ticket.model;

import hotline.app.account.model.Actor;
import hotline.app.ticket.sla.model.SlaPolicy;

import java.time.Instant;
import java.util.UUID;

/**
 * One thing to do to a ticket. Each command names its {@link TicketAction} (the transition table decides
 * whether it is allowed), checks its own fields, and changes the ticket. {@link #applyTo} returns a short,
 * personal-data-free detail for the history.
 */
public sealed interface TicketCommand {

    int MAX_NOTE = 2000;

    TicketAction action();

    /** Free text for the history; optional unless the command says otherwise. */
    String note();

    /** Refuses the command before anything changes. */
    default void validate(Ticket ticket) {
        TicketText.optional("note", note(), MAX_NOTE);
    }

    String applyTo(Ticket t, Actor actor, Instant now, SlaPolicy sla);

    record Sign(String note) implements TicketCommand {
        public TicketAction action() { return TicketAction.SIGN; }

        public String applyTo(Ticket t, Actor actor, Instant now, SlaPolicy sla) {
            t.ownerUsername = actor.username();
            return "signed for by " + actor.username();
        }
    }

    record StartVerification(String note) implements TicketCommand {
        public TicketAction action() { return TicketAction.START_VERIFICATION; }

        public void validate(Ticket ticket) {
            TicketText.require("note", note, MAX_NOTE);
        }

        public String applyTo(Ticket t, Actor actor, Instant now, SlaPolicy sla) {
            return "verification started";
        }
    }

    record CompleteVerification(String note) implements TicketCommand {
        public TicketAction action() { return TicketAction.COMPLETE_VERIFICATION; }

        public void validate(Ticket ticket) {
            TicketText.require("note", note, MAX_NOTE);
        }

        public String applyTo(Ticket t, Actor actor, Instant now, SlaPolicy sla) {
            return "verification completed";
        }
    }

    /** Screening (甄别) fixes category and priority; the SLA deadline is recomputed from acceptance. */
    record Screen(Category category, Priority priority, String note) implements TicketCommand {
        public TicketAction action() { return TicketAction.SCREEN; }

        public void validate(Ticket ticket) {
            TicketCommand.super.validate(ticket);
            if (category == null) {
                throw new InvalidTicketCommandException("category", "is required to screen a ticket");
            }
        }

        public String applyTo(Ticket t, Actor actor, Instant now, SlaPolicy sla) {
            t.category = category;
            t.priority = priority != null ? priority : (category.isEmergency() ? Priority.URGENT : Priority.NORMAL);
            if (!t.slaBreached) {
                t.applyDeadline(sla.deadline(t.acceptedAt(), t.category, t.priority));
            }
            return "category " + t.category + ", priority " + t.priority + ", due " + t.dueAt;
        }
    }

    /** Answered at once from the knowledge base (直接解答); no department involved. */
    record AnswerDirectly(UUID knowledgeArticleId, String answer, String note) implements TicketCommand {
        public TicketAction action() { return TicketAction.ANSWER_DIRECTLY; }

        public void validate(Ticket ticket) {
            TicketCommand.super.validate(ticket);
            TicketText.require("answer", answer, NewTicket.MAX_TEXT);
        }

        public String applyTo(Ticket t, Actor actor, Instant now, SlaPolicy sla) {
            t.citizenReply = answer.strip();
            t.knowledgeArticleId = knowledgeArticleId;
            return knowledgeArticleId == null ? "answered directly" : "answered from article " + knowledgeArticleId;
        }
    }

    record Assign(String departmentId, String note) implements TicketCommand {
        public TicketAction action() { return TicketAction.ASSIGN; }

        public void validate(Ticket ticket) {
            TicketCommand.super.validate(ticket);
            TicketText.require("departmentId", departmentId, 32);
        }

        public String applyTo(Ticket t, Actor actor, Instant now, SlaPolicy sla) {
            t.departmentId = departmentId.strip();
            return "assigned to " + t.departmentId;
        }
    }

    record Transfer(String departmentId, String note) implements TicketCommand {
        public TicketAction action() { return TicketAction.TRANSFER; }

        public void validate(Ticket ticket) {
            TicketText.require("note", note, MAX_NOTE);
            TicketText.require("departmentId", departmentId, 32);
            if (departmentId.strip().equals(ticket.departmentId())) {
                throw new InvalidTicketCommandException("departmentId", "the ticket is already with " + departmentId);
            }
        }

        public String applyTo(Ticket t, Actor actor, Instant now, SlaPolicy sla) {
            String from = t.departmentId;
            t.departmentId = departmentId.strip();
            return "transferred from " + from + " to " + t.departmentId;
        }
    }

    /** Urging (催办) the handling department; done by people or automatically near the deadline. */
    record Urge(String note) implements TicketCommand {
        public TicketAction action() { return TicketAction.URGE; }

        public String applyTo(Ticket t, Actor actor, Instant now, SlaPolicy sla) {
            t.urgeCount++;
            t.lastUrgedAt = now;
            return "urge #" + t.urgeCount + " to " + t.departmentId + ", due " + t.dueAt;
        }
    }

    record DepartmentReply(String reply, String note) implements TicketCommand {
        public TicketAction action() { return TicketAction.DEPARTMENT_REPLY; }

        public void validate(Ticket ticket) {
            TicketCommand.super.validate(ticket);
            TicketText.require("reply", reply, NewTicket.MAX_TEXT);
        }

        public String applyTo(Ticket t, Actor actor, Instant now, SlaPolicy sla) {
            t.departmentReply = reply.strip();
            return "reply from " + t.departmentId + " (round " + t.handlingRound + ")";
        }
    }

    /** A department's request (return, extension, second handling, third-party evaluation). */
    record Request(DepartmentRequest kind, String note, Integer extensionWorkingDays) implements TicketCommand {
        public static final int MAX_EXTENSION_DAYS = 30;

        public TicketAction action() {
            return switch (kind) {
                case RETURN -> TicketAction.REQUEST_RETURN;
                case EXTENSION -> TicketAction.REQUEST_EXTENSION;
                case SECOND_HANDLING -> TicketAction.REQUEST_SECOND_HANDLING;
                case THIRD_PARTY_EVALUATION -> TicketAction.REQUEST_EVALUATION;
            };
        }

        public void validate(Ticket ticket) {
            TicketText.require("note", note, MAX_NOTE);
            if (kind == DepartmentRequest.EXTENSION
                    && (extensionWorkingDays == null || extensionWorkingDays < 1 || extensionWorkingDays > MAX_EXTENSION_DAYS)) {
                throw new InvalidTicketCommandException("extensionWorkingDays",
                        "an extension needs between 1 and " + MAX_EXTENSION_DAYS + " working days");
            }
            if ((kind == DepartmentRequest.SECOND_HANDLING || kind == DepartmentRequest.THIRD_PARTY_EVALUATION)
                    && ticket.satisfaction() != Satisfaction.DISSATISFIED) {
                throw new InvalidTicketCommandException("kind",
                        kind + " may only be requested after a dissatisfied callback");
            }
        }

        public String applyTo(Ticket t, Actor actor, Instant now, SlaPolicy sla) {
            t.pendingRequest = kind;
            t.pendingRequestReason = note.strip();
            t.pendingExtensionDays = kind == DepartmentRequest.EXTENSION ? extensionWorkingDays : null;
            return kind + " requested by " + t.departmentId
                    + (kind == DepartmentRequest.EXTENSION ? " (" + extensionWorkingDays + " working days)" : "");
        }
    }

    /** The hotline's review of the pending department request: approve. */
    record ApproveRequest(String note) implements TicketCommand {
        public TicketAction action() { return TicketAction.APPROVE_REQUEST; }

        public String applyTo(Ticket t, Actor actor, Instant now, SlaPolicy sla) {
            DepartmentRequest kind = t.pendingRequest;
            String detail = switch (kind) {
                case RETURN -> {
                    String from = t.departmentId;
                    t.departmentId = null;
                    yield "return approved: ticket back from " + from + " for re-assignment";
                }
                case EXTENSION -> {
                    t.applyDeadline(sla.extend(t.acceptedAt(), t.dueAt, t.pendingExtensionDays));
                    yield "extension of " + t.pendingExtensionDays + " working days approved, due " + t.dueAt;
                }
                case SECOND_HANDLING -> {
                    t.handlingRound++;
                    t.departmentReply = null;
                    yield "second handling approved, round " + t.handlingRound;
                }
                case THIRD_PARTY_EVALUATION -> {
                    t.thirdPartyEvaluation = true;
                    yield "third-party evaluation approved";
                }
            };
            clearRequest(t);
            return detail;
        }
    }

    record RejectRequest(String note) implements TicketCommand {
        public TicketAction action() { return TicketAction.REJECT_REQUEST; }

        public void validate(Ticket ticket) {
            TicketText.require("note", note, MAX_NOTE);
        }

        public String applyTo(Ticket t, Actor actor, Instant now, SlaPolicy sla) {
            String detail = t.pendingRequest + " request rejected";
            clearRequest(t);
            return detail;
        }
    }

    /** Review (审核) of the department's reply: accepted. */
    record AcceptReply(String note) implements TicketCommand {
        public TicketAction action() { return TicketAction.ACCEPT_REPLY; }

        public String applyTo(Ticket t, Actor actor, Instant now, SlaPolicy sla) {
            return "reply of " + t.departmentId + " accepted";
        }
    }

    /** Review of the department's reply: sent back for a second handling. */
    record SendBack(String note) implements TicketCommand {
        public TicketAction action() { return TicketAction.SEND_BACK; }

        public void validate(Ticket ticket) {
            TicketText.require("note", note, MAX_NOTE);
        }

        public String applyTo(Ticket t, Actor actor, Instant now, SlaPolicy sla) {
            t.handlingRound++;
            t.departmentReply = null;
            return "sent back to " + t.departmentId + " for handling round " + t.handlingRound;
        }
    }

    record ReplyToCitizen(String reply, String note) implements TicketCommand {
        public TicketAction action() { return TicketAction.REPLY_TO_CITIZEN; }

        public void validate(Ticket ticket) {
            TicketCommand.super.validate(ticket);
            TicketText.require("reply", reply, NewTicket.MAX_TEXT);
        }

        public String applyTo(Ticket t, Actor actor, Instant now, SlaPolicy sla) {
            t.citizenReply = reply.strip();
            return "citizen answered";
        }
    }

    /** Callback (回访): reached or not, and if reached, how satisfied. */
    record RecordCallback(Boolean reached, Satisfaction satisfaction, String note) implements TicketCommand {
        public TicketAction action() { return TicketAction.RECORD_CALLBACK; }

        public void validate(Ticket ticket) {
            TicketCommand.super.validate(ticket);
            if (reached == null) {
                throw new InvalidTicketCommandException("reached", "say whether the citizen was reached");
            }
            if (reached && satisfaction == null) {
                throw new InvalidTicketCommandException("satisfaction", "is required when the citizen was reached");
            }
            if (!reached && satisfaction != null) {
                throw new InvalidTicketCommandException("satisfaction", "cannot be recorded when the citizen was not reached");
            }
        }

        public String applyTo(Ticket t, Actor actor, Instant now, SlaPolicy sla) {
            t.callbackReached = reached;
            t.satisfaction = satisfaction;
            return reached ? "callback: " + satisfaction : "callback: citizen not reached";
        }
    }

    record Close(String note) implements TicketCommand {
        public TicketAction action() { return TicketAction.CLOSE; }

        public String applyTo(Ticket t, Actor actor, Instant now, SlaPolicy sla) {
            t.closedAt = now;
            return "closed";
        }
    }

    /** The SLA watch's mark on a ticket first seen past its deadline. */
    record MarkOverdue(String note) implements TicketCommand {
        public TicketAction action() { return TicketAction.MARK_OVERDUE; }

        public void validate(Ticket ticket) {
            if (ticket.slaBreached()) {
                throw new InvalidTicketCommandException("state", "ticket " + ticket.number() + " is already marked overdue");
            }
        }

        public String applyTo(Ticket t, Actor actor, Instant now, SlaPolicy sla) {
            t.slaBreached = true;
            return "overdue: was due " + t.dueAt;
        }
    }

    private static void clearRequest(Ticket t) {
        t.pendingRequest = null;
        t.pendingRequestReason = null;
        t.pendingExtensionDays = null;
    }
}
