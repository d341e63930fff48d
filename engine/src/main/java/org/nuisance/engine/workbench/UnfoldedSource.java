package org.nuisance.engine.workbench;

import java.nio.file.Path;

/** An unbinned unfolded result (OmniFold weights per event); the unfolded view reads it itself. */
public record UnfoldedSource(String name, Path file) implements Source {

    @Override
    public String kind() {
        return "unfolded";
    }

    @Override
    public String toString() {
        return name + "  (unfolded result)";
    }
}
