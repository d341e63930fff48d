package org.nuisance.engine.stats.fit;

import java.util.Arrays;
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
        if (withErrors) {
            covariance(r.x(), fx, errors, cov);
        }
        java.util.List<String> kinked = new java.util.ArrayList<>();
        for (int i : r.atKink()) {
            kinked.add(likelihood.parameter(i).name());
        }
        return new FitResult(likelihood.parameterNames(), r.x(), errors, cov, likelihood.constant() + r.f(),
                r.converged(), r.reason(), r.iterations(), kinked);
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
        int nf = 0;
        int[] free = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            if (!fx[i]) {
                free[nf++] = i;
            }
        }
        if (nf == 0) {
            return;
        }
        int[] idx = Arrays.copyOf(free, nf);
        double[][] full = new double[x.length][x.length];
        double[][] h;
        if (likelihood.hessian(x, full)) {
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
        BlockArrow structure = nf >= BoundedNewton.STRUCTURED_FROM ? BlockArrow.of(h) : null;
        double[][] inv = structure != null ? structure.inverse(h) : Cholesky.inverse(h);
        if (inv == null) {
            return;
        }
        for (int a = 0; a < nf; a++) {
            errors[idx[a]] = Math.sqrt(inv[a][a]);
            for (int b = 0; b < nf; b++) {
                cov[idx[a]][idx[b]] = inv[a][b];
            }
        }
    }
}
