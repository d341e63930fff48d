package org.nuisance.engine.ml;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A receiver operating characteristic: signal efficiency (true positive rate) against background
 * efficiency (false positive rate) as the cut on the score moves from above the highest score down to
 * below the lowest, from (0, 0) to (1, 1). Tied scores form one step. The area under it is {@link RocAuc}.
 *
 * @param backgroundEfficiency fraction of background (weight) passing each cut, x of the plot
 * @param signalEfficiency     fraction of signal (weight) passing the same cut, y of the plot
 * @param auc                  the area under the full curve ({@link RocAuc#auc}), before any thinning
 */
public record RocCurve(double[] backgroundEfficiency, double[] signalEfficiency, double auc) {

    public RocCurve {
        if (backgroundEfficiency.length != signalEfficiency.length) {
            throw new IllegalArgumentException(backgroundEfficiency.length + " background efficiencies for "
                    + signalEfficiency.length + " signal efficiencies");
        }
    }

    /** Number of points. */
    public int size() {
        return backgroundEfficiency.length;
    }

    /**
     * The curve of scores against labels; {@code weights == null} counts every event once. With
     * {@code maxPoints > 0} a point is kept only when it moved at least 1 / maxPoints along either axis
     * since the last kept one (the end points always stay), enough for a plot.
     */
    public static RocCurve of(float[] scores, boolean[] signal, float[] weights, int maxPoints) {
        double auc = RocAuc.auc(scores, signal, weights); // also checks lengths, NaNs and both classes present
        int n = scores.length;
        long[] order = RocAuc.sortedByScore(scores);
        double totalSignal = 0;
        double totalBackground = 0;
        for (int e = 0; e < n; e++) {
            double w = weights == null ? 1.0 : weights[e];
            if (signal[e]) {
                totalSignal += w;
            } else {
                totalBackground += w;
            }
        }
        double[] x = new double[n + 1];
        double[] y = new double[n + 1];
        int points = 1;
        double step = maxPoints > 0 ? 1.0 / maxPoints : 0;
        double passSignal = 0;
        double passBackground = 0;
        // Lower the cut one tie group at a time, from the highest score down.
        int i = n - 1;
        while (i >= 0) {
            float s = scores[(int) order[i]];
            while (i >= 0 && scores[(int) order[i]] == s) {
                int e = (int) order[i];
                double w = weights == null ? 1.0 : weights[e];
                if (signal[e]) {
                    passSignal += w;
                } else {
                    passBackground += w;
                }
                i--;
            }
            double bx = passBackground / totalBackground;
            double sy = passSignal / totalSignal;
            boolean last = i < 0;
            if (last || Math.abs(bx - x[points - 1]) >= step || Math.abs(sy - y[points - 1]) >= step) {
                x[points] = bx;
                y[points] = sy;
                points++;
            }
        }
        return new RocCurve(Arrays.copyOf(x, points), Arrays.copyOf(y, points), auc);
    }

    /**
     * The curve of a trained classifier on the validation split it was trained with (the same seeded split
     * as {@link ClassifierTrainer}; all events when it had none), unweighted so that its area is the
     * validation AUC the trainer reported for the kept epoch.
     */
    public static RocCurve onValidationSplit(TrainedClassifier model, TrainingSet set, int maxPoints) {
        if (!set.features().equals(model.features())) {
            throw new IllegalArgumentException("the classifier reads " + model.features() + ", the set has "
                    + set.features());
        }
        int n = set.size();
        int nVal = (int) Math.round(n * model.config().validationFraction());
        int[] rows;
        if (nVal > 0) {
            // ClassifierTrainer draws the permutation first from a generator seeded with the config's seed.
            rows = Arrays.copyOf(ClassifierTrainer.permutation(n, new SplittableRandom(model.config().seed())), nVal);
        } else {
            rows = new int[n];
            Arrays.setAll(rows, k -> k);
        }
        float[][] all = set.columns();
        float[][] columns = new float[all.length][rows.length];
        boolean[] labels = new boolean[rows.length];
        for (int k = 0; k < rows.length; k++) {
            int e = rows[k];
            for (int f = 0; f < all.length; f++) {
                columns[f][k] = all[f][e];
            }
            labels[k] = set.labels()[e];
        }
        return of(model.logits(columns, rows.length), labels, null, maxPoints);
    }
}
