package org.nuisance.engine.nsbi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nuisance.engine.ml.ClassifierConfig;
import org.nuisance.engine.ml.ComputeDevice;

/**
 * The likelihood-ratio trick against a closed form: numerator N(0.5, 1), denominator N(0, 1), whose exact
 * ratio is ln r(x) = 0.5 x - 0.125. Two seeded networks, calibrated on the held-out half.
 */
class RatioEnsembleTest {

    static final int N = 20000;
    static float[][] num;
    static float[][] den;
    static float[] ones;
    static RatioEnsemble ratio;

    static ClassifierConfig config() {
        return ClassifierConfig.defaults().withArchitecture(2, 16, ClassifierConfig.ActivationFunction.TANH)
                .withLearningRate(3e-3f).withBatchSize(256).withEpochs(12).withPatience(4).withSeed(5)
                .withDevice(ComputeDevice.Choice.CPU);
    }

    @BeforeAll
    static void train() {
        SplittableRandom rng = new SplittableRandom(11);
        num = new float[1][N];
        den = new float[1][N];
        ones = new float[N];
        for (int i = 0; i < N; i++) {
            num[0][i] = (float) (0.5 + rng.nextGaussian());
            den[0][i] = (float) rng.nextGaussian();
            ones[i] = 1f;
        }
        ratio = RatioEnsemble.train(List.of("x"), num, ones, den, ones, config(), 2, 10, null);
    }

    @AfterAll
    static void close() {
        ratio.close();
    }

    static float[][] grid() {
        float[][] g = new float[1][41];
        for (int i = 0; i < 41; i++) {
            g[0][i] = -2f + 0.1f * i;
        }
        return g;
    }

    @Test
    void learnedLogRatioMatchesExactWithin0p06OnMinus2To2() {
        float[][] g = grid();
        RatioEnsemble.LogRatios lr = ratio.logRatios(g);
        double maxDev = 0;
        double meanDev = 0;
        for (int i = 0; i < g[0].length; i++) {
            double exact = 0.5 * g[0][i] - 0.125;
            double d = Math.abs(lr.logRatio()[i] - exact);
            maxDev = Math.max(maxDev, d);
            meanDev += d / g[0].length;
            assertTrue(lr.spread()[i] >= 0 && lr.spread()[i] < 0.2, "spread " + lr.spread()[i]);
        }
        assertTrue(meanDev < 0.06, "mean |ln r - exact| = " + meanDev);
        assertTrue(maxDev < 0.15, "max |ln r - exact| = " + maxDev);
    }

    /** The calibration curve's observed ratios agree with the exact ratio averaged over each bin's events. */
    @Test
    void calibrationCurveAgreesWithPredictionWithinStatistics() {
        Calibration c = ratio.calibration();
        assertEquals(10, c.bins());
        // chi^2 of the raw prediction over 10 bins: a well-trained ratio stays well within chi^2(10)'s 99.9% quantile
        assertTrue(c.rawChi2() < 29.6, "raw chi2 = " + c.rawChi2());
        for (int b = 0; b < c.bins(); b++) {
            // each bin's correction is consistent with no correction within 3.5 of its relative errors
            double rel = c.error()[b] / c.observed()[b];
            assertTrue(Math.abs(c.logCorrection()[b]) < 3.5 * rel, "bin " + b + " correction " + c.logCorrection()[b]
                    + " relative error " + rel);
        }
    }

    /** Reweighting the denominator by r reproduces the numerator's histogram (chi^2 / ndf below 2). */
    @Test
    void denominatorWeightedByRatioReproducesNumeratorHistogram() {
        float[] lr = ratio.logRatios(den).logRatio();
        int bins = 20;
        double[] h1 = new double[bins];
        double[] h0 = new double[bins];
        double[] h02 = new double[bins];
        for (int i = 0; i < N; i++) {
            int b = (int) Math.floor((num[0][i] + 2.5) / 5.5 * bins);
            if (b >= 0 && b < bins) {
                h1[b]++;
            }
            int c = (int) Math.floor((den[0][i] + 2.5) / 5.5 * bins);
            if (c >= 0 && c < bins) {
                double w = Math.exp(lr[i]);
                h0[c] += w;
                h02[c] += w * w;
            }
        }
        double chi2 = 0;
        int ndf = 0;
        for (int b = 0; b < bins; b++) {
            double var = h1[b] + h02[b];
            if (var > 0) {
                chi2 += (h1[b] - h0[b]) * (h1[b] - h0[b]) / var;
                ndf++;
            }
        }
        assertTrue(chi2 / ndf < 2, "chi2/ndf = " + chi2 / ndf);
    }

    @Test
    void sameSeedsGiveIdenticalRatiosAndSaveLoadKeepsThem(@TempDir Path dir) {
        float[][] g = grid();
        float[] first = ratio.logRatios(g).logRatio();
        try (RatioEnsemble again = RatioEnsemble.train(List.of("x"), num, ones, den, ones, config(), 2, 10, null)) {
            assertArrayEquals(first, again.logRatios(g).logRatio());
        }
        ratio.save(dir);
        try (RatioEnsemble loaded = RatioEnsemble.load(dir, ComputeDevice.Choice.CPU)) {
            assertArrayEquals(first, loaded.logRatios(g).logRatio());
            assertArrayEquals(ratio.calibration().logCorrection(), loaded.calibration().logCorrection());
        }
    }
}
