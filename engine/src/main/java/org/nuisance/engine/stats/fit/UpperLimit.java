package org.nuisance.engine.stats.fit;

import org.nuisance.engine.stats.histfactory.Data;
import org.nuisance.engine.stats.histfactory.Model;

/**
 * CLs upper limits on the parameter of interest: the POI value where CLs = alpha (0.05), observed and
 * for each entry of the expected band (-2..+2 sigma), with qtilde in the asymptotic approximation. CLs
 * falls with the POI: a grid over the POI's range brackets each crossing, then the Illinois method finds
 * it on ln CLs.
 */
public final class UpperLimit {

    /** Observed limit and expected band (-2..+2 sigma); NaN where CLs does not reach alpha in range. */
    public record Result(double alpha, double observed, double[] expected, FitStatus status) {

        public Result(double alpha, double observed, double[] expected) {
            this(alpha, observed, expected, null);
        }
    }

    private UpperLimit() {
    }

    public static Result compute(Model model, Data data, double alpha) {
        AsymptoticCalculator calc = new AsymptoticCalculator(model, data, AsymptoticCalculator.TestStatistic.QTILDE);
        double lo = Math.max(0, model.parameter(model.poi()).lo());
        double hi = model.parameter(model.poi()).hi();
        int n = 41;
        double[] mu = new double[n];
        double[][] cls = new double[n][];
        for (int i = 0; i < n; i++) {
            mu[i] = lo + (hi - lo) * i / (n - 1);
            cls[i] = curves(calc, mu[i]);
        }
        double[] limits = new double[6];
        for (int c = 0; c < 6; c++) {
            limits[c] = Double.NaN;
            for (int i = 1; i < n; i++) {
                if (cls[i - 1][c] >= alpha && cls[i][c] < alpha) {
                    limits[c] = solve(calc, c, alpha, mu[i - 1], mu[i], cls[i - 1][c], cls[i][c]);
                    break;
                }
            }
        }
        double[] expected = new double[5];
        System.arraycopy(limits, 1, expected, 0, 5);
        return new Result(alpha, limits[0], expected, calc.status());
    }

    /** CLs observed, then the expected band. */
    private static double[] curves(AsymptoticCalculator calc, double mu) {
        AsymptoticCalculator.Result r = calc.test(mu);
        double[] out = new double[6];
        out[0] = r.cls();
        System.arraycopy(r.clsExpected(), 0, out, 1, 5);
        return out;
    }

    private static double solve(AsymptoticCalculator calc, int c, double alpha, double a, double b, double ca, double cb) {
        double target = Math.log(alpha);
        double fa = Math.log(ca) - target;
        double fb = Math.log(cb) - target;
        int side = 0;
        double x = a;
        for (int it = 0; it < 80; it++) {
            x = (a * fb - b * fa) / (fb - fa);
            if (!(x > a && x < b)) {
                x = 0.5 * (a + b);
            }
            double fx = Math.log(curves(calc, x)[c]) - target;
            if (Math.abs(fx) < 1e-10 || b - a < 1e-9 * Math.max(1, x)) {
                return x;
            }
            if (fx * fb > 0) {
                b = x;
                fb = fx;
                if (side == -1) {
                    fa *= 0.5;
                }
                side = -1;
            } else {
                a = x;
                fa = fx;
                if (side == 1) {
                    fb *= 0.5;
                }
                side = 1;
            }
        }
        return x;
    }
}
