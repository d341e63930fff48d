package org.nuisance.engine.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nuisance.engine.higgsml.NuisanceValues;
import org.nuisance.engine.hist.Axis;
import org.nuisance.engine.stats.histfactory.Workspace;
import org.nuisance.engine.stats.histfactory.Workspace.Channel;
import org.nuisance.engine.stats.histfactory.Workspace.Measurement;
import org.nuisance.engine.stats.histfactory.Workspace.ModifierSpec;
import org.nuisance.engine.stats.histfactory.Workspace.Observation;
import org.nuisance.engine.stats.histfactory.Workspace.ParameterConfig;
import org.nuisance.engine.stats.histfactory.Workspace.Sample;

/** The post-fit total band: the fit's covariance propagated to the expected counts, against closed forms. */
class TotalBandTest {

    /** A workspace with one channel: signal s (normfactor mu) on a fixed background b, observed n. */
    static WorkspaceSource signalOnBackground(double[] s, double[] b, double[] n) {
        return signalOnBackground(s, b, n, List.of());
    }

    static WorkspaceSource signalOnBackground(double[] s, double[] b, double[] n, List<ModifierSpec> bkg) {
        Workspace ws = new Workspace(List.of(new Channel("sr", List.of(
                new Sample("signal", s, List.of(ModifierSpec.normfactor("mu"))),
                new Sample("background", b, bkg)))),
                List.of(new Observation("sr", n)),
                List.of(new Measurement("m", "mu", List.of(new ParameterConfig("mu", new double[] {1},
                        new double[][] {{-10, 10}}, null, null, null)))), "1.0.0");
        return new WorkspaceSource("sb.json", Path.of("sb.json"), ws);
    }

    /**
     * One-bin counting, nu = mu s + b: mu_hat = (n - b) / s and sigma_mu = sqrt(n) / s (inverse Hessian
     * n s^2 / nu^2 at nu = n), so the band is sigma_mu s = sqrt(n) around the expectation n.
     */
    @Test
    void oneBinCountingBandIsSquareRootOfTheObservedCount() {
        WorkspaceWorkbench w = new WorkspaceWorkbench(signalOnBackground(new double[] {20}, new double[] {100},
                new double[] {130}));
        Analysis a = w.fitTarget().analyse(new DataSpec.Observed(), Map.of("mu", 1.0), Set.of(), null, 5);
        TotalBand.Slice s = a.band().channel("sr");
        assertEquals(1.5, a.bestFit().get("mu"), 1e-6);
        assertEquals(130, s.expected()[0], 1e-4);
        assertEquals(Math.sqrt(130), s.sigma()[0], 1e-4);
        assertEquals(Math.sqrt(130) / 130, s.relative()[0], 1e-6);
    }

    /**
     * Two bins, a pure normfactor: the band is exactly sigma_mu times the signal in each bin, with
     * 1 / sigma_mu^2 = sum_b n_b s_b^2 / nu_b^2 at mu_hat, which solves sum_b s_b (n_b / nu_b - 1) = 0
     * (found here by bisection, independently of the fitter).
     */
    @Test
    void normfactorBandIsSigmaMuTimesTheSignalInEveryBin() {
        double[] s = {10, 30};
        double[] b = {50, 20};
        double[] n = {62, 55};
        double lo = 0;
        double hi = 5;
        for (int it = 0; it < 200; it++) {
            double mid = (lo + hi) / 2;
            double score = 0;
            for (int k = 0; k < 2; k++) {
                score += s[k] * (n[k] / (mid * s[k] + b[k]) - 1);
            }
            if (score > 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double mu = (lo + hi) / 2;
        double info = 0;
        for (int k = 0; k < 2; k++) {
            double nu = mu * s[k] + b[k];
            info += n[k] * s[k] * s[k] / (nu * nu);
        }
        double sigmaMu = 1 / Math.sqrt(info);
        WorkspaceWorkbench w = new WorkspaceWorkbench(signalOnBackground(s, b, n));
        Analysis a = w.fitTarget().analyse(new DataSpec.Observed(), Map.of("mu", 1.0), Set.of(), null, 5);
        TotalBand.Slice slice = a.band().channel("sr");
        assertEquals(mu, a.bestFit().get("mu"), 1e-6);
        for (int k = 0; k < 2; k++) {
            assertEquals(mu * s[k] + b[k], slice.expected()[k], 1e-4, "expected total, bin " + k);
            assertEquals(sigmaMu * s[k], slice.sigma()[k], 1e-5 * sigmaMu * s[k] + 1e-9, "band, bin " + k);
        }
        // the plot of the same data and channel carries the band; a plot of other data does not
        Plot observed = w.plot("sr", w.fromMap(a.bestFit()), new DataSpec.Observed()).withTotalBand(a.band());
        assertNotNull(observed.totalBand());
        assertEquals(sigmaMu * s[1], observed.totalBand().sigma()[1], 1e-5 * sigmaMu * s[1]);
        Plot asimov = w.plot("sr", w.fromMap(a.bestFit()), new DataSpec.Asimov(Map.of("mu", 1.0)))
                .withTotalBand(a.band());
        assertNull(asimov.totalBand(), "a band of the observed data is not drawn on Asimov data");
    }

    /**
     * A parameter held at its slider value carries no uncertainty: with the background's normsys held at
     * 0 the one-bin band is sqrt(n) again, as without the normsys.
     */
    @Test
    void aHeldParameterContributesNothing() {
        WorkspaceWorkbench w = new WorkspaceWorkbench(signalOnBackground(new double[] {20}, new double[] {100},
                new double[] {130}, List.of(ModifierSpec.normsys("bnorm", 1.1, 0.9))));
        Analysis held = w.fitTarget().analyse(new DataSpec.Observed(), Map.of("mu", 1.0, "bnorm", 0.0),
                Set.of("bnorm"), null, 5);
        assertEquals(Math.sqrt(130), held.band().channel("sr").sigma()[0], 1e-4);
        assertEquals(1.5, held.bestFit().get("mu"), 1e-6);
    }

    /** The demo's fit gives a band on the plot of the same column and binning, positive in every filled bin. */
    @Test
    void anEventsFitBandsThePlotOfItsColumnAndBinning() {
        EventsSource demo = Sources.demo(20_000, 42, m -> { });
        EventsWorkbench bench = new EventsWorkbench(demo);
        Axis axis = Axis.regular(10, 0, 150);
        DataSpec spec = new DataSpec.PseudoData(EventsWorkbench.truthOf(NuisanceValues.NOMINAL), 4);
        Analysis a = bench.fitTarget("DER_mass_vis", axis).analyse(spec,
                EventsWorkbench.asMap(NuisanceValues.NOMINAL), Set.of(), null, 5);
        Plot p = bench.plot("DER_mass_vis", axis, EventsWorkbench.fromMap(a.bestFit()), spec).withTotalBand(a.band());
        assertNotNull(p.totalBand());
        double[] exp = p.totalBand().expected();
        double[] sigma = p.totalBand().sigma();
        for (int k = 0; k < exp.length; k++) {
            if (exp[k] > 1) {
                assertTrue(sigma[k] > 0 && sigma[k] < exp[k], "bin " + k + ": " + sigma[k] + " of " + exp[k]);
            }
        }
        assertNull(bench.plot("DER_mass_vis", Axis.regular(12, 0, 150), NuisanceValues.NOMINAL, spec)
                .withTotalBand(a.band()).totalBand(), "another binning gets no band");
        assertEquals("HiggsML-like demo simulation   \u221as = 13 TeV, 10 fb\u207b\u00b9", p.experimentLabel());
    }
}
