package hotline.app.ticket.model;

import hotline.app.account.model.Role;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static hotline.app.account.model.Role.AGENT;
import static hotline.app.account.model.Role.DEPARTMENT;
import static hotline.app.account.model.Role.LEAD;
import static hotline.app.account.model.Role.SYSTEM;
import static hotline.app.ticket.model.TicketAction.*;
import static hotline.app.ticket.model.TicketState.*;

/**
 * The ticket lifecycle as an explicit table: who may do what, from which state, and where it leads.
 * Anything not in the table is refused. Reading the rows top to bottom follows a ticket's life:
 * sign → screen → assign → (urge, transfer, department requests) → reply → review → answer → callback → close.
 */
public final class TransitionTable {

    private static final Set<Role> DESK = EnumSet.of(AGENT, LEAD);
    private static final Set<Role> LEAD_ONLY = EnumSet.of(LEAD);
    private static final Set<Role> DEPT = EnumSet.of(DEPARTMENT);
    private static final Set<Role> URGERS = EnumSet.of(AGENT, LEAD, SYSTEM);

    private static final List<Transition> ROWS = withOverdueMarks(List.of(
            row(PENDING_SIGN, SIGN, DESK, ACCEPTED),

            row(ACCEPTED, START_VERIFICATION, DESK, VERIFYING),
            row(VERIFYING, COMPLETE_VERIFICATION, DESK, ACCEPTED),
            row(ACCEPTED, SCREEN, DESK, SCREENED),
            row(ACCEPTED, ANSWER_DIRECTLY, DESK, CITIZEN_REPLIED),
            row(SCREENED, ANSWER_DIRECTLY, DESK, CITIZEN_REPLIED),

            row(SCREENED, ASSIGN, DESK, ASSIGNED),
            row(ASSIGNED, TRANSFER, DESK, ASSIGNED),
            row(ASSIGNED, URGE, URGERS, ASSIGNED),
            row(EXTENSION_REQUESTED, URGE, URGERS, EXTENSION_REQUESTED),
            row(RETURN_REQUESTED, URGE, URGERS, RETURN_REQUESTED),

            row(ASSIGNED, REQUEST_RETURN, DEPT, RETURN_REQUESTED),
            row(RETURN_REQUESTED, APPROVE_REQUEST, LEAD_ONLY, SCREENED),
            row(RETURN_REQUESTED, REJECT_REQUEST, LEAD_ONLY, ASSIGNED),
            row(ASSIGNED, REQUEST_EXTENSION, DEPT, EXTENSION_REQUESTED),
            row(EXTENSION_REQUESTED, APPROVE_REQUEST, LEAD_ONLY, ASSIGNED),
            row(EXTENSION_REQUESTED, REJECT_REQUEST, LEAD_ONLY, ASSIGNED),

            row(ASSIGNED, DEPARTMENT_REPLY, DEPT, AWAITING_REVIEW),
            row(AWAITING_REVIEW, ACCEPT_REPLY, LEAD_ONLY, REVIEWED),
            row(AWAITING_REVIEW, SEND_BACK, LEAD_ONLY, ASSIGNED),

            row(REVIEWED, REPLY_TO_CITIZEN, DESK, CITIZEN_REPLIED),
            row(CITIZEN_REPLIED, RECORD_CALLBACK, DESK, CALLED_BACK),

            row(CALLED_BACK, REQUEST_SECOND_HANDLING, DEPT, SECOND_HANDLING_REQUESTED),
            row(SECOND_HANDLING_REQUESTED, APPROVE_REQUEST, LEAD_ONLY, ASSIGNED),
            row(SECOND_HANDLING_REQUESTED, REJECT_REQUEST, LEAD_ONLY, CALLED_BACK),
            row(CALLED_BACK, REQUEST_EVALUATION, DEPT, EVALUATION_REQUESTED),
            row(EVALUATION_REQUESTED, APPROVE_REQUEST, LEAD_ONLY, CALLED_BACK),
            row(EVALUATION_REQUESTED, REJECT_REQUEST, LEAD_ONLY, CALLED_BACK),

            row(CALLED_BACK, CLOSE, DESK, CLOSED)));

    private static final Map<TicketState, Map<TicketAction, Transition>> INDEX = index(ROWS);

    private TransitionTable() {
    }

    public static List<Transition> rows() {
        return ROWS;
    }

    public static Optional<Transition> find(TicketState from, TicketAction action) {
        return Optional.ofNullable(INDEX.getOrDefault(from, Map.of()).get(action));
    }

    /**
     * The transition for this move, or an exception that says what is allowed instead.
     *
     * @throws IllegalTransitionException when the action is not possible from the state, or not for the role
     */
    public static Transition require(TicketState from, TicketAction action, Role role) {
        Transition transition = find(from, action).orElseThrow(() -> new IllegalTransitionException(
                "cannot " + action + " a ticket in state " + from + "; possible here: " + actionsFrom(from)));
        if (!transition.permits(role)) {
            throw new ActionNotPermittedException(
                    "role " + role + " may not " + action + " a ticket in state " + from
                            + "; allowed roles: " + transition.roles());
        }
        return transition;
    }

    /** The actions this role may take from this state, in table order (what the desk offers as buttons). */
    public static List<TicketAction> actionsFor(TicketState from, Role role) {
        List<TicketAction> actions = new ArrayList<>();
        for (Transition t : INDEX.getOrDefault(from, Map.of()).values()) {
            if (t.permits(role)) {
                actions.add(t.action());
            }
        }
        return actions;
    }

    private static List<TicketAction> actionsFrom(TicketState from) {
        return List.copyOf(INDEX.getOrDefault(from, Map.of()).keySet());
    }

    /** The SLA watch may mark a ticket overdue in every state where the SLA clock runs; the state stays. */
    private static List<Transition> withOverdueMarks(List<Transition> rows) {
        List<Transition> all = new ArrayList<>(rows);
        for (TicketState s : TicketState.values()) {
            if (s.isSlaClockRunning()) {
                all.add(row(s, MARK_OVERDUE, EnumSet.of(SYSTEM), s));
            }
        }
        return List.copyOf(all);
    }

    private static Transition row(TicketState from, TicketAction action, Set<Role> roles, TicketState to) {
        return new Transition(from, action, roles, to);
    }

    private static Map<TicketState, Map<TicketAction, Transition>> index(List<Transition> rows) {
        Map<TicketState, Map<TicketAction, Transition>> index = new EnumMap<>(TicketState.class);
        for (Transition t : rows) {
            Transition previous = index.computeIfAbsent(t.from(), s -> new EnumMap<>(TicketAction.class))
                    .put(t.action(), t);
            if (previous != null) {
                throw new IllegalStateException("two rows for " + t.from() + " + " + t.action());
            }
        }
        index.replaceAll((state, byAction) -> Collections.unmodifiableMap(byAction));
        return Collections.unmodifiableMap(index);
    }
}
