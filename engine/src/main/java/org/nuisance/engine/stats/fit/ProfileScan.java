package org.nuisance.engine.stats.fit;

import java.util.Arrays;
import org.nuisance.engine.stats.Likelihood;
import org.nuisance.engine.stats.histfactory.Data;
import org.nuisance.engine.stats.histfactory.Model;
import org.nuisance.engine.stats.Parameter;

/**
 * Profile-likelihood scans of one parameter: at each value the others are refitted (profiled) or held
 * (the chosen ones, or all constrained ones for a stat-only scan, at their best-fit values), and
 * twiceDeltaNll = 2 (-ln L(x) + ln L(best)) is recorded. Intervals are where twiceDeltaNll crosses 1
 * (68.27%) and 3.841 (95%), found by root finding on the profile itself, not by grid interpolation.
 */
public final class ProfileScan {

    /** 2 Delta ln L for a 68.27% interval of one parameter (Wilks). */
    public static final double LEVEL_68 = 1.0;
    /** 2 Delta ln L for a 95% interval of one parameter: the chi-square(1) 95% quantile. */
    public static final double LEVEL_95 = 3.841458820694124;

    /** A scan: grid values and twiceDeltaNll, best-fit value, and the intervals (NaN ends where no crossing). */
    public record Result(String parameter, double[] values, double[] twiceDeltaNll, double best, double[] interval68,
                         double[] interval95, FitStatus status) {

        public Result(String parameter, double[] values, double[] twiceDeltaNll, double best, double[] interval68,
                      double[] interval95) {
            this(parameter, values, twiceDeltaNll, best, interval68, interval95, null);
        }
    }

    private final Likelihood model;
    private final Fitter fitter;
    private final int param;
    private final int[] hold;
    private final double[] bestX;
    private double bestF;
    private final double lo;
    private final double hi;
    private final BoundedNewton.Result bestResult;
    private final int[] bestHeld;
    private FitStatus pointStatus = FitStatus.minimised(true, "");

    /** Profiles every other parameter. */
    public ProfileScan(Model model, Data data, int param) {
        this(model, data, param, new int[0]);
    }

    /**
     * @param holdAtBest parameters held at their best-fit values during the scan (besides the scanned one)
     */
    public ProfileScan(Model model, Data data, int param, int[] holdAtBest) {
        this(new Fitter(model, data), param, holdAtBest);
    }

    /** Holds holdAtBest[k] at holdValues[k] (NaN: at its best-fit value) while profiling the rest. */
    public ProfileScan(Model model, Data data, int param, int[] holdAtBest, double[] holdValues) {
        this(new Fitter(model, data), param, holdAtBest, holdValues, model.inits());
    }

    /**
     * Holds the chosen parameters at given values (not at the best fit): the scan of param with, for
     * example, every nuisance parameter frozen where the user put it. The best fit and -ln L minimum are
     * then those conditional on the held values.
     */
    public ProfileScan(Model model, Fitter fitter, int param, int[] held, double[] heldValues) {
        this(fitter, param, held, heldValues);
    }

    public ProfileScan(Model model, Fitter fitter, int param, int[] holdAtBest) {
        this(fitter, param, holdAtBest);
    }

    /** Any {@link Likelihood}: holds held[k] at heldValues[k] and profiles the rest. */
    public ProfileScan(Fitter fitter, int param, int[] held, double[] heldValues) {
        this(fitter, param, checked(held, heldValues), heldValues,
                startAt(fitter.likelihood().inits(), held, heldValues));
    }

    /** Any {@link Likelihood}: profiles every parameter but param and holdAtBest (held at their best fit). */
    public ProfileScan(Fitter fitter, int param, int[] holdAtBest) {
        this(fitter, param, holdAtBest, null, fitter.likelihood().inits());
    }

    private static int[] checked(int[] held, double[] values) {
        if (held.length != values.length) {
            throw new IllegalArgumentException(held.length + " held parameters but " + values.length + " values");
        }
        return held;
    }

    private static double[] startAt(double[] inits, int[] held, double[] values) {
        double[] start = inits;
        for (int k = 0; k < held.length; k++) {
            start[held[k]] = values[k];
        }
        return start;
    }

    /**
     * @param holdValues the values to hold holdAtBest at (NaN or a null array: the best fit with the
     *                   others free); with values the "best" fit also holds them
     * @param start      where the best fit starts (e.g. the minimum of a smoother approximation)
     */
    public ProfileScan(Fitter fitter, int param, int[] holdAtBest, double[] holdValues, double[] start) {
        this.model = fitter.likelihood();
        this.fitter = fitter;
        this.param = param;
        BoundedNewton.Result free = fitter.minimize(start, new int[0], new double[0]);
        int[] explicit = java.util.stream.IntStream.range(0, holdAtBest.length)
                .filter(k -> holdValues != null && !Double.isNaN(holdValues[k])).toArray();
        BoundedNewton.Result best = free;
        if (explicit.length > 0) {
            int[] idx = new int[explicit.length];
            double[] val = new double[explicit.length];
            for (int k = 0; k < explicit.length; k++) {
                idx[k] = holdAtBest[explicit[k]];
                val[k] = holdValues[explicit[k]];
            }
            best = fitter.minimize(free.x(), idx, val);
        }
        this.bestResult = best;
        this.bestHeld = java.util.Arrays.stream(explicit).map(k -> holdAtBest[k]).toArray();
        this.bestX = best.x();
        this.bestF = best.f();
        this.hold = new int[holdAtBest.length + 1];
        this.hold[0] = param;
        System.arraycopy(holdAtBest, 0, hold, 1, holdAtBest.length);
        this.lo = model.parameter(param).lo();
        this.hi = model.parameter(param).hi();
    }

    /** Parameters to hold for a stat-only scan: every constrained parameter. */
    public static int[] constrainedParameters(Model model, int except) {
        return constrainedParameters(model.parameters(), except);
    }

    /** The constrained parameters other than except: those a stat-only scan holds. */
    public static int[] constrainedParameters(java.util.List<Parameter> params, int except) {
        return java.util.stream.IntStream.range(0, params.size())
                .filter(i -> i != except && params.get(i).constraint() != Parameter.Constraint.NONE).toArray();
    }

    /**
     * The status of the best fit (convergence, bounds, Hessian, yields) with the failures of every
     * conditional fit made so far (scan points, interval searches).
     */
    public FitStatus status() {
        return fitter.status(bestResult, bestHeld, true).and(pointStatus);
    }

    public double best() {
        return bestX[param];
    }

    public double[] bestFit() {
        return bestX.clone();
    }

    /** twiceDeltaNll at value v, warm-started from start (updated in place with the conditional minimum). */
    public double twiceDeltaNll(double v, double[] start) {
        double[] vals = new double[hold.length];
        vals[0] = v;
        for (int k = 1; k < hold.length; k++) {
            vals[k] = bestX[hold[k]];
        }
        BoundedNewton.Result r = fitter.minimize(start, hold, vals);
        pointStatus = pointStatus.with(r);
        System.arraycopy(r.x(), 0, start, 0, start.length);
        if (r.f() < bestF && hold.length == 1) {
            bestF = r.f();
            System.arraycopy(r.x(), 0, bestX, 0, bestX.length);
        }
        return 2 * (r.f() - bestF);
    }

    /** A grid scan of points values on [from, to] with both intervals. */
    public Result scan(double from, double to, int points) {
        if (points < 2) {
            throw new IllegalArgumentException("--points must be >= 2, got " + points);
        }
        if (!(to > from)) {
            throw new IllegalArgumentException("scan range must have LO < HI, got [" + from + ", " + to + "]");
        }
        double[] values = new double[points];
        double[] t = new double[points];
        // scan outwards from the best fit so every fit starts next to its solution
        for (int i = 0; i < points; i++) {
            values[i] = from + (to - from) * i / (points - 1);
        }
        int centre = 0;
        for (int i = 1; i < points; i++) {
            if (Math.abs(values[i] - best()) < Math.abs(values[centre] - best())) {
                centre = i;
            }
        }
        double[] start = bestX.clone();
        for (int i = centre; i < points; i++) {
            t[i] = twiceDeltaNll(values[i], start);
        }
        start = bestX.clone();
        for (int i = centre - 1; i >= 0; i--) {
            t[i] = twiceDeltaNll(values[i], start);
        }
        double offset = Arrays.stream(t).min().orElse(0);
        if (offset < 0) {
            for (int i = 0; i < points; i++) {
                t[i] -= offset;
            }
        }
        double[] i68 = {crossingBelow(LEVEL_68, values, t), crossingAbove(LEVEL_68, values, t)};
        double[] i95 = {crossingBelow(LEVEL_95, values, t), crossingAbove(LEVEL_95, values, t)};
        return new Result(model.parameter(param).name(), values, t, best(), i68, i95, status());
    }

    /** The first crossing above the best fit: bracketed by the grid (or the best fit itself), then root-found. */
    private double crossingAbove(double level, double[] v, double[] t) {
        double b = best();
        double inner = b;
        for (int i = 0; i < v.length; i++) {
            if (v[i] <= b) {
                continue;
            }
            if (t[i] > level) {
                return root(level, inner, v[i]);
            }
            inner = v[i];
        }
        return Double.NaN;
    }

    private double crossingBelow(double level, double[] v, double[] t) {
        double b = best();
        double inner = b;
        for (int i = v.length - 1; i >= 0; i--) {
            if (v[i] >= b) {
                continue;
            }
            if (t[i] > level) {
                return root(level, v[i], inner);
            }
            inner = v[i];
        }
        return Double.NaN;
    }

    /**
     * The interval at a level without a grid: steps out from the best fit by the Hessian error guess
     * (err), doubling until the profile crosses the level or the bound is reached, then root-finds.
     * Ends are NaN where the bound comes first.
     */
    public double[] interval(double level, double err) {
        double b = best();
        double step = err > 0 && Double.isFinite(err) ? err * Math.sqrt(level) : 0.1 * Math.max(1, Math.abs(b));
        double[] out = new double[2];
        for (int side = 0; side < 2; side++) {
            double dir = side == 0 ? -1 : 1;
            double inner = b;
            double s = step;
            double[] start = bestX.clone();
            double found = Double.NaN;
            for (int k = 0; k < 30; k++) {
                double outer = b + dir * s;
                boolean atBound = false;
                if (outer <= lo) {
                    outer = lo;
                    atBound = true;
                } else if (outer >= hi) {
                    outer = hi;
                    atBound = true;
                }
                double t = twiceDeltaNll(outer, start);
                if (t > level) {
                    found = root(level, Math.min(inner, outer), Math.max(inner, outer));
                    break;
                }
                if (atBound) {
                    break;
                }
                inner = outer;
                s *= 1.6;
            }
            out[side] = found;
        }
        return out;
    }

    /** Root of twiceDeltaNll(v) = level in [a, b] by the Illinois (regula falsi) method. */
    private double root(double level, double a, double b) {
        double[] sa = bestX.clone();
        double[] sb = bestX.clone();
        double fa = twiceDeltaNll(a, sa) - level;
        double fb = twiceDeltaNll(b, sb) - level;
        if (fa * fb > 0) {
            return Math.abs(fa) < Math.abs(fb) ? a : b;
        }
        int side = 0;
        double c = a;
        for (int it = 0; it < 60; it++) {
            c = (a * fb - b * fa) / (fb - fa);
            if (!(c > Math.min(a, b) && c < Math.max(a, b))) {
                c = 0.5 * (a + b);
            }
            double[] sc = (Math.abs(c - a) < Math.abs(c - b) ? sa : sb).clone();
            double fc = twiceDeltaNll(c, sc) - level;
            if (Math.abs(fc) < 1e-9 || Math.abs(b - a) < 1e-10 * Math.max(1, Math.abs(c))) {
                return c;
            }
            if (fc * fb > 0) {
                b = c;
                fb = fc;
                sb = sc;
                if (side == -1) {
                    fa *= 0.5;
                }
                side = -1;
            } else {
                a = c;
                fa = fc;
                sa = sc;
                if (side == 1) {
                    fb *= 0.5;
                }
                side = 1;
            }
        }
        return c;
    }
}
