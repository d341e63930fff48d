package org.nuisance.engine.ml;

import java.util.Arrays;

/**
 * Area under the ROC curve: the probability that a random signal event scores higher than a random
 * background event, ties counting one half (the Mann-Whitney U statistic divided by n_s n_b).
 */
public final class RocAuc {

    private RocAuc() {
    }

    /** Unweighted AUC; every event counts once. */
    public static double auc(float[] scores, boolean[] signal) {
        return auc(scores, signal, null);
    }

    /**
     * Weighted AUC: each pair (signal i, background j) counts w_i w_j. Negative weights enter as they are
     * (the result can then leave [0, 1]). {@code weights == null} means all ones.
     */
    public static double auc(float[] scores, boolean[] signal, float[] weights) {
        int n = scores.length;
        if (signal.length != n || (weights != null && weights.length != n)) {
            throw new IllegalArgumentException("scores, labels and weights must have equal lengths, got " + n + ", "
                    + signal.length + ", " + (weights == null ? n : weights.length));
        }
        long[] order = sortedByScore(scores);
        double sumSignal = 0;
        double sumBackground = 0;
        double pairs = 0;
        // Sweep from the lowest score up: each signal event beats all background below its tie group and
        // half of the background inside it.
        int i = 0;
        while (i < n) {
            int j = i;
            float s = scores[(int) order[i]];
            double groupSignal = 0;
            double groupBackground = 0;
            while (j < n && scores[(int) order[j]] == s) {
                int e = (int) order[j];
                double w = weights == null ? 1.0 : weights[e];
                if (signal[e]) {
                    groupSignal += w;
                } else {
                    groupBackground += w;
                }
                j++;
            }
            pairs += groupSignal * (sumBackground + 0.5 * groupBackground);
            sumSignal += groupSignal;
            sumBackground += groupBackground;
            i = j;
        }
        if (sumSignal == 0 || sumBackground == 0) {
            throw new IllegalArgumentException("AUC needs both signal and background events (weights summing to "
                    + sumSignal + " and " + sumBackground + ")");
        }
        return pairs / (sumSignal * sumBackground);
    }

    /** Event indices in the low 32 bits, sorted by score; NaN scores are rejected. */
    static long[] sortedByScore(float[] scores) {
        long[] keys = new long[scores.length];
        for (int e = 0; e < scores.length; e++) {
            float s = scores[e];
            if (Float.isNaN(s)) {
                throw new IllegalArgumentException("score of event " + e + " is NaN");
            }
            int bits = Float.floatToIntBits(s == 0f ? 0f : s); // -0 and +0 tie
            bits ^= (bits >> 31) & 0x7fffffff; // monotone map of float order onto signed int order
            keys[e] = ((long) bits << 32) | e;
        }
        Arrays.sort(keys);
        for (int k = 0; k < keys.length; k++) {
            keys[k] &= 0xffffffffL;
        }
        return keys;
    }
}
