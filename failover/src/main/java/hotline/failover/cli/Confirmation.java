package hotline.failover.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import picocli.CommandLine.Option;

/**
 * The confirmation every command that changes a site asks for ({@code Type 'yes' to go on}), skipped with
 * {@code --yes}: a picocli mixin, so that every such command spells the option and the question the same way.
 */
public final class Confirmation {

    @Option(names = {"-y", "--yes"}, description = "do not ask for confirmation")
    boolean yes;

    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));

    /** True with {@code --yes}, or when the operator types {@code yes}; anything else is a no. */
    boolean given(PrintWriter out) {
        if (yes) {
            return true;
        }
        out.print("Type 'yes' to go on: ");
        out.flush();
        try {
            String line = in.readLine();
            return line != null && line.strip().equalsIgnoreCase("yes");
        } catch (IOException e) {
            return false;
        }
    }
}
