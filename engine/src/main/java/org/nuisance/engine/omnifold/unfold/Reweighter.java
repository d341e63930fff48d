package org.nuisance.engine.omnifold.unfold;

/**
 * The one seam of an unfolding where a classifier sits: from two weighted samples, the ratio of their
 * weighted densities, W1 p1(x) / (W0 p0(x)) (absolute, not normalised: the sums of weights W1, W0 are
 * part of it, as f / (1 - f) is for a classifier trained on the raw weights). A neural network gives
 * it unbinned ({@link NeuralReweighter}); a ratio of histograms gives it binned
 * ({@link HistogramReweighter}), which turns OmniFold into IBU.
 */
public interface Reweighter {

    /**
     * @param x1    class-1 sample, observable-major (x1[k][event])
     * @param w1    class-1 weights (single negative weights allowed; the sum must be positive)
     * @param x0    class-0 sample, same observables
     * @param w0    class-0 weights
     * @param at    where to evaluate the ratio, observable-major
     * @param seed  seeds the fit (initialisation, split, shuffle)
     * @param label what this fit is, e.g. "iteration 2 step 1", for progress reports
     * @return the ratio at each point of {@code at}
     */
    double[] ratio(float[][] x1, double[] w1, float[][] x0, double[] w0, float[][] at, long seed, String label);
}
