package org.nuisance.engine.stats.fit;

import org.hipparchus.special.Erf;
import org.nuisance.engine.stats.histfactory.Data;
import org.nuisance.engine.stats.histfactory.Model;

/**
 * Hypothesis tests in the asymptotic approximation (Cowan, Cranmer, Gross, Vitells, arXiv:1007.1727),
 * with pyhf's conventions (../shared/reference/README.md): the test statistic's Asimov value qA comes
 * from the Asimov dataset of a fit to the data with the POI held at 0 (q, qtilde) or 1 (q0), auxiliary
 * data included; p-values in the variable t = sqrt(q) - sqrt(qA) (qtilde: (q - qA) / (2 sqrt(qA)) when
 * q > qA), CLs+b = Phi-bar(t + sqrt(qA)), CLb = Phi-bar(t); the expected band at t = n for
 * n = +2..-2 gives the -2..+2 sigma entries. q0's p-value is the discovery p0 = Phi-bar(sqrt(q0)).
 */
public final class AsymptoticCalculator {

    /** The test statistic. */
    public enum TestStatistic {
        /** q_mu, one-sided; the unconditional fit within the model's POI bounds; q = 0 when mu-hat > mu. */
        Q,
        /** q-tilde_mu: as q with mu-hat floored at 0 (eq. 16 of 1007.1727) and its own asymptotic formula. */
        QTILDE,
        /** q0, discovery: 2 (-ln L(0) + ln L(mu-hat)) for mu-hat >= 0, else 0. */
        Q0;

        public static TestStatistic parse(String s) {
            return switch (s.toLowerCase(java.util.Locale.ROOT)) {
                case "q", "qmu" -> Q;
                case "qtilde", "qmutilde", "qmu_tilde" -> QTILDE;
                case "q0" -> Q0;
                default -> throw new IllegalArgumentException("--test-stat must be q, qtilde or q0, got '" + s + "'");
            };
        }
    }

    /**
     * One test: the statistic's observed and Asimov values; for q and qtilde CLs+b, CLb, CLs observed and the
     * expected CLs band (-2..+2 sigma); for q0 the p-value p0 in clsb (and cls) and its expected band.
     */
    public record Result(TestStatistic statistic, double poiValue, double q, double qA, double clsb, double clb,
                         double cls, double[] clsExpected, double[] clsbExpected, FitStatus status) {

        public Result(TestStatistic statistic, double poiValue, double q, double qA, double clsb, double clb,
                      double cls, double[] clsExpected, double[] clsbExpected) {
            this(statistic, poiValue, q, qA, clsb, clb, cls, clsExpected, clsbExpected, null);
        }

        public double p0() {
            return clsb;
        }

        public double[] p0Expected() {
            return clsbExpected;
        }
    }

    private static final double[] N_SIGMA = {2, 1, 0, -1, -2};

    private final Model model;
    private final TestStatistic statistic;
    private final Fitter dataFitter;
    private final Fitter asimovFitter;
    private final double dataFree;
    private final double[] dataFreeX;
    private final double asimovFree;
    private final double[] asimovFreeX;
    private final Data asimov;
    private final FitStatus freeStatus;
    private FitStatus status;

    public AsymptoticCalculator(Model model, Data data, TestStatistic statistic) {
        this.model = model;
        this.statistic = statistic;
        this.dataFitter = new Fitter(model, data);
        double asimovMu = statistic == TestStatistic.Q0 ? 1.0 : 0.0;
        BoundedNewton.Result cond = dataFitter.minimize(model.inits(), new int[] {model.poi()}, new double[] {asimovMu});
        this.asimov = model.asimov(cond.x());
        this.asimovFitter = new Fitter(model, asimov);
        BoundedNewton.Result free = unconditional(dataFitter);
        this.dataFree = free.f();
        this.dataFreeX = free.x();
        BoundedNewton.Result freeA = unconditional(asimovFitter);
        this.asimovFree = freeA.f();
        this.asimovFreeX = freeA.x();
        // the unconditional fit on data is the one a reader would look at: diagnose it fully
        boolean[] fx = model.fixed();
        FitStatus onData = dataFitter.status(free, fx, true);
        // the POI at its bound is part of the test statistic's definition (q = 0 or mu-hat floored), not a defect
        String poiAt = model.poiName() + " = ";
        onData = new FitStatus(onData.converged(), onData.reason(),
                onData.atBound().stream().filter(b -> !b.startsWith(poiAt)).toList(), onData.singular(),
                onData.illConditioned(), onData.conditionNumber(), onData.nonPositiveYields(), onData.failedMinimisations());
        this.freeStatus = onData.and(FitStatus.minimised(true, "").with(cond).with(freeA));
        this.status = freeStatus;
    }

    /**
     * The status of the fits behind the results so far: the unconditional fit on the data (bounds,
     * Hessian, yields), and the convergence of every conditional and Asimov fit.
     */
    public FitStatus status() {
        return status;
    }

    public Model model() {
        return model;
    }

    /** The Asimov dataset the expected values come from. */
    public Data asimovData() {
        return asimov;
    }

    /** The unconditional best-fit POI on the data (floored at 0 for qtilde). */
    public double muHat() {
        return dataFreeX[model.poi()];
    }

    private BoundedNewton.Result unconditional(Fitter f) {
        double[] lo = model.lowerBounds();
        double[] hi = model.upperBounds();
        if (statistic == TestStatistic.QTILDE) {
            lo[model.poi()] = Math.max(0, lo[model.poi()]);
        }
        double[] start = model.inits();
        start[model.poi()] = Math.min(hi[model.poi()], Math.max(lo[model.poi()], start[model.poi()]));
        return f.minimize(start, lo, hi, model.fixed());
    }

    /** The test statistic on the data (asimov = false) or on the Asimov dataset. */
    double testStatistic(double mu, boolean onAsimov) {
        Fitter f = onAsimov ? asimovFitter : dataFitter;
        double free = onAsimov ? asimovFree : dataFree;
        double[] freeX = onAsimov ? asimovFreeX : dataFreeX;
        double muHat = freeX[model.poi()];
        int poi = model.poi();
        if (statistic == TestStatistic.Q0) {
            if (muHat < 0) {
                return 0;
            }
            BoundedNewton.Result c = f.minimize(freeX, new int[] {poi}, new double[] {0});
            status = status.with(c);
            return Math.max(0, 2 * (c.f() - free));
        }
        if (muHat > mu) {
            return 0;
        }
        BoundedNewton.Result c = f.minimize(freeX, new int[] {poi}, new double[] {mu});
        status = status.with(c);
        return Math.max(0, 2 * (c.f() - free));
    }

    /** Tests the POI value mu (for q0 the background-only hypothesis mu = 0; the argument is ignored). */
    public Result test(double mu) {
        double q = testStatistic(mu, false);
        double qA = testStatistic(mu, true);
        double sq = Math.sqrt(q);
        double sqA = Math.sqrt(qA);
        double t;
        if (statistic == TestStatistic.QTILDE && sq > sqA) {
            t = (q - qA) / (2 * sqA);
        } else {
            t = sq - sqA;
        }
        double clsb = upperTail(t + sqA);
        double clb = upperTail(t);
        double[] expCls = new double[5];
        double[] expClsb = new double[5];
        for (int k = 0; k < 5; k++) {
            double n = N_SIGMA[k];
            expClsb[k] = upperTail(n + sqA);
            expCls[k] = expClsb[k] / upperTail(n);
        }
        double poiValue = statistic == TestStatistic.Q0 ? 0 : mu;
        return new Result(statistic, poiValue, q, qA, clsb, clb, clsb / clb, expCls, expClsb, status);
    }

    /** 1 - Phi(x), accurate in the far tail. */
    public static double upperTail(double x) {
        return 0.5 * Erf.erfc(x / Math.sqrt(2));
    }
}
