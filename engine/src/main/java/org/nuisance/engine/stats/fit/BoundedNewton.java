package org.nuisance.engine.stats.fit;

import java.util.Arrays;

/**
 * A bounded minimiser for smooth, nearly quadratic functions such as negative log-likelihoods: damped
 * Newton steps (Levenberg-Marquardt damping; the objective's exact Hessian, or differences of its
 * analytic gradient) on the parameters not held at a bound, projected
 * onto the box, with Armijo backtracking. Newton's quadratic convergence puts the minimum at machine precision in a handful of iterations, which the
 * asymptotic formulae need (CLs to 5e-4 relative is q to ~1e-4 absolute). Converges when the Newton
 * decrement g^T H^-1 g falls below {@code tolerance}.
 */
public final class BoundedNewton {

    /** A function and its gradient. */
    @FunctionalInterface
    public interface Objective {
        /** Returns f(x); writes the gradient into grad when grad is not null. */
        double value(double[] x, double[] grad);

        /** Writes the exact Hessian (all parameters) into h and returns true, or false if there is none. */
        default boolean hessian(double[] x, double[][] h) {
            return false;
        }

        /**
         * Where each parameter's function has a kink (a jump of the first derivative, e.g. the
         * piecewise interpolations at alpha = 0), NaN where it is smooth; null if it is smooth in all.
         */
        default double[] kinks() {
            return null;
        }
    }

    /** Outcome of a minimisation. */
    public record Result(double[] x, double f, double[] gradient, boolean converged, String reason, int iterations,
                         int evaluations, int[] atKink) {

        public Result(double[] x, double f, double[] gradient, boolean converged, String reason, int iterations,
                      int evaluations) {
            this(x, f, gradient, converged, reason, iterations, evaluations, new int[0]);
        }
    }

    private final double tolerance;
    private final int maxIterations;
    private final boolean structured;
    /**
     * The block-arrow partition of the last structured step (immutable; reused, after a check of the
     * Hessian's pattern, by the next steps and by later minimisations such as the points of a scan).
     */
    private volatile BlockArrow lastStructure;

    public BoundedNewton() {
        this(1e-12, 200);
    }

    public BoundedNewton(double tolerance, int maxIterations) {
        this(tolerance, maxIterations, true);
    }

    private BoundedNewton(double tolerance, int maxIterations, boolean structured) {
        this.tolerance = tolerance;
        this.maxIterations = maxIterations;
        this.structured = structured;
    }

    /**
     * The minimiser as it was before structure and kinks were exploited: dense Cholesky steps, kinks
     * ignored. Kept as the reference the structured steps are tested against.
     */
    public static BoundedNewton dense() {
        return new BoundedNewton(1e-12, 200, false);
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
        Objective counted = new Objective() {
            @Override
            public double value(double[] p, double[] gr) {
                evals[0]++;
                return fn.value(p, gr);
            }

            @Override
            public boolean hessian(double[] p, double[][] h) {
                return fn.hessian(p, h);
            }
        };
        double[] kinks = structured ? kinksOf(fn.kinks(), fixed) : null;
        double[][] full = new double[n][n];
        double f = counted.value(x, g);
        if (!Double.isFinite(f)) {
            return new Result(x, f, g, false, "the function is not finite at the starting point", 0, evals[0]);
        }
        double lambda = 0;
        int[] free = new int[n];
        double[] loE = lo.clone();
        double[] hiE = hi.clone();
        boolean[] held = new boolean[n];
        for (int it = 1; it <= maxIterations; it++) {
            double[] hx = x;
            if (kinks != null) {
                hx = sides(counted, kinks, x, g, lo, hi, loE, hiE, held);
            }
            int nf = 0;
            for (int i = 0; i < n; i++) {
                if (fixed[i] || held[i]) {
                    continue;
                }
                boolean atLo = x[i] <= loE[i] && g[i] > 0;
                boolean atHi = x[i] >= hiE[i] && g[i] < 0;
                if (!atLo && !atHi) {
                    free[nf++] = i;
                }
            }
            if (nf == 0) {
                return new Result(x, f, g, true, "every free parameter is at a bound", it - 1, evals[0],
                        onKinks(x, kinks));
            }
            int[] idx = Arrays.copyOf(free, nf);
            double[][] h;
            BlockArrow structure = null;
            boolean exact = counted.hessian(hx, full);
            if (exact && structured && nf >= STRUCTURED_FROM) {
                // block-arrow steps read the free rows of the full Hessian in place; the partition of the
                // last step serves while the free set and the Hessian's zero pattern stay
                BlockArrow last = lastStructure;
                structure = last != null && last.fits(full, idx) ? last : BlockArrow.of(full, idx);
                lastStructure = structure;
            }
            if (structure != null || (exact && nf == n)) {
                h = full; // no copy (the solvers leave h as it is)
            } else if (exact) {
                h = new double[nf][nf];
                for (int a = 0; a < nf; a++) {
                    double[] src = full[idx[a]];
                    double[] dst = h[a];
                    for (int b = 0; b < nf; b++) {
                        dst[b] = src[idx[b]];
                    }
                }
            } else {
                // one-sided differences (n gradients): accurate to ~1e-6 relative, ample for Newton steps
                h = hessian(counted, hx, g, loE, hiE, idx, false);
                structure = structured && nf >= STRUCTURED_FROM ? BlockArrow.of(h) : null;
            }
            boolean accepted = false;
            double decrement = Double.NaN;
            double fNew = f;
            // every step first tries the pure Newton step (quadratic convergence wherever the Hessian is
            // positive definite); where it is not, or the step fails, the damping starts a tenth below
            // the last step's and grows
            double lam = 0;
            for (int attempt = 0; attempt < 14 && !accepted; attempt++) {
                double[] d = solveDamped(h, structure, idx, g, lam);
                if (d == null) {
                    lam = moreDamping(lam, lambda);
                    continue;
                }
                double dg = 0;
                for (int k = 0; k < nf; k++) {
                    dg += d[k] * g[idx[k]];
                }
                if (!(dg < 0)) {
                    lam = moreDamping(lam, lambda);
                    continue;
                }
                decrement = -dg;
                if (decrement < tolerance && lam == 0) {
                    // converged: take the last Newton step too (quadratic convergence makes it exact)
                    System.arraycopy(x, 0, xn, 0, n);
                    for (int k = 0; k < nf; k++) {
                        int i = idx[k];
                        xn[i] = Math.min(hiE[i], Math.max(loE[i], x[i] + d[k]));
                    }
                    double fLast = counted.value(xn, gn);
                    if (fLast <= f) {
                        return new Result(xn, fLast, gn, true, "Newton decrement " + String.format("%.1e", decrement)
                                + " below tolerance", it, evals[0], onKinks(xn, kinks));
                    }
                    return new Result(x, f, g, true, "Newton decrement " + String.format("%.1e", decrement)
                            + " below tolerance", it - 1, evals[0], onKinks(x, kinks));
                }
                double t = 1;
                for (int ls = 0; ls < 30; ls++) {
                    System.arraycopy(x, 0, xn, 0, n);
                    for (int k = 0; k < nf; k++) {
                        int i = idx[k];
                        xn[i] = Math.min(hiE[i], Math.max(loE[i], x[i] + t * d[k]));
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
                    lam = moreDamping(lam, lambda);
                } else {
                    lambda = lam;
                }
            }
            if (!accepted) {
                boolean[] fx = fixed.clone();
                for (int i = 0; i < n; i++) {
                    fx[i] |= held[i];
                }
                double pg = projectedGradient(x, g, loE, hiE, fx);
                boolean ok = pg < 1e-6 || (decrement < 1e-8);
                return new Result(x, f, g, ok, ok ? "no further decrease; projected gradient "
                        + String.format("%.1e", pg) : "line search failed; projected gradient " + String.format("%.1e", pg),
                        it, evals[0], onKinks(x, kinks));
            }
            double fOld = f;
            System.arraycopy(xn, 0, x, 0, n);
            System.arraycopy(gn, 0, g, 0, n);
            f = fNew;
            if (decrement < tolerance && Math.abs(fOld - f) < tolerance) {
                return new Result(x, f, g, true, "Newton decrement " + String.format("%.1e", decrement)
                        + " below tolerance", it, evals[0], onKinks(x, kinks));
            }
        }
        return new Result(x, f, g, false, "no convergence in " + maxIterations + " iterations", maxIterations,
                evals[0], onKinks(x, kinks));
    }

    /**
     * The next damping after a failed step at lam: from none to a tenth of the last accepted step's
     * (at least 1e-6), then by 100 while small and by 10 from 1e-3 on.
     */
    private static double moreDamping(double lam, double lastAccepted) {
        if (lam == 0) {
            return Math.max(1e-6, lastAccepted / 10);
        }
        return lam < 1e-3 ? lam * 100 : lam * 10;
    }

    /** From this many free parameters on, a Newton step looks for block-arrow structure first. */
    static final int STRUCTURED_FROM = 48;

    private static double[] kinksOf(double[] kinks, boolean[] fixed) {
        if (kinks == null) {
            return null;
        }
        double[] k = kinks.clone();
        boolean any = false;
        for (int i = 0; i < k.length; i++) {
            if (fixed[i]) {
                k[i] = Double.NaN;
            }
            any |= !Double.isNaN(k[i]);
        }
        return any ? k : null;
    }

    private static int[] onKinks(double[] x, double[] kinks) {
        if (kinks == null) {
            return new int[0];
        }
        return java.util.stream.IntStream.range(0, x.length).filter(i -> x[i] == kinks[i]).toArray();
    }

    /**
     * The kinks as moving bounds for one step: a parameter on one side of its kink may go up to it but not
     * across (the function is smooth on each side, so Newton steps stay exact); a parameter sitting on its
     * kink moves to the side where -ln L decreases (one-sided derivatives, from the gradient a hair to
     * either side), its gradient entry replaced by that side's, or is held there when both sides rise
     * (the kink is the minimum along it). Returns the point for the Hessian (on the chosen sides).
     */
    private static double[] sides(Objective fn, double[] kinks, double[] x, double[] g, double[] lo, double[] hi,
                                  double[] loE, double[] hiE, boolean[] held) {
        int n = x.length;
        System.arraycopy(lo, 0, loE, 0, n);
        System.arraycopy(hi, 0, hiE, 0, n);
        Arrays.fill(held, false);
        boolean onKink = false;
        for (int i = 0; i < n; i++) {
            double k = kinks[i];
            if (Double.isNaN(k)) {
                continue;
            }
            if (x[i] > k) {
                loE[i] = Math.max(lo[i], k);
            } else if (x[i] < k) {
                hiE[i] = Math.min(hi[i], k);
            } else {
                onKink = true;
            }
        }
        if (!onKink) {
            return x;
        }
        double[] xr = x.clone();
        double[] xl = x.clone();
        for (int i = 0; i < n; i++) {
            if (!Double.isNaN(kinks[i]) && x[i] == kinks[i]) {
                double delta = 1e-9 * Math.max(1, Math.abs(kinks[i]));
                xr[i] = Math.min(hi[i], x[i] + delta);
                xl[i] = Math.max(lo[i], x[i] - delta);
            }
        }
        double[] gr = new double[n];
        double[] gl = new double[n];
        boolean rightOk = Double.isFinite(fn.value(xr, gr));
        boolean leftOk = Double.isFinite(fn.value(xl, gl));
        double[] hx = x.clone();
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(kinks[i]) || x[i] != kinks[i]) {
                continue;
            }
            boolean right = rightOk && gr[i] < 0 && xr[i] > x[i];
            boolean left = leftOk && gl[i] > 0 && xl[i] < x[i];
            if (right && left) {
                right = -gr[i] >= gl[i];
                left = !right;
            }
            if (right) {
                loE[i] = kinks[i];
                g[i] = gr[i];
                hx[i] = xr[i];
            } else if (left) {
                hiE[i] = kinks[i];
                g[i] = gl[i];
                hx[i] = xl[i];
            } else {
                held[i] = true;
            }
        }
        return hx;
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
        return hessian(fn, x, g, lo, hi, idx, true);
    }

    /** As above; central = false uses forward differences everywhere possible (half the gradients). */
    public static double[][] hessian(Objective fn, double[] x, double[] g, double[] lo, double[] hi, int[] idx,
                                     boolean central) {
        int nf = idx.length;
        int n = x.length;
        double[][] h = new double[nf][nf];
        double[] xp = x.clone();
        double[] gp = new double[n];
        double[] gm = new double[n];
        for (int k = 0; k < nf; k++) {
            int i = idx[k];
            double step = (central ? 1e-5 : 1e-7) * Math.max(1.0, Math.abs(x[i]));
            boolean up = x[i] + step <= hi[i];
            boolean down = x[i] - step >= lo[i];
            if (up && down && central) {
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
    private static double[] solveDamped(double[][] h, BlockArrow structure, int[] idx, double[] g, double lambda) {
        int nf = idx.length;
        if (structure != null && h.length != nf) {
            // h is the full Hessian and the structure indexes it directly
            double[] rhs = new double[h.length];
            for (int k = 0; k < nf; k++) {
                rhs[idx[k]] = -g[idx[k]];
            }
            double[] full = structure.solve(h, rhs, lambda);
            if (full == null) {
                return null;
            }
            double[] d = new double[nf];
            for (int k = 0; k < nf; k++) {
                d[k] = full[idx[k]];
            }
            return d;
        }
        if (structure != null) {
            double[] rhs = new double[nf];
            for (int k = 0; k < nf; k++) {
                rhs[k] = -g[idx[k]];
            }
            return structure.solve(h, rhs, lambda);
        }
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
