package org.nuisance.engine.hist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The plots' bin-wise numbers against closed forms. */
class HistogramMathTest {

    @Test
    void ratioAndRelativeStatErrorFollowTheirDefinitions() {
        Histogram den = new Histogram(Axis.regular(3, 0, 3));
        Histogram num = new Histogram(Axis.regular(3, 0, 3));
        den.fill(new float[] {0.5f, 0.5f, 1.5f}, new float[] {3, 1, 2});
        num.fill(new float[] {0.5f, 1.5f}, new float[] {2, 5});
        double[] r = HistogramMath.ratio(num, den);
        assertEquals(0.5, r[0], 0);
        assertEquals(2.5, r[1], 0);
        assertTrue(Double.isNaN(r[2]), "an empty denominator gives NaN, not infinity");
        double[] e = HistogramMath.relativeStatError(den);
        // sqrt(3^2 + 1^2) / (3 + 1), sqrt(2^2) / 2
        assertArrayEquals(new double[] {Math.sqrt(10) / 4, 1, Double.NaN}, e, 1e-15);
    }

    @Test
    void poissonPseudoDataHaveTheExpectedMeanAndVarianceAndDependOnTheSeed() {
        Histogram expected = new Histogram(Axis.regular(1, 0, 1));
        expected.fill(0.5, 7.5);
        int n = 20000;
        double sum = 0;
        double sum2 = 0;
        for (int s = 0; s < n; s++) {
            double k = HistogramMath.poissonPseudoData(expected, s)[0];
            assertEquals(Math.rint(k), k, 0, "counts are integers");
            sum += k;
            sum2 += k * k;
        }
        double mean = sum / n;
        double var = sum2 / n - mean * mean;
        // Poisson: mean = variance = 7.5; 5-sigma tolerances of the sample estimates
        assertEquals(7.5, mean, 5 * Math.sqrt(7.5 / n));
        assertEquals(7.5, var, 5 * 7.5 * Math.sqrt(2.0 / n) + 5 * Math.sqrt(7.5 / n));
        assertArrayEquals(HistogramMath.poissonPseudoData(expected, 3), HistogramMath.poissonPseudoData(expected, 3));
    }
}
