package org.nuisance.engine.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A columnar table of weighted collision events: float32 columns by name, one weight column, and one
 * categorical process column (htautau, ztautau, ttbar, diboson, or s/b). About 4 bytes per value and
 * no per-event objects. Tables are immutable by contract: readers and transforms build new ones, and
 * callers must not write into the arrays they obtain.
 */
public final class EventTable {

    /** The marker for an undefined value (the FAIR Universe convention; HiggsML 2014's -999 is mapped onto it). */
    public static final float UNDEFINED = -25f;

    private final int rows;
    private final LinkedHashMap<String, float[]> numeric;
    private final LinkedHashMap<String, Categorical> categorical;
    private final List<String> columnOrder;
    private final String weightColumn;
    private final String processColumn;

    /**
     * @param columnOrder   every column name, numeric and categorical, in the order of the source
     * @param numeric       numeric columns, each of length {@code rows}
     * @param categorical   string columns, dictionary-encoded
     * @param weightColumn  name of the numeric column holding the per-event weight
     * @param processColumn name of the categorical column naming each event's process
     */
    public EventTable(int rows, List<String> columnOrder, Map<String, float[]> numeric,
                      Map<String, Categorical> categorical, String weightColumn, String processColumn) {
        if (rows < 0) {
            throw new IllegalArgumentException("rows must be >= 0, got " + rows);
        }
        this.rows = rows;
        this.numeric = new LinkedHashMap<>(numeric);
        this.categorical = new LinkedHashMap<>(categorical);
        this.columnOrder = List.copyOf(columnOrder);
        this.weightColumn = Objects.requireNonNull(weightColumn, "weightColumn");
        this.processColumn = Objects.requireNonNull(processColumn, "processColumn");
        for (Map.Entry<String, float[]> e : this.numeric.entrySet()) {
            if (e.getValue().length != rows) {
                throw new IllegalArgumentException("column " + e.getKey() + " has " + e.getValue().length
                        + " values, expected " + rows);
            }
        }
        for (Map.Entry<String, Categorical> e : this.categorical.entrySet()) {
            if (e.getValue().codes().length != rows) {
                throw new IllegalArgumentException("column " + e.getKey() + " has " + e.getValue().codes().length
                        + " values, expected " + rows);
            }
        }
        for (String name : this.columnOrder) {
            if (!this.numeric.containsKey(name) && !this.categorical.containsKey(name)) {
                throw new IllegalArgumentException("column order names " + name + ", which has no data");
            }
        }
        if (!this.numeric.containsKey(weightColumn)) {
            throw new IllegalArgumentException("weight column " + weightColumn + " is not a numeric column");
        }
        if (!this.categorical.containsKey(processColumn)) {
            throw new IllegalArgumentException("process column " + processColumn + " is not a string column");
        }
    }

    public int rows() {
        return rows;
    }

    /** All column names in source order (numeric and string). */
    public List<String> columnOrder() {
        return columnOrder;
    }

    /** Numeric column names in source order. */
    public List<String> numericColumns() {
        return List.copyOf(numeric.keySet());
    }

    public boolean hasColumn(String name) {
        return numeric.containsKey(name);
    }

    /** The values of a numeric column; do not modify. */
    public float[] column(String name) {
        float[] values = numeric.get(name);
        if (values == null) {
            throw new IllegalArgumentException("unknown column '" + name + "'; known columns: "
                    + String.join(", ", numeric.keySet()));
        }
        return values;
    }

    public Categorical categorical(String name) {
        Categorical c = categorical.get(name);
        if (c == null) {
            throw new IllegalArgumentException("unknown string column '" + name + "'");
        }
        return c;
    }

    public boolean isCategorical(String name) {
        return categorical.containsKey(name);
    }

    public String weightColumn() {
        return weightColumn;
    }

    public String processColumn() {
        return processColumn;
    }

    /** Per-event weights; do not modify. Negative and zero weights are allowed. */
    public float[] weights() {
        return numeric.get(weightColumn);
    }

    /** Per-event process code, an index into {@link #processNames()}. */
    public byte[] processCodes() {
        return categorical.get(processColumn).codes();
    }

    public List<String> processNames() {
        return categorical.get(processColumn).levels();
    }

    /** Index of the named process, or -1 if absent. */
    public int processIndex(String name) {
        return processNames().indexOf(name);
    }

    /** True for the signal process names used by the two HiggsML releases ("htautau", "s"). */
    public static boolean isSignalProcess(String name) {
        return "htautau".equals(name) || "s".equals(name) || "signal".equals(name);
    }

    /** A copy of this table with one numeric column added or replaced (appended to the order if new). */
    public EventTable withColumn(String name, float[] values) {
        LinkedHashMap<String, float[]> n = new LinkedHashMap<>(numeric);
        n.put(name, values);
        List<String> order = new ArrayList<>(columnOrder);
        if (!order.contains(name)) {
            order.add(name);
        }
        return new EventTable(rows, order, n, categorical, weightColumn, processColumn);
    }

    /** A copy of this table with the given numeric columns replaced; the arrays are taken, not copied. */
    public EventTable withColumns(Map<String, float[]> replaced) {
        LinkedHashMap<String, float[]> n = new LinkedHashMap<>(numeric);
        List<String> order = new ArrayList<>(columnOrder);
        for (Map.Entry<String, float[]> e : replaced.entrySet()) {
            n.put(e.getKey(), e.getValue());
            if (!order.contains(e.getKey())) {
                order.add(e.getKey());
            }
        }
        return new EventTable(rows, order, n, categorical, weightColumn, processColumn);
    }

    /** The rows whose index is listed, in the listed order. */
    public EventTable selectRows(int[] index, int count) {
        LinkedHashMap<String, float[]> n = new LinkedHashMap<>();
        for (Map.Entry<String, float[]> e : numeric.entrySet()) {
            float[] src = e.getValue();
            float[] dst = new float[count];
            for (int i = 0; i < count; i++) {
                dst[i] = src[index[i]];
            }
            n.put(e.getKey(), dst);
        }
        LinkedHashMap<String, Categorical> c = new LinkedHashMap<>();
        for (Map.Entry<String, Categorical> e : categorical.entrySet()) {
            byte[] src = e.getValue().codes();
            byte[] dst = new byte[count];
            for (int i = 0; i < count; i++) {
                dst[i] = src[index[i]];
            }
            c.put(e.getKey(), new Categorical(dst, e.getValue().levels()));
        }
        return new EventTable(count, columnOrder, n, c, weightColumn, processColumn);
    }

    /** Count and sum of weights per process, in {@link #processNames()} order. */
    public ProcessSummary summary() {
        List<String> names = processNames();
        long[] counts = new long[names.size()];
        double[] sums = new double[names.size()];
        float[] w = weights();
        byte[] p = processCodes();
        for (int i = 0; i < rows; i++) {
            counts[p[i]]++;
            sums[p[i]] += w[i];
        }
        return new ProcessSummary(names, counts, sums);
    }

    /** Per-process event count and sum of weights. */
    public record ProcessSummary(List<String> names, long[] counts, double[] sumWeights) {
        public ProcessSummary {
            names = Collections.unmodifiableList(new ArrayList<>(names));
        }
    }

    /** A dictionary-encoded string column: a code per event and the distinct values (at most 127). */
    public record Categorical(byte[] codes, List<String> levels) {
        public Categorical {
            levels = List.copyOf(levels);
        }

        public String value(int row) {
            return levels.get(codes[row]);
        }
    }
}
