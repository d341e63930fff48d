package org.nuisance.app;

import org.nuisance.engine.workbench.CommandLine;

/**
 * Entry point of the installed {@code nuisance} command: the engine's CLI, with DJL's cache in the
 * same per-user folder as the workbench's (one extraction of the PyTorch natives, not two).
 */
public final class CliLauncher {
    private CliLauncher() {
    }

    public static void main(String[] args) {
        UserDirectories.current().applyDjlDefaults();
        BundledNatives.unpackPyTorch();
        CommandLine.main(args);
    }
}
