package org.nuisance.engine.nsbi;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.nuisance.engine.data.EventTable;
import org.nuisance.engine.data.InputException;
import org.nuisance.engine.higgsml.NuisanceParameter;
import org.nuisance.engine.higgsml.NuisanceValues;
import org.nuisance.engine.higgsml.PreparedEvents;
import org.nuisance.engine.higgsml.Systematics;
import org.nuisance.engine.ml.ClassifierConfig;
import org.nuisance.engine.ml.ComputeDevice;
import org.nuisance.engine.ml.TrainingProgressListener;
import org.nuisance.engine.stats.Parameter;

/**
 * The trained unbinned (NSBI) model of the FAIR Universe analysis: for each process p a calibrated
 * density-ratio ensemble r_p = p_p / p_ref against the reference p_ref = the nominal background mixture in
 * its own proportions. The background ratios are normalised per event so that sum_b (Y_b / Y_B) r_b = 1
 * exactly: at nominal normalisations the background density is the reference itself, whatever the networks'
 * errors, which would otherwise be a million events' worth of error against a thousand signal events. The
 * signal's ratio is learned against the background on class-balanced samples (the signal is half of its
 * training weight, not the permille it is of the data). Then GOLLUM's joint systematic network
 * Delta_p(x) over (tes, jes, soft_met), the rate slopes c_p fitted to exact sums of shifted weights, and the
 * moments of Delta_p over the process's nominal events for Z_p. {@link #likelihood} evaluates the networks once on a dataset and returns the
 * {@link UnbinnedLikelihood} over mu, the three shape alphas and the three normalisations.
 * <p>
 * Parameters: mu (free, [0, 10]); tes, jes as alphas (theta = 1 + 0.01 alpha), soft_met as alpha =
 * ln(soft_met / GeV), each unit-Gaussian constrained; ttbar_scale, diboson_scale, bkg_scale as factors with
 * the challenge's Gaussian widths. Holds native memory: close it.
 */
public final class NsbiModel implements AutoCloseable {

    public static final String CARD_FILE = "nsbi.json";
    public static final String FORMAT = "nuisance-nsbi/1";
    /** The shape parameters of the joint systematic model, in the order of u. */
    public static final List<NuisanceParameter> SHAPES = List.of(NuisanceParameter.TES, NuisanceParameter.JES,
            NuisanceParameter.SOFT_MET);
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Card card;
    private final List<RatioEnsemble> ratios;
    private final List<ShapeNetwork> shapes;

    /** What the JSON card holds: how the model was trained and its small numeric parts. */
    public record Card(String format, List<String> features, List<String> processes, double[] yields,
                       double[][] rateSlopes, long seed, int trainingEvents, int ensemble, int epochs,
                       int hiddenLayers, int width, int designPoints, int eventsPerDesignPoint, String device,
                       double seconds, double[] calibrationChi2, double[][] designPointsU, double[][] rateRatios,
                       double[][] deltaMean, double[][] deltaCov, double[] lnRatioNorm) {
    }

    /** Training options beyond the classifier settings. */
    public record Options(List<String> features, int ensemble, ClassifierConfig config, int designPoints,
                          int eventsPerDesignPoint, int calibrationBins, int normalisationEvents, long softSeed) {
        public static Options defaults(List<String> features) {
            return new Options(features, 3, ClassifierConfig.defaults().withArchitecture(3, 64,
                    ClassifierConfig.ActivationFunction.TANH).withEpochs(20).withPatience(5), 24, 8000, 20, 4000, 31415);
        }

        public Options withEnsemble(int k) {
            return new Options(features, k, config, designPoints, eventsPerDesignPoint, calibrationBins,
                    normalisationEvents, softSeed);
        }

        public Options withConfig(ClassifierConfig c) {
            return new Options(features, ensemble, c, designPoints, eventsPerDesignPoint, calibrationBins,
                    normalisationEvents, softSeed);
        }

        public Options withDesign(int points, int perPoint) {
            return new Options(features, ensemble, config, points, perPoint, calibrationBins, normalisationEvents,
                    softSeed);
        }

        public Options withSoftSeed(long s) {
            return new Options(features, ensemble, config, designPoints, eventsPerDesignPoint, calibrationBins,
                    normalisationEvents, s);
        }
    }

    private NsbiModel(Card card, List<RatioEnsemble> ratios, List<ShapeNetwork> shapes) {
        this.card = card;
        this.ratios = ratios;
        this.shapes = shapes;
    }

    public Card card() {
        return card;
    }

    public List<RatioEnsemble> ratios() {
        return ratios;
    }

    /** The model's nominal point: tes = jes = 1, soft_met = 1 GeV (alpha 0), normalisations 1, mu = 1. */
    public static NuisanceValues nominal() {
        return NuisanceValues.NOMINAL.with(NuisanceParameter.SOFT_MET, 1.0);
    }

    /** The alpha of a shape parameter at value theta (soft_met: ln theta). */
    public static double alpha(NuisanceParameter p, double theta) {
        return p == NuisanceParameter.SOFT_MET ? Math.log(Math.max(theta, 1e-12)) / p.sigma()
                : (theta - p.nominal()) / p.sigma();
    }

    /** The value of a shape parameter at alpha. */
    public static double theta(NuisanceParameter p, double alpha) {
        return p == NuisanceParameter.SOFT_MET ? Math.exp(alpha * p.sigma()) : p.nominal() + alpha * p.sigma();
    }

    static float[][] columns(EventTable t, List<String> features) {
        float[][] c = new float[features.size()][];
        for (int f = 0; f < c.length; f++) {
            if (!t.hasColumn(features.get(f))) {
                throw new InputException("--features: '" + features.get(f) + "' is not a numeric column; columns: "
                        + String.join(", ", t.numericColumns()));
            }
            c[f] = t.column(features.get(f));
        }
        return c;
    }

    private static EventTable ofProcess(EventTable t, int p) {
        byte[] codes = t.processCodes();
        int[] idx = new int[t.rows()];
        int k = 0;
        for (int i = 0; i < codes.length; i++) {
            if (codes[i] == p) {
                idx[k++] = i;
            }
        }
        return t.selectRows(idx, k);
    }

    private static EventTable subsample(EventTable t, int max, SplittableRandom rng) {
        if (t.rows() <= max) {
            return t;
        }
        int[] idx = new int[t.rows()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        for (int i = 0; i < max; i++) {
            int j = i + rng.nextInt(idx.length - i);
            int x = idx[i];
            idx[i] = idx[j];
            idx[j] = x;
        }
        int[] keep = Arrays.copyOf(idx, max);
        Arrays.sort(keep);
        return t.selectRows(keep, max);
    }

    /**
     * Where each process's density-ratio ensemble comes from: trained here ({@link RatioEnsemble#train}), or
     * from members trained by shards ({@link #trainRatioMembers}) and calibrated here.
     */
    @FunctionalInterface
    public interface RatioSource {
        /** The ratio of process {@code process} (named {@code name}) for the samples and settings given. */
        RatioEnsemble ratio(int process, String name, List<String> features, float[][] num, float[] numW,
                            float[][] den, float[] denW, ClassifierConfig config, int members, int calibrationBins,
                            TrainingProgressListener listener);
    }

    /** Trains every ratio ensemble in this process. */
    public static final RatioSource TRAIN_HERE = (p, name, f, num, numW, den, denW, cfg, k, bins, l) ->
            RatioEnsemble.train(f, num, numW, den, denW, cfg, k, bins, l);

    /** Receives one process's ratio members trained by {@link #trainRatioMembers}. */
    @FunctionalInterface
    public interface MemberSink {
        /** Members {@code [first, first + members.size())} of process {@code name}'s ratio; the sink closes them. */
        void accept(int process, String name, int first, List<org.nuisance.engine.ml.TrainedClassifier> members);
    }

    /** The nominal events, their processes and yields, and the background reference every ratio is trained against. */
    private record Prologue(EventTable nominal, List<String> procs, double[] yields, EventTable reference,
                            float[][] allCols, float[] refW) {
        static Prologue of(EventTable raw, Options o) {
            PreparedEvents prepared = PreparedEvents.of(raw);
            EventTable nominal = Systematics.apply(prepared, NsbiModel.nominal(), o.softSeed());
            List<String> procs = nominal.processNames();
            int np = procs.size();
            double[] yields = new double[np];
            byte[] codes = nominal.processCodes();
            float[] w = nominal.weights();
            for (int i = 0; i < codes.length; i++) {
                yields[codes[i]] += w[i];
            }
            // the reference: the background mixture at nominal, in its own proportions (signal excluded), so the
            // normalised background ratios sum to the reference exactly and only the signal's ratio is free
            boolean[] signal = new boolean[np];
            double yieldB = 0;
            for (int p = 0; p < np; p++) {
                signal[p] = EventTable.isSignalProcess(procs.get(p));
                if (!signal[p]) {
                    yieldB += yields[p];
                }
            }
            if (yieldB <= 0) {
                throw new InputException("the events have no background process with a positive sum of weights");
            }
            int[] bkgRows = new int[codes.length];
            int nb = 0;
            for (int i = 0; i < codes.length; i++) {
                if (!signal[codes[i]]) {
                    bkgRows[nb++] = i;
                }
            }
            EventTable reference = nominal.selectRows(bkgRows, nb);
            return new Prologue(nominal, procs, yields, reference, columns(reference, o.features()), reference.weights());
        }

        ClassifierConfig ratioConfig(Options o, int p) {
            return o.config().withSeed(o.config().seed() + 1000L * p);
        }
    }

    /**
     * One shard's share of {@link #train}: the members with global indices {@code [first, end)} of every process's
     * ratio ensemble, each exactly as {@link #train} trains it (same seeds, same halves); the rest of the model
     * (calibration, shape networks, rates, normalisations) is made by {@link #train} with a {@link RatioSource}
     * that loads all members.
     */
    public static void trainRatioMembers(EventTable raw, Options o, int first, int end, TrainingProgressListener listener,
                                         java.util.function.Consumer<String> log, MemberSink sink) {
        java.util.function.Consumer<String> say = log == null ? s -> { } : log;
        Prologue pr = Prologue.of(raw, o);
        for (int p = 0; p < pr.procs().size(); p++) {
            EventTable mine = ofProcess(pr.nominal(), p);
            say.accept(String.format(Locale.ROOT, "ratio %s: members [%d, %d) on %d events against the %d-event "
                    + "background reference", pr.procs().get(p), first, end, mine.rows(), pr.reference().rows()));
            sink.accept(p, pr.procs().get(p), first, RatioEnsemble.trainMembers(o.features(), columns(mine, o.features()),
                    mine.weights(), pr.allCols(), pr.refW(), pr.ratioConfig(o, p), first, end, listener));
        }
    }

    /** Trains on raw events (before shifts and cuts) with one progress message per stage to log (may be null). */
    public static NsbiModel train(EventTable raw, Options o, TrainingProgressListener listener,
                                  java.util.function.Consumer<String> log) {
        return train(raw, o, listener, log, TRAIN_HERE);
    }

    /** {@link #train} with the ratio ensembles taken from {@code source}. */
    public static NsbiModel train(EventTable raw, Options o, TrainingProgressListener listener,
                                  java.util.function.Consumer<String> log, RatioSource source) {
        long start = System.nanoTime();
        java.util.function.Consumer<String> say = log == null ? s -> { } : log;
        Prologue pr = Prologue.of(raw, o);
        EventTable nominal = pr.nominal();
        List<String> procs = pr.procs();
        int np = procs.size();
        int k = UnbinnedLikelihood.monomials(SHAPES.size());
        double[] yields = pr.yields();
        List<String> features = o.features();
        EventTable reference = pr.reference();
        float[][] allCols = pr.allCols();
        float[] refW = pr.refW();
        List<RatioEnsemble> ratios = new ArrayList<>();
        List<ShapeNetwork> shapes = new ArrayList<>();
        double[][] normMean = new double[np][];
        double[][] normCov = new double[np][];
        double[] chi2 = new double[np];
        double[][] slopes = new double[np][];
        SplittableRandom rng = new SplittableRandom(o.config().seed() * 7919 + 1);
        double[][] design = new double[o.designPoints()][SHAPES.size()];
        for (double[] u : design) {
            u[0] = -3 + 6 * rng.nextDouble();
            u[1] = -3 + 6 * rng.nextDouble();
            u[2] = -2.5 + (alpha(NuisanceParameter.SOFT_MET, 5.0) + 2.5) * rng.nextDouble();
        }
        double[][] rateRatios = new double[np][design.length];
        try {
            for (int p = 0; p < np; p++) {
                EventTable mine = ofProcess(nominal, p);
                say.accept(String.format(Locale.ROOT, "ratio %s: %d events against the %d-event background reference",
                        procs.get(p), mine.rows(), reference.rows()));
                RatioEnsemble r = source.ratio(p, procs.get(p), features, columns(mine, features), mine.weights(), allCols,
                        refW, pr.ratioConfig(o, p), o.ensemble(), o.calibrationBins(), listener);
                ratios.add(r);
                chi2[p] = r.calibration().rawChi2();

                // joint systematics: the process's raw events shifted exactly at the design points
                EventTable rawP = ofProcess(raw, raw.processIndex(procs.get(p)));
                PreparedEvents prepP = PreparedEvents.of(rawP);
                EventTable nomP = Systematics.apply(prepP, nominal(), o.softSeed());
                double nomSum = sum(nomP.weights());
                EventTable nomSub = subsample(nomP, o.eventsPerDesignPoint(), rng);
                float[][] nomCols = columns(nomSub, features);
                int per = o.eventsPerDesignPoint();
                List<float[][]> colParts = new ArrayList<>();
                List<float[]> wParts = new ArrayList<>();
                List<double[]> mParts = new ArrayList<>();
                List<Boolean> labelParts = new ArrayList<>();
                double[] mono = new double[k];
                for (int j = 0; j < design.length; j++) {
                    NuisanceValues at = nominal();
                    for (int s = 0; s < SHAPES.size(); s++) {
                        at = at.with(SHAPES.get(s), clip(SHAPES.get(s), theta(SHAPES.get(s), design[j][s])));
                    }
                    EventTable shifted = Systematics.apply(prepP, at, o.softSeed());
                    rateRatios[p][j] = sum(shifted.weights()) / nomSum;
                    EventTable sub = subsample(shifted, per, rng);
                    UnbinnedLikelihood.monomials(design[j], mono);
                    colParts.add(columns(sub, features));
                    wParts.add(normalised(sub.weights()));
                    mParts.add(mono.clone());
                    labelParts.add(true);
                    colParts.add(nomCols);
                    wParts.add(normalised(nomSub.weights()));
                    mParts.add(mono.clone());
                    labelParts.add(false);
                }
                slopes[p] = fitRateSlopes(design, rateRatios[p]);
                say.accept(String.format(Locale.ROOT, "shape %s: %d design points, rate slopes %s", procs.get(p),
                        design.length, Arrays.toString(round(slopes[p]))));
                ShapeNetwork.Rows rows = rows(colParts, wParts, mParts, labelParts, features.size(), k);
                ShapeNetwork sn = ShapeNetwork.train(features, rows, k,
                        o.config().withSeed(o.config().seed() + 1000L * p + 500).withEpochs(Math.max(1, o.config().maxEpochs() / 2)));
                shapes.add(sn);
                // Z_p's moments over all the process's nominal events (the same events the rates come from)
                double[][] mom = UnbinnedLikelihood.moments(sn.deltas(columns(nomP, features)), nomP.weights(), k);
                normMean[p] = mom[0];
                normCov[p] = mom[1];
            }
        } catch (RuntimeException e) {
            ratios.forEach(RatioEnsemble::close);
            shapes.forEach(ShapeNetwork::close);
            throw e;
        }
        Card card = new Card(FORMAT, features, procs, yields, slopes, o.config().seed(), raw.rows(), o.ensemble(),
                o.config().maxEpochs(), o.config().hiddenLayers(), o.config().width(), o.designPoints(),
                o.eventsPerDesignPoint(), ComputeDevice.describe(o.config().device()),
                (System.nanoTime() - start) / 1e9, chi2, design, rateRatios, normMean, normCov, new double[np]);
        // each ratio's own normalisation: E_ref[r_p] = 1 over the whole nominal background (the networks and the
        // per-event mixture normalisation leave it off by up to a percent, which a rate of 1e6 would feel)
        NsbiModel unnormalised = new NsbiModel(card, ratios, shapes);
        Terms ref = unnormalised.terms(reference);
        int stride = np * (1 + k);
        double[] lnC = new double[np];
        double sw = sum(refW);
        for (int p = 0; p < np; p++) {
            double acc = 0;
            for (int i = 0; i < ref.events(); i++) {
                acc += refW[i] * Math.exp(ref.terms()[i * stride + p * (1 + k)]);
            }
            lnC[p] = Math.log(acc / sw);
        }
        say.accept("ratio normalisations ln E_ref[r_p] " + Arrays.toString(round(lnC)));
        Card c = card;
        Card normalisedCard = new Card(c.format(), c.features(), c.processes(), c.yields(), c.rateSlopes(), c.seed(),
                c.trainingEvents(), c.ensemble(), c.epochs(), c.hiddenLayers(), c.width(), c.designPoints(),
                c.eventsPerDesignPoint(), c.device(), (System.nanoTime() - start) / 1e9, c.calibrationChi2(),
                c.designPointsU(), c.rateRatios(), c.deltaMean(), c.deltaCov(), lnC);
        return new NsbiModel(normalisedCard, ratios, shapes);
    }

    private static double clip(NuisanceParameter p, double v) {
        return Math.max(p.min(), Math.min(p.max(), v));
    }

    private static double[] round(double[] v) {
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = Math.round(v[i] * 1e5) / 1e5;
        }
        return r;
    }

    private static double sum(float[] w) {
        double s = 0;
        for (float x : w) {
            s += x;
        }
        return s;
    }

    private static float[] normalised(float[] w) {
        double s = sum(w);
        float[] o = new float[w.length];
        for (int i = 0; i < w.length; i++) {
            o[i] = (float) (w[i] * w.length / s);
        }
        return o;
    }

    private static ShapeNetwork.Rows rows(List<float[][]> cols, List<float[]> ws, List<double[]> ms, List<Boolean> labels,
                                          int nf, int k) {
        int n = 0;
        for (float[] w : ws) {
            n += w.length;
        }
        float[][] c = new float[nf][n];
        float[] m = new float[n * k];
        boolean[] y = new boolean[n];
        float[] w = new float[n];
        int r = 0;
        for (int part = 0; part < ws.size(); part++) {
            int len = ws.get(part).length;
            for (int f = 0; f < nf; f++) {
                System.arraycopy(cols.get(part)[f], 0, c[f], r, len);
            }
            System.arraycopy(ws.get(part), 0, w, r, len);
            for (int i = 0; i < len; i++) {
                y[r + i] = labels.get(part);
                for (int q = 0; q < k; q++) {
                    m[(r + i) * k + q] = (float) ms.get(part)[q];
                }
            }
            r += len;
        }
        return new ShapeNetwork.Rows(c, m, y, w);
    }

    /** Least squares of ln R_j = c . m(u_j) (no constant: R(0) = 1 by construction). */
    static double[] fitRateSlopes(double[][] design, double[] ratio) {
        int k = UnbinnedLikelihood.monomials(design[0].length);
        double[][] a = new double[k][k + 1];
        double[] m = new double[k];
        for (int j = 0; j < design.length; j++) {
            if (!(ratio[j] > 0)) {
                continue;
            }
            UnbinnedLikelihood.monomials(design[j], m);
            double y = Math.log(ratio[j]);
            for (int r = 0; r < k; r++) {
                for (int c = 0; c < k; c++) {
                    a[r][c] += m[r] * m[c];
                }
                a[r][k] += m[r] * y;
            }
        }
        for (int r = 0; r < k; r++) {
            a[r][r] += 1e-9; // keeps a parameter without effect (jes on a jetless column) solvable
        }
        return solve(a, k);
    }

    /** Gauss-Jordan with partial pivoting on an augmented k x (k + 1) matrix. */
    private static double[] solve(double[][] a, int k) {
        for (int c = 0; c < k; c++) {
            int piv = c;
            for (int r = c + 1; r < k; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) {
                    piv = r;
                }
            }
            double[] t = a[c];
            a[c] = a[piv];
            a[piv] = t;
            for (int r = 0; r < k; r++) {
                if (r != c && a[c][c] != 0) {
                    double f = a[r][c] / a[c][c];
                    for (int q = c; q <= k; q++) {
                        a[r][q] -= f * a[c][q];
                    }
                }
            }
        }
        double[] x = new double[k];
        for (int r = 0; r < k; r++) {
            x[r] = a[r][r] == 0 ? 0 : a[r][k] / a[r][r];
        }
        return x;
    }

    /** The parameters of the unbinned likelihood, in order: mu, tes, jes, soft_met, ttbar_scale, diboson_scale, bkg_scale. */
    public static List<Parameter> parameters() {
        List<Parameter> ps = new ArrayList<>();
        ps.add(new Parameter("mu", "mu", "normfactor", 1, 0, 10, false, Parameter.Constraint.NONE, Double.NaN, Double.NaN));
        ps.add(alphaParameter("tes", -5, 5));
        ps.add(alphaParameter("jes", -5, 5));
        ps.add(alphaParameter("soft_met", -5, alpha(NuisanceParameter.SOFT_MET, NuisanceParameter.SOFT_MET.max())));
        for (NuisanceParameter p : List.of(NuisanceParameter.TTBAR_SCALE, NuisanceParameter.DIBOSON_SCALE,
                NuisanceParameter.BKG_SCALE)) {
            ps.add(new Parameter(p.key(), p.key(), "normfactor", 1, p.min(), p.max(), false, Parameter.Constraint.GAUSSIAN,
                    1, p.sigma()));
        }
        return ps;
    }

    private static Parameter alphaParameter(String name, double lo, double hi) {
        return new Parameter(name, name, "shape", 0, lo, hi, false, Parameter.Constraint.GAUSSIAN, 0, 1);
    }

    /** The factor parameters (indices into {@link #parameters}) of a process's rate, as NuisanceValues.weightFactor. */
    static int[] factors(String process) {
        return switch (process) {
            case "htautau", "s", "signal" -> new int[] {0};
            case "ztautau", "b", "background" -> new int[] {6};
            case "ttbar" -> new int[] {4, 6};
            case "diboson" -> new int[] {5, 6};
            default -> new int[0];
        };
    }

    /** A point of the likelihood's parameters as the challenge's values (alphas converted back). */
    public static NuisanceValues values(double[] x) {
        return new NuisanceValues(theta(NuisanceParameter.TES, x[1]), theta(NuisanceParameter.JES, x[2]),
                theta(NuisanceParameter.SOFT_MET, x[3]), x[4], x[5], x[6], x[0]);
    }

    /** The likelihood's parameter vector of a point in the challenge's values. */
    public static double[] point(NuisanceValues v) {
        return new double[] {v.mu(), alpha(NuisanceParameter.TES, v.tes()), alpha(NuisanceParameter.JES, v.jes()),
            alpha(NuisanceParameter.SOFT_MET, v.softMet()), v.ttbarScale(), v.dibosonScale(), v.bkgScale()};
    }

    /** Per-event terms of a dataset, with the ensembles' spread of ln r per process (row-major, P per event). */
    public record Terms(float[] terms, float[] spread, int events) {
    }

    /**
     * Evaluates the networks once on the events (after shifts and cuts, i.e. observed events): ln r_p, the
     * background ones normalised so that their yield-weighted mixture is 1 (the reference), each then divided by
     * its mean over the training reference, and Delta_p.
     */
    public Terms terms(EventTable events) {
        List<String> procs = card.processes();
        int np = procs.size();
        int k = UnbinnedLikelihood.monomials(SHAPES.size());
        int n = events.rows();
        float[][] cols = columns(events, card.features());
        float[][] lr = new float[np][];
        float[] spread = new float[n * np];
        for (int p = 0; p < np; p++) {
            RatioEnsemble.LogRatios l = ratios.get(p).logRatios(cols);
            lr[p] = l.logRatio();
            for (int i = 0; i < n; i++) {
                spread[i * np + p] = l.spread()[i];
            }
        }
        int stride = np * (1 + k);
        if ((long) n * stride > Integer.MAX_VALUE - 16) {
            throw new InputException(n + " events x " + stride + " terms exceed one Java array");
        }
        float[] t = new float[n * stride];
        double yieldB = 0;
        boolean[] signal = new boolean[np];
        for (int p = 0; p < np; p++) {
            signal[p] = EventTable.isSignalProcess(procs.get(p));
            if (!signal[p]) {
                yieldB += card.yields()[p];
            }
        }
        for (int i = 0; i < n; i++) {
            double mix = 0;
            for (int p = 0; p < np; p++) {
                if (!signal[p]) {
                    mix += card.yields()[p] / yieldB * Math.exp(lr[p][i]);
                }
            }
            double lnMix = Math.log(mix);
            for (int p = 0; p < np; p++) {
                double norm = card.lnRatioNorm() == null ? 0 : card.lnRatioNorm()[p];
                t[i * stride + p * (1 + k)] = (float) ((signal[p] ? lr[p][i] : lr[p][i] - lnMix) - norm);
            }
        }
        for (int p = 0; p < np; p++) {
            float[] d = shapes.get(p).deltas(cols);
            for (int i = 0; i < n; i++) {
                System.arraycopy(d, i * k, t, i * stride + p * (1 + k) + 1, k);
            }
        }
        return new Terms(t, spread, n);
    }

    /** The unbinned likelihood of observed events with weights w (1 for real data). */
    public UnbinnedLikelihood likelihood(Terms terms, float[] weights) {
        List<String> procs = card.processes();
        List<UnbinnedLikelihood.Process> ps = new ArrayList<>();
        for (int p = 0; p < procs.size(); p++) {
            ps.add(new UnbinnedLikelihood.Process(procs.get(p), card.yields()[p], factors(procs.get(p)),
                    card.rateSlopes()[p], card.deltaMean()[p], card.deltaCov()[p]));
        }
        return new UnbinnedLikelihood(parameters(), 0, new int[] {1, 2, 3}, ps, terms.terms(), weights);
    }

    public UnbinnedLikelihood likelihood(EventTable events) {
        return likelihood(terms(events), events.weights());
    }

    /** Writes the model into dir atomically: a temporary sibling folder renamed into place. */
    public void save(Path dir) {
        Path parent = dir.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(parent);
            tmp = Files.createTempDirectory(parent, "." + dir.getFileName() + ".tmp");
            for (int p = 0; p < ratios.size(); p++) {
                ratios.get(p).save(tmp.resolve("ratio-" + card.processes().get(p)));
                shapes.get(p).save(tmp.resolve("shape-" + card.processes().get(p)));
            }
            JSON.writeValue(tmp.resolve(CARD_FILE).toFile(), card);
            if (Files.exists(dir)) {
                deleteTree(dir);
            }
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
        } catch (IOException e) {
            throw new InputException(dir + ": cannot write the model folder (" + e.getMessage() + ")", e);
        } finally {
            if (tmp != null) {
                // a failed write leaves nothing behind: the folder appears whole or not at all
                try {
                    deleteTree(tmp);
                } catch (IOException ignored) {
                    // best effort: the temporary folder is hidden and named after its target
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    public static NsbiModel load(Path dir, ComputeDevice.Choice device) {
        Card card;
        try {
            card = JSON.readValue(dir.resolve(CARD_FILE).toFile(), Card.class);
        } catch (IOException e) {
            throw new InputException(dir.resolve(CARD_FILE) + ": not a readable NSBI model card (" + e.getMessage() + ")", e);
        }
        if (!FORMAT.equals(card.format())) {
            throw new InputException(dir.resolve(CARD_FILE) + ": format is '" + card.format() + "', expected '" + FORMAT + "'");
        }
        List<RatioEnsemble> ratios = new ArrayList<>();
        List<ShapeNetwork> shapes = new ArrayList<>();
        try {
            for (String p : card.processes()) {
                ratios.add(RatioEnsemble.load(dir.resolve("ratio-" + p), device));
                shapes.add(ShapeNetwork.load(dir.resolve("shape-" + p), device));
            }
        } catch (RuntimeException e) {
            ratios.forEach(RatioEnsemble::close);
            shapes.forEach(ShapeNetwork::close);
            throw e;
        }
        return new NsbiModel(card, ratios, shapes);
    }

    @Override
    public void close() {
        ratios.forEach(RatioEnsemble::close);
        shapes.forEach(ShapeNetwork::close);
    }
}
