package org.nuisance.engine.stats.toys;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.hipparchus.random.RandomDataGenerator;
import org.nuisance.engine.data.EventTable;
import org.nuisance.engine.higgsml.NuisanceParameter;
import org.nuisance.engine.higgsml.NuisanceValues;
import org.nuisance.engine.higgsml.PreparedEvents;
import org.nuisance.engine.higgsml.ShiftKernel;
import org.nuisance.engine.hist.ProcessHistograms;
import org.nuisance.engine.stats.fit.FitResult;
import org.nuisance.engine.stats.fit.Fitter;
import org.nuisance.engine.stats.fit.ProfileScan;
import org.nuisance.engine.stats.histfactory.Model;
import org.nuisance.engine.util.Parallel;

/**
 * The challenge's pseudo-experiments (../shared/reference/HIGGSML.md): per pseudo-experiment a true mu
 * ~ U(0.1, 3) and the nuisance parameters from their sampling laws (clipped to their allowed ranges), a
 * Poisson bootstrap of the events' weights (new weight = Poisson(factor_p w_i)), the shifts and cuts, a
 * histogram of the observable; then a fit of the binned model and [p16, p84] from the profile
 * likelihood of mu (2 Delta ln L = 1 crossings, root-found). Reports coverage, mean width, the
 * challenge's score and the mean bias. Seeded per pseudo-experiment: its random numbers come from the seed
 * and its global index alone, so results depend neither on the number of threads nor on how a run is
 * split into parts ({@link CoveragePart}). The events bootstrapped are the templates' own by default, or
 * an independent sample (the challenge's test set); with sets, mu is drawn once per set.
 * <p>
 * Two bootstraps, equal in law for the histogram: {@link Bootstrap#EVENT} draws a Poisson count per
 * event (the harness literally; an event drawn k times is histogrammed once with weight k);
 * {@link Bootstrap#BINNED} uses that a sum of independent Poisson variables is Poisson: the content of a
 * bin is Poisson(sum of factor_p w_i over the shifted events in it), minus an independent Poisson of the
 * negative weights' sum where there are any, so one kernel pass and one draw per bin suffice. (For
 * columns that depend on soft_met the harness gives each copy of an event its own soft term, which by
 * Poisson thinning makes each bin Poisson around the average over smearing realizations; here templates
 * and pseudo-experiments share one fixed realization (the templates' soft seed), so model and
 * pseudo-data agree and only the realization differs from that average.)
 */
public final class PseudoExperiments {

    /** How the event weights are bootstrapped. */
    public enum Bootstrap { BINNED, EVENT }

    /** One pseudo-experiment's truth and result. */
    public record Toy(double muTrue, double muHat, double p16, double p84, boolean bounded) {
        public boolean covers() {
            return p16 <= muTrue && muTrue <= p84;
        }
    }

    /** Coverage of mu_true by [p16, p84], mean width, score, mean (mu-hat - mu_true), and wall time. */
    public record Summary(int toys, double coverage, double meanWidth, double score, double meanBias,
                          int boundedIntervals, double seconds, List<Toy> results) {
    }

    private final HiggsTemplates templates;
    /** The events the pseudo-experiments are bootstrapped from: the templates' own, or an independent sample. */
    private final PreparedEvents pseudoEvents;
    private final Model model;
    private final Model smooth;
    private final double sigmaGuess;
    private final Bootstrap bootstrap;
    /** Events with processes split by weight sign (for the binned bootstrap), and |w|. */
    private PreparedEvents signed;
    private float[] absWeights;
    private int[] signedOrigin;
    private boolean[] signedNegative;

    public PseudoExperiments(HiggsTemplates templates, Model model) {
        this(templates, model, null, Bootstrap.BINNED);
    }

    /**
     * @param smooth a smooth approximation of model (or null) whose minimum starts each fit: with templates
     *               tabulated finely in alpha, -ln L has small ripples that a fit from afar can stall in
     */
    public PseudoExperiments(HiggsTemplates templates, Model model, Model smooth, Bootstrap bootstrap) {
        this(templates, model, smooth, bootstrap, templates.events());
    }

    /**
     * As {@link #PseudoExperiments(HiggsTemplates, Model, Model, Bootstrap)}, with the pseudo-experiments
     * bootstrapped from pseudoEvents: the challenge builds the model from training events and draws the
     * pseudo-experiments from a disjoint test set, whose weights stand for the same luminosity.
     */
    public PseudoExperiments(HiggsTemplates templates, Model model, Model smooth, Bootstrap bootstrap,
                             PreparedEvents pseudoEvents) {
        if (!pseudoEvents.table().processNames().equals(templates.events().table().processNames())) {
            throw new org.nuisance.engine.data.InputException("the pseudo-data's processes "
                    + pseudoEvents.table().processNames() + " differ from the templates' "
                    + templates.events().table().processNames());
        }
        this.pseudoEvents = pseudoEvents;
        if (smooth != null && smooth.size() != model.size()) {
            throw new IllegalArgumentException("the smooth model has " + smooth.size() + " parameters, the model "
                    + model.size() + ": build both from one workspace");
        }
        this.templates = templates;
        this.model = model;
        this.smooth = smooth;
        this.bootstrap = bootstrap;
        FitResult asimov = new Fitter(model, model.observedData()).fit();
        double s = asimov.errors()[model.poi()];
        this.sigmaGuess = Double.isFinite(s) && s > 0 ? s : 0.5;
        if (bootstrap == Bootstrap.BINNED) {
            prepareSigned(pseudoEvents.table());
        }
    }

    /**
     * The events again with each process split into its positive- and negative-weight events. For
     * columns that do not depend on the MET, events that fail the cuts at every allowed tes (PRI_lep_pt
     * below 20 GeV, or PRI_had_pt below 26 GeV even at the largest tes) are left out: about 11% of the
     * demo's events, and as much of each pseudo-experiment's time. (MET-dependent columns keep every
     * event so that each keeps its soft-MET draw, which is indexed by event.)
     */
    private void prepareSigned(EventTable all) {
        EventTable table = all;
        if (!templates.dependsOnMet()) {
            float[] lep = all.column(org.nuisance.engine.higgsml.Pri.LEP_PT);
            float[] had = all.column(org.nuisance.engine.higgsml.Pri.HAD_PT);
            double tesMax = NuisanceParameter.TES.max();
            int[] keep = new int[all.rows()];
            int kept = 0;
            for (int i = 0; i < all.rows(); i++) {
                if (lep[i] >= 19.99f && had[i] * tesMax >= 25.99) {
                    keep[kept++] = i;
                }
            }
            table = all.selectRows(keep, kept);
        }
        List<String> names = table.processNames();
        float[] w = table.weights();
        byte[] proc = table.processCodes();
        int np = names.size();
        byte[] codes = new byte[w.length];
        absWeights = new float[w.length];
        for (int i = 0; i < w.length; i++) {
            boolean neg = w[i] < 0;
            codes[i] = (byte) (proc[i] + (neg ? np : 0));
            absWeights[i] = Math.abs(w[i]);
        }
        List<String> levels = new ArrayList<>(names);
        for (String n : names) {
            levels.add(n + " (w<0)");
        }
        signedOrigin = new int[2 * np];
        signedNegative = new boolean[2 * np];
        for (int p = 0; p < 2 * np; p++) {
            signedOrigin[p] = p % np;
            signedNegative[p] = p >= np;
        }
        Map<String, float[]> numeric = new LinkedHashMap<>();
        for (String c : table.numericColumns()) {
            numeric.put(c, table.column(c));
        }
        Map<String, EventTable.Categorical> cat = new LinkedHashMap<>();
        for (String c : table.columnOrder()) {
            if (table.isCategorical(c)) {
                cat.put(c, table.categorical(c));
            }
        }
        cat.put(table.processColumn(), new EventTable.Categorical(codes, levels));
        EventTable split = new EventTable(table.rows(), table.columnOrder(), numeric, cat, table.weightColumn(),
                table.processColumn());
        signed = new PreparedEvents(split);
    }

    /** The nuisance parameters and true mu of a pseudo-experiment, drawn as the challenge's harness does. */
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

    /** Per-thread state: a kernel (not thread-safe) and a buffer for event-level Poisson counts. */
    private final class Worker {
        final ShiftKernel kernel = new ShiftKernel(bootstrap == Bootstrap.BINNED ? signed : pseudoEvents,
                templates.computedColumns());
        float[] counts;

        Toy run(long seed, int t, int toysPerSet) {
            SplittableRandom rng = new SplittableRandom(toySeed(seed, t));
            NuisanceValues np = draw(rng);
            if (toysPerSet > 0) {
                np = np.with(NuisanceParameter.MU, setMu(seed, t / toysPerSet));
            }
            long bootSeed = rng.nextLong();
            rng.nextLong(); // keeps the stream of draws stable; the soft-MET realization is the templates'
            long softSeed = templates.softSeed();
            EventTable table = pseudoEvents.table();
            List<String> names = table.processNames();
            double[] factor = new double[names.size()];
            for (int p = 0; p < factor.length; p++) {
                factor[p] = np.weightFactor(names.get(p));
            }
            double[] data;
            if (bootstrap == Bootstrap.EVENT) {
                if (counts == null) {
                    counts = new float[table.rows()];
                }
                PoissonBootstrap.draw(table.weights(), table.processCodes(), factor, bootSeed, counts);
                data = kernel.fill(templates.column(), templates.axis(), np, softSeed, counts).total().values();
            } else {
                ProcessHistograms h = kernel.fill(templates.column(), templates.axis(), np, softSeed, absWeights);
                int bins = templates.axis().bins();
                double[] pos = new double[bins];
                double[] neg = new double[bins];
                for (int p = 0; p < signedOrigin.length; p++) {
                    double f = factor[signedOrigin[p]];
                    double[] v = h.histograms().get(p).values();
                    double[] into = signedNegative[p] ? neg : pos;
                    for (int b = 0; b < bins; b++) {
                        into[b] += f * v[b];
                    }
                }
                RandomDataGenerator gen = new RandomDataGenerator(bootSeed);
                data = new double[bins];
                for (int b = 0; b < bins; b++) {
                    data[b] = (pos[b] > 0 ? gen.nextPoisson(pos[b]) : 0) - (neg[b] > 0 ? gen.nextPoisson(neg[b]) : 0);
                }
            }
            for (int b = 0; b < data.length; b++) {
                // negative weights can leave a bin below zero, which no Poisson likelihood accepts
                data[b] = Math.max(0, data[b]);
            }
            return fitToy(np.mu(), data);
        }
    }

    private Toy fitToy(double muTrue, double[] data) {
        int poi = model.poi();
        double[] start = model.inits();
        if (smooth != null) {
            start = new Fitter(smooth, smooth.dataWith(data)).minimize(start, new int[0], new double[0]).x();
        }
        Fitter fitter = new Fitter(model, model.dataWith(data));
        ProfileScan scan = new ProfileScan(fitter, poi, new int[0], null, start);
        double[] iv = scan.interval(ProfileScan.LEVEL_68, sigmaGuess);
        boolean bounded = Double.isNaN(iv[0]) || Double.isNaN(iv[1]);
        double p16 = Double.isNaN(iv[0]) ? model.parameter(poi).lo() : iv[0];
        double p84 = Double.isNaN(iv[1]) ? model.parameter(poi).hi() : iv[1];
        return new Toy(muTrue, scan.best(), p16, p84, bounded);
    }

    /** Runs toys pseudo-experiments on all cores; pseudo-experiment t depends only on (seed, t). */
    public Summary run(int toys, long seed) {
        return run(toys, seed, done -> { }, () -> false);
    }

    /**
     * As {@link #run(int, long)}, reporting the number of finished pseudo-experiments after each one and
     * stopping (with a {@link java.util.concurrent.CancellationException}) soon after cancelled turns true.
     */
    public Summary run(int toys, long seed, java.util.function.IntConsumer onDone,
                       java.util.function.BooleanSupplier cancelled) {
        if (toys < 1) {
            throw new IllegalArgumentException("--toys must be >= 1, got " + toys);
        }
        return run(0, toys, seed, onDone, cancelled);
    }

    /**
     * Pseudo-experiments first ... first + count - 1 of the run with this seed. Each one's random numbers
     * come from its global index alone ({@link #toySeed}), so parts run anywhere (another process or
     * machine, any number of threads) and concatenated in index order give exactly the whole run.
     */
    public Summary run(int first, int count, long seed, java.util.function.IntConsumer onDone,
                       java.util.function.BooleanSupplier cancelled) {
        return run(first, count, seed, 0, onDone, cancelled);
    }

    /**
     * As {@link #run(int, int, long, java.util.function.IntConsumer, java.util.function.BooleanSupplier)},
     * in sets as the challenge has them when toysPerSet > 0: pseudo-experiment t belongs to set
     * t / toysPerSet, whose true mu ~ U(0.1, 3) is drawn from the seed and the set's index alone
     * ({@link #setMu}); the nuisance parameters are drawn per pseudo-experiment as before.
     */
    public Summary run(int first, int count, long seed, int toysPerSet, java.util.function.IntConsumer onDone,
                       java.util.function.BooleanSupplier cancelled) {
        if (first < 0) {
            throw new IllegalArgumentException("--first must be >= 0, got " + first);
        }
        if (count < 1) {
            throw new IllegalArgumentException("--count must be >= 1, got " + count);
        }
        long t0 = System.nanoTime();
        Toy[] results = new Toy[count];
        AtomicInteger finished = new AtomicInteger();
        Parallel.forEachTask(count, Math.max(1, Parallel.threads()), "pseudo-experiments", () -> {
            Worker worker = new Worker();
            return t -> {
                results[t] = worker.run(seed, first + t, toysPerSet);
                onDone.accept(finished.incrementAndGet());
            };
        }, cancelled);
        if (cancelled.getAsBoolean()) {
            throw new java.util.concurrent.CancellationException("pseudo-experiments cancelled after "
                    + finished.get() + " of " + count);
        }
        return summarise(Arrays.asList(results), (System.nanoTime() - t0) / 1e9);
    }

    /** The true mu of set k of the run with this seed: U(0.1, 3), as the challenge draws it per set. */
    public static double setMu(long seed, int set) {
        SplittableRandom rng = new SplittableRandom(PoissonBootstrap.mix(seed * 0xC2B2AE3D27D4EB4FL + 0x5E7 + set));
        return 0.1 + 2.9 * rng.nextDouble();
    }

    /**
     * The standard deviation of the score over bootstrap replicas of the sets (sets drawn with replacement,
     * their pseudo-experiments pooled, coverage and mean width recomputed, the score with the full count),
     * as the challenge's scoring program reports the score's uncertainty. toys must be whole sets in order.
     */
    public static double scoreUncertainty(List<Toy> toys, int toysPerSet, int replicas, long seed) {
        int sets = toys.size() / toysPerSet;
        if (sets < 2 || sets * toysPerSet != toys.size()) {
            return Double.NaN;
        }
        int[] covered = new int[sets];
        double[] width = new double[sets];
        for (int t = 0; t < toys.size(); t++) {
            Toy toy = toys.get(t);
            covered[t / toysPerSet] += toy.covers() ? 1 : 0;
            width[t / toysPerSet] += toy.p84() - toy.p16();
        }
        SplittableRandom rng = new SplittableRandom(PoissonBootstrap.mix(seed ^ 0xB007L));
        double sum = 0;
        double sum2 = 0;
        for (int r = 0; r < replicas; r++) {
            int c = 0;
            double w = 0;
            for (int k = 0; k < sets; k++) {
                int pick = rng.nextInt(sets);
                c += covered[pick];
                w += width[pick];
            }
            double score = ChallengeScore.score(w / toys.size(), (double) c / toys.size(), toys.size());
            sum += score;
            sum2 += score * score;
        }
        double mean = sum / replicas;
        return Math.sqrt(Math.max(0, sum2 / replicas - mean * mean));
    }

    /** The random stream of pseudo-experiment index t of the run with this seed. */
    static long toySeed(long seed, long t) {
        return PoissonBootstrap.mix(seed * 0x9E3779B97F4A7C15L + t);
    }

    /** Coverage, mean width, score, mean bias and bounded intervals of a list of pseudo-experiments. */
    public static Summary summarise(List<Toy> results, double seconds) {
        int covered = 0;
        int bounded = 0;
        double width = 0;
        double bias = 0;
        for (Toy toy : results) {
            covered += toy.covers() ? 1 : 0;
            bounded += toy.bounded() ? 1 : 0;
            width += toy.p84() - toy.p16();
            bias += toy.muHat() - toy.muTrue();
        }
        int toys = results.size();
        double coverage = (double) covered / toys;
        double meanWidth = width / toys;
        return new Summary(toys, coverage, meanWidth, ChallengeScore.score(meanWidth, coverage, toys), bias / toys,
                bounded, seconds, List.copyOf(results));
    }
}
