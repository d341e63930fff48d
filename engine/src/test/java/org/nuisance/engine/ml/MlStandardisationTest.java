package org.nuisance.engine.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MlStandardisationTest {

    /**
     * Feature a = (1, 3, -25, 5, 100): fitted on rows 0-3 only, its defined values 1, 3, 5 give mean 3 and
     * sample std 2; -25 becomes 0 with indicator 0. Feature b = (2, 2, 2, 2, 7) is constant on the training
     * rows: std falls back to 1, and it needs no indicator. -999 (HiggsML 2014 raw) counts as undefined too.
     */
    @Test
    void undefinedValuesBecomeTheTrainingMeanPlusAnIndicator() {
        float[][] cols = {{1, 3, -25, 5, 100}, {2, 2, 2, 2, 7}};
        Standardisation s = Standardisation.fit(List.of("a", "b"), cols, new int[] {0, 1, 2, 3}, 4);
        assertArrayEquals(new double[] {3, 2}, s.mean(), 1e-12);
        assertArrayEquals(new double[] {2, 1}, s.std(), 1e-12);
        assertTrue(s.definedIndicator()[0]);
        assertFalse(s.definedIndicator()[1]);
        assertEquals(3, s.inputs());
        float[] out = new float[5 * 3];
        s.transform(cols, null, 0, 5, out);
        assertArrayEquals(new float[] {-1, 0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 1, 48.5f, 5, 1}, out, 1e-6f);
        assertTrue(Standardisation.isUndefined(-999f) && Standardisation.isUndefined(-25f)
                && Standardisation.isUndefined(Float.NaN) && !Standardisation.isUndefined(-24.9f));
    }
}
