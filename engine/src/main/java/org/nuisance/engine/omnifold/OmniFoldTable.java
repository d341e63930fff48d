package org.nuisance.engine.omnifold;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nuisance.engine.data.InputException;

/**
 * An unbinned unfolded result as read from disk: float32 columns by name (observables and weight
 * columns alike), in the order of the source. One float[] per column and nothing per event, so a
 * 418k-event file with ~200 columns takes ~330 MB. Immutable by contract: callers must not write
 * into the arrays they obtain.
 */
public final class OmniFoldTable {

    private final String source;
    private final int rows;
    private final LinkedHashMap<String, float[]> columns;
    private final List<String> notes;

    /**
     * @param source  the file name, used in every error message
     * @param columns numeric columns in source order, each of length {@code rows}
     * @param notes   what the reader left out and why (text columns, for instance), shown by {@code info}
     */
    public OmniFoldTable(String source, int rows, Map<String, float[]> columns, List<String> notes) {
        if (rows < 0) {
            throw new IllegalArgumentException("rows must be >= 0, got " + rows);
        }
        this.source = source;
        this.rows = rows;
        this.columns = new LinkedHashMap<>(columns);
        this.notes = List.copyOf(notes);
        for (Map.Entry<String, float[]> e : this.columns.entrySet()) {
            if (e.getValue().length != rows) {
                throw new InputException(source + ": column '" + e.getKey() + "' has " + e.getValue().length
                        + " rows, expected " + rows);
            }
        }
    }

    public String source() {
        return source;
    }

    public int rows() {
        return rows;
    }

    /** Column names in source order. */
    public List<String> columnNames() {
        return Collections.unmodifiableList(new ArrayList<>(columns.keySet()));
    }

    public boolean hasColumn(String name) {
        return columns.containsKey(name);
    }

    /** The values of a column; do not modify. */
    public float[] column(String name) {
        float[] v = columns.get(name);
        if (v == null) {
            throw new InputException(source + ": no column '" + name + "'");
        }
        return v;
    }

    /** Remarks of the reader about columns it skipped. */
    public List<String> notes() {
        return notes;
    }

    /** Sum of a column in double precision. */
    public double sum(String name) {
        float[] v = column(name);
        double s = 0;
        for (float x : v) {
            s += x;
        }
        return s;
    }
}
