package org.nuisance.app.sources;

import java.nio.file.Path;
import org.nuisance.engine.data.EventTable;

/** A loaded event source: the built-in demo or a file. */
public record Dataset(String name, Path file, EventTable table) {

    @Override
    public String toString() {
        return String.format("%s  (%,d events)", name, table.rows());
    }
}
