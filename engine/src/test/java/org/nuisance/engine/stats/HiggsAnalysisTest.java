package org.nuisance.engine.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nuisance.engine.higgsml.DemoGenerator;
import org.nuisance.engine.higgsml.NuisanceParameter;
import org.nuisance.engine.higgsml.NuisanceValues;
import org.nuisance.engine.higgsml.PreparedEvents;
import org.nuisance.engine.hist.Axis;
import org.nuisance.engine.stats.fit.LikelihoodSummary;
import org.nuisance.engine.stats.toys.HiggsAnalysis;

/** The likelihood view's analysis on demo events: Asimov closure, and the ordering of the three scans. */
class HiggsAnalysisTest {

    static HiggsAnalysis analysis;

    @BeforeAll
    static void build() {
        analysis = new HiggsAnalysis(PreparedEvents.of(DemoGenerator.generate(100_000, 9)), "DER_mass_vis",
                Axis.regular(30, 0, 150), 31415);
    }

    @Test
    void asimovAtChosenValuesFitsBackToThem() {
        NuisanceValues truth = NuisanceValues.NOMINAL.with(NuisanceParameter.MU, 1.6)
                .with(NuisanceParameter.TES, 1.0).with(NuisanceParameter.SOFT_MET, 1.0);
        LikelihoodSummary s = analysis.analyse(analysis.asimov(truth), truth, 21);
        assertTrue(s.fit().converged(), s.fit().reason());
        assertEquals(1.6, s.fit().value("mu"), 1e-3, "Asimov data give the true mu back");
        assertEquals(1.6, s.profiled().best(), 1e-3);
        double profiledWidth = s.profiled().interval68()[1] - s.profiled().interval68()[0];
        double statWidth = s.statOnly().interval68()[1] - s.statOnly().interval68()[0];
        assertTrue(statWidth <= profiledWidth + 1e-9, "profiling nuisance parameters cannot narrow the interval: "
                + statWidth + " vs " + profiledWidth);
        // frozen at the true values = frozen at the Asimov best fit: the same as stat-only
        assertEquals(s.statOnly().interval68()[0], s.frozen().interval68()[0], 1e-3);
        assertEquals(s.statOnly().interval68()[1], s.frozen().interval68()[1], 1e-3);
    }

    @Test
    void slidersMapToParametersAndBack() {
        NuisanceValues v = new NuisanceValues(1.02, 0.99, 2.0, 1.05, 1.3, 1.002, 1.4);
        NuisanceValues back = analysis.values(analysis.point(v), NuisanceValues.NOMINAL);
        for (NuisanceParameter p : NuisanceParameter.values()) {
            if (analysis.model().indexOf(p.key()) >= 0 || p == NuisanceParameter.MU) {
                assertEquals(v.get(p), back.get(p), 1e-12, p.key());
            }
        }
    }

    @Test
    void frozenWrongTesPullsTheMuCurve() {
        NuisanceValues truth = NuisanceValues.NOMINAL.with(NuisanceParameter.SOFT_MET, 1.0);
        NuisanceValues wrong = truth.with(NuisanceParameter.TES, 1.02);
        LikelihoodSummary s = analysis.analyse(analysis.asimov(truth), wrong, 21);
        double frozenBest = s.frozen().best();
        assertTrue(Math.abs(frozenBest - 1.0) > 0.05,
                "with tes frozen 2 sigma off, mu absorbs the mismodelling: best " + frozenBest);
        assertEquals(1.0, s.profiled().best(), 1e-3);
    }

    @Test
    void scanningANuisanceParameterMatchesItsHessianError(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws java.io.IOException {
        NuisanceValues truth = NuisanceValues.NOMINAL.with(NuisanceParameter.SOFT_MET, 1.0);
        LikelihoodSummary s = analysis.analyse(analysis.asimov(truth), truth, java.util.Set.of(), "tes", 21);
        assertEquals("tes", s.profiled().parameter());
        assertEquals(0, s.profiled().best(), 1e-3, "Asimov at nominal: alpha_tes-hat = 0");
        double error = s.fit().error("tes");
        // near a parabolic minimum the 68% crossings sit one Hessian error either side
        assertEquals(-error, s.profiled().interval68()[0], 0.1 * error);
        assertEquals(error, s.profiled().interval68()[1], 0.1 * error);
        java.nio.file.Path csv = tmp.resolve("scan.csv");
        org.nuisance.engine.stats.fit.ScanCsv.write(csv, s.profiled(), s.frozen(), s.statOnly());
        java.util.List<String> lines = java.nio.file.Files.readAllLines(csv);
        assertEquals(22, lines.size());
        assertEquals("tes,twice_delta_nll_profiled,twice_delta_nll_frozen,twice_delta_nll_stat_only", lines.get(0));
    }

    @Test
    void pseudoExperimentsReportProgressAndStopWhenCancelled() {
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        var pe = analysis.pseudoExperiments();
        var summary = pe.run(6, 3, done::set, () -> false);
        assertEquals(6, summary.toys());
        assertEquals(6, done.get(), "one report per pseudo-experiment");
        java.util.concurrent.atomic.AtomicInteger seen = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.CancellationException e = org.junit.jupiter.api.Assertions.assertThrows(
                java.util.concurrent.CancellationException.class, () -> pe.run(500, 3, seen::set, () -> seen.get() >= 2));
        assertTrue(seen.get() < 50, "stopped soon after the cancel: " + seen.get() + " done; " + e.getMessage());
    }
}
