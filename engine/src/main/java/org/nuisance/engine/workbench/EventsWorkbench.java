package org.nuisance.engine.workbench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import org.nuisance.engine.higgsml.EventHistograms;
import org.nuisance.engine.higgsml.NuisanceParameter;
import org.nuisance.engine.higgsml.NuisanceValues;
import org.nuisance.engine.higgsml.PreparedEvents;
import org.nuisance.engine.higgsml.Pri;
import org.nuisance.engine.higgsml.ShiftKernel;
import org.nuisance.engine.hist.Axis;
import org.nuisance.engine.hist.HistogramMath;
import org.nuisance.engine.hist.ProcessHistograms;
import org.nuisance.engine.stats.fit.LikelihoodSummary;
import org.nuisance.engine.stats.fit.ProfileScan;
import org.nuisance.engine.stats.histfactory.BinnedLikelihood;
import org.nuisance.engine.stats.histfactory.Data;
import org.nuisance.engine.stats.toys.ChallengeScore;
import org.nuisance.engine.stats.toys.HiggsAnalysis;
import org.nuisance.engine.stats.toys.PseudoExperiments;

/**
 * An event source in the window: histograms of any column and binning with the sliders' values applied
 * (the shift kernel and the nominal are cached), the chosen fixed data, and the binned model's fits.
 * Not thread-safe: each worker thread (the histogram's, the likelihood's) keeps its own instance; all
 * instances compute the same numbers for the same arguments (the soft-MET smearing is seeded).
 */
public final class EventsWorkbench {

    /** Seed of the soft-MET smearing, the same in every histogram, template and pseudo-dataset. */
    public static final long SOFT_MET_SEED = 31415;

    private final EventsSource source;
    private final boolean higgs;
    private ShiftKernel kernel;
    private String nominalKey;
    private ProcessHistograms nominalCache;
    private final Map<String, double[]> dataCache = new HashMap<>();
    private HiggsAnalysis analysis;
    private String analysisKey;
    private String experimentLabel;

    public EventsWorkbench(EventsSource source) {
        this.source = source;
        this.higgs = source.isHiggsMl();
    }

    public EventsSource source() {
        return source;
    }

    /** The slider values as a name -> value map (the parameters' keys, physical units). */
    public static Map<String, Double> asMap(NuisanceValues v) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (NuisanceParameter p : NuisanceParameter.values()) {
            m.put(p.key(), v.get(p));
        }
        return m;
    }

    /** Values from a name -> value map; names not given stay nominal, unknown names are an error. */
    public static NuisanceValues fromMap(Map<String, Double> m) {
        NuisanceValues v = NuisanceValues.NOMINAL;
        for (Map.Entry<String, Double> e : m.entrySet()) {
            v = v.with(NuisanceParameter.byKey(e.getKey()), e.getValue());
        }
        return v;
    }

    /** Truth values for a dataset: μ always, and every parameter away from its nominal. */
    public static Map<String, Double> truthOf(NuisanceValues v) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(NuisanceParameter.MU.key(), v.mu());
        for (NuisanceParameter p : NuisanceParameter.values()) {
            if (p != NuisanceParameter.MU && v.get(p) != p.nominal()) {
                m.put(p.key(), v.get(p));
            }
        }
        return m;
    }

    /** The histograms of a column at the sliders' values, with the chosen data. */
    public Plot plot(String column, Axis axis, NuisanceValues sliders, DataSpec spec) {
        long start = System.nanoTime();
        if (!source.table().hasColumn(column)) {
            throw new IllegalArgumentException("no column '" + column + "' in " + source.name());
        }
        ProcessHistograms nominal = nominal(column, axis);
        ProcessHistograms shifted = fill(column, axis, sliders);
        double[] data = data(column, axis, spec);
        List<String> warnings = new ArrayList<>();
        if (nominal.total().total() <= 0 && shifted.total().total() <= 0) {
            warnings.add(String.format(Locale.ROOT, "No events between %s and %s: choose a range that contains %s.",
                    fmt(axis.lo()), fmt(axis.hi()), column));
        }
        String unit = Pri.unit(column);
        String width = fmt(axis.width(0));
        return new Plot(nominal, shifted, data, spec.describe(source),
                unit.isEmpty() ? column : column + " [" + unit + "]",
                "Events / " + (unit.isEmpty() ? width : width + " " + unit), false, experimentLabel(), warnings,
                asMap(sliders), (System.nanoTime() - start) / 1e6, channel(column, axis), null);
    }

    /** What a fit's {@link TotalBand} calls the bins of a column and binning. */
    static String channel(String column, Axis axis) {
        return column + " " + axis;
    }

    private String experimentLabel() {
        if (experimentLabel == null) {
            experimentLabel = ExperimentLabel.of(source);
        }
        return experimentLabel;
    }

    /** The chosen data's counts in the bins: the same numbers for the same column, binning and spec. */
    public double[] data(String column, Axis axis, DataSpec spec) {
        String key = column + "|" + axis + "|" + spec;
        double[] cached = dataCache.get(key);
        if (cached != null) {
            return cached.clone();
        }
        double[] n;
        if (spec instanceof DataSpec.PseudoData p) {
            n = HistogramMath.poissonPseudoData(fill(column, axis, fromMap(p.truth())).total(), p.seed());
        } else if (spec instanceof DataSpec.Asimov a) {
            n = fill(column, axis, fromMap(a.truth())).total().values();
        } else {
            n = nominal(column, axis).total().values();
        }
        if (dataCache.size() > 16) {
            dataCache.clear();
        }
        dataCache.put(key, n);
        return n.clone();
    }

    private ProcessHistograms nominal(String column, Axis axis) {
        String key = column + "|" + axis;
        if (!key.equals(nominalKey) || nominalCache == null) {
            nominalCache = fill(column, axis, NuisanceValues.NOMINAL);
            nominalKey = key;
        }
        return nominalCache;
    }

    private ProcessHistograms fill(String column, Axis axis, NuisanceValues v) {
        if (!higgs) {
            return EventHistograms.fillUnshifted(source.table(), column, axis, v);
        }
        if (kernel == null) {
            kernel = new ShiftKernel(PreparedEvents.of(source.table()), source.computed());
        }
        return kernel.fill(column, axis, v, SOFT_MET_SEED);
    }

    /** The binned model of a column and binning (HiggsML events only), to fit. */
    public FitTarget fitTarget(String column, Axis axis) {
        requireHiggs("The likelihood view");
        return new FitTarget() {
            @Override
            public String describe() {
                return String.format(Locale.ROOT, "Binned (%d bins of %s)", axis.bins(), column);
            }

            @Override
            public Analysis analyse(DataSpec spec, Map<String, Double> sliders, Set<String> fixed, String scanned,
                                    int points) {
                return EventsWorkbench.this.analyse(column, axis, spec, sliders, fixed, scanned, points);
            }
        };
    }

    private HiggsAnalysis analysis(String column, Axis axis) {
        String key = column + "|" + axis;
        if (!key.equals(analysisKey)) {
            analysis = new HiggsAnalysis(PreparedEvents.of(source.table()), source.computed(), column, axis, SOFT_MET_SEED);
            analysisKey = key;
        }
        return analysis;
    }

    private Analysis analyse(String column, Axis axis, DataSpec spec, Map<String, Double> sliderMap,
                             Set<String> fixedNames, String scanned, int points) {
        long start = System.nanoTime();
        HiggsAnalysis a = analysis(column, axis);
        NuisanceValues sliders = fromMap(sliderMap);
        Data data = a.model().dataWith(data(column, axis, spec));
        BinnedLikelihood lik = new BinnedLikelihood(a.model(), data);
        boolean[] held = new boolean[lik.size()];
        for (String name : fixedNames) {
            if (!name.equals(NuisanceParameter.MU.key()) && lik.parameterNames().contains(name)) {
                held[lik.indexOf(name)] = true;
            }
        }
        int index = scanned == null || !lik.parameterNames().contains(scanned) ? lik.poi() : lik.indexOf(scanned);
        LikelihoodSummary s = Fits.analyse(lik, a.point(sliders), held, index, points);
        List<String> warnings = Fits.warnings(lik, s.fit(), held);
        NuisanceParameter np = index == lik.poi() ? null : NuisanceParameter.byKey(lik.parameter(index).name());
        if (np != null) {
            // the scanned nuisance parameter in its own units (ttbar_scale reads 1.0 at nominal)
            s = new LikelihoodSummary(s.fit(), inUnits(s.profiled(), a, np), inUnits(s.frozen(), a, np),
                    inUnits(s.statOnly(), a, np), s.impacts(), s.nuisanceNames());
        }
        Map<String, Double> best = asMap(a.values(s.fit().values(), sliders));
        // the model has one channel: its bins are the plot's column and binning
        Map<String, String> names = Map.of(a.model().channels().get(0), channel(column, axis));
        TotalBand band = TotalBand.of(a.model(), s.fit(), spec.describe(source), names);
        return new Analysis(s, spec.describe(source), sliderMap, best, lik.parameterNames(), warnings,
                (System.nanoTime() - start) / 1e6, band);
    }

    private static ProfileScan.Result inUnits(ProfileScan.Result r, HiggsAnalysis a, NuisanceParameter p) {
        double[] v = new double[r.values().length];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.templates().theta(p, r.values()[i]);
        }
        return new ProfileScan.Result(p.key(), v, r.twiceDeltaNll(), a.templates().theta(p, r.best()),
                map(r.interval68(), a, p), map(r.interval95(), a, p));
    }

    private static double[] map(double[] alphas, HiggsAnalysis a, NuisanceParameter p) {
        if (alphas == null) {
            return null;
        }
        double[] out = new double[alphas.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Double.isNaN(alphas[i]) ? Double.NaN : a.templates().theta(p, alphas[i]);
        }
        return out;
    }

    /** Result of a pseudo-experiment run, and the warning to show if its coverage is outside 0.683 ± 2σ68. */
    public record Coverage(PseudoExperiments.Summary summary, double band, String warning) {
        /** The result of a run (here, or merged from a cluster's shards), with its target band and warning. */
        public static Coverage of(PseudoExperiments.Summary s) {
            double band = 2 * ChallengeScore.sigma68(s.toys());
            String warning = Math.abs(s.coverage() - 0.6827) > band
                    ? String.format(Locale.ROOT, "Coverage %.3f is outside the target band 0.683 \u00b1 %.3f: the"
                            + " intervals are not 68%% intervals for this model.", s.coverage(), band)
                    : null;
            return new Coverage(s, band, warning);
        }

        /** One line for the view: coverage against its target band, mean width, score, time. */
        public String line() {
            return String.format(Locale.ROOT,
                    "%d pseudo-experiments: coverage %.3f (target 0.683 \u00b1 %.3f), mean width %.3f, score %.3f, %.0f s",
                    summary.toys(), summary.coverage(), band, summary.meanWidth(), summary.score(), summary.seconds());
        }
    }

    /**
     * The challenge's pseudo-experiments for a column and binning (coverage of the 68% interval, mean
     * width, score), with progress per finished experiment; stops early when cancelled says so.
     */
    public Coverage pseudoExperiments(String column, Axis axis, int toys, long seed, IntConsumer done,
                                      BooleanSupplier cancelled) {
        requireHiggs("Pseudo-experiments");
        HiggsAnalysis own = new HiggsAnalysis(PreparedEvents.of(source.table()), source.computed(), column, axis,
                SOFT_MET_SEED);
        return Coverage.of(own.pseudoExperiments().run(toys, seed, done, cancelled));
    }

    /** The binned model of a column and binning as a HistFactory (pyhf) workspace. */
    public void exportWorkspace(String column, Axis axis, Path file) throws IOException {
        requireHiggs("A workspace export");
        new org.nuisance.engine.stats.toys.HiggsTemplates(PreparedEvents.of(source.table()), source.computed(),
                column, axis, SOFT_MET_SEED, 1.0).workspace().write(file);
    }

    /** The parameters a fit can hold fixed, in slider order. */
    public static Set<NuisanceParameter> parameters() {
        return EnumSet.allOf(NuisanceParameter.class);
    }

    private void requireHiggs(String what) {
        if (!higgs) {
            throw new IllegalArgumentException(what + " needs HiggsML events (the PRI columns); "
                    + source.name() + " has none");
        }
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
    }
}
