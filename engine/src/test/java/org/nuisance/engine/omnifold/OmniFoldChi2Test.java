package org.nuisance.engine.omnifold;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Chi-square with covariance against hand-computed values. */
class OmniFoldChi2Test {

    @Test
    void diagonalCovarianceGivesTheSumOfPulls() {
        // pulls 1 and 2: chi2 = 5, ndf 2; for 2 dof the p-value is exp(-chi2/2)
        Chi2Test.Result r = Chi2Test.compare(new double[] {10, 20}, new double[] {9, 24}, new double[][] {{1, 0}, {0, 4}});
        assertEquals(5.0, r.chi2(), 1e-12);
        assertEquals(2, r.ndf());
        assertEquals(Math.exp(-2.5), r.pValue(), 1e-9);
    }

    @Test
    void correlationsEnterThroughTheInverse() {
        // C = [[1, .5], [.5, 1]], d = (1, 1): C^-1 d = (2/3, 2/3), chi2 = 4/3
        Chi2Test.Result r = Chi2Test.compare(new double[] {1, 1}, new double[] {0, 0}, new double[][] {{1, .5}, {.5, 1}});
        assertEquals(4.0 / 3, r.chi2(), 1e-12);
    }

    @Test
    void aSingularCovarianceUsesItsRank() {
        // fully correlated: C = s s^T with s = (1, 2); d = (1, 2) lies along s: chi2 = |d|^2/|s|^2... = 1, ndf 1
        Chi2Test.Result r = Chi2Test.compare(new double[] {1, 2}, new double[] {0, 0}, new double[][] {{1, 2}, {2, 4}});
        assertEquals(1.0, r.chi2(), 1e-9);
        assertEquals(1, r.ndf());
        // chi2 = 1 with 1 dof: p = 2 (1 - Phi(1)) = 0.31731
        assertEquals(0.3173105, r.pValue(), 1e-6);
    }
}
