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
    private double lastSlope = Double.NaN;

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
        // the profile's slope: at the conditional minimum, d(-ln L)/dv is the held parameter's gradient
        lastSlope = 2 * r.gradient()[param];
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
        double[] slopes = new double[points];
        double[][] minima = new double[points][];
        double f0 = bestF;
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
        // each fit starts where the last two minima, extrapolated linearly, put it (a predictor step:
        // the nuisance parameters move almost linearly with the scanned one over a step)
        double[] start = bestX.clone();
        double[] prev = bestX.clone();
        double prevV = best();
        for (int i = centre; i < points; i++) {
            double[] here = start.clone();
            double hereV = i == centre ? best() : values[i - 1];
            if (i > centre) {
                extrapolate(start, prev, prevV, hereV, values[i]);
            }
            t[i] = twiceDeltaNll(values[i], start);
            slopes[i] = lastSlope;
            minima[i] = start.clone();
            prev = here;
            prevV = hereV;
        }
        start = bestX.clone();
        prev = bestX.clone();
        prevV = best();
        double[] last = null;
        for (int i = centre - 1; i >= 0; i--) {
            double[] here = start.clone();
            double hereV = last == null ? best() : values[i + 1];
            if (last != null) {
                extrapolate(start, prev, prevV, hereV, values[i]);
            }
            t[i] = twiceDeltaNll(values[i], start);
            slopes[i] = lastSlope;
            minima[i] = start.clone();
            prev = here;
            prevV = hereV;
            last = here;
        }
        double offset = Arrays.stream(t).min().orElse(0);
        if (offset < 0) {
            for (int i = 0; i < points; i++) {
                t[i] -= offset;
            }
        }
        // the grid's conditional minima bracket and start the root finding, unless the best fit moved
        Point[] grid = null;
        if (bestF == f0 && offset >= 0) {
            grid = new Point[points];
            for (int i = 0; i < points; i++) {
                grid[i] = new Point(values[i], t[i], slopes[i], minima[i]);
            }
        }
        double[] i68 = {crossingBelow(LEVEL_68, values, t, grid), crossingAbove(LEVEL_68, values, t, grid)};
        double[] i95 = {crossingBelow(LEVEL_95, values, t, grid), crossingAbove(LEVEL_95, values, t, grid)};
        return new Result(model.parameter(param).name(), values, t, best(), i68, i95, status());
    }

    /** start (the minimum at v1) moved along the line through prev (the minimum at v0) to v2; within bounds. */
    private void extrapolate(double[] start, double[] prev, double v0, double v1, double v2) {
        double dv = v1 - v0;
        if (!(Math.abs(dv) > 1e-12)) {
            return;
        }
        double s = (v2 - v1) / dv;
        for (int k = 0; k < start.length; k++) {
            Parameter p = model.parameter(k);
            double x = start[k] + s * (start[k] - prev[k]);
            start[k] = Math.min(p.hi(), Math.max(p.lo(), x));
        }
    }

    /**
     * A point of the profile: the value, twiceDeltaNll there, its slope in v and the conditional minimum
     * (a warm start for points nearby).
     */
    private record Point(double v, double t, double slope, double[] x) {
    }

    private Point bestPoint() {
        return new Point(best(), 0, 0, bestX.clone());
    }

    private Point point(double v, double[] start) {
        double[] s = start.clone();
        double t = twiceDeltaNll(v, s);
        return new Point(v, t, lastSlope, s);
    }

    /**
     * The first crossing above the best fit: bracketed by the grid (or the best fit itself), then
     * root-found from the grid's points (grid null: recomputed from the best fit).
     */
    private double crossingAbove(double level, double[] v, double[] t, Point[] grid) {
        double b = best();
        double inner = b;
        Point innerPoint = bestPoint();
        for (int i = 0; i < v.length; i++) {
            if (v[i] <= b) {
                continue;
            }
            if (t[i] > level) {
                return grid == null ? root(level, inner, v[i]) : root(level, innerPoint, grid[i]);
            }
            inner = v[i];
            innerPoint = grid == null ? null : grid[i];
        }
        return Double.NaN;
    }

    private double crossingBelow(double level, double[] v, double[] t, Point[] grid) {
        double b = best();
        double inner = b;
        Point innerPoint = bestPoint();
        for (int i = v.length - 1; i >= 0; i--) {
            if (v[i] >= b) {
                continue;
            }
            if (t[i] > level) {
                return grid == null ? root(level, v[i], inner) : root(level, grid[i], innerPoint);
            }
            inner = v[i];
            innerPoint = grid == null ? null : grid[i];
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
            Point innerPoint = bestPoint();
            double f0 = bestF;
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
                Point outerPoint = point(outer, start);
                start = outerPoint.x().clone();
                if (outerPoint.t() > level) {
                    if (bestF != f0) {
                        found = root(level, Math.min(inner, outer), Math.max(inner, outer));
                    } else {
                        found = side == 0 ? root(level, outerPoint, innerPoint) : root(level, innerPoint, outerPoint);
                    }
                    break;
                }
                if (atBound) {
                    break;
                }
                inner = outer;
                innerPoint = outerPoint;
                s *= 1.6;
            }
            out[side] = found;
        }
        return out;
    }

    /** Root of twiceDeltaNll(v) = level in [a, b], both ends fitted afresh from the best fit. */
    private double root(double level, double a, double b) {
        return root(level, point(a, bestX), point(b, bestX));
    }

    /**
     * Root of twiceDeltaNll(v) = level between the points pa and pb: Newton steps on the profile's slope
     * from the end nearer the level (quadratic convergence: the profile is nearly a parabola), and where a
     * step would leave the bracket, an Illinois (regula falsi) step; each fit starts from the nearer end's
     * minimum.
     */
    private double root(double level, Point pa, Point pb) {
        double fa = pa.t() - level;
        double fb = pb.t() - level;
        if (fa * fb > 0) {
            return Math.abs(fa) < Math.abs(fb) ? pa.v() : pb.v();
        }
        Point a = pa;
        Point b = pb;
        int side = 0;
        double c = a.v();
        for (int it = 0; it < 60; it++) {
            Point near = Math.abs(a.t() - level) < Math.abs(b.t() - level) ? a : b;
            c = near.v() - (near.t() - level) / near.slope();
            if (!(c > Math.min(a.v(), b.v()) && c < Math.max(a.v(), b.v()))) {
                c = (a.v() * fb - b.v() * fa) / (fb - fa);
            }
            if (!(c > Math.min(a.v(), b.v()) && c < Math.max(a.v(), b.v()))) {
                c = 0.5 * (a.v() + b.v());
            }
            Point pc = point(c, (Math.abs(c - a.v()) < Math.abs(c - b.v()) ? a : b).x());
            double fc = pc.t() - level;
            if (Math.abs(fc) < 1e-9 || Math.abs(b.v() - a.v()) < 1e-10 * Math.max(1, Math.abs(c))) {
                return c;
            }
            if (fc * fb > 0) {
                b = pc;
                fb = fc;
                if (side == -1) {
                    fa *= 0.5;
                }
                side = -1;
            } else {
                a = pc;
                fa = fc;
                if (side == 1) {
                    fb *= 0.5;
                }
                side = 1;
            }
        }
        return c;
    }
}
