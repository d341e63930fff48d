package org.nuisance.engine.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class MlLossAndAucTest {

    /**
     * Three events, logits (2, -1, 0.5), labels (1, 0, 0), weights (0.5, 2, -1): by hand,
     * [0.5 ln(1 + e^-2) + 2 ln(1 + e^-1) - ln(1 + e^0.5)] / 3 = (0.063464 + 0.626523 - 0.974077) / 3
     * = -0.0946965345 (a negative weight may make a batch loss negative).
     */
    @Test
    void weightedCrossEntropyMatchesHandComputedTinyBatch() {
        double expected = -0.09469653454072487;
        float[] z = {2f, -1f, 0.5f};
        boolean[] y = {true, false, false};
        float[] w = {0.5f, 2f, -1f};
        assertEquals(expected, WeightedBinaryCrossEntropy.value(z, y, w), 1e-12);
        try (NDManager m = ComputeDevice.engine().newBaseManager()) {
            NDList labels = new NDList(m.create(new float[] {1, 0, 0}, new Shape(3, 1)), m.create(w, new Shape(3, 1)));
            NDList pred = new NDList(m.create(z, new Shape(3, 1)));
            float djl = new WeightedBinaryCrossEntropy().evaluate(labels, pred).getFloat();
            assertEquals(expected, djl, 1e-6);
        }
    }

    @Test
    void crossEntropyIsStableForLargeLogits() {
        // ln(1 + e^-100) = 3.7e-44: a correct label at logit 100 costs nothing; a wrong one costs 100.
        assertEquals(0.0, WeightedBinaryCrossEntropy.value(new float[] {100f}, new boolean[] {true}, new float[] {1f}), 1e-30);
        assertEquals(100.0, WeightedBinaryCrossEntropy.value(new float[] {100f}, new boolean[] {false}, new float[] {1f}), 1e-9);
    }

    /**
     * Signal scores 0.35, 0.8, 0.4; background 0.1, 0.4. Of the 6 pairs signal wins 4 and ties 1 (0.4 vs 0.4):
     * AUC = 4.5 / 6 = 0.75.
     */
    @Test
    void aucCountsTiesAsHalfOnHandComputedCase() {
        float[] s = {0.1f, 0.4f, 0.35f, 0.8f, 0.4f};
        boolean[] y = {false, false, true, true, true};
        assertEquals(0.75, RocAuc.auc(s, y), 1e-15);
    }

    /**
     * Same events with weights (1, 2 | 1, 1, 3): pairs weighted w_s w_b. 0.35 beats 0.1: 1; 0.8 beats both: 3;
     * 0.4 (w 3) beats 0.1 and ties 0.4 (w 2): 3 (1 + 0.5 * 2) = 6. Total 10 of W_s W_b = 5 * 3 = 15.
     */
    @Test
    void weightedAucMatchesHandComputedCase() {
        float[] s = {0.1f, 0.4f, 0.35f, 0.8f, 0.4f};
        boolean[] y = {false, false, true, true, true};
        float[] w = {1, 2, 1, 1, 3};
        assertEquals(10.0 / 15.0, RocAuc.auc(s, y, w), 1e-15);
    }

    @Test
    void aucOfAllTiedScoresIsOneHalfAndOfPerfectSeparationIsOne() {
        assertEquals(0.5, RocAuc.auc(new float[] {3, 3, 3, 3}, new boolean[] {true, false, true, false}), 1e-15);
        assertEquals(1.0, RocAuc.auc(new float[] {-2, -1, 1, 2}, new boolean[] {false, false, true, true}), 1e-15);
        assertEquals(0.0, RocAuc.auc(new float[] {-2, -1, 1, 2}, new boolean[] {true, true, false, false}), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> RocAuc.auc(new float[] {1, 2}, new boolean[] {true, true}));
    }
}
