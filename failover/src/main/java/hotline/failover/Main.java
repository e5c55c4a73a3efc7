package hotline.failover;

import java.util.Arrays;

import hotline.failover.cli.Ctl;
import hotline.failover.controller.ControllerApplication;

/**
 * The failover jar's entry point: {@code controller [spring args]} runs a site's long-running controller
 * ({@link ControllerApplication}); {@code drill …} runs disaster-recovery drills ({@link hotline.failover.drill.DrillCommand});
 * anything else is the ops CLI ({@link Ctl}: {@code status}, {@code switchover}, …).
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("drill")) {
            System.exit(hotline.failover.drill.DrillCommand.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && args[0].equals("controller")) {
            ControllerApplication.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        Ctl.main(args);
    }
}
