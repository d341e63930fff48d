package org.nuisance.app.sources;

import java.nio.file.Path;
import org.nuisance.app.session.Session;
import org.nuisance.engine.data.EventTable;

/** A loaded event source: the built-in demo or a file, with what is needed to load it again. */
public record Dataset(String name, Path file, EventTable table, Session.Source source) {

    @Override
    public String toString() {
        return String.format("%s  (%,d events)", name, table.rows());
    }
}
