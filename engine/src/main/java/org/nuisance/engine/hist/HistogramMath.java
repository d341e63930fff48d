package org.nuisance.engine.hist;

import org.hipparchus.random.RandomDataGenerator;

/** Bin-wise operations the plots need: ratios, statistical bands and Poisson pseudo-data. */
public final class HistogramMath {

    private HistogramMath() {
    }

    /** numerator / denominator per bin; NaN where the denominator is zero. */
    public static double[] ratio(Histogram numerator, Histogram denominator) {
        double[] a = numerator.values();
        double[] b = denominator.values();
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = b[i] == 0 ? Double.NaN : a[i] / b[i];
        }
        return r;
    }

    /** sqrt(sum w^2) / sum w per bin: the relative statistical uncertainty of a weighted bin; NaN if empty. */
    public static double[] relativeStatError(Histogram h) {
        double[] w = h.values();
        double[] w2 = h.variances();
        double[] r = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            r[i] = w[i] == 0 ? Double.NaN : Math.sqrt(w2[i]) / Math.abs(w[i]);
        }
        return r;
    }

    /** One Poisson pseudo-experiment: a count per bin drawn with the bin's expected content as mean. */
    public static double[] poissonPseudoData(Histogram expected, long seed) {
        RandomDataGenerator rng = RandomDataGenerator.of(new org.hipparchus.random.Well19937c(seed));
        double[] mean = expected.values();
        double[] n = new double[mean.length];
        for (int i = 0; i < mean.length; i++) {
            n[i] = mean[i] > 0 ? rng.nextPoisson(mean[i]) : 0;
        }
        return n;
    }
}
