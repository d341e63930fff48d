package org.nuisance.engine.workbench;

import org.nuisance.engine.cli.NuisanceCli;

/** The installed {@code nuisance} command's door to the engine: the command line itself, run in this process. */
public final class CommandLine {
    private CommandLine() {
    }

    /** Runs the engine's command line with these arguments and exits the JVM with its exit code. */
    public static void main(String[] args) {
        NuisanceCli.main(args);
    }
}
