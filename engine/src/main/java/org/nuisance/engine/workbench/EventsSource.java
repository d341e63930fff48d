package org.nuisance.engine.workbench;

import java.nio.file.Path;
import org.nuisance.engine.data.EventTable;
import org.nuisance.engine.higgsml.ComputedColumns;

/**
 * An event table: a file, the built-in demo (demoEvents and demoSeed set, so a session can regenerate
 * it), or a table made in the window (a trained classifier's score added; file and demo both null).
 */
public record EventsSource(String name, Path file, EventTable table, Integer demoEvents, Long demoSeed,
                           ComputedColumns computed) implements Source {

    public EventsSource(String name, Path file, EventTable table, Integer demoEvents, Long demoSeed) {
        this(name, file, table, demoEvents, demoSeed, ComputedColumns.none());
    }

    /**
     * A table with a classifier's score: the stored column is the score at nominal, and every shifted
     * histogram, template and pseudo-experiment recomputes it on the shifted events (as coverage --model).
     */
    public static EventsSource scored(String name, EventTable scored, String column,
                                      org.nuisance.engine.ml.EventScorer scorer) {
        return new EventsSource(name, null, scored, null, null,
                ComputedColumns.none().with(column, scorer::score, scorer.features(), true));
    }

    /** True if the table has the HiggsML columns the systematics and the binned model need. */
    public boolean isHiggsMl() {
        return org.nuisance.engine.higgsml.EventHistograms.hasHiggsColumns(table);
    }

    public long rows() {
        return table.rows();
    }

    public boolean hasColumn(String column) {
        return column != null && table.hasColumn(column);
    }

    /** Numeric column names, for the column chooser. */
    public java.util.List<String> columns() {
        return table.numericColumns();
    }

    /** A copy with a column added (a classifier's score), as a new source made in the window. */
    public EventsSource withColumn(String newName, String column, float[] values) {
        return new EventsSource(newName, null, table.withColumn(column, values), null, null);
    }

    @Override
    public String kind() {
        return demoEvents != null ? "demo" : "events";
    }

    @Override
    public String toString() {
        return String.format("%s  (%,d events)", name, table.rows());
    }
}
