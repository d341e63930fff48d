package org.nuisance.engine.stats.fit;

/** Small dense symmetric positive-definite solves and inverses, in place on primitive arrays. */
final class Cholesky {

    private Cholesky() {
    }

    /** Lower-triangular L with A = L L^T, or null if A is not (numerically) positive definite. */
    static double[][] decompose(double[][] a) {
        int n = a.length;
        double[][] l = new double[n][n];
        for (int j = 0; j < n; j++) {
            double s = a[j][j];
            for (int k = 0; k < j; k++) {
                s -= l[j][k] * l[j][k];
            }
            if (!(s > 1e-300) || !Double.isFinite(s)) {
                return null;
            }
            double d = Math.sqrt(s);
            l[j][j] = d;
            for (int i = j + 1; i < n; i++) {
                double t = a[i][j];
                for (int k = 0; k < j; k++) {
                    t -= l[i][k] * l[j][k];
                }
                l[i][j] = t / d;
            }
        }
        return l;
    }

    static double[] solve(double[][] a, double[] b) {
        double[][] l = decompose(a);
        return l == null ? null : substitute(l, b);
    }

    /** Solves L L^T x = b by forward and back substitution. */
    static double[] substitute(double[][] l, double[] b) {
        int n = b.length;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l[i][k] * y[k];
            }
            y[i] = s / l[i][i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = y[i];
            for (int k = i + 1; k < n; k++) {
                s -= l[k][i] * x[k];
            }
            x[i] = s / l[i][i];
        }
        return x;
    }

    /** A^-1, or null if A is not positive definite. */
    static double[][] inverse(double[][] a) {
        double[][] l = decompose(a);
        return l == null ? null : inverseFromFactor(l);
    }

    /** (L L^T)^-1 from the factor L. */
    static double[][] inverseFromFactor(double[][] l) {
        int n = l.length;
        double[][] inv = new double[n][n];
        double[] e = new double[n];
        for (int j = 0; j < n; j++) {
            java.util.Arrays.fill(e, 0);
            e[j] = 1;
            double[] col = substitute(l, e);
            for (int i = 0; i < n; i++) {
                inv[i][j] = col[i];
            }
        }
        return inv;
    }
}
