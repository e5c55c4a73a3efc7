package hotline.app.ticket.model;

import hotline.app.account.model.Role;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static hotline.app.ticket.model.Tickets.NOW;
import static hotline.app.ticket.model.Tickets.SLA;
import static hotline.app.ticket.model.Tickets.actor;
import static hotline.app.ticket.model.Tickets.inState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TicketCommandTest {

    @Test
    void approvingAnExtensionMovesTheDeadlineByWorkingDays() {
        Ticket t = inState(TicketState.EXTENSION_REQUESTED);
        Instant before = t.dueAt();
        t.apply(new TicketCommand.ApproveRequest(null), actor(Role.LEAD), NOW, SLA);
        assertThat(t.dueAt()).isAfter(before.plusSeconds(3 * 86400 - 1));
        assertThat(t.pendingRequest()).isNull();
        assertThat(t.state()).isEqualTo(TicketState.ASSIGNED);
    }

    @Test
    void approvingAReturnTakesTheTicketBackFromTheDepartment() {
        Ticket t = inState(TicketState.RETURN_REQUESTED);
        t.apply(new TicketCommand.ApproveRequest("转其他单位"), actor(Role.LEAD), NOW, SLA);
        assertThat(t.departmentId()).isNull();
        assertThat(t.state()).isEqualTo(TicketState.SCREENED);
    }

    @Test
    void secondHandlingMayOnlyBeRequestedAfterADissatisfiedCallback() {
        Ticket t = inState(TicketState.CALLED_BACK);
        Ticket satisfied = Ticket.restore(t.id(), t.number(), t.channel(), t.acceptedAt(), "a", "x", 1,
                f -> f.state(TicketState.CALLED_BACK).priority(Priority.NORMAL).title("t").description("d")
                        .citizen(Citizen.ANONYMOUS).departmentId("supply").satisfaction(Satisfaction.SATISFIED));
        assertThatThrownBy(() -> satisfied.apply(new TicketCommand.Request(DepartmentRequest.SECOND_HANDLING, "x", null),
                actor(Role.DEPARTMENT), NOW, SLA))
                .isInstanceOf(InvalidTicketCommandException.class).hasMessageContaining("dissatisfied callback");
        t.apply(new TicketCommand.Request(DepartmentRequest.SECOND_HANDLING, "再次上门", null), actor(Role.DEPARTMENT), NOW, SLA);
        assertThat(t.state()).isEqualTo(TicketState.SECOND_HANDLING_REQUESTED);
    }

    @Test
    void aCallbackThatReachedTheCitizenNeedsASatisfaction() {
        Ticket t = inState(TicketState.CITIZEN_REPLIED);
        assertThatThrownBy(() -> t.apply(new TicketCommand.RecordCallback(true, null, null), actor(Role.AGENT), NOW, SLA))
                .isInstanceOf(InvalidTicketCommandException.class).hasMessageContaining("satisfaction");
        assertThat(t.state()).isEqualTo(TicketState.CITIZEN_REPLIED);
        t.apply(new TicketCommand.RecordCallback(false, null, "无人接听"), actor(Role.AGENT), NOW, SLA);
        assertThat(t.callbackReached()).isFalse();
    }

    @Test
    void anExtensionNeedsBetweenOneAndThirtyWorkingDays() {
        Ticket t = inState(TicketState.ASSIGNED);
        assertThatThrownBy(() -> t.apply(new TicketCommand.Request(DepartmentRequest.EXTENSION, "x", 31),
                actor(Role.DEPARTMENT), NOW, SLA)).hasMessageContaining("between 1 and 30");
        assertThatThrownBy(() -> t.apply(new TicketCommand.Request(DepartmentRequest.EXTENSION, "x", null),
                actor(Role.DEPARTMENT), NOW, SLA)).isInstanceOf(InvalidTicketCommandException.class);
    }

    @Test
    void transferringToTheSameDepartmentIsRefused() {
        Ticket t = inState(TicketState.ASSIGNED);
        assertThatThrownBy(() -> t.apply(new TicketCommand.Transfer("supply", "x"), actor(Role.AGENT), NOW, SLA))
                .isInstanceOf(InvalidTicketCommandException.class).hasMessageContaining("already with supply");
    }

    @Test
    void overlongTextIsRefused() {
        Ticket t = inState(TicketState.ASSIGNED);
        assertThatThrownBy(() -> t.apply(new TicketCommand.DepartmentReply("x".repeat(4001), null),
                actor(Role.DEPARTMENT), NOW, SLA)).hasMessageContaining("longer than 4000");
    }

    @Test
    void anOverdueTicketIsMarkedOnlyOnce() {
        Ticket t = inState(TicketState.ASSIGNED);
        t.apply(new TicketCommand.MarkOverdue(null), Tickets.actor(Role.SYSTEM), NOW, SLA);
        assertThat(t.slaBreached()).isTrue();
        assertThatThrownBy(() -> t.apply(new TicketCommand.MarkOverdue(null), actor(Role.SYSTEM), NOW, SLA))
                .isInstanceOf(InvalidTicketCommandException.class);
    }

    @Test
    void phoneNumbersAreMaskedForLogs() {
        assertThat(Citizen.maskPhone("13800138000")).isEqualTo("138******00");
        assertThat(Citizen.maskPhone("110")).isEqualTo("***");
        assertThat(Citizen.maskPhone(null)).isEmpty();
    }

    @Test
    void repeatComplaintsMatchTheSameCallerOrTheSamePlaceAndTopic() {
        Citizen c = new Citizen("李四", "139 0000 1111", "新华路 1号", "江汉区", "新华路");
        assertThat(RepeatComplaintRule.match(c, Category.WATER_QUALITY, "13900001111", null, null))
                .contains(RepeatComplaintRule.Reason.SAME_CALLER);
        assertThat(RepeatComplaintRule.match(c, Category.WATER_QUALITY, "13000000000", c.locationKey(), Category.WATER_QUALITY))
                .contains(RepeatComplaintRule.Reason.SAME_LOCATION_TOPIC);
        assertThat(RepeatComplaintRule.match(c, Category.WATER_QUALITY, "13000000000", c.locationKey(), Category.METER_BILLING))
                .isEmpty();
        assertThat(new Citizen(null, null, "新华路1号", "江汉区", "新华路").locationKey()).isEqualTo(c.locationKey());
    }
}
