package org.nuisance.engine.ml;

/**
 * Linear centered kernel alignment between two representations of the same n examples (Kornblith, Norouzi,
 * Lee, Hinton, ICML 2019, eq. for linear CKA): with X (n x p) and Y (n x q) column-centred,
 * CKA = ||Y^T X||_F^2 / (||X^T X||_F ||Y^T Y||_F). It is 1 for identical representations and invariant to
 * orthogonal transforms and isotropic scaling of either; near 0 for independent ones (of order p q / n).
 */
public final class Cka {

    private Cka() {
    }

    /** Linear CKA of row-major representations x (n x p) and y (n x q). */
    public static double linear(float[] x, int p, float[] y, int q, int n) {
        if (x.length != n * p || y.length != n * q) {
            throw new IllegalArgumentException("representations of " + x.length + " and " + y.length
                    + " values do not match n = " + n + " rows of " + p + " and " + q);
        }
        double[] xc = centred(x, n, p);
        double[] yc = centred(y, n, q);
        double yx = frobeniusSquaredOfCross(yc, q, xc, p, n);
        double xx = frobeniusSquaredOfCross(xc, p, xc, p, n);
        double yy = frobeniusSquaredOfCross(yc, q, yc, q, n);
        return yx / Math.sqrt(xx * yy);
    }

    private static double[] centred(float[] a, int n, int p) {
        double[] c = new double[n * p];
        for (int j = 0; j < p; j++) {
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += a[i * p + j];
            }
            mean /= n;
            for (int i = 0; i < n; i++) {
                c[i * p + j] = a[i * p + j] - mean;
            }
        }
        return c;
    }

    /** ||A^T B||_F^2 for row-major A (n x p) and B (n x q). */
    private static double frobeniusSquaredOfCross(double[] a, int p, double[] b, int q, int n) {
        double[] m = new double[p * q];
        for (int i = 0; i < n; i++) {
            int ra = i * p;
            int rb = i * q;
            for (int j = 0; j < p; j++) {
                double v = a[ra + j];
                if (v == 0) {
                    continue;
                }
                int rm = j * q;
                for (int k = 0; k < q; k++) {
                    m[rm + k] += v * b[rb + k];
                }
            }
        }
        double s = 0;
        for (double v : m) {
            s += v * v;
        }
        return s;
    }
}
