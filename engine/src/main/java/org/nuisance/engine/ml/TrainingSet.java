package org.nuisance.engine.ml;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.nuisance.engine.data.EventTable;

/**
 * Labelled, weighted events for a binary classifier: feature columns (feature-major, raw values), a
 * label per event (true = class 1: signal, or the numerator sample of a density ratio) and the
 * per-event weight as read (negative weights allowed).
 */
public final class TrainingSet {

    private final List<String> features;
    private final float[][] columns;
    private final boolean[] labels;
    private final float[] weights;

    /** Arrays are taken, not copied; do not modify them afterwards. */
    public TrainingSet(List<String> features, float[][] columns, boolean[] labels, float[] weights) {
        this.features = List.copyOf(features);
        if (columns.length != this.features.size()) {
            throw new IllegalArgumentException(columns.length + " columns for " + features.size() + " features");
        }
        int n = labels.length;
        for (int f = 0; f < columns.length; f++) {
            if (columns[f].length != n) {
                throw new IllegalArgumentException("feature " + features.get(f) + " has " + columns[f].length
                        + " values, expected " + n);
            }
        }
        if (weights.length != n) {
            throw new IllegalArgumentException(weights.length + " weights for " + n + " events");
        }
        if (this.features.isEmpty()) {
            throw new IllegalArgumentException("no features given");
        }
        this.columns = columns;
        this.labels = labels;
        this.weights = weights;
    }

    /** Signal (EventTable.isSignalProcess of the event's process) against everything else. */
    public static TrainingSet signalVsBackground(EventTable table, List<String> features) {
        List<String> names = table.processNames();
        boolean[] signalCode = new boolean[names.size()];
        for (int p = 0; p < signalCode.length; p++) {
            signalCode[p] = EventTable.isSignalProcess(names.get(p));
        }
        byte[] codes = table.processCodes();
        boolean[] labels = new boolean[table.rows()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = signalCode[codes[i]];
        }
        return new TrainingSet(features, Standardisation.columnsOf(table, features), labels, table.weights());
    }

    /**
     * Signal against background with the events of some processes weighted up (or down) in the loss: a
     * background that is small but poorly known (the demo's diboson, +-25%) barely counts in a
     * weight-balanced loss, so the network learns little to reject it, and in a fit its normalisation
     * then competes with the signal. factors maps process names to multipliers; the others keep 1.
     *
     * @throws org.nuisance.engine.data.InputException for a process the table does not have, or a
     *         factor that is not positive and finite
     */
    public static TrainingSet signalVsBackground(EventTable table, List<String> features,
                                                 java.util.Map<String, Double> factors) {
        TrainingSet plain = signalVsBackground(table, features);
        if (factors.isEmpty()) {
            return plain;
        }
        List<String> names = table.processNames();
        double[] byCode = new double[names.size()];
        java.util.Arrays.fill(byCode, 1.0);
        for (var e : factors.entrySet()) {
            int code = names.indexOf(e.getKey());
            if (code < 0) {
                throw new org.nuisance.engine.data.InputException("process weight: no process '" + e.getKey()
                        + "' in the events; processes: " + String.join(", ", names));
            }
            if (!(e.getValue() > 0) || Double.isInfinite(e.getValue())) {
                throw new org.nuisance.engine.data.InputException("process weight: factor for '" + e.getKey()
                        + "' must be positive and finite, got " + e.getValue());
            }
            byCode[code] = e.getValue();
        }
        byte[] codes = table.processCodes();
        float[] w = plain.weights.clone();
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (w[i] * byCode[codes[i]]);
        }
        return new TrainingSet(plain.features, plain.columns, plain.labels, w);
    }

    /**
     * Numerator sample (label 1) against denominator sample (label 0), for a density ratio
     * p_numerator(x) / p_denominator(x); see {@link DensityRatio}.
     */
    public static TrainingSet twoSamples(EventTable numerator, EventTable denominator, List<String> features) {
        int n1 = numerator.rows();
        int n = n1 + denominator.rows();
        float[][] a = Standardisation.columnsOf(numerator, features);
        float[][] b = Standardisation.columnsOf(denominator, features);
        float[][] cols = new float[features.size()][n];
        for (int f = 0; f < cols.length; f++) {
            System.arraycopy(a[f], 0, cols[f], 0, n1);
            System.arraycopy(b[f], 0, cols[f], n1, n - n1);
        }
        float[] w = new float[n];
        System.arraycopy(numerator.weights(), 0, w, 0, n1);
        System.arraycopy(denominator.weights(), 0, w, n1, n - n1);
        boolean[] labels = new boolean[n];
        java.util.Arrays.fill(labels, 0, n1, true);
        return new TrainingSet(features, cols, labels, w);
    }

    /**
     * Expands a comma-separated feature list against a table's numeric columns; an item may be a glob
     * with '*' (e.g. "PRI_*,DER_*"). Order: as listed, globs in table order; duplicates dropped.
     */
    public static List<String> expandFeatures(EventTable table, String list) {
        Set<String> out = new LinkedHashSet<>();
        for (String raw : list.split(",")) {
            String item = raw.trim();
            if (item.isEmpty()) {
                continue;
            }
            if (item.contains("*")) {
                Pattern p = Pattern.compile(Pattern.quote(item).replace("*", "\\E.*\\Q"));
                List<String> hits = new ArrayList<>();
                for (String c : table.numericColumns()) {
                    if (p.matcher(c).matches() && !c.equals(table.weightColumn())) {
                        hits.add(c);
                    }
                }
                if (hits.isEmpty()) {
                    throw new IllegalArgumentException("feature pattern '" + item + "' matches no numeric column");
                }
                out.addAll(hits);
            } else {
                if (!table.hasColumn(item)) {
                    throw new IllegalArgumentException("unknown feature '" + item + "'; numeric columns: "
                            + String.join(", ", table.numericColumns()));
                }
                out.add(item);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("--features is empty");
        }
        return List.copyOf(out);
    }

    public List<String> features() {
        return features;
    }

    /** Feature-major raw values; do not modify. */
    public float[][] columns() {
        return columns;
    }

    /** True for class 1 (signal / numerator); do not modify. */
    public boolean[] labels() {
        return labels;
    }

    /** Per-event weights as read; do not modify. */
    public float[] weights() {
        return weights;
    }

    public int size() {
        return labels.length;
    }
}
