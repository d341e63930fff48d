package org.nuisance.engine.workbench;

import org.nuisance.engine.util.Parallel;

/** What the engine computes on, for the status bar. */
public final class Machine {

    private Machine() {
    }

    public static String describe() {
        return "CPU (" + Parallel.threads() + " threads)";
    }

    /** Library log lines that are no news on a machine without CUDA stay off stderr (see NuisanceCli). */
    public static void quietLibraryLogs() {
        org.nuisance.engine.cli.NuisanceCli.quietLibraryLogs();
    }

    /** Where neural networks run (Deep Java Library's device); may take a second to find out. */
    public static String networks() {
        return org.nuisance.engine.ml.ComputeDevice.describe();
    }
}
