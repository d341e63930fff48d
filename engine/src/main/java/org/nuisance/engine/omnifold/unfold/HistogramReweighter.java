package org.nuisance.engine.omnifold.unfold;

import org.nuisance.engine.hist.Axis;

/**
 * A binned "classifier": the ratio of the two samples' weighted histograms of the first observable,
 * bin by bin (under- and overflow are bins of their own; an empty class-0 bin gives ratio 1). OmniFold
 * with it is exactly iterative Bayesian unfolding in those bins (Andreassen et al., PRL 124 (2020)
 * 182001, supplementary material), which {@link Ibu} checks.
 */
public final class HistogramReweighter implements Reweighter {

    private final Axis axis;

    public HistogramReweighter(Axis axis) {
        this.axis = axis;
    }

    @Override
    public double[] ratio(float[][] x1, double[] w1, float[][] x0, double[] w0, float[][] at, long seed, String label) {
        double[] h1 = fill(x1[0], w1);
        double[] h0 = fill(x0[0], w0);
        double[] r = new double[at[0].length];
        for (int i = 0; i < r.length; i++) {
            int b = axis.index(at[0][i]);
            r[i] = h0[b] == 0 ? 1.0 : h1[b] / h0[b];
        }
        return r;
    }

    private double[] fill(float[] x, double[] w) {
        double[] h = new double[axis.bins() + 2];
        for (int i = 0; i < x.length; i++) {
            h[axis.index(x[i])] += w[i];
        }
        return h;
    }
}
