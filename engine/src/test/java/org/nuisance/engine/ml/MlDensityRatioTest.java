package org.nuisance.engine.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nuisance.engine.data.EventTable;

class MlDensityRatioTest {

    /** One column "x" drawn from N(mu, 1), unit weights, process "sample". */
    static EventTable gaussian(int n, double mu, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (mu + gaussianDraw(r));
        }
        return table(x);
    }

    static EventTable table(float[] x) {
        float[] w = new float[x.length];
        java.util.Arrays.fill(w, 1f);
        return new EventTable(x.length, List.of("x", "w", "process"), Map.of("x", x, "w", w),
                Map.of("process", new EventTable.Categorical(new byte[x.length], List.of("sample"))), "w", "process");
    }

    private static double gaussianDraw(SplittableRandom r) {
        // Box-Muller
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    /**
     * p1 = N(1, 1), p0 = N(0, 1): r(x) = p1 / p0 = exp(x - 1/2) exactly. The numerator sample is twice the
     * denominator one and classes are not balanced, so the classifier learns s = 2 p1 / (2 p1 + p0) and only
     * the prior correction W0 / W1 = 1/2 makes s / (1 - s) into r. Checked on x in [-1, 2] (the bulk of both
     * samples) to 0.12 in log r.
     */
    @Test
    void twoGaussiansGiveTheAnalyticRatioAfterPriorCorrection() {
        EventTable numerator = gaussian(16000, 1.0, 1);
        EventTable denominator = gaussian(8000, 0.0, 2);
        ClassifierConfig config = ClassifierConfig.defaults().withDevice(ComputeDevice.Choice.CPU)
                .withArchitecture(2, 16, ClassifierConfig.ActivationFunction.TANH).withBatchSize(512)
                .withLearningRate(3e-3f).withEpochs(40).withBalanceClasses(false).withSeed(3);
        try (TrainedClassifier c = DensityRatio.fit(numerator, denominator, List.of("x"), config,
                TrainingProgressListener.NONE)) {
            assertEquals(0.5, c.priorFactor(), 0.02, "W0 / W1 of the training split");
            float[] grid = {-1f, -0.5f, 0f, 0.5f, 1f, 1.5f, 2f};
            EventTable points = table(grid);
            float[] r = c.densityRatio(points);
            float[] s = c.score(points);
            for (int i = 0; i < grid.length; i++) {
                double truth = grid[i] - 0.5;
                System.out.printf("x = %4.1f: log r = %.4f, truth %.4f%n", grid[i], Math.log(r[i]), truth);
                assertEquals(truth, Math.log(r[i]), 0.12, "log r at x = " + grid[i]);
                assertEquals(r[i], DensityRatio.fromScore(s[i], c.priorFactor()), 1e-4 * r[i]);
                // Without the correction the ratio is off by the prior ratio, log 2.
                assertTrue(Math.abs(Math.log(s[i] / (1 - s[i])) - truth - Math.log(2)) < 0.12);
            }
        }
    }

    @Test
    void balancedClassesNeedNoPriorCorrection() {
        try (TrainedClassifier c = DensityRatio.fit(gaussian(8000, 1.0, 3), gaussian(4000, 0.0, 4), List.of("x"),
                ClassifierConfig.defaults().withDevice(ComputeDevice.Choice.CPU).withArchitecture(2, 16,
                        ClassifierConfig.ActivationFunction.TANH).withBatchSize(512).withLearningRate(3e-3f)
                        .withEpochs(30).withSeed(5), TrainingProgressListener.NONE)) {
            assertEquals(1.0, c.priorFactor(), 1e-9);
            float[] r = c.densityRatio(table(new float[] {0f, 0.5f, 1f}));
            assertEquals(-0.5, Math.log(r[0]), 0.15);
            assertEquals(0.0, Math.log(r[1]), 0.15);
            assertEquals(0.5, Math.log(r[2]), 0.15);
        }
    }
}
