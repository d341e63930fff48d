package org.nuisance.engine.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nuisance.engine.stats.fit.AsymptoticCalculator;
import org.nuisance.engine.stats.fit.FitResult;
import org.nuisance.engine.stats.fit.Fitter;
import org.nuisance.engine.stats.fit.ProfileScan;
import org.nuisance.engine.stats.fit.UpperLimit;
import org.nuisance.engine.stats.histfactory.Model;
import org.nuisance.engine.stats.histfactory.Workspace;
import org.nuisance.engine.stats.histfactory.Workspace.ModifierSpec;
import org.nuisance.engine.stats.histfactory.Workspace.ParameterConfig;
import org.nuisance.engine.stats.histfactory.Workspace.Sample;

/**
 * A one-bin counting experiment, n observed over s mu + b expected, against its closed forms:
 * mu-hat = (n - b) / s, -2 Delta ln L(mu) = 2 [nu - n - n ln(nu / n)], Hessian error sqrt(n) / s
 * (Cowan et al., arXiv:1007.1727, section 2), q0 = 2 [n ln(n / b) - (n - b)].
 */
class ProfileScanTest {

    static final double N = 130;
    static final double S = 20;
    static final double B = 100;

    static Model counting(double lo) {
        Workspace ws = ModifierClosedFormTest.oneChannel(new double[] {N},
                List.of(new Sample("s", new double[] {S}, List.of(ModifierSpec.normfactor("mu"))),
                        new Sample("b", new double[] {B}, List.of())),
                List.of(new ParameterConfig("mu", new double[] {1}, new double[][] {{lo, 10}}, null, null, null)), "mu");
        return Model.of(ws);
    }

    static double twiceDeltaNll(double mu) {
        double nu = mu * S + B;
        return 2 * (nu - N - N * Math.log(nu / N));
    }

    @Test
    void oneBinCountingScanMatchesAnalyticProfile() {
        Model m = counting(-5);
        ProfileScan.Result r = new ProfileScan(m, m.observedData(), m.poi()).scan(0, 3.5, 36);
        assertEquals((N - B) / S, r.best(), 1e-7);
        for (int i = 0; i < r.values().length; i++) {
            assertEquals(twiceDeltaNll(r.values()[i]), r.twiceDeltaNll()[i], 1e-8, "mu = " + r.values()[i]);
        }
        // crossings from the closed form, solved here by bisection
        assertEquals(crossing(1, (N - B) / S, -1), r.interval68()[0], 1e-6);
        assertEquals(crossing(1, (N - B) / S, 1), r.interval68()[1], 1e-6);
        assertEquals(crossing(3.841458820694124, (N - B) / S, -1), r.interval95()[0], 1e-6);
        assertEquals(crossing(3.841458820694124, (N - B) / S, 1), r.interval95()[1], 1e-6);
        assertTrue(r.interval68()[1] - r.best() > r.best() - r.interval68()[0], "Poisson intervals are asymmetric");
    }

    private static double crossing(double level, double best, double dir) {
        double a = best;
        double b = best + dir * 10;
        for (int i = 0; i < 200; i++) {
            double c = 0.5 * (a + b);
            if (twiceDeltaNll(c) > level) {
                b = c;
            } else {
                a = c;
            }
        }
        return 0.5 * (a + b);
    }

    @Test
    void hessianErrorMatchesScanParabolaNearMinimum() {
        Model m = counting(-5);
        FitResult fit = new Fitter(m, m.observedData()).fit();
        assertEquals(Math.sqrt(N) / S, fit.error("mu"), 1e-6 * Math.sqrt(N) / S, "sqrt(n) / s");
        // the scan's curvature at the minimum: 2 Delta ln L ~ (dmu / sigma)^2 for small dmu
        double best = fit.value("mu");
        double d = 1e-3;
        ProfileScan scan = new ProfileScan(m, m.observedData(), m.poi());
        double[] start = scan.bestFit();
        double curvature = (scan.twiceDeltaNll(best + d, start) + scan.twiceDeltaNll(best - d, start)) / (2 * d * d);
        assertEquals(1 / (fit.error("mu") * fit.error("mu")), curvature, 1e-4 * curvature);
    }

    @Test
    void q0DiscoveryPValueMatchesClosedForm() {
        Model m = counting(0);
        AsymptoticCalculator.Result r = new AsymptoticCalculator(m, m.observedData(),
                AsymptoticCalculator.TestStatistic.Q0).test(0);
        double q0 = 2 * (N * Math.log(N / B) - (N - B));
        assertEquals(q0, r.q(), 1e-8);
        assertEquals(AsymptoticCalculator.upperTail(Math.sqrt(q0)), r.p0(), 1e-10);
        // Asimov at mu = 1: n_A = s + b; q0A = 2 [(s + b) ln(1 + s / b) - s]
        double q0A = 2 * ((S + B) * Math.log(1 + S / B) - S);
        assertEquals(q0A, r.qA(), 1e-8);
        assertEquals(AsymptoticCalculator.upperTail(Math.sqrt(q0A)), r.p0Expected()[2], 1e-10, "median expected p0");
        assertEquals(AsymptoticCalculator.upperTail(Math.sqrt(q0A) + 2), r.p0Expected()[0], 1e-12);
    }

    @Test
    void upperLimitIsWhereClsEqualsFivePercent() {
        Model m = counting(0);
        UpperLimit.Result r = UpperLimit.compute(m, m.observedData(), 0.05);
        AsymptoticCalculator calc = new AsymptoticCalculator(m, m.observedData(), AsymptoticCalculator.TestStatistic.QTILDE);
        assertEquals(0.05, calc.test(r.observed()).cls(), 1e-6);
        for (int k = 0; k < 5; k++) {
            assertEquals(0.05, calc.test(r.expected()[k]).clsExpected()[k], 1e-6, "band " + k);
        }
        assertTrue(r.expected()[0] < r.expected()[2] && r.expected()[2] < r.expected()[4]);
    }
}
