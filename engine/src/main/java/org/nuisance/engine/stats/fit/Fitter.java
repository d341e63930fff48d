package org.nuisance.engine.stats.fit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nuisance.engine.stats.Likelihood;
import org.nuisance.engine.stats.histfactory.BinnedLikelihood;
import org.nuisance.engine.stats.histfactory.Data;
import org.nuisance.engine.stats.histfactory.Model;

/**
 * Maximum-likelihood fits of any {@link Likelihood} (the binned {@link Model} on {@link Data}, or an
 * unbinned model on its events) with the model's bounds and fixed
 * parameters, optionally holding more parameters at given values (profiling). Minimisation by
 * {@link BoundedNewton} on the analytic gradient; errors from the inverse Hessian. Not thread-safe:
 * one per thread.
 */
public final class Fitter {

    private final Likelihood likelihood;
    private final BoundedNewton minimizer;
    private final double[] lo;
    private final double[] hi;
    private final boolean[] fixed;
    private final BoundedNewton.Objective objective;

    public Fitter(Model model, Data data) {
        this(model, data, new BoundedNewton());
    }

    public Fitter(Model model, Data data, BoundedNewton minimizer) {
        this(new BinnedLikelihood(model, data), minimizer);
    }

    public Fitter(Likelihood likelihood) {
        this(likelihood, new BoundedNewton());
    }

    public Fitter(Likelihood likelihood, BoundedNewton minimizer) {
        this.likelihood = likelihood;
        this.minimizer = minimizer;
        this.lo = likelihood.lowerBounds();
        this.hi = likelihood.upperBounds();
        this.fixed = likelihood.fixed();
        Likelihood l = likelihood;
        this.objective = new BoundedNewton.Objective() {
            @Override
            public double value(double[] x, double[] grad) {
                return l.reducedNll(x, grad);
            }

            @Override
            public boolean hessian(double[] x, double[][] h) {
                return l.hessian(x, h);
            }

            @Override
            public double[] kinks() {
                return l.kinks();
            }
        };
    }

    public Likelihood likelihood() {
        return likelihood;
    }

    /** Unconditional fit from the model's initial values, with errors. */
    public FitResult fit() {
        return fit(likelihood.inits(), new int[0], new double[0], true);
    }

    /**
     * Fit with parameters hold[k] held at values[k] (others free within bounds), starting from start.
     * Errors (the inverse Hessian over the free parameters) only if withErrors.
     */
    public FitResult fit(double[] start, int[] hold, double[] values, boolean withErrors) {
        BoundedNewton.Result r = minimize(start, hold, values);
        boolean[] fx = fixedWith(hold);
        double[] errors = new double[likelihood.size()];
        double[][] cov = new double[likelihood.size()][likelihood.size()];
        Arrays.fill(errors, Double.NaN);
        for (double[] row : cov) {
            Arrays.fill(row, Double.NaN);
        }
        HessianCheck check = withErrors ? covarianceChecked(r.x(), fx, errors, cov) : HessianCheck.NONE;
        List<String> kinked = new ArrayList<>();
        for (int i : r.atKink()) {
            kinked.add(likelihood.parameter(i).name());
        }
        return new FitResult(likelihood.parameterNames(), r.x(), errors, cov, likelihood.constant() + r.f(),
                r.converged(), r.reason(), r.iterations(), status(r, fx, check), kinked);
    }

    /**
     * The status of a minimisation result with the parameters fx fixed or held: convergence, free
     * parameters at a bound, non-positive expected yields, and (with the Hessian) singular or
     * ill-conditioned directions.
     */
    public FitStatus status(BoundedNewton.Result r, boolean[] fx, boolean withHessian) {
        HessianCheck check = withHessian ? covarianceChecked(r.x(), fx, null, null) : HessianCheck.NONE;
        return status(r, fx, check);
    }

    /** As {@link #status(BoundedNewton.Result, boolean[], boolean)} with the model's fixed parameters and hold. */
    public FitStatus status(BoundedNewton.Result r, int[] hold, boolean withHessian) {
        return status(r, fixedWith(hold), withHessian);
    }

    private FitStatus status(BoundedNewton.Result r, boolean[] fx, HessianCheck check) {
        double[] x = r.x();
        List<String> names = likelihood.parameterNames();
        List<String> atBound = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (fx[i]) {
                continue;
            }
            double tolLo = 1e-6 * Math.max(1, Math.abs(lo[i]));
            double tolHi = 1e-6 * Math.max(1, Math.abs(hi[i]));
            if (x[i] <= lo[i] + tolLo) {
                atBound.add(names.get(i) + " = " + fmt(x[i]) + " (lower bound)");
            } else if (x[i] >= hi[i] - tolHi) {
                atBound.add(names.get(i) + " = " + fmt(x[i]) + " (upper bound)");
            }
        }
        List<String> yields = new ArrayList<>();
        if (likelihood instanceof BinnedLikelihood b) {
            yields = nonPositiveYields(b.model(), x, b.data().counts());
        }
        return new FitStatus(r.converged(), r.reason(), atBound, check.singular(), check.illConditioned(),
                check.condition(), yields, r.converged() ? 0 : 1);
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.6g", v);
    }

    /**
     * Bins (channel name and bin index) whose expected count at x is negative, not finite, or zero
     * where counts were observed (the Poisson likelihood is then zero), the first few named. An empty
     * bin with nothing observed is fine.
     */
    static List<String> nonPositiveYields(Model model, double[] x, double[] observed) {
        double[] nu = model.expected(x);
        List<String> out = new ArrayList<>();
        int count = 0;
        List<String> channels = model.channels();
        for (int b = 0; b < nu.length; b++) {
            if (nu[b] > 0 || (nu[b] == 0 && b < observed.length && observed[b] == 0)) {
                continue;
            }
            count++;
            if (out.size() < 5) {
                int c = channels.size() - 1;
                while (c > 0 && model.channelOffset(c) > b) {
                    c--;
                }
                out.add("channel " + channels.get(c) + " bin " + (b - model.channelOffset(c)) + " (" + fmt(nu[b]) + ")");
            }
        }
        if (count > out.size()) {
            out.add("and " + (count - out.size()) + " more bins");
        }
        return out;
    }

    /** The raw minimisation (reduced -ln L): for scans and test statistics that need no errors. */
    public BoundedNewton.Result minimize(double[] start, int[] hold, double[] values) {
        double[] x0 = start.clone();
        for (int k = 0; k < hold.length; k++) {
            x0[hold[k]] = values[k];
        }
        boolean[] fx = fixedWith(hold);
        double[] l = lo;
        double[] h = hi;
        if (hold.length > 0) {
            l = lo.clone();
            h = hi.clone();
            for (int k = 0; k < hold.length; k++) {
                l[hold[k]] = Math.min(l[hold[k]], values[k]);
                h[hold[k]] = Math.max(h[hold[k]], values[k]);
            }
        }
        return minimizer.minimize(objective, x0, l, h, fx);
    }

    /** The minimisation with bounds other than the model's (e.g. a POI floor at 0 for qtilde). */
    public BoundedNewton.Result minimize(double[] start, double[] lower, double[] upper, boolean[] fx) {
        return minimizer.minimize(objective, start, lower, upper, fx);
    }

    private boolean[] fixedWith(int[] hold) {
        boolean[] fx = fixed.clone();
        for (int i : hold) {
            fx[i] = true;
        }
        return fx;
    }

    /** Inverse Hessian of -ln L over the non-fixed parameters at x. */
    public void covariance(double[] x, boolean[] fx, double[] errors, double[][] cov) {
        covarianceChecked(x, fx, errors, cov);
    }

    /** What the Hessian says: singular and ill-conditioned parameters, condition number (scaled). */
    private record HessianCheck(List<String> singular, List<String> illConditioned, double condition) {
        static final HessianCheck NONE = new HessianCheck(List.of(), List.of(), Double.NaN);
    }

    /**
     * Inverse Hessian over the non-fixed parameters at x into errors and cov (both null: the diagnosis
     * only, which for large structured models needs a factorisation but no inverse), and its diagnosis.
     * Parameters with no curvature (no effect on -ln L) are named singular and left out of the
     * inversion, which is then exact for the others; the rest is scaled to unit diagonal
     * (D^-1/2 H D^-1/2, a correlation-like matrix) and its eigenvalues name the degenerate directions:
     * below 1e-10 of the largest, singular (no errors at all); below 1/{@link FitStatus#ILL_CONDITIONED},
     * ill-conditioned (errors given, flagged).
     */
    private HessianCheck covarianceChecked(double[] x, boolean[] fx, double[] errors, double[][] cov) {
        List<String> names = likelihood.parameterNames();
        int nf = 0;
        int[] free = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            if (!fx[i]) {
                free[nf++] = i;
            }
        }
        if (nf == 0) {
            return HessianCheck.NONE;
        }
        int[] idx = Arrays.copyOf(free, nf);
        double[][] full = new double[x.length][x.length];
        double[][] h;
        boolean exact = likelihood.hessian(x, full);
        if (exact && nf == x.length) {
            h = full;
        } else if (exact) {
            h = new double[nf][nf];
            for (int a = 0; a < nf; a++) {
                for (int b = 0; b < nf; b++) {
                    h[a][b] = full[idx[a]][idx[b]];
                }
            }
        } else {
            double[] g = new double[x.length];
            likelihood.reducedNll(x, g);
            h = BoundedNewton.hessian(likelihood::reducedNll, x, g, lo, hi, idx);
        }
        List<String> singular = new ArrayList<>();
        List<String> ill = new ArrayList<>();
        int[] keep = new int[nf];
        int nk = 0;
        for (int a = 0; a < nf; a++) {
            boolean finiteRow = true;
            for (int b = 0; b < nf; b++) {
                finiteRow &= Double.isFinite(h[a][b]);
            }
            if (finiteRow && h[a][a] > 0) {
                keep[nk++] = a;
            } else {
                singular.add(names.get(idx[a]));
            }
        }
        if (nk == 0) {
            return new HessianCheck(singular, ill, Double.POSITIVE_INFINITY);
        }
        double condition = 1;
        boolean degenerate = false;
        // the eigen-decomposition is O(n^3): for large structured models (per-bin gammas) the block-arrow
        // factorisation below decides singularity, and the condition number is not computed
        boolean large = nk >= BoundedNewton.STRUCTURED_FROM;
        if (large) {
            condition = Double.NaN;
        } else try {
            double[][] s = new double[nk][nk];
            double[] scale = new double[nk];
            for (int a = 0; a < nk; a++) {
                scale[a] = 1 / Math.sqrt(h[keep[a]][keep[a]]);
            }
            for (int a = 0; a < nk; a++) {
                for (int b = 0; b < nk; b++) {
                    s[a][b] = 0.5 * (h[keep[a]][keep[b]] + h[keep[b]][keep[a]]) * scale[a] * scale[b];
                }
            }
            org.hipparchus.linear.EigenDecompositionSymmetric eig =
                    new org.hipparchus.linear.EigenDecompositionSymmetric(new org.hipparchus.linear.Array2DRowRealMatrix(s, false));
            double[] lambda = eig.getEigenvalues();
            double max = Arrays.stream(lambda).max().orElse(1);
            double min = Arrays.stream(lambda).min().orElse(1);
            condition = min > 0 ? max / min : Double.POSITIVE_INFINITY;
            for (int k = 0; k < lambda.length; k++) {
                boolean sing = !(lambda[k] > 1e-10 * max);
                boolean weak = lambda[k] * FitStatus.ILL_CONDITIONED < max;
                if (!sing && !weak) {
                    continue;
                }
                degenerate |= sing;
                double[] v = eig.getEigenvector(k).toArray();
                for (int a = 0; a < nk; a++) {
                    if (Math.abs(v[a]) >= 0.1) {
                        String name = names.get(idx[keep[a]]);
                        List<String> into = sing ? singular : ill;
                        if (!singular.contains(name) && !into.contains(name)) {
                            into.add(name);
                        }
                    }
                }
            }
            ill.removeAll(singular);
        } catch (RuntimeException e) {
            // no eigen-decomposition (non-finite entries): the Cholesky below decides
            degenerate = true;
        }
        if (degenerate && singular.size() > nf - nk) {
            // a degenerate combination: no errors are defined for anything it touches, nor (being
            // conditional on an arbitrary point of the flat direction) for the others
            return new HessianCheck(singular, ill, Double.POSITIVE_INFINITY);
        }
        double[][] hk = h;
        if (nk < nf) {
            hk = new double[nk][nk];
            for (int a = 0; a < nk; a++) {
                for (int b = 0; b < nk; b++) {
                    hk[a][b] = h[keep[a]][keep[b]];
                }
            }
        }
        BlockArrow structure = large ? BlockArrow.of(hk) : null;
        boolean definite;
        double[][] inv = null;
        if (errors == null) {
            definite = structure != null ? structure.positiveDefinite(hk) : Cholesky.decompose(hk) != null;
        } else {
            inv = structure != null ? structure.inverse(hk) : Cholesky.inverse(hk);
            definite = inv != null;
        }
        if (!definite) {
            for (int a = 0; a < nk; a++) {
                String name = names.get(idx[keep[a]]);
                if (!singular.contains(name)) {
                    singular.add(name);
                }
            }
            ill.clear();
            return new HessianCheck(singular, ill, Double.POSITIVE_INFINITY);
        }
        for (int a = 0; a < nk && inv != null; a++) {
            int i = idx[keep[a]];
            errors[i] = Math.sqrt(inv[a][a]);
            for (int b = 0; b < nk; b++) {
                cov[i][idx[keep[b]]] = inv[a][b];
            }
        }
        return new HessianCheck(singular, ill, nk < nf ? Double.POSITIVE_INFINITY : condition);
    }
}
