package hotline.failover.sites;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import hotline.failover.cli.Ctl;
import hotline.infra.local.LocalStack;
import picocli.CommandLine;

/**
 * A runbook page as a test executes it: the {@code ./hotline …} lines of its {@code ```bash} blocks, in order.
 * {@code ./hotline ctl …} runs the real CLI in-process with the stack's addresses appended; {@code ./hotline verify}
 * runs the infra jar's verify command as a process, as the launcher does.
 */
final class Runbook {

    record Step(String command, int exit, String output) {
    }

    private final Path page;
    private final LocalSites sites;

    Runbook(String name, LocalSites sites) {
        this.page = Path.of("..", "runbooks", name);
        this.sites = sites;
    }

    /** The commands after {@code ./hotline }, in page order. */
    List<String> commands() throws IOException {
        return commands(page);
    }

    static List<String> commands(Path page) throws IOException {
        List<String> commands = new ArrayList<>();
        boolean inBlock = false;
        for (String line : Files.readAllLines(page)) {
            if (line.startsWith("```")) {
                inBlock = !inBlock && line.startsWith("```bash");
                continue;
            }
            if (inBlock && line.startsWith("./hotline ")) {
                commands.add(line.substring("./hotline ".length()).trim());
            }
        }
        return commands;
    }

    /** The {@code ./hotline ctl} commands of a page as CLI arguments (without {@code ctl}). */
    static List<String[]> ctlCommands(Path page) throws IOException {
        return commands(page).stream().filter(c -> c.startsWith("ctl "))
                .map(c -> c.substring("ctl ".length()).trim().split("\\s+")).toList();
    }

    Step run(String command) throws IOException, InterruptedException {
        String[] words = command.split("\\s+");
        Step step = switch (words[0]) {
            case "ctl" -> ctl(Arrays.copyOfRange(words, 1, words.length));
            case "verify" -> verify();
            default -> throw new IllegalArgumentException("runbook " + page.getFileName() + " runs ./hotline " + command
                    + ", which this test cannot execute");
        };
        System.out.println("runbook " + page.getFileName() + ": ./hotline " + command + " (exit " + step.exit() + ")\n"
                + step.output());
        return step;
    }

    private Step ctl(String[] args) {
        StringWriter out = new StringWriter();
        CommandLine cl = Ctl.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(out, true));
        int exit = cl.execute(Stream.concat(Arrays.stream(args), sites.ctlOptions().stream()).toArray(String[]::new));
        return new Step("ctl " + String.join(" ", args), exit, out.toString());
    }

    private Step verify() throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("hotline.infra.jar", "../infra/target/hotline-infra-0.1.0-SNAPSHOT-exec.jar"));
        Process p = new ProcessBuilder(LocalStack.javaBinary().toString(), "-jar", jar.toString(), "verify",
                "--site", sites.b() + "," + sites.a()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return new Step("verify", -1, output + "\n(timed out)");
        }
        return new Step("verify", p.exitValue(), output);
    }
}
