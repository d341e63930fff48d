package org.nuisance.engine.stats.histfactory;

/**
 * A shape uncertainty tabulated on a fine uniform grid of alpha: delta_b(alpha) from templates at each
 * grid point, interpolated per bin by cubic Hermite segments with central-difference slopes (Catmull-Rom:
 * through every grid point, continuous first derivative), extrapolated linearly beyond the grid. Shifting
 * events moves them across bin edges one by one, so a template is a fine staircase in alpha; where the
 * data pin alpha to a few percent of its prior, a smooth low-degree polynomial through a coarse grid
 * misses steps of the size of the bins' Poisson errors. Not part of the pyhf schema; see
 * {@link Model#withGridShape}.
 */
final class GridShape implements Modifier {
    private final String name;
    private final int param;
    private final double start;
    private final double step;
    /** [grid point][bin]. */
    private final double[][] d;
    /** Slopes d delta / d alpha at the grid points, [grid point][bin]. */
    private final double[][] m;

    GridShape(String name, int param, double start, double step, double[][] deltas) {
        this.name = name;
        this.param = param;
        this.start = start;
        this.step = step;
        this.d = deltas;
        int k = deltas.length;
        int bins = deltas[0].length;
        this.m = new double[k][bins];
        for (int g = 0; g < k; g++) {
            int a = Math.max(0, g - 1);
            int b = Math.min(k - 1, g + 1);
            for (int bin = 0; bin < bins; bin++) {
                m[g][bin] = (deltas[b][bin] - deltas[a][bin]) / ((b - a) * step);
            }
        }
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
        double u = (x - start) / step;
        int last = d.length - 1;
        if (u <= 0) {
            return d[0][bin] + (x - start) * m[0][bin];
        }
        if (u >= last) {
            return d[last][bin] + (u - last) * step * m[last][bin];
        }
        int g = Math.min((int) u, last - 1);
        double t = u - g;
        double t2 = t * t;
        double t3 = t2 * t;
        return (2 * t3 - 3 * t2 + 1) * d[g][bin] + (t3 - 2 * t2 + t) * step * m[g][bin]
                + (-2 * t3 + 3 * t2) * d[g + 1][bin] + (t3 - t2) * step * m[g + 1][bin];
    }

    @Override
    public double derivative(int bin, double x) {
        double u = (x - start) / step;
        int last = d.length - 1;
        if (u <= 0) {
            return m[0][bin];
        }
        if (u >= last) {
            return m[last][bin];
        }
        int g = Math.min((int) u, last - 1);
        double t = u - g;
        double t2 = t * t;
        return ((6 * t2 - 6 * t) * d[g][bin] + (6 * t2 - 6 * t) * -d[g + 1][bin]) / step
                + (3 * t2 - 4 * t + 1) * m[g][bin] + (3 * t2 - 2 * t) * m[g + 1][bin];
    }

    @Override
    public double secondDerivative(int bin, double x) {
        double u = (x - start) / step;
        int last = d.length - 1;
        if (u <= 0 || u >= last) {
            return 0;
        }
        int g = Math.min((int) u, last - 1);
        double t = u - g;
        return ((12 * t - 6) * (d[g][bin] - d[g + 1][bin])) / (step * step)
                + ((6 * t - 4) * m[g][bin] + (6 * t - 2) * m[g + 1][bin]) / step;
    }

    @Override
    public String name() {
        return name;
    }
}
