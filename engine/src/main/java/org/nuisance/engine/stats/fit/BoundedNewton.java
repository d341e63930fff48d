package org.nuisance.engine.stats.fit;

import java.util.Arrays;

/**
 * A bounded minimiser for smooth, nearly quadratic functions such as negative log-likelihoods: damped
 * Newton steps (Levenberg-Marquardt damping, Hessian from central differences of the analytic gradient)
 * on the parameters not held at a bound, projected onto the box, with Armijo backtracking. Newton's
 * quadratic convergence puts the minimum at machine precision in a handful of iterations, which the
 * asymptotic formulae need (CLs to 5e-4 relative is q to ~1e-4 absolute). Converges when the Newton
 * decrement g^T H^-1 g falls below {@code tolerance}.
 */
public final class BoundedNewton {

    /** A function and its gradient. */
    @FunctionalInterface
    public interface Objective {
        /** Returns f(x); writes the gradient into grad when grad is not null. */
        double value(double[] x, double[] grad);
    }

    /** Outcome of a minimisation. */
    public record Result(double[] x, double f, double[] gradient, boolean converged, String reason, int iterations,
                         int evaluations) {
    }

    private final double tolerance;
    private final int maxIterations;

    public BoundedNewton() {
        this(1e-12, 200);
    }

    public BoundedNewton(double tolerance, int maxIterations) {
        this.tolerance = tolerance;
        this.maxIterations = maxIterations;
    }

    public Result minimize(Objective fn, double[] start, double[] lo, double[] hi, boolean[] fixed) {
        int n = start.length;
        double[] x = start.clone();
        for (int i = 0; i < n; i++) {
            if (!fixed[i]) {
                x[i] = Math.min(hi[i], Math.max(lo[i], x[i]));
            }
        }
        double[] g = new double[n];
        double[] gn = new double[n];
        double[] xn = new double[n];
        int[] evals = {0};
        Objective counted = (p, gr) -> {
            evals[0]++;
            return fn.value(p, gr);
        };
        double f = counted.value(x, g);
        if (!Double.isFinite(f)) {
            return new Result(x, f, g, false, "the function is not finite at the starting point", 0, evals[0]);
        }
        double lambda = 0;
        int[] free = new int[n];
        for (int it = 1; it <= maxIterations; it++) {
            int nf = 0;
            for (int i = 0; i < n; i++) {
                if (fixed[i]) {
                    continue;
                }
                boolean atLo = x[i] <= lo[i] && g[i] > 0;
                boolean atHi = x[i] >= hi[i] && g[i] < 0;
                if (!atLo && !atHi) {
                    free[nf++] = i;
                }
            }
            if (nf == 0) {
                return new Result(x, f, g, true, "every free parameter is at a bound", it - 1, evals[0]);
            }
            int[] idx = Arrays.copyOf(free, nf);
            double[][] h = hessian(counted, x, g, lo, hi, idx);
            boolean accepted = false;
            double decrement = Double.NaN;
            double fNew = f;
            for (int attempt = 0; attempt < 14 && !accepted; attempt++) {
                double[] d = solveDamped(h, idx, g, lambda);
                if (d == null) {
                    lambda = lambda == 0 ? 1e-8 : lambda * 10;
                    continue;
                }
                double dg = 0;
                for (int k = 0; k < nf; k++) {
                    dg += d[k] * g[idx[k]];
                }
                if (!(dg < 0)) {
                    lambda = lambda == 0 ? 1e-8 : lambda * 10;
                    continue;
                }
                decrement = -dg;
                if (decrement < tolerance && lambda == 0) {
                    // converged: take the last Newton step too (quadratic convergence makes it exact)
                    for (int k = 0; k < nf; k++) {
                        int i = idx[k];
                        xn[i] = x[i];
                    }
                    System.arraycopy(x, 0, xn, 0, n);
                    for (int k = 0; k < nf; k++) {
                        int i = idx[k];
                        xn[i] = Math.min(hi[i], Math.max(lo[i], x[i] + d[k]));
                    }
                    double fLast = counted.value(xn, gn);
                    if (fLast <= f) {
                        return new Result(xn, fLast, gn, true, "Newton decrement " + String.format("%.1e", decrement)
                                + " below tolerance", it, evals[0]);
                    }
                    return new Result(x, f, g, true, "Newton decrement " + String.format("%.1e", decrement)
                            + " below tolerance", it - 1, evals[0]);
                }
                double t = 1;
                for (int ls = 0; ls < 30; ls++) {
                    System.arraycopy(x, 0, xn, 0, n);
                    for (int k = 0; k < nf; k++) {
                        int i = idx[k];
                        xn[i] = Math.min(hi[i], Math.max(lo[i], x[i] + t * d[k]));
                    }
                    double lin = 0;
                    for (int k = 0; k < nf; k++) {
                        lin += g[idx[k]] * (xn[idx[k]] - x[idx[k]]);
                    }
                    fNew = counted.value(xn, gn);
                    if (Double.isFinite(fNew) && fNew <= f + 1e-4 * lin) {
                        accepted = true;
                        break;
                    }
                    if (Double.isFinite(fNew) && Math.abs(fNew - f) < 1e-14 * Math.max(1, Math.abs(f)) && lin > -1e-15) {
                        break;
                    }
                    t *= 0.5;
                }
                if (!accepted) {
                    lambda = lambda == 0 ? 1e-6 : lambda * 10;
                } else if (t == 1) {
                    lambda = lambda < 1e-9 ? 0 : lambda / 10;
                }
            }
            if (!accepted) {
                double pg = projectedGradient(x, g, lo, hi, fixed);
                boolean ok = pg < 1e-6 || (decrement < 1e-8);
                return new Result(x, f, g, ok, ok ? "no further decrease; projected gradient "
                        + String.format("%.1e", pg) : "line search failed; projected gradient " + String.format("%.1e", pg),
                        it, evals[0]);
            }
            double fOld = f;
            System.arraycopy(xn, 0, x, 0, n);
            System.arraycopy(gn, 0, g, 0, n);
            f = fNew;
            if (decrement < tolerance && Math.abs(fOld - f) < tolerance) {
                return new Result(x, f, g, true, "Newton decrement " + String.format("%.1e", decrement)
                        + " below tolerance", it, evals[0]);
            }
        }
        return new Result(x, f, g, false, "no convergence in " + maxIterations + " iterations", maxIterations,
                evals[0]);
    }

    static double projectedGradient(double[] x, double[] g, double[] lo, double[] hi, boolean[] fixed) {
        double m = 0;
        for (int i = 0; i < x.length; i++) {
            if (fixed[i] || (x[i] <= lo[i] && g[i] > 0) || (x[i] >= hi[i] && g[i] < 0)) {
                continue;
            }
            m = Math.max(m, Math.abs(g[i]));
        }
        return m;
    }

    /**
     * The Hessian over the parameters idx from differences of the gradient: central where the box allows,
     * one-sided at a bound. Symmetrised. g is the gradient at x.
     */
    public static double[][] hessian(Objective fn, double[] x, double[] g, double[] lo, double[] hi, int[] idx) {
        int nf = idx.length;
        int n = x.length;
        double[][] h = new double[nf][nf];
        double[] xp = x.clone();
        double[] gp = new double[n];
        double[] gm = new double[n];
        for (int k = 0; k < nf; k++) {
            int i = idx[k];
            double step = 1e-5 * Math.max(1.0, Math.abs(x[i]));
            boolean up = x[i] + step <= hi[i];
            boolean down = x[i] - step >= lo[i];
            if (up && down) {
                xp[i] = x[i] + step;
                fn.value(xp, gp);
                xp[i] = x[i] - step;
                fn.value(xp, gm);
                for (int l = 0; l < nf; l++) {
                    h[k][l] = (gp[idx[l]] - gm[idx[l]]) / (2 * step);
                }
            } else if (up) {
                xp[i] = x[i] + step;
                fn.value(xp, gp);
                for (int l = 0; l < nf; l++) {
                    h[k][l] = (gp[idx[l]] - g[idx[l]]) / step;
                }
            } else {
                xp[i] = x[i] - step;
                fn.value(xp, gm);
                for (int l = 0; l < nf; l++) {
                    h[k][l] = (g[idx[l]] - gm[idx[l]]) / step;
                }
            }
            xp[i] = x[i];
        }
        for (int k = 0; k < nf; k++) {
            for (int l = 0; l < k; l++) {
                double s = 0.5 * (h[k][l] + h[l][k]);
                h[k][l] = s;
                h[l][k] = s;
            }
        }
        return h;
    }

    /** Solves (H + lambda diag(H)) d = -g over idx by Cholesky; null if not positive definite. */
    private static double[] solveDamped(double[][] h, int[] idx, double[] g, double lambda) {
        int nf = idx.length;
        double[][] a = new double[nf][nf];
        for (int k = 0; k < nf; k++) {
            System.arraycopy(h[k], 0, a[k], 0, nf);
            a[k][k] += lambda * Math.max(Math.abs(h[k][k]), 1e-12);
        }
        double[] rhs = new double[nf];
        for (int k = 0; k < nf; k++) {
            rhs[k] = -g[idx[k]];
        }
        return Cholesky.solve(a, rhs);
    }
}
