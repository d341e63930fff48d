package org.nuisance.engine.omnifold.unfold;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.nuisance.engine.hist.Axis;
import org.nuisance.engine.ml.ClassifierConfig;
import org.nuisance.engine.omnifold.OmniFoldExplorer;
import org.nuisance.engine.omnifold.OmniFoldTable;
import org.nuisance.engine.omnifold.UnfoldedResult;
import org.nuisance.engine.omnifold.WeightScheme;

/**
 * OmniFold with DJL networks against known truths, at CI size (the full-size runs, 10^5 events, are in
 * docs/omnifold-unfold.md with their numbers). Truths: the Gaussian toy's data truth N(mu, sigma) in
 * closed form (bin contents N [Phi(b) - Phi(a)]); the Z+jets toy's simulation truth for closure.
 * Uncertainties are those {@code omnifold hist} reports for the written result (UncertaintyRecipe).
 */
class OmniFoldToyAcceptanceTest {

    /** Events per sample in CI; mean and sd tolerances widen with sqrt(10^5 / N) from the 0.02 at 10^5. */
    static final int CI_EVENTS = 20000;

    /** Unfolded mean, sd, chi2/ndf against the exact truth, the same for the prior (weight_mc scaled to the data), sum of weights. */
    record Outcome(double mean, double sd, double chi2PerNdf, double priorChi2PerNdf, double sum) {
    }

    static Outcome gaussian(ToyGenerator.Gaussian p, int events, long seed) {
        ToyGenerator.Toy toy = ToyGenerator.gaussian(events, seed, p);
        UnfoldingInputs in = UnfoldingInputs.of(toy.data(), toy.mc(), null, List.of("x"));
        OmniFoldUnfolding.Settings s = new OmniFoldUnfolding.Settings(3, 2, 2, 2, seed, 1);
        // the default network and training; a batch scaled with the sample, so that each training takes about
        // as many gradient steps as at 10^5 events with the default batch of 2048
        ClassifierConfig cfg = NeuralReweighter.defaultConfig(NeuralReweighter.DEFAULT_EPOCHS, seed)
                .withBatchSize(Math.max(256, 2048 * events / 100000));
        OmniFoldTable t = OmniFoldUnfolding.run(in, s, w -> new NeuralReweighter(cfg, null), null, () -> false).table();
        float[] x = t.column("x");
        float[] w = t.column(WeightScheme.NOMINAL);
        double sw = 0;
        double sx = 0;
        for (int i = 0; i < x.length; i++) {
            sw += w[i];
            sx += w[i] * x[i];
        }
        double mean = sx / sw;
        double sxx = 0;
        for (int i = 0; i < x.length; i++) {
            sxx += w[i] * (x[i] - mean) * (x[i] - mean);
        }
        Axis axis = Axis.regular(20, -3, 3);
        UnfoldedResult r = new OmniFoldExplorer(t, WeightScheme.detect(t)).result("x", axis);
        double chi2 = 0;
        double priorChi2 = 0;
        double[] prior = new OmniFoldExplorer(t, WeightScheme.detect(t)).histogramMatrix("x", axis).values(WeightScheme.PRIOR);
        double dataSum = events; // unit weights, every event passes
        for (int b = 0; b < 20; b++) {
            double lo = axis.edge(b);
            double hi = axis.edge(b + 1);
            double truth = dataSum * (phi((hi - p.dataMean()) / p.dataSigma()) - phi((lo - p.dataMean()) / p.dataSigma()))
                    / (hi - lo);
            double pull = (r.dsigmaDx()[b] - truth) / r.total()[b];
            chi2 += pull * pull;
            double priorPull = (prior[b] * dataSum / events / (hi - lo) - truth) / r.total()[b];
            priorChi2 += priorPull * priorPull;
        }
        Outcome o = new Outcome(mean, Math.sqrt(sxx / sw), chi2 / 20, priorChi2 / 20, sw);
        System.out.printf(Locale.ROOT, "gaussian toy %s, %d events: mean %.4f sd %.4f chi2/ndf %.2f (prior %.1f) sum %.1f%n",
                p, events, o.mean(), o.sd(), o.chi2PerNdf(), o.priorChi2PerNdf(), o.sum());
        return o;
    }

    /**
     * The criterion at CI size (2 x 10^4 events, 3 iterations, 2 ensemble members, 2 + 2 bootstraps):
     * mean and sd within 0.02 of the data truth, widened by sqrt(10^5 / N) for the smaller sample (the
     * statistical part scales so; the full-size runs at 10^5 events, several seeds, are in
     * docs/omnifold-unfold.md), and chi2/ndf <= 2 in 20 bins on [-3, 3] against the exact truth with the
     * total uncertainty {@code omnifold hist} reports. Before the fix (zero biases, patience 3) the same run gave
     * sd 0.940 and chi2/ndf 22.
     */
    @Test
    void gaussianToyUnfoldsToTheDataTruth() {
        ToyGenerator.Gaussian p = ToyGenerator.Gaussian.DEMO;
        Outcome o = gaussian(p, CI_EVENTS, 4);
        meetsTheCriterion(p, o, CI_EVENTS);
        assertEquals(CI_EVENTS, o.sum(), 1e-3 * CI_EVENTS);
    }

    @Test
    void gaussianToyWithOtherParametersUnfoldsToItsTruth() {
        // the other example: a wider, shifted data truth over a unit simulation, a finer resolution
        ToyGenerator.Gaussian p = new ToyGenerator.Gaussian(0.3, 1.2, 0.0, 1.0, 0.4);
        Outcome o = gaussian(p, CI_EVENTS, 5);
        meetsTheCriterion(p, o, CI_EVENTS);
    }

    private static void meetsTheCriterion(ToyGenerator.Gaussian p, Outcome o, int events) {
        double tol = 0.02 * Math.sqrt(1e5 / events);
        assertEquals(p.dataMean(), o.mean(), tol, "mean");
        assertEquals(p.dataSigma(), o.sd(), tol, "sd");
        assertTrue(o.chi2PerNdf() <= 2, "chi2/ndf " + o.chi2PerNdf() + " (prior " + o.priorChi2PerNdf() + ")");
    }

    @Test
    void zjetsClosureReturnsTheSimulationTruthWithinTheBootstraps() {
        int events = 10000;
        ToyGenerator.Toy toy = ToyGenerator.zjets(events, 5, true);
        UnfoldingInputs in = UnfoldingInputs.of(toy.data(), toy.mc(), null, ToyGenerator.ZJETS_OBSERVABLES);
        OmniFoldUnfolding.Settings s = new OmniFoldUnfolding.Settings(3, 0, 4, 4, 5, 1);
        // a short CI training (3 epochs of Adam 1e-3, batch 1024, fixed rate, zero biases): with the default's
        // 3e-3 and cosine decay squeezed into 3 epochs, y_ll closed only to chi2/ndf 5.8 (not investigated further)
        ClassifierConfig cfg = NeuralReweighter.defaultConfig(3, 5).toBuilder().learningRate(1e-3f).batchSize(1024).build();
        OmniFoldTable t = OmniFoldUnfolding.run(in, s, w -> new NeuralReweighter(cfg, null, 1f, false), null, () -> false)
                .table();
        OmniFoldExplorer ex = new OmniFoldExplorer(t, WeightScheme.detect(t));
        double[][] edges = {{25, 35, 50, 70, 100, 150}, {-2, -1, 0, 1, 2}, {0, 20, 40, 60, 100, 200}, {0, 8, 11, 14, 18, 40}};
        for (int k = 0; k < 4; k++) {
            String obs = ToyGenerator.ZJETS_OBSERVABLES.get(k);
            Axis axis = Axis.variable(edges[k]);
            UnfoldedResult r = ex.result(obs, axis);
            // the simulation's truth: pass_gen events, unit weights; the data sample has as many generated events
            double[] truth = new double[axis.bins()];
            float[] g = toy.mc().column(obs + "_gen");
            float[] pg = toy.mc().column("pass_gen");
            for (int i = 0; i < g.length; i++) {
                int b = axis.index(g[i]) - 1;
                if (pg[i] == 1f && b >= 0 && b < axis.bins()) {
                    truth[b] += 1;
                }
            }
            double chi2 = 0;
            for (int b = 0; b < axis.bins(); b++) {
                double sd = Math.hypot(r.uncertainties().get("data_stat")[b], r.uncertainties().get("mc_stat")[b])
                        * axis.width(b);
                double pull = (r.nominal()[b] - truth[b]) / sd;
                chi2 += pull * pull;
            }
            System.out.printf(Locale.ROOT, "zjets closure %s: chi2/ndf %.2f%n", obs, chi2 / axis.bins());
            assertTrue(chi2 / axis.bins() <= 3, obs + ": chi2/ndf " + chi2 / axis.bins());
        }
    }

    @Test
    void aMemberIsReproducibleFromItsSeedAlone() {
        ToyGenerator.Toy toy = ToyGenerator.gaussian(2000, 8, ToyGenerator.Gaussian.DEMO);
        UnfoldingInputs in = UnfoldingInputs.of(toy.data(), toy.mc(), null, List.of("x"));
        OmniFoldUnfolding.Settings s = new OmniFoldUnfolding.Settings(1, 2, 1, 0, 8, 1);
        NeuralReweighter rw = new NeuralReweighter(NeuralReweighter.defaultConfig(1, 8), null);
        OmniFoldUnfolding.Job boot = new OmniFoldUnfolding.Job(OmniFoldUnfolding.Family.BOOTSTRAP_DATA, 0);
        double[] a = OmniFoldUnfolding.runJob(in, boot, s, rw, MultiFold.Progress.NONE);
        double[] b = OmniFoldUnfolding.runJob(in, boot, s, rw, MultiFold.Progress.NONE);
        assertArrayEquals(a, b, 0.0);
        double[] c = OmniFoldUnfolding.runJob(in, new OmniFoldUnfolding.Job(OmniFoldUnfolding.Family.ENSEMBLE, 1), s, rw,
                MultiFold.Progress.NONE);
        assertFalse(java.util.Arrays.equals(a, c));
    }

    static double phi(double z) {
        return 0.5 * org.hipparchus.special.Erf.erfc(-z / Math.sqrt(2));
    }
}
