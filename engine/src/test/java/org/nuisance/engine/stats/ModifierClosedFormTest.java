package org.nuisance.engine.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nuisance.engine.stats.fit.FitResult;
import org.nuisance.engine.stats.fit.Fitter;
import org.nuisance.engine.stats.histfactory.Interpolation;
import org.nuisance.engine.stats.histfactory.BinnedLikelihood;
import org.nuisance.engine.stats.histfactory.Model;
import org.nuisance.engine.stats.Parameter;
import org.nuisance.engine.stats.histfactory.Workspace;
import org.nuisance.engine.stats.histfactory.Workspace.Channel;
import org.nuisance.engine.stats.histfactory.Workspace.Measurement;
import org.nuisance.engine.stats.histfactory.Workspace.ModifierSpec;
import org.nuisance.engine.stats.histfactory.Workspace.Observation;
import org.nuisance.engine.stats.histfactory.Workspace.ParameterConfig;
import org.nuisance.engine.stats.histfactory.Workspace.Sample;

/**
 * Closed-form checks of each modifier against its defining formula (HistFactory, CERN-OPEN-2012-016;
 * pyhf's interpolators and modifiers), on one-sample models evaluated through the public model API.
 */
class ModifierClosedFormTest {

    static Workspace oneChannel(double[] obs, List<Sample> samples, List<ParameterConfig> params, String poi) {
        return new Workspace(List.of(new Channel("c", samples)), List.of(new Observation("c", obs)),
                List.of(new Measurement("m", poi, params)), "1.0.0");
    }

    static Model normsysModel(double hi, double lo, Interpolation.Normsys code) {
        Workspace ws = oneChannel(new double[] {100},
                List.of(new Sample("s", new double[] {100}, List.of(ModifierSpec.normfactor("mu"),
                        ModifierSpec.normsys("a", hi, lo)))), List.of(), "mu");
        return Model.of(ws, null, new Interpolation(code, Interpolation.Histosys.CODE0));
    }

    @Test
    void normsysCode1IsExponentialEachSide() {
        Model m = normsysModel(1.2, 0.7, Interpolation.Normsys.CODE1);
        int a = m.indexOf("a");
        double[] x = m.inits();
        for (double alpha : new double[] {-2.5, -1, -0.3, 0, 0.4, 1, 3}) {
            x[a] = alpha;
            double expected = 100 * (alpha >= 0 ? Math.pow(1.2, alpha) : Math.pow(0.7, -alpha));
            assertEquals(expected, m.expected(x)[0], 1e-10, "alpha " + alpha);
        }
    }

    @Test
    void normsysCode4MatchesCode1AtPlusMinusOneAndOutsideAndIsSmoothInside() {
        Model c1 = normsysModel(1.2, 0.7, Interpolation.Normsys.CODE1);
        Model c4 = normsysModel(1.2, 0.7, Interpolation.Normsys.CODE4);
        int a = c4.indexOf("a");
        double[] x = c4.inits();
        for (double alpha : new double[] {-3, -1, 1, 1.5}) {
            x[a] = alpha;
            assertEquals(c1.expected(x)[0], c4.expected(x)[0], 1e-9, "code4 = code1 at |alpha| >= 1, alpha " + alpha);
        }
        x[a] = 0;
        assertEquals(100, c4.expected(x)[0], 1e-12, "f(0) = 1");
        // value, first and second derivative continuous at alpha = +-1 (the defining conditions of code4)
        double h = 1e-4;
        for (double edge : new double[] {-1, 1}) {
            double[] v = new double[5];
            for (int k = -2; k <= 2; k++) {
                x[a] = edge + k * h;
                v[k + 2] = c4.expected(x)[0] / 100;
            }
            double exact = edge > 0 ? 1.2 : 0.7;
            double lnEdge = Math.log(exact);
            double slope = edge > 0 ? exact * lnEdge : -exact * lnEdge;
            double curv = exact * lnEdge * lnEdge;
            assertEquals(slope, (v[3] - v[1]) / (2 * h), 1e-6, "slope at " + edge);
            assertEquals(curv, (v[3] - 2 * v[2] + v[1]) / (h * h), 1e-3, "curvature at " + edge);
        }
        // code4 differs from code1 inside, where code1 has a kink at 0
        x[a] = 0.5;
        assertTrue(Math.abs(c4.expected(x)[0] - c1.expected(x)[0]) > 1e-4);
    }

    static Model histosysModel(Interpolation.Histosys code) {
        Workspace ws = oneChannel(new double[] {100, 50},
                List.of(new Sample("s", new double[] {100, 50}, List.of(ModifierSpec.normfactor("mu"),
                        ModifierSpec.histosys("a", new double[] {110, 60}, new double[] {95, 35})))), List.of(), "mu");
        return Model.of(ws, null, new Interpolation(Interpolation.Normsys.CODE1, code));
    }

    @Test
    void histosysCode0IsPiecewiseLinearAndCode4pItsPolynomialInside() {
        Model c0 = histosysModel(Interpolation.Histosys.CODE0);
        Model c4 = histosysModel(Interpolation.Histosys.CODE4P);
        int a = c0.indexOf("a");
        double[] x = c0.inits();
        x[a] = 0.5;
        assertEquals(105, c0.expected(x)[0], 1e-12);
        x[a] = -2;
        assertEquals(90, c0.expected(x)[0], 1e-12);
        assertEquals(20, c0.expected(x)[1], 1e-12);
        for (double alpha : new double[] {-2, -1, 1, 2.5}) {
            x[a] = alpha;
            assertEquals(c0.expected(x)[0], c4.expected(x)[0], 1e-12, "code4p = code0 at |alpha| >= 1");
            assertEquals(c0.expected(x)[1], c4.expected(x)[1], 1e-12);
        }
        // inside: alpha S + alpha^2 (15 - 10 alpha^2 + 3 alpha^4) A, S = (up + dn)/2, A = (up - dn)/16
        double alpha = 0.4;
        x[a] = alpha;
        double up = 10;
        double dn = 5;
        double s = (up + dn) / 2;
        double aa = (up - dn) / 16;
        double a2 = alpha * alpha;
        assertEquals(100 + alpha * s + a2 * (15 - 10 * a2 + 3 * a2 * a2) * aa, c4.expected(x)[0], 1e-12);
    }

    @Test
    void lumiScalesEverySampleAndIsGaussianConstrained() {
        // one bin, n = 110, b = 100 with lumi (aux 1, sigma 0.05): the fit balances Poisson and constraint.
        Workspace ws = oneChannel(new double[] {110},
                List.of(new Sample("s", new double[] {10}, List.of(ModifierSpec.normfactor("mu"), ModifierSpec.lumi("lumi"))),
                        new Sample("b", new double[] {100}, List.of(ModifierSpec.lumi("lumi")))),
                List.of(new ParameterConfig("lumi", null, null, null, new double[] {1}, new double[] {0.05}),
                        new ParameterConfig("mu", null, null, true, null, null)), "mu");
        Model m = Model.of(ws);
        Parameter lumi = m.parameter(m.indexOf("lumi"));
        assertEquals(Parameter.Constraint.GAUSSIAN, lumi.constraint());
        assertEquals(0.05, lumi.width(), 0);
        FitResult r = new Fitter(m, m.observedData()).fit();
        // mu fixed at 1: nu = 110 L; d/dL [110 L - 110 ln(110 L) + (L - 1)^2 / (2 0.05^2)] = 0 -> L = 1 exactly
        assertEquals(1.0, r.value("lumi"), 1e-8);
        // curvature: 110 / L^2 + 1 / 0.05^2 = 510 -> error 1/sqrt(510)
        assertEquals(1 / Math.sqrt(510), r.error("lumi"), 1e-6);
    }

    @Test
    void staterrorWidthIsQuadratureSumOverSummedNominals() {
        Workspace ws = oneChannel(new double[] {60, 30},
                List.of(new Sample("s", new double[] {40, 20}, List.of(ModifierSpec.normfactor("mu"),
                                ModifierSpec.staterror("stat", new double[] {3, 0}))),
                        new Sample("b", new double[] {20, 10}, List.of(ModifierSpec.staterror("stat", new double[] {4, 0})))),
                List.of(), "mu");
        Model m = Model.of(ws);
        Parameter g0 = m.parameter(m.indexOf("stat[0]"));
        assertEquals(Parameter.Constraint.GAUSSIAN, g0.constraint());
        assertEquals(5.0 / 60.0, g0.width(), 1e-15, "sqrt(3^2 + 4^2) / (40 + 20)");
        Parameter g1 = m.parameter(m.indexOf("stat[1]"));
        assertTrue(g1.fixed(), "a bin without uncertainty has no free gamma");
        double[] x = m.inits();
        x[m.indexOf("stat[0]")] = 1.1;
        assertEquals(66, m.expected(x)[0], 1e-12, "gamma multiplies every sample sharing it");
        // constraint term: 0.5 ((1.1 - 1) / (5/60))^2 over the nominal point
        BinnedLikelihood l = new BinnedLikelihood(m, m.observedData());
        double base = l.nll(m.inits());
        double withGamma = l.nll(x);
        double poisson = (66 - 60 * Math.log(66)) - (60 - 60 * Math.log(60));
        assertEquals(poisson + 0.5 * Math.pow(0.1 / (5.0 / 60.0), 2), withGamma - base, 1e-10);
    }

    @Test
    void shapefactorIsFreePerBinAndFitsEachBinExactly() {
        Workspace ws = oneChannel(new double[] {30, 80},
                List.of(new Sample("b", new double[] {20, 100}, List.of(ModifierSpec.shapefactor("sf"),
                        ModifierSpec.normfactor("mu")))),
                List.of(new ParameterConfig("mu", null, null, true, null, null)), "mu");
        Model m = Model.of(ws);
        FitResult r = new Fitter(m, m.observedData()).fit();
        assertEquals(1.5, r.value("sf[0]"), 1e-8, "30 / 20");
        assertEquals(0.8, r.value("sf[1]"), 1e-8, "80 / 100");
        // unconstrained Poisson: error = sqrt(n) / nominal
        assertEquals(Math.sqrt(30) / 20, r.error("sf[0]"), 1e-6);
    }

    @Test
    void shapesysTauIsNominalOverSigmaSquaredWithPoissonConstraint() {
        Workspace ws = oneChannel(new double[] {55},
                List.of(new Sample("b", new double[] {50}, List.of(ModifierSpec.shapesys("u", new double[] {7}),
                        ModifierSpec.normfactor("mu")))),
                List.of(new ParameterConfig("mu", null, null, true, null, null)), "mu");
        Model m = Model.of(ws);
        Parameter g = m.parameter(m.indexOf("u[0]"));
        double tau = (50.0 / 7) * (50.0 / 7);
        assertEquals(Parameter.Constraint.POISSON, g.constraint());
        assertEquals(tau, g.width(), 1e-12);
        assertEquals(tau, g.aux(), 1e-12);
        // d/dg [50 g - 55 ln(50 g) + tau g - tau ln(tau g)] = 0 -> g = (55 + tau) / (50 + tau)
        FitResult r = new Fitter(m, m.observedData()).fit();
        assertEquals((55 + tau) / (50 + tau), r.value("u[0]"), 1e-8);
    }
}
