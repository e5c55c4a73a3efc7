package hotline.app.ticket.model;

import hotline.app.account.model.Role;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static hotline.app.ticket.model.Tickets.NOW;
import static hotline.app.ticket.model.Tickets.SLA;
import static hotline.app.ticket.model.Tickets.actor;
import static hotline.app.ticket.model.Tickets.inState;
import static hotline.app.ticket.model.Tickets.validCommand;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TransitionTableTest {

    @TestFactory
    Stream<DynamicTest> everyAllowedTransitionLeadsToItsTargetStateForEveryPermittedRole() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Transition row : TransitionTable.rows()) {
            for (Role role : row.roles()) {
                tests.add(DynamicTest.dynamicTest(row.from() + " --" + row.action() + " by " + role + "--> " + row.to(), () -> {
                    Ticket ticket = inState(row.from());
                    TicketEvent event = ticket.apply(validCommand(row.action()), actor(role), NOW, SLA);
                    assertThat(ticket.state()).isEqualTo(row.to());
                    assertThat(event.fromState()).isEqualTo(row.from());
                    assertThat(event.toState()).isEqualTo(row.to());
                    assertThat(event.action()).isEqualTo(row.action());
                    assertThat(event.actorRole()).isEqualTo(role);
                }));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> everyActionMissingFromAStateIsRefusedAndChangesNothing() {
        List<DynamicTest> tests = new ArrayList<>();
        for (TicketState state : TicketState.values()) {
            for (TicketAction action : TicketAction.values()) {
                if (TransitionTable.find(state, action).isPresent()) {
                    continue;
                }
                tests.add(DynamicTest.dynamicTest(action + " from " + state + " is refused", () -> {
                    Ticket ticket = inState(state);
                    assertThatThrownBy(() -> ticket.apply(validCommand(action), actor(Role.LEAD), NOW, SLA))
                            .isInstanceOf(IllegalTransitionException.class)
                            .hasMessageContaining("cannot " + action)
                            .hasMessageContaining("possible here");
                    assertThat(ticket.state()).isEqualTo(state);
                    assertThat(ticket.updatedAt()).isEqualTo(NOW.minusSeconds(60));
                }));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> everyRoleOutsideARowIsRefused() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Transition row : TransitionTable.rows()) {
            for (Role role : Role.values()) {
                if (row.permits(role)) {
                    continue;
                }
                tests.add(DynamicTest.dynamicTest(role + " may not " + row.action() + " from " + row.from(), () -> {
                    Ticket ticket = inState(row.from());
                    assertThatThrownBy(() -> ticket.apply(validCommand(row.action()), actor(role), NOW, SLA))
                            .isInstanceOf(ActionNotPermittedException.class)
                            .hasMessageContaining("role " + role);
                    assertThat(ticket.state()).isEqualTo(row.from());
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void aDepartmentMayNotActOnAnotherDepartmentsTicket() {
        Ticket ticket = inState(TicketState.ASSIGNED);
        var other = new hotline.app.account.model.Actor("drain", Role.DEPARTMENT, "drainage");
        assertThatThrownBy(() -> ticket.apply(validCommand(TicketAction.DEPARTMENT_REPLY), other, NOW, SLA))
                .isInstanceOf(ActionNotPermittedException.class)
                .hasMessageContaining("not assigned to department drainage");
        assertThat(ticket.departmentReply()).isNull();
    }

    @Test
    void theDeskIsOfferedOnlyTheActionsItsRoleMayTake() {
        assertThat(TransitionTable.actionsFor(TicketState.ASSIGNED, Role.AGENT))
                .containsExactlyInAnyOrder(TicketAction.TRANSFER, TicketAction.URGE);
        assertThat(TransitionTable.actionsFor(TicketState.ASSIGNED, Role.DEPARTMENT))
                .containsExactlyInAnyOrder(TicketAction.REQUEST_RETURN, TicketAction.REQUEST_EXTENSION,
                        TicketAction.DEPARTMENT_REPLY);
        assertThat(TransitionTable.actionsFor(TicketState.AWAITING_REVIEW, Role.AGENT)).isEmpty();
        assertThat(TransitionTable.actionsFor(TicketState.CLOSED, Role.LEAD)).isEmpty();
    }

    @Test
    void aTicketCanBeFollowedFromDispatchToClose() {
        Ticket t = inState(TicketState.PENDING_SIGN);
        t.apply(new TicketCommand.Sign(null), actor(Role.AGENT), NOW, SLA);
        t.apply(new TicketCommand.Screen(Category.PIPE_BURST, null, null), actor(Role.AGENT), NOW, SLA);
        assertThat(t.priority()).isEqualTo(Priority.URGENT);
        t.apply(new TicketCommand.Assign("supply", null), actor(Role.AGENT), NOW, SLA);
        t.apply(new TicketCommand.DepartmentReply("已修复", null), actor(Role.DEPARTMENT), NOW, SLA);
        t.apply(new TicketCommand.SendBack("未说明停水时长"), actor(Role.LEAD), NOW, SLA);
        assertThat(t.handlingRound()).isEqualTo(2);
        assertThat(t.departmentReply()).isNull();
        t.apply(new TicketCommand.DepartmentReply("已修复，停水2小时", null), actor(Role.DEPARTMENT), NOW, SLA);
        t.apply(new TicketCommand.AcceptReply(null), actor(Role.LEAD), NOW, SLA);
        t.apply(new TicketCommand.ReplyToCitizen("已修复", null), actor(Role.AGENT), NOW, SLA);
        t.apply(new TicketCommand.RecordCallback(true, Satisfaction.VERY_SATISFIED, null), actor(Role.AGENT), NOW, SLA);
        t.apply(new TicketCommand.Close(null), actor(Role.AGENT), NOW, SLA);
        assertThat(t.state()).isEqualTo(TicketState.CLOSED);
        assertThat(t.closedAt()).isEqualTo(NOW);
    }
}
