package hotline.failover.cli;

import hotline.failover.lease.LeaseStoreUnavailableException;
import hotline.failover.site.SiteRefusedException;
import hotline.failover.site.SiteUnreachableException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** Exit codes and usage of {@code ctl}, without any site: usage errors are caught before anything is contacted. */
class CtlTest {

    private final StringWriter out = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Ctl.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(out, true));
        return cl.execute(args);
    }

    @Test
    void withoutACommandItIsAUsageError() {
        assertThat(run()).isEqualTo(Ctl.UNREACHABLE);
        assertThat(out.toString()).contains("name a command: status, switchover, failover, failback, pause, resume, fence or unfence");
    }

    @Test
    void switchoverWithoutTargetIsAUsageError() {
        assertThat(run("switchover", "--yes")).isEqualTo(2);
        assertThat(out.toString()).contains("Missing required option: '--to=<to>'");
    }

    @Test
    void switchoverToAnUnknownSiteIsAUsageErrorBeforeAnythingIsContacted() {
        assertThat(run("switchover", "--to", "c", "--site-a", "http://192.0.2.1:1")).isEqualTo(2);
        assertThat(out.toString()).contains("--to must be a or b, was 'c'");
    }

    @Test
    void fencingAnUnknownSiteIsAUsageErrorBeforeAnythingIsContacted() {
        assertThat(run("fence", "c", "--yes", "--witness", "jdbc:postgresql://192.0.2.1:1/w")).isEqualTo(2);
        assertThat(out.toString()).contains("SITE must be a or b, was 'c'");
    }

    @Test
    void failoverWithoutTargetIsAUsageError() {
        assertThat(run("failover", "--force")).isEqualTo(2);
        assertThat(out.toString()).contains("Missing required option: '--to=<to>'");
    }

    @Test
    void anUnreachableWitnessMakesPauseExitTwoWithTheReason() {
        assertThat(run("pause", "--witness", "jdbc:postgresql://127.0.0.1:1/hotline_witness", "--timeout", "1"))
                .isEqualTo(Ctl.UNREACHABLE);
        assertThat(out.toString()).contains("ops switches in the witness");
    }

    @Test
    void durationsAreIsoOrSeconds() {
        assertThat(new TopologyOptions.DurationConverter().convert("2.5").toMillis()).isEqualTo(2500);
        assertThat(new TopologyOptions.DurationConverter().convert("PT0.2S").toMillis()).isEqualTo(200);
    }

    @Test
    void failuresMapToExitCodes() {
        assertThat(Ctl.exitCodeOf(new SiteUnreachableException("no answer"))).isEqualTo(Ctl.UNREACHABLE);
        assertThat(Ctl.exitCodeOf(new LeaseStoreUnavailableException("witness down", null))).isEqualTo(Ctl.UNREACHABLE);
        assertThat(Ctl.exitCodeOf(new SiteRefusedException("b", "POST /x", 409, null, "Conflict", "no")))
                .isEqualTo(Ctl.REFUSED);
        assertThat(Ctl.exitCodeOf(new IllegalStateException("a run changed meanwhile"))).isEqualTo(Ctl.REFUSED);
    }
}
