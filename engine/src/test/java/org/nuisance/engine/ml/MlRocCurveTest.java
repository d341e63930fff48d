package org.nuisance.engine.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nuisance.engine.data.EventTable;
import org.nuisance.engine.higgsml.DemoGenerator;

/** The ROC curve: its points, its area against the Mann-Whitney AUC, thinning, and the validation split. */
class MlRocCurveTest {

    @Test
    void fourEventsStepThroughEachCut() {
        // cuts below 0.9, 0.8, 0.7, 0.1: signal passes 1/2, 1/2, 1, 1; background 0, 1/2, 1/2, 1
        RocCurve roc = RocCurve.of(new float[] {0.9f, 0.8f, 0.7f, 0.1f}, new boolean[] {true, false, true, false},
                null, 0);
        assertArrayEquals(new double[] {0, 0, 0.5, 0.5, 1}, roc.backgroundEfficiency(), 0);
        assertArrayEquals(new double[] {0, 0.5, 0.5, 1, 1}, roc.signalEfficiency(), 0);
        // 3 of the 4 signal-background pairs are ordered right (counted by hand)
        assertEquals(0.75, roc.auc(), 1e-15);
    }

    @Test
    void trapezoidAreaUnderTheFullCurveIsTheAucWithTiesAndWeights() {
        SplittableRandom r = new SplittableRandom(4);
        int n = 5000;
        float[] s = new float[n];
        boolean[] y = new boolean[n];
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextDouble() < 0.3;
            s[i] = Math.round((r.nextGaussian() + (y[i] ? 1 : 0)) * 10) / 10f; // coarse: many ties
            w[i] = (float) (0.5 + r.nextDouble());
        }
        for (float[] weights : new float[][] {null, w}) {
            RocCurve roc = RocCurve.of(s, y, weights, 0);
            double area = 0;
            for (int k = 1; k < roc.size(); k++) {
                area += 0.5 * (roc.backgroundEfficiency()[k] - roc.backgroundEfficiency()[k - 1])
                        * (roc.signalEfficiency()[k] + roc.signalEfficiency()[k - 1]);
            }
            assertEquals(RocAuc.auc(s, y, weights), area, 1e-12, "a tie group is a straight segment: half credit");
            assertEquals(roc.auc(), area, 1e-12);
        }
    }

    @Test
    void thinningKeepsTheEndsAndAtMostTwoPointsPerStep() {
        SplittableRandom r = new SplittableRandom(5);
        int n = 20000;
        float[] s = new float[n];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextBoolean();
            s[i] = (float) (r.nextGaussian() + (y[i] ? 1 : 0));
        }
        RocCurve roc = RocCurve.of(s, y, null, 100);
        assertEquals(0, roc.backgroundEfficiency()[0]);
        assertEquals(0, roc.signalEfficiency()[0]);
        assertEquals(1, roc.backgroundEfficiency()[roc.size() - 1], 1e-12);
        assertEquals(1, roc.signalEfficiency()[roc.size() - 1], 1e-12);
        // each kept point advances >= 1/100 on one axis, and the path is at most 2 long
        assertTrue(roc.size() <= 202, "points " + roc.size());
        assertTrue(roc.size() > 50, "points " + roc.size());
    }

    @Test
    void validationCurveHasTheAreaTheTrainerReported() {
        EventTable events = DemoGenerator.generate(3000, 21);
        TrainingSet set = TrainingSet.signalVsBackground(events, MlClassifierTest.FEATURES);
        try (TrainedClassifier m = TrainedClassifier.train(set, MlClassifierTest.quick(7).withEpochs(3),
                TrainingProgressListener.NONE)) {
            RocCurve roc = RocCurve.onValidationSplit(m, set, 200);
            assertEquals(m.summary().validationAuc(), roc.auc(), 1e-12);
            assertTrue(roc.auc() > 0.8, "validation AUC " + roc.auc());
        }
    }
}
