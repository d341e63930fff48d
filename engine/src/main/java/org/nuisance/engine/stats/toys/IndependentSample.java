package org.nuisance.engine.stats.toys;

import java.util.Map;
import java.util.SplittableRandom;
import org.nuisance.engine.data.EventTable;
import org.nuisance.engine.data.InputException;

/**
 * The events the model is built from and a disjoint set the pseudo-experiments are drawn from, as the
 * challenge does it (templates from training data, pseudo-experiments bootstrapped from a test set).
 * Both stand for the same luminosity: a sample's weights sum, per process, to its expected yield.
 *
 * @param templates   events the binned model is built from
 * @param pseudoData  disjoint events the pseudo-experiments are bootstrapped from
 * @param description how the two were made, for the output
 */
public record IndependentSample(EventTable templates, EventTable pseudoData, String description) {

    /** The default seed of a second generated sample: a fixed scramble of the run's seed, never equal to it. */
    public static long testSeed(long seed) {
        long s = PoissonBootstrap.mix(seed ^ 0x5EED7E57L);
        return s == seed ? s + 1 : s;
    }

    /**
     * Splits events at random (seeded) into a test fraction and the rest, and scales each part's weights
     * by the inverse of its fraction (1 / testFraction, 1 / (1 - testFraction)) so that both stand for the
     * luminosity of the whole, as the challenge's test set does.
     */
    public static IndependentSample split(EventTable all, double testFraction, long seed) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new InputException("--test-fraction must be in (0, 1), got " + testFraction);
        }
        int n = all.rows();
        int[] test = new int[n];
        int[] train = new int[n];
        int nt = 0;
        int nr = 0;
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            if (rng.nextDouble() < testFraction) {
                test[nt++] = i;
            } else {
                train[nr++] = i;
            }
        }
        if (nt == 0 || nr == 0) {
            throw new InputException("--test-fraction " + testFraction + " leaves " + nt + " test and " + nr
                    + " template events of " + n + ": too few events");
        }
        EventTable t = scaled(all.selectRows(train, nr), 1 / (1 - testFraction));
        EventTable d = scaled(all.selectRows(test, nt), 1 / testFraction);
        return new IndependentSample(t, d, "split: " + nr + " template events, " + nt + " test events (fraction "
                + testFraction + ", seed " + seed + ")");
    }

    private static EventTable scaled(EventTable table, double factor) {
        float[] w = table.weights();
        float[] out = new float[w.length];
        for (int i = 0; i < w.length; i++) {
            out[i] = (float) (w[i] * factor);
        }
        return table.withColumns(Map.of(table.weightColumn(), out));
    }
}
