package hotline.failover.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;

import hotline.failover.switches.OpsSwitchStore;
import hotline.failover.switches.OpsSwitches;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ctl pause} / {@code ctl resume}: the switch that stops both controllers from promoting on their own (they
 * keep observing, renewing, fencing on lost lease and reporting). Stored next to the lease, so it holds for both
 * sites whichever machine set it; shown by {@code ctl status}, the controllers' status and
 * {@code hotline_failover_paused}.
 */
final class PauseCommands {

    private PauseCommands() {
    }

    @Command(name = "pause", mixinStandardHelpOptions = true,
            description = "Pause automatic failover: controllers observe and report only (planned maintenance, a "
                    + "suspected network problem between the sites).")
    static final class Pause implements Callable<Integer> {
        @Mixin
        TopologyOptions topology;

        @Option(names = "--reason", defaultValue = "", description = "why (shown in status and the alert)")
        String reason;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        Clock clock = Clock.systemUTC();

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            OpsSwitchStore store = topology.switches(topology.witnessDatabase());
            OpsSwitches before = store.read();
            if (before.paused()) {
                out.println("automatic failover already paused " + before.pause().get().describe() + ": nothing to do");
                return Ctl.DONE;
            }
            store.pause(new OpsSwitches.Setting(TopologyOptions.operator(), clock.instant(), reason));
            out.println("automatic failover PAUSED: both controllers keep observing and renewing, and promote nothing "
                    + "until ./hotline ctl resume");
            out.flush();
            return Ctl.DONE;
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true,
            description = "Resume automatic failover after ctl pause.")
    static final class Resume implements Callable<Integer> {
        @Mixin
        TopologyOptions topology;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            OpsSwitchStore store = topology.switches(topology.witnessDatabase());
            OpsSwitches before = store.read();
            if (!before.paused()) {
                out.println("automatic failover is not paused: nothing to do");
                return Ctl.DONE;
            }
            store.resume();
            out.println("automatic failover resumed (it was paused " + before.pause().get().describe() + ")");
            out.flush();
            return Ctl.DONE;
        }
    }
}
