package hotline.failover.cli;

import hotline.failover.lease.LeaseStoreUnavailableException;
import hotline.failover.procedure.ProcedureStoreUnavailableException;
import hotline.failover.routing.RoutingUnavailableException;
import hotline.failover.site.SiteRefusedException;
import hotline.failover.site.SiteUnreachableException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./hotline ctl}: the ops CLI of the failover controller. Exit codes: {@value #DONE} done (or nothing to do),
 * {@value #REFUSED} refused or aborted, {@value #UNREACHABLE} usage error or something did not answer.
 */
@Command(name = "ctl", mixinStandardHelpOptions = true,
        description = "Operate the two Hotline HA sites: status, switchover, failover, failback, pause/resume, fence/unfence.",
        subcommands = {StatusCommand.class, SwitchoverCommand.class, FailoverCommand.class, FailbackCommand.class,
                PauseCommands.Pause.class, PauseCommands.Resume.class, FenceCommands.Fence.class,
                FenceCommands.Unfence.class, ResyncCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:done, or nothing to do", "1:refused or aborted (the reason is printed)",
                "2:usage error, or a site / database / witness / front door did not answer"})
public final class Ctl implements Runnable {

    public static final int DONE = 0;
    public static final int REFUSED = 1;
    public static final int UNREACHABLE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: status, switchover, failover, failback, pause, resume, fence or unfence");
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line (exit codes mapped), for the main method and for tests. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Ctl());
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("ctl: " + e.getMessage());
            return exitCodeOf(e);
        });
        return cl;
    }

    static int exitCodeOf(Exception e) {
        if (e instanceof SiteRefusedException) {
            return REFUSED;
        }
        if (e instanceof SiteUnreachableException || e instanceof LeaseStoreUnavailableException
                || e instanceof ProcedureStoreUnavailableException || e instanceof RoutingUnavailableException
                || e instanceof hotline.failover.switches.OpsSwitchStoreUnavailableException) {
            return UNREACHABLE;
        }
        return REFUSED;
    }
}
