package hotline.app.seat.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SeatStateTest {

    @Test
    void loginPutsAnOfflineAgentOnBreak() {
        assertThat(SeatState.OFFLINE.afterLogin()).isEqualTo(SeatState.BREAK);
    }

    @Test
    void loggingInAgainKeepsTheCurrentState() {
        assertThat(SeatState.READY.afterLogin()).isEqualTo(SeatState.READY);
        assertThat(SeatState.BUSY.afterLogin()).isEqualTo(SeatState.BUSY);
    }

    @Test
    void followsTheWorkingCycle() {
        SeatState s = SeatState.OFFLINE.afterLogin()
                .moveTo(SeatState.READY)
                .moveTo(SeatState.BUSY)
                .moveTo(SeatState.AFTER_CALL_WORK)
                .moveTo(SeatState.READY);
        assertThat(s).isEqualTo(SeatState.READY);
    }

    @ParameterizedTest
    @EnumSource(value = SeatState.class, names = "OFFLINE", mode = EnumSource.Mode.EXCLUDE)
    void logoutIsPossibleFromEveryLoggedInState(SeatState from) {
        assertThat(from.moveTo(SeatState.OFFLINE)).isEqualTo(SeatState.OFFLINE);
    }

    @Test
    void refusesReadyWhileOfflineAndSaysToLogIn() {
        assertThatThrownBy(() -> SeatState.OFFLINE.moveTo(SeatState.READY))
                .isInstanceOf(IllegalSeatTransitionException.class)
                .hasMessageContaining("cannot go from OFFLINE to READY")
                .hasMessageContaining("POST /api/seats/me/login");
    }

    @Test
    void refusesLeavingBusyWithoutCompletingTheContact() {
        assertThatThrownBy(() -> SeatState.BUSY.moveTo(SeatState.READY))
                .isInstanceOf(IllegalSeatTransitionException.class)
                .hasMessageContaining("complete the current contact first");
        assertThatThrownBy(() -> SeatState.BUSY.moveTo(SeatState.BREAK))
                .isInstanceOf(IllegalSeatTransitionException.class);
    }

    @Test
    void onlyAReadyAgentBecomesBusy() {
        assertThat(SeatState.READY.canMoveTo(SeatState.BUSY)).isTrue();
        assertThat(SeatState.BREAK.canMoveTo(SeatState.BUSY)).isFalse();
        assertThat(SeatState.AFTER_CALL_WORK.canMoveTo(SeatState.BUSY)).isFalse();
    }

    @Test
    void agentsRequestOnlyReadyOrBreak() {
        assertThat(SeatState.requestable(SeatState.READY)).isTrue();
        assertThat(SeatState.requestable(SeatState.BREAK)).isTrue();
        assertThat(SeatState.requestable(SeatState.BUSY)).isFalse();
        assertThat(SeatState.requestable(SeatState.OFFLINE)).isFalse();
    }
}
