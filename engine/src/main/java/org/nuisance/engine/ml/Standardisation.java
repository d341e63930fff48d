package org.nuisance.engine.ml;

import java.util.Arrays;
import java.util.List;
import org.nuisance.engine.data.EventTable;

/**
 * How raw feature values become network inputs: x' = (x - mean) / std per feature, fitted on the
 * training split over defined values only. An undefined value (EventTable.UNDEFINED = -25, HiggsML
 * 2014's raw -999, or NaN) is never fed as a number: it becomes 0 (the training mean) and, for every
 * feature that had undefined values in the training split, an extra input is 1 where the value is
 * defined and 0 where not. Inputs are the standardised features in order, then the indicators in order.
 *
 * @param features           feature column names
 * @param mean               training mean of each feature's defined values
 * @param std                training standard deviation (1 where the feature is constant)
 * @param definedIndicator   whether the feature gets an "is defined" input
 */
public record Standardisation(List<String> features, double[] mean, double[] std, boolean[] definedIndicator,
                              boolean[] masked) {

    /**
     * @param masked features always fed as undefined, whatever the events hold (and which the events need not
     *               have): the trunk features a fine-tuned classifier was told not to use
     */
    public Standardisation {
        features = List.copyOf(features);
        int d = features.size();
        if (masked == null) {
            masked = new boolean[d];
        }
        if (mean.length != d || std.length != d || definedIndicator.length != d || masked.length != d) {
            throw new IllegalArgumentException("standardisation arrays must have one entry per feature (" + d + ")");
        }
        mean = mean.clone();
        std = std.clone();
        definedIndicator = definedIndicator.clone();
        masked = masked.clone();
    }

    public Standardisation(List<String> features, double[] mean, double[] std, boolean[] definedIndicator) {
        this(features, mean, std, definedIndicator, null);
    }

    /** The same standardisation with every feature not in used masked (always undefined). */
    public Standardisation usingOnly(java.util.Collection<String> used) {
        boolean[] m = new boolean[features.size()];
        for (int f = 0; f < m.length; f++) {
            m[f] = masked[f] || !used.contains(features.get(f));
        }
        return new Standardisation(features, mean, std, definedIndicator, m);
    }

    /** The features the network really reads (those not masked). */
    public List<String> usedFeatures() {
        List<String> u = new java.util.ArrayList<>();
        for (int f = 0; f < masked.length; f++) {
            if (!masked[f]) {
                u.add(features.get(f));
            }
        }
        return u;
    }

    /** True for the undefined-value markers: -25 (EventTable.UNDEFINED), -999 (HiggsML 2014 raw) and NaN. */
    public static boolean isUndefined(float v) {
        return v == EventTable.UNDEFINED || v == -999f || Float.isNaN(v);
    }

    /** Fits on the listed rows of feature-major columns. */
    public static Standardisation fit(List<String> features, float[][] columns, int[] rows, int count) {
        int d = features.size();
        double[] mean = new double[d];
        double[] std = new double[d];
        boolean[] indicator = new boolean[d];
        for (int f = 0; f < d; f++) {
            float[] x = columns[f];
            double sum = 0;
            long n = 0;
            for (int k = 0; k < count; k++) {
                float v = x[rows[k]];
                if (!isUndefined(v)) {
                    sum += v;
                    n++;
                }
            }
            double m = n == 0 ? 0 : sum / n;
            double ss = 0;
            for (int k = 0; k < count; k++) {
                float v = x[rows[k]];
                if (!isUndefined(v)) {
                    ss += (v - m) * (v - m);
                }
            }
            double s = n < 2 ? 0 : Math.sqrt(ss / (n - 1));
            mean[f] = m;
            std[f] = s > 0 && Double.isFinite(s) ? s : 1.0;
            indicator[f] = n < count;
        }
        return new Standardisation(features, mean, std, indicator);
    }

    /** Number of network inputs: features plus indicators. */
    public int inputs() {
        int k = features.size();
        for (boolean b : definedIndicator) {
            if (b) {
                k++;
            }
        }
        return k;
    }

    /** Reads this standardisation's feature columns from a table (an unknown column is an input error). */
    public float[][] columnsOf(EventTable table) {
        float[][] cols = new float[features.size()][];
        float[] undefined = null;
        for (int f = 0; f < cols.length; f++) {
            if (masked[f]) {
                if (undefined == null) {
                    undefined = new float[table.rows()];
                    Arrays.fill(undefined, EventTable.UNDEFINED);
                }
                cols[f] = undefined;
            } else {
                cols[f] = columnsOf(table, List.of(features.get(f)))[0];
            }
        }
        return cols;
    }

    static float[][] columnsOf(EventTable table, List<String> features) {
        float[][] cols = new float[features.size()][];
        for (int f = 0; f < cols.length; f++) {
            String name = features.get(f);
            if (!table.hasColumn(name)) {
                throw new IllegalArgumentException("feature '" + name + "' is not a numeric column of the events; "
                        + "numeric columns: " + String.join(", ", table.numericColumns()));
            }
            cols[f] = table.column(name);
        }
        return cols;
    }

    /**
     * Writes the network inputs of events rows[from..to) (or from..to when rows is null) row-major into
     * out, which must hold (to - from) * inputs() floats.
     */
    public void transform(float[][] columns, int[] rows, int from, int to, float[] out) {
        int d = features.size();
        int in = inputs();
        for (int k = from; k < to; k++) {
            int e = rows == null ? k : rows[k];
            int base = (k - from) * in;
            int ind = d;
            for (int f = 0; f < d; f++) {
                float v = columns[f][e];
                boolean undefined = masked[f] || isUndefined(v);
                out[base + f] = undefined ? 0f : (float) ((v - mean[f]) / std[f]);
                if (definedIndicator[f]) {
                    out[base + ind++] = undefined ? 0f : 1f;
                }
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Standardisation s && features.equals(s.features) && Arrays.equals(mean, s.mean)
                && Arrays.equals(std, s.std) && Arrays.equals(definedIndicator, s.definedIndicator)
                && Arrays.equals(masked, s.masked);
    }

    @Override
    public int hashCode() {
        return features.hashCode() * 31 + Arrays.hashCode(mean);
    }

    @Override
    public String toString() {
        return "Standardisation" + features;
    }
}
