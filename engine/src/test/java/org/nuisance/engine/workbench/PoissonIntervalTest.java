package org.nuisance.engine.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PoissonIntervalTest {

    /**
     * Garwood 68.27% intervals: ROOT's TH1::kPoisson error bars for n = 1 are -0.827246 / +2.29953, and
     * scipy.stats.chi2.ppf gives [0, 1.8410], [0.7082, 4.6379], [6.8913, 14.2669], [109.0608, 131.9849]
     * for n = 0, 2, 10, 120.
     */
    @Test
    void garwoodIntervalsMatchRootAndScipy() {
        double[][] expected = {{0, 0, 1.8410}, {1, 1 - 0.827246, 1 + 2.29953}, {2, 0.7082, 4.6379},
            {10, 6.8913, 14.2669}, {120, 109.0608, 131.9849}};
        for (double[] e : expected) {
            double[] i = PoissonInterval.garwood(e[0]);
            assertEquals(e[1], i[0], 1e-4, "lower end for n = " + e[0]);
            assertEquals(e[2], i[1], 1e-4, "upper end for n = " + e[0]);
        }
    }
}
