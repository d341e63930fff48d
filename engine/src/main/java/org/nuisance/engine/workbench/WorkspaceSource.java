package org.nuisance.engine.workbench;

import java.nio.file.Path;
import org.nuisance.engine.stats.histfactory.Workspace;

/** A HistFactory (pyhf JSON) workspace: channels, samples, modifiers and the observed counts. */
public record WorkspaceSource(String name, Path file, Workspace workspace) implements Source {

    @Override
    public String kind() {
        return "workspace";
    }

    @Override
    public String toString() {
        int n = workspace.channels().size();
        return String.format("%s  (workspace, %d channel%s)", name, n, n == 1 ? "" : "s");
    }
}
