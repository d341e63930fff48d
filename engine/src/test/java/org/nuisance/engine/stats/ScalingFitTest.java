package org.nuisance.engine.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hipparchus.special.Gamma;
import org.junit.jupiter.api.Test;
import org.nuisance.engine.bench.BenchModels;
import org.nuisance.engine.stats.fit.BoundedNewton;
import org.nuisance.engine.stats.fit.FitResult;
import org.nuisance.engine.stats.fit.Fitter;
import org.nuisance.engine.stats.fit.ProfileScan;
import org.nuisance.engine.stats.histfactory.BinnedLikelihood;
import org.nuisance.engine.stats.histfactory.Interpolation;
import org.nuisance.engine.stats.histfactory.Model;
import org.nuisance.engine.stats.histfactory.Workspace;
import org.nuisance.engine.stats.histfactory.Workspace.Channel;
import org.nuisance.engine.stats.histfactory.Workspace.Measurement;
import org.nuisance.engine.stats.histfactory.Workspace.ModifierSpec;
import org.nuisance.engine.stats.histfactory.Workspace.Observation;
import org.nuisance.engine.stats.histfactory.Workspace.Sample;

/**
 * Fits of many-parameter models (issue 15): the block-arrow Newton steps (per-bin gammas eliminated
 * through the Schur complement) and the kink-aware steps reach the minimum of the dense minimiser to
 * 1e-6 in -ln L, converge with code1/code0 where the dense one stalls on the alpha = 0 kinks, and satisfy
 * the optimality conditions (zero projected gradient; one-sided derivatives of opposite sign on a kink).
 */
class ScalingFitTest {

    private static final Interpolation SMOOTH = new Interpolation(Interpolation.Normsys.CODE4,
            Interpolation.Histosys.CODE4P);

    @Test
    void structuredStepsReachTheDenseMinimumWithCode4() {
        Workspace ws = BenchModels.manyParameters(3, 20);
        Model model = Model.of(ws, null, SMOOTH);
        assertEquals(1 + 200 + 60, model.size());
        BinnedLikelihood nll = new BinnedLikelihood(model, model.observedData());
        long t0 = System.nanoTime();
        FitResult fast = new Fitter(nll).fit();
        long t1 = System.nanoTime();
        FitResult dense = new Fitter(new BinnedLikelihood(model, model.observedData()), BoundedNewton.dense()).fit();
        long t2 = System.nanoTime();
        System.out.printf("261 parameters code4: structured %.3f s (%d it), dense %.3f s (%d it)%n",
                (t1 - t0) / 1e9, fast.iterations(), (t2 - t1) / 1e9, dense.iterations());
        assertTrue(fast.converged(), fast.reason());
        assertTrue(dense.converged(), dense.reason());
        assertEquals(dense.nll(), fast.nll(), 1e-6);
        int mu = fast.index("mu");
        assertEquals(dense.values()[mu], fast.values()[mu], 1e-5);
        assertEquals(dense.errors()[mu], fast.errors()[mu], 1e-5 * dense.errors()[mu]);
        for (int i = 0; i < model.size(); i++) {
            assertEquals(dense.errors()[i], fast.errors()[i], 1e-4 * dense.errors()[i], model.parameter(i).name());
        }
    }

    /**
     * The scan path (undamped steps first, the partition carried between points, crossings by Newton steps
     * on the profile's slope from the grid's minima) against the dense minimiser on the same scan: every
     * point's 2 Delta ln L to 2e-6 (the minima to 1e-6 in -ln L) and the 68%/95% interval ends to 1e-6.
     */
    @Test
    void structuredScanReachesTheDenseScanPointByPoint() {
        Model model = Model.of(BenchModels.manyParameters(3, 20), null, SMOOTH);
        ProfileScan.Result fast = new ProfileScan(new Fitter(new BinnedLikelihood(model, model.observedData())),
                model.poi(), new int[0]).scan(0.4, 1.6, 7);
        ProfileScan.Result dense = new ProfileScan(new Fitter(new BinnedLikelihood(model, model.observedData()),
                BoundedNewton.dense()), model.poi(), new int[0]).scan(0.4, 1.6, 7);
        assertTrue(fast.status().converged() && dense.status().converged());
        assertEquals(dense.best(), fast.best(), 1e-6);
        for (int i = 0; i < 7; i++) {
            assertEquals(dense.twiceDeltaNll()[i], fast.twiceDeltaNll()[i], 2e-6, "point " + i);
        }
        for (int k = 0; k < 2; k++) {
            assertEquals(dense.interval68()[k], fast.interval68()[k], 1e-6);
            assertEquals(dense.interval95()[k], fast.interval95()[k], 1e-6);
        }
    }

    @Test
    void code1Code0FitConvergesOnTheKinksWithVanishingOneSidedSlopes() {
        Model model = Model.of(BenchModels.manyParameters(3, 20));
        BinnedLikelihood nll = new BinnedLikelihood(model, model.observedData());
        FitResult fit = new Fitter(nll).fit();
        assertTrue(fit.converged(), fit.reason());
        double[] x = fit.values();
        double[] g = new double[x.length];
        nll.reducedNll(x, g);
        double[] kinks = nll.kinks();
        for (int i = 0; i < x.length; i++) {
            if (kinks[i] == x[i]) {
                // on a kink the one-sided derivatives bracket zero
                double[] xp = x.clone();
                xp[i] += 1e-7;
                double[] gp = new double[x.length];
                nll.reducedNll(xp, gp);
                double[] xm = x.clone();
                xm[i] -= 1e-7;
                double[] gm = new double[x.length];
                nll.reducedNll(xm, gm);
                assertTrue(gp[i] > -1e-5 && gm[i] < 1e-5, model.parameter(i).name());
                assertTrue(fit.atKink().contains(model.parameter(i).name()));
            } else if (x[i] > model.parameter(i).lo() && x[i] < model.parameter(i).hi()) {
                assertEquals(0, g[i], 1e-4, model.parameter(i).name());
            }
        }
        System.out.println("code1/code0: " + fit.iterations() + " iterations; on a kink: " + fit.atKink());
    }

    /**
     * A minimum on the kink, in closed form: a systematic that raises the background both up and down
     * (normsys hi 1.1, lo 1.05; or histosys hi 110, lo 105 on 100) in bin 1 with 90 observed, where any
     * alpha != 0 only raises the prediction; bin 2 (signal 20 mu + background 50 under the same alpha, 75
     * observed) fixes mu = 1.25. So alpha = 0 exactly and -ln L = sum of the two saturated-free Poisson
     * terms, [100 - 90 ln 100 + ln 90!] + [75 - 75 ln 75 + ln 75!], plus ln sqrt(2 pi) of the constraint.
     */
    @Test
    void aMinimumOnTheKinkIsFoundExactlyAndReported() {
        double expected = 100 - 90 * Math.log(100) + Gamma.logGamma(91) + 75 - 75 * Math.log(75) + Gamma.logGamma(76)
                + 0.5 * Math.log(2 * Math.PI);
        for (ModifierSpec sys : new ModifierSpec[] {ModifierSpec.normsys("alpha", 1.1, 1.05),
                ModifierSpec.histosys("alpha", new double[] {110, 55}, new double[] {105, 52.5})}) {
            Workspace ws = new Workspace(List.of(new Channel("c", List.of(
                    new Sample("signal", new double[] {0, 20}, List.of(ModifierSpec.normfactor("mu"))),
                    new Sample("bkg", new double[] {100, 50}, List.of(sys))))),
                    List.of(new Observation("c", new double[] {90, 75})),
                    List.of(new Measurement("m", "mu", List.of())), "1.0.0");
            Model model = Model.of(ws);
            FitResult fit = new Fitter(model, model.observedData()).fit();
            assertTrue(fit.converged(), fit.reason());
            assertEquals(0.0, fit.value("alpha"), 0.0, sys.type());
            assertEquals(1.25, fit.value("mu"), 1e-9, sys.type());
            assertEquals(expected, fit.nll(), 1e-9, sys.type());
            assertEquals(List.of("alpha"), fit.atKink(), sys.type());
        }
    }

    @Test
    void twelveHundredParameterFitsConvergeWithBothInterpolations() {
        Workspace ws = BenchModels.thousandParameters();
        for (Interpolation interp : new Interpolation[] {SMOOTH, Interpolation.DEFAULT}) {
            Model model = Model.of(ws, null, interp);
            assertEquals(1201, model.size());
            long t0 = System.nanoTime();
            FitResult fit = new Fitter(new BinnedLikelihood(model, model.observedData())).fit();
            System.out.printf("1201 parameters %s: fit with errors %.2f s (%d iterations; %s); mu = %.4f +- %.4f;"
                    + " %d on kinks%n", interp, (System.nanoTime() - t0) / 1e9, fit.iterations(), fit.reason(),
                    fit.value("mu"), fit.error("mu"), fit.atKink().size());
            assertTrue(fit.converged(), fit.reason());
            assertTrue(fit.error("mu") > 0.1 && fit.error("mu") < 0.2, "sigma(mu) " + fit.error("mu"));
        }
    }
}
