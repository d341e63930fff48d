package org.nuisance.app.sources;

import java.nio.file.Path;
import org.nuisance.app.session.Session;
import org.nuisance.engine.data.EventTable;
import org.nuisance.engine.stats.histfactory.Workspace;

/**
 * A loaded source: events (the built-in demo or a file) or a HistFactory workspace, with what is needed
 * to load it again. Exactly one of table and workspace is set.
 */
public record Dataset(String name, Path file, EventTable table, Workspace workspace, Session.Source source) {

    public Dataset(String name, Path file, EventTable table, Session.Source source) {
        this(name, file, table, null, source);
    }

    public boolean isWorkspace() {
        return workspace != null;
    }

    @Override
    public String toString() {
        if (workspace != null) {
            return String.format("%s  (workspace, %d channel%s)", name, workspace.channels().size(),
                    workspace.channels().size() == 1 ? "" : "s");
        }
        return String.format("%s  (%,d events)", name, table.rows());
    }
}
