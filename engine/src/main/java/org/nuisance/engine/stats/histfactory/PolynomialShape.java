package org.nuisance.engine.stats.histfactory;

/**
 * A shape uncertainty as a per-bin polynomial in alpha, delta_b(alpha) = sum_{k=1..d} c_bk alpha^k, fitted
 * to templates on a grid of alpha (the FAIR Universe starting kit's approach). Not part of the pyhf
 * schema: a model gets it through {@link Model#withPolynomialShape}, replacing a histosys of the same
 * parameter, when piecewise-linear interpolation between +-1 sigma is too coarse for the data's precision.
 */
final class PolynomialShape implements Modifier {
    private final String name;
    private final int param;
    private final double[][] c;

    PolynomialShape(String name, int param, double[][] coefficients) {
        this.name = name;
        this.param = param;
        this.c = coefficients;
    }

    @Override
    public boolean additive() {
        return true;
    }

    @Override
    public int parameter(int bin) {
        return param;
    }

    @Override
    public double value(int bin, double x) {
        double[] k = c[bin];
        double v = 0;
        for (int i = k.length - 1; i >= 0; i--) {
            v = (v + k[i]) * x;
        }
        return v;
    }

    @Override
    public double derivative(int bin, double x) {
        double[] k = c[bin];
        double d = 0;
        for (int i = k.length - 1; i >= 0; i--) {
            d = d * x + (i + 1) * k[i];
        }
        return d;
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * Least-squares coefficients c_1..c_degree per bin from deltas (template minus nominal) at grid
     * values of alpha (alpha = 0 excluded: delta is 0 there by construction).
     */
    static double[][] fit(double[] alphas, double[][] deltas, int degree) {
        int bins = deltas[0].length;
        int m = alphas.length;
        double[][] ata = new double[degree][degree];
        double[][] design = new double[m][degree];
        for (int j = 0; j < m; j++) {
            double p = 1;
            for (int k = 0; k < degree; k++) {
                p *= alphas[j];
                design[j][k] = p;
            }
        }
        for (int a = 0; a < degree; a++) {
            for (int b = 0; b < degree; b++) {
                double s = 0;
                for (int j = 0; j < m; j++) {
                    s += design[j][a] * design[j][b];
                }
                ata[a][b] = s;
            }
        }
        org.hipparchus.linear.DecompositionSolver solver = new org.hipparchus.linear.LUDecomposition(
                new org.hipparchus.linear.Array2DRowRealMatrix(ata)).getSolver();
        double[][] out = new double[bins][];
        for (int b = 0; b < bins; b++) {
            double[] atb = new double[degree];
            for (int k = 0; k < degree; k++) {
                for (int j = 0; j < m; j++) {
                    atb[k] += design[j][k] * deltas[j][b];
                }
            }
            out[b] = solver.solve(new org.hipparchus.linear.ArrayRealVector(atb)).toArray();
        }
        return out;
    }
}
