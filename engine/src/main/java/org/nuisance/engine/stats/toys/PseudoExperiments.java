package org.nuisance.engine.stats.toys;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nuisance.engine.data.EventTable;
import org.nuisance.engine.higgsml.NuisanceParameter;
import org.nuisance.engine.higgsml.NuisanceValues;
import org.nuisance.engine.higgsml.ShiftKernel;
import org.nuisance.engine.hist.ProcessHistograms;
import org.nuisance.engine.stats.fit.FitResult;
import org.nuisance.engine.stats.fit.Fitter;
import org.nuisance.engine.stats.fit.ProfileScan;
import org.nuisance.engine.stats.histfactory.Model;

/**
 * The challenge's pseudo-experiments (../shared/reference/HIGGSML.md): per pseudo-experiment a true mu
 * ~ U(0.1, 3) and the nuisance parameters from their sampling laws (clipped to their allowed ranges), a
 * Poisson bootstrap of the events' weights ({@link PoissonBootstrap}), the shifts and cuts, a histogram
 * of the observable; then a fit of the binned model and [p16, p84] from the profile likelihood of mu
 * (2 Delta ln L = 1 crossings, root-found). Reports coverage, mean width, the challenge's score and the
 * mean bias. The templates are built once; each pseudo-experiment costs one bootstrap and one kernel
 * pass over the events (both on all cores) and a handful of fits. Seeded and reproducible.
 */
public final class PseudoExperiments {

    /** One pseudo-experiment's truth and result. */
    public record Toy(double muTrue, double muHat, double p16, double p84, boolean converged) {
        public boolean covers() {
            return p16 <= muTrue && muTrue <= p84;
        }
    }

    /** Coverage of mu_true by [p16, p84], mean width, score, mean (mu-hat - mu_true), and wall time. */
    public record Summary(int toys, double coverage, double meanWidth, double score, double meanBias,
                          int notConverged, double seconds, List<Toy> results) {
    }

    private final HiggsTemplates templates;
    private final Model model;
    private final ShiftKernel kernel;
    private final double sigmaGuess;

    public PseudoExperiments(HiggsTemplates templates, Model model) {
        this.templates = templates;
        this.model = model;
        this.kernel = new ShiftKernel(templates.events());
        FitResult asimov = new Fitter(model, model.observedData()).fit();
        double s = asimov.errors()[model.poi()];
        this.sigmaGuess = Double.isFinite(s) && s > 0 ? s : 0.5;
    }

    /** The nuisance parameters and true mu of pseudo-experiment i, drawn as the challenge's harness does. */
    public static NuisanceValues draw(SplittableRandom rng) {
        double mu = 0.1 + 2.9 * rng.nextDouble();
        double tes = gauss(rng, NuisanceParameter.TES);
        double jes = gauss(rng, NuisanceParameter.JES);
        double soft = clip(Math.exp(rng.nextGaussian() * NuisanceParameter.SOFT_MET.sigma()), NuisanceParameter.SOFT_MET);
        double ttbar = gauss(rng, NuisanceParameter.TTBAR_SCALE);
        double diboson = gauss(rng, NuisanceParameter.DIBOSON_SCALE);
        double bkg = gauss(rng, NuisanceParameter.BKG_SCALE);
        return new NuisanceValues(tes, jes, soft, ttbar, diboson, bkg, mu);
    }

    private static double gauss(SplittableRandom rng, NuisanceParameter p) {
        return clip(p.nominal() + p.sigma() * rng.nextGaussian(), p);
    }

    private static double clip(double v, NuisanceParameter p) {
        return Math.min(p.max(), Math.max(p.min(), v));
    }

    public Summary run(int toys, long seed) {
        if (toys < 1) {
            throw new IllegalArgumentException("--toys must be >= 1, got " + toys);
        }
        long t0 = System.nanoTime();
        EventTable table = templates.events().table();
        float[] weights = table.weights();
        byte[] process = table.processCodes();
        List<String> names = table.processNames();
        float[] counts = new float[weights.length];
        double[] factor = new double[names.size()];
        int poi = model.poi();
        double lo = model.parameter(poi).lo();
        double hi = model.parameter(poi).hi();
        List<Toy> out = new ArrayList<>();
        int covered = 0;
        int bad = 0;
        double width = 0;
        double bias = 0;
        for (int t = 0; t < toys; t++) {
            SplittableRandom rng = new SplittableRandom(PoissonBootstrap.mix(seed * 0x9E3779B97F4A7C15L + t));
            NuisanceValues np = draw(rng);
            for (int p = 0; p < factor.length; p++) {
                factor[p] = np.weightFactor(names.get(p));
            }
            long toySeed = rng.nextLong();
            PoissonBootstrap.draw(weights, process, factor, toySeed, counts);
            ProcessHistograms h = kernel.fill(templates.column(), templates.axis(), np, rng.nextLong(), counts);
            double[] data = h.total().values();
            Fitter fitter = new Fitter(model, model.dataWith(data));
            ProfileScan scan = new ProfileScan(model, fitter, poi, new int[0]);
            double[] iv = scan.interval(ProfileScan.LEVEL_68, sigmaGuess);
            double p16 = Double.isNaN(iv[0]) ? lo : iv[0];
            double p84 = Double.isNaN(iv[1]) ? hi : iv[1];
            boolean ok = !Double.isNaN(iv[0]) && !Double.isNaN(iv[1]);
            Toy toy = new Toy(np.mu(), scan.best(), p16, p84, ok);
            out.add(toy);
            covered += toy.covers() ? 1 : 0;
            bad += ok ? 0 : 1;
            width += p84 - p16;
            bias += scan.best() - np.mu();
        }
        double coverage = (double) covered / toys;
        double meanWidth = width / toys;
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Summary(toys, coverage, meanWidth, ChallengeScore.score(meanWidth, coverage, toys), bias / toys, bad,
                seconds, out);
    }
}
