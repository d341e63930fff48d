package org.nuisance.engine.workbench;

import org.hipparchus.distribution.continuous.ChiSquaredDistribution;

/**
 * The Garwood (1936) central interval for a Poisson mean given an observed count n, at 68.27%:
 * [chi2_quantile(alpha/2; 2n) / 2, chi2_quantile(1 - alpha/2; 2n + 2) / 2], alpha = 1 - 0.6827; the
 * lower end is 0 for n = 0. The error bars that ROOT (TH1::kPoisson) and mplhep draw on data points.
 */
public final class PoissonInterval {

    /** 1 - the Gaussian one-sigma probability content, 1 - erf(1/sqrt 2). */
    private static final double ALPHA = 1 - 0.6826894921370859;

    private PoissonInterval() {
    }

    /** {lower, upper} for count n (n >= 0; a non-integer n, e.g. Asimov data, is accepted). */
    public static double[] garwood(double n) {
        if (!(n >= 0)) {
            throw new IllegalArgumentException("count must be >= 0, got " + n);
        }
        double lo = n == 0 ? 0 : new ChiSquaredDistribution(2 * n).inverseCumulativeProbability(ALPHA / 2) / 2;
        double hi = new ChiSquaredDistribution(2 * n + 2).inverseCumulativeProbability(1 - ALPHA / 2) / 2;
        return new double[] {lo, hi};
    }
}
