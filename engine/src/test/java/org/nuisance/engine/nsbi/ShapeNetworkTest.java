package org.nuisance.engine.nsbi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nuisance.engine.ml.ClassifierConfig;
import org.nuisance.engine.ml.ComputeDevice;

/**
 * GOLLUM's joint systematic form against a closed form: a unit Gaussian whose mean moves by delta u has
 * ln p(x|u) / p(x|0) = delta x u - delta^2 u^2 / 2, exactly Delta . m(u) with m = (u, u^2) and
 * Delta = (delta x, -delta^2 / 2).
 */
class ShapeNetworkTest {

    static final double DELTA = 0.5;

    @Test
    void learnedDeltaGivesTheExactLogRatioAtUnseenShifts(@TempDir Path dir) {
        SplittableRandom rng = new SplittableRandom(21);
        int points = 16;
        int per = 2000;
        int n = 2 * points * per;
        float[][] cols = new float[1][n];
        float[] mono = new float[2 * n];
        boolean[] labels = new boolean[n];
        float[] w = new float[n];
        int r = 0;
        for (int j = 0; j < points; j++) {
            double u = -2 + 4 * rng.nextDouble();
            for (int side = 0; side < 2; side++) {
                for (int e = 0; e < per; e++) {
                    cols[0][r] = (float) ((side == 1 ? DELTA * u : 0) + rng.nextGaussian());
                    mono[2 * r] = (float) u;
                    mono[2 * r + 1] = (float) (u * u);
                    labels[r] = side == 1;
                    w[r] = 1f;
                    r++;
                }
            }
        }
        ClassifierConfig cfg = ClassifierConfig.defaults().withArchitecture(2, 16, ClassifierConfig.ActivationFunction.TANH)
                .withLearningRate(3e-3f).withBatchSize(256).withEpochs(8).withSeed(3).withDevice(ComputeDevice.Choice.CPU);
        try (ShapeNetwork net = ShapeNetwork.train(List.of("x"), new ShapeNetwork.Rows(cols, mono, labels, w), 2, cfg)) {
            float[][] grid = new float[1][41];
            for (int i = 0; i < 41; i++) {
                grid[0][i] = -2f + 0.1f * i;
            }
            float[] d = net.deltas(grid);
            for (double u : new double[] {-1.5, 1.0, 1.7}) {
                double dev = 0;
                for (int i = 0; i < 41; i++) {
                    double exact = DELTA * grid[0][i] * u - 0.5 * DELTA * DELTA * u * u;
                    double learned = d[2 * i] * u + d[2 * i + 1] * u * u;
                    dev += Math.abs(learned - exact) / 41;
                }
                // the exact log ratio spans about +-1.9 at u = 1.7; the learned one follows within 0.08 on average
                assertTrue(dev < 0.08, "u = " + u + ": mean |learned - exact| = " + dev);
            }
            net.save(dir);
            try (ShapeNetwork loaded = ShapeNetwork.load(dir, ComputeDevice.Choice.CPU)) {
                assertArrayEquals(d, loaded.deltas(grid));
            }
        }
    }
}
