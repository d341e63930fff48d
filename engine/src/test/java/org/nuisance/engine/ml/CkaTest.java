package org.nuisance.engine.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Linear CKA against the properties Kornblith et al. (ICML 2019, section 3) prove for it: 1 for identical
 * representations, invariant to orthogonal transforms and isotropic scaling, and near 0 for independent ones.
 */
class CkaTest {

    private static float[] gaussian(int n, int p, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n * p];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }

    @Test
    void identicalRepresentationsHaveCkaOne() {
        float[] x = gaussian(500, 8, 1);
        assertEquals(1.0, Cka.linear(x, 8, x, 8, 500), 1e-12);
    }

    @Test
    void anOrthogonalTransformAndAScalingLeaveCkaAtOne() {
        int n = 400;
        int p = 6;
        float[] x = gaussian(n, p, 2);
        // a random orthogonal p x p matrix by Gram-Schmidt on Gaussian columns
        double[][] q = new double[p][p];
        Random r = new Random(3);
        for (int j = 0; j < p; j++) {
            double[] v = new double[p];
            for (int i = 0; i < p; i++) {
                v[i] = r.nextGaussian();
            }
            for (int k = 0; k < j; k++) {
                double d = 0;
                for (int i = 0; i < p; i++) {
                    d += v[i] * q[i][k];
                }
                for (int i = 0; i < p; i++) {
                    v[i] -= d * q[i][k];
                }
            }
            double norm = 0;
            for (double a : v) {
                norm += a * a;
            }
            for (int i = 0; i < p; i++) {
                q[i][j] = v[i] / Math.sqrt(norm);
            }
        }
        float[] y = new float[n * p];
        for (int e = 0; e < n; e++) {
            for (int j = 0; j < p; j++) {
                double s = 0;
                for (int i = 0; i < p; i++) {
                    s += x[e * p + i] * q[i][j];
                }
                y[e * p + j] = (float) (3.5 * s);
            }
        }
        assertEquals(1.0, Cka.linear(x, p, y, p, n), 1e-6);
    }

    @Test
    void independentRepresentationsHaveCkaNearZero() {
        int n = 5000;
        float[] x = gaussian(n, 10, 4);
        float[] y = gaussian(n, 12, 5);
        double cka = Cka.linear(x, 10, y, 12, n);
        // for independent Gaussian features E[CKA] is of order sqrt(p q) / n, here about 0.002
        assertTrue(cka < 0.01, "CKA of independent representations " + cka);
        assertTrue(cka >= 0);
    }

    @Test
    void mismatchedShapesAreRefusedWithTheSizes() {
        float[] x = gaussian(10, 2, 6);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Cka.linear(x, 2, x, 3, 10));
        assertTrue(e.getMessage().contains("20"), e.getMessage());
    }
}
