package org.nuisance.engine.stats.toys;

import org.nuisance.engine.util.Parallel;

/**
 * The challenge's Poisson bootstrap of weighted events: each event's new weight is a Poisson draw with
 * mean factor_p times its weight (factor_p: its process's normalisation, mu for the signal). An event
 * drawn k times is k unweighted copies; histogramming it once with weight k is the same for every column
 * that does not depend on the soft-MET smearing (and the same in distribution for those that do).
 * Negative weights (NLO ttbar) are drawn on their absolute value and keep their sign. Counter-based
 * random numbers (SplitMix64 of seed and event index): reproducible and independent of the thread count.
 */
public final class PoissonBootstrap {

    private PoissonBootstrap() {
    }

    /** Fills counts[i] with the replica's weight of event i. */
    public static void draw(float[] weights, byte[] process, double[] factor, long seed, float[] counts) {
        int n = weights.length;
        long base = mix(seed ^ 0x5DEECE66DL);
        Parallel.forEachChunk(n, (chunk, from, to) -> {
            for (int i = from; i < to; i++) {
                double lambda = factor[process[i]] * weights[i];
                double u = (mix(base + i) >>> 11) * 0x1.0p-53;
                counts[i] = lambda >= 0 ? poisson(lambda, u) : -poisson(-lambda, u);
            }
        });
    }

    /** The Poisson(lambda) quantile of u by sequential search (means here are ~1). */
    static int poisson(double lambda, double u) {
        if (!Double.isFinite(lambda)) {
            throw new IllegalArgumentException("a Poisson mean of " + lambda + " (an event weight that is not finite)");
        }
        if (lambda == 0) {
            return 0;
        }
        if (lambda > 30) {
            // normal approximation with continuity correction; not reached by the challenge's weights
            double z = org.hipparchus.special.Erf.erfInv(2 * u - 1) * Math.sqrt(2);
            return (int) Math.max(0, Math.floor(lambda + Math.sqrt(lambda) * z + 0.5));
        }
        double p = Math.exp(-lambda);
        double cdf = p;
        int k = 0;
        while (u > cdf && k < 200) {
            k++;
            p *= lambda / k;
            cdf += p;
        }
        return k;
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
