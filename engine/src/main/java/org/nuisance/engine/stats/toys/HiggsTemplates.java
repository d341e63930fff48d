package org.nuisance.engine.stats.toys;

import java.util.ArrayList;
import java.util.List;
import org.nuisance.engine.data.EventTable;
import org.nuisance.engine.data.InputException;
import org.nuisance.engine.higgsml.ComputedColumns;
import org.nuisance.engine.higgsml.NuisanceParameter;
import org.nuisance.engine.higgsml.NuisanceValues;
import org.nuisance.engine.higgsml.PreparedEvents;
import org.nuisance.engine.higgsml.ShiftKernel;
import org.nuisance.engine.hist.Axis;
import org.nuisance.engine.hist.ProcessHistograms;
import org.nuisance.engine.stats.histfactory.Workspace;
import org.nuisance.engine.stats.histfactory.Workspace.Channel;
import org.nuisance.engine.stats.histfactory.Workspace.Measurement;
import org.nuisance.engine.stats.histfactory.StatError;
import org.nuisance.engine.stats.histfactory.Workspace.ModifierSpec;
import org.nuisance.engine.stats.histfactory.Workspace.Observation;
import org.nuisance.engine.stats.histfactory.Workspace.ParameterConfig;
import org.nuisance.engine.stats.histfactory.Workspace.Sample;
import org.nuisance.engine.util.Parallel;

/**
 * A binned FAIR Universe model from events: per-process templates of one observable after the shifts
 * and cuts ({@link ShiftKernel}), as a HistFactory workspace. The signal (htautau, s) carries the
 * normfactor mu; every nuisance parameter is a unit-Gaussian alpha with theta = nominal + alpha sigma:
 * <ul>
 *   <li>bkg_scale, ttbar_scale, diboson_scale: histosys whose +-1 templates are the nominal scaled by the
 *       process's weight factor at theta = 1 +- sigma: with code0 exactly the challenge's linear scaling;</li>
 *   <li>tes, jes: histosys from the templates of shifted events at tes (jes) = 1 +- sigma;</li>
 *   <li>soft_met: log-normal in the challenge, so alpha = ln(soft_met) (nominal 1 GeV), templates at
 *       soft_met = e^-1 and e.</li>
 * </ul>
 * sigma defaults to the widths the challenge samples from (the "true constraints"); a histosys that
 * changes no bin (jes on DER_mass_vis) is left out. Observed counts are the nominal expectation at
 * mu = 1 (an Asimov dataset). {@link #workspace()} is what exports (pyhf-compatible); {@link #model}
 * refines the shape parameters for fits to pseudo-data (templates every 0.1 sigma, or polynomials).
 * Effects of the shape parameters add up bin by bin: their interplay (all three move the MET; tes and jes
 * both move a classifier score that reads tau and jet momenta) is not modelled, but
 * {@link #withInterpolationUncertainty} measures what it misses and adds that as a per-bin uncertainty.
 */
public final class HiggsTemplates {

    public static final String CHANNEL = "higgs";
    public static final String POI = "mu";

    private final PreparedEvents events;
    private final ComputedColumns computed;
    private final ShiftKernel kernel;
    private final String column;
    private final Axis axis;
    private final long softSeed;
    private final double widthScale;

    /**
     * @param widthScale multiplies every constraint width (1: the challenge's sampling widths)
     */
    public HiggsTemplates(PreparedEvents events, String column, Axis axis, long softSeed, double widthScale) {
        this(events, ComputedColumns.none(), column, axis, softSeed, widthScale);
    }

    /**
     * @param computed   columns computed from the shifted events (a classifier's score): column may name one
     * @param widthScale multiplies every constraint width (1: the challenge's sampling widths)
     */
    public HiggsTemplates(PreparedEvents events, ComputedColumns computed, String column, Axis axis, long softSeed,
                          double widthScale) {
        if (!events.table().hasColumn(column) && !computed.isShifted(column)) {
            throw new InputException("unknown column '" + column + "'; known columns: "
                    + String.join(", ", events.table().numericColumns()));
        }
        this.events = events;
        this.computed = computed;
        this.kernel = new ShiftKernel(events, computed);
        this.column = column;
        this.axis = axis;
        this.softSeed = softSeed;
        this.widthScale = widthScale;
    }

    public PreparedEvents events() {
        return events;
    }

    /** The columns computed from shifted events that this model's kernels know. */
    public ComputedColumns computedColumns() {
        return computed;
    }

    /** Whether the observable depends on the MET (and so on soft_met). */
    public boolean dependsOnMet() {
        return computed.dependsOnMet(column);
    }

    /** The seed of the soft-MET smearing realization the templates use. */
    public long softSeed() {
        return softSeed;
    }

    public String column() {
        return column;
    }

    public Axis axis() {
        return axis;
    }

    /** The nominal point of the model: every parameter at nominal, soft_met at 1 GeV (alpha = 0). */
    public static NuisanceValues nominal() {
        return NuisanceValues.NOMINAL.with(NuisanceParameter.SOFT_MET, 1.0);
    }

    /** Width of the unit of alpha for a parameter (soft_met: in ln GeV). */
    public double sigma(NuisanceParameter p) {
        return p.sigma() * widthScale;
    }

    /** The parameter's value at alpha (the inverse of the model's parameterisation). */
    public double theta(NuisanceParameter p, double alpha) {
        return p.valueAtSigma(alpha * widthScale);
    }

    /** The parameter's alpha at value theta. */
    public double alpha(NuisanceParameter p, double theta) {
        if (p == NuisanceParameter.SOFT_MET) {
            return Math.log(Math.max(theta, 1e-12)) / sigma(p);
        }
        return (theta - p.nominal()) / sigma(p);
    }

    /** How the model interpolates the shape parameters (tes, jes, soft_met) between templates. */
    public enum Shapes {
        /** histosys code0 between the +-1 sigma templates, as exported to the workspace. */
        LINEAR,
        /** Per-bin polynomial of degree 4 fitted to templates at alpha = -3..3 (the starting kit's way). */
        POLYNOMIAL,
        /** Cubic Hermite per bin through templates every 0.1 sigma on [-5, 5] (the default). */
        GRID
    }

    static final double[] POLY_GRID = {-3, -2, -1, 1, 2, 3};
    static final int POLY_DEGREE = 4;
    static final double GRID_START = -5;
    static final double GRID_STEP = 0.1;
    static final int GRID_POINTS = 101;

    /** The model with per-bin polynomial shapes (smooth, 6 template fills per shape parameter). */
    public org.nuisance.engine.stats.histfactory.Model polynomialModel(Workspace ws) {
        return model(ws, Shapes.POLYNOMIAL);
    }

    /**
     * The model of a workspace from {@link #workspace()} with each shape histosys replaced as chosen.
     * Linear interpolation between +-1 sigma, and even a smooth polynomial through a coarse grid, is too
     * coarse where the data pin tes to a few percent of its prior (the Z peak position): events cross
     * bin edges one at a time, and the misses are as large as the bins' Poisson errors.
     */
    public org.nuisance.engine.stats.histfactory.Model model(Workspace ws, Shapes shapes) {
        org.nuisance.engine.stats.histfactory.Model model = org.nuisance.engine.stats.histfactory.Model.of(ws);
        if (shapes == Shapes.LINEAR) {
            return model;
        }
        List<String> processes = events.table().processNames();
        ProcessHistograms nominal = nominalFill();
        double[] alphas = new double[shapes == Shapes.GRID ? GRID_POINTS : POLY_GRID.length];
        for (int g = 0; g < alphas.length; g++) {
            alphas[g] = shapes == Shapes.GRID ? GRID_START + g * GRID_STEP : POLY_GRID[g];
        }
        for (NuisanceParameter p : new NuisanceParameter[] {NuisanceParameter.TES, NuisanceParameter.JES,
            NuisanceParameter.SOFT_MET}) {
            if (model.indexOf(p.key()) < 0) {
                continue;
            }
            prefill(p, alphas);
            ProcessHistograms[] grid = new ProcessHistograms[alphas.length];
            for (int g = 0; g < alphas.length; g++) {
                grid[g] = Math.abs(alphas[g]) < 1e-12 ? nominal : shifted(p, alphas[g]);
            }
            for (int s = 0; s < processes.size(); s++) {
                boolean has = false;
                for (Sample sample : ws.channels().get(0).samples()) {
                    if (sample.name().equals(processes.get(s))) {
                        has = sample.modifiers().stream().anyMatch(m -> m.name().equals(p.key()));
                    }
                }
                if (!has) {
                    continue;
                }
                double[] n0 = inRange(nominal, s);
                double[][] deltas = new double[alphas.length][];
                for (int g = 0; g < alphas.length; g++) {
                    double[] v = inRange(grid[g], s);
                    for (int b = 0; b < v.length; b++) {
                        v[b] -= n0[b];
                    }
                    deltas[g] = v;
                }
                model = shapes == Shapes.GRID
                        ? model.withGridShape(processes.get(s), p.key(), GRID_START, GRID_STEP, deltas)
                        : model.withPolynomialShape(processes.get(s), p.key(), alphas, deltas, POLY_DEGREE);
            }
        }
        return model;
    }

    /** One-parameter templates already filled, by parameter and alpha in tenths of sigma. */
    private final java.util.Map<Long, ProcessHistograms> oneParameter = new java.util.HashMap<>();

    private ProcessHistograms nominalTemplates;

    private ProcessHistograms nominalFill() {
        if (nominalTemplates == null) {
            nominalTemplates = kernel.fill(column, axis, nominal(), softSeed);
        }
        return nominalTemplates;
    }

    /** Key of a one-parameter point: the parameter and alpha in tenths of sigma, distinct for every pair. */
    private static long key(NuisanceParameter p, double alpha) {
        return (p.ordinal() + 1) * 1_000_000L + 500_000L + Math.round(alpha * 10);
    }

    /** The parameter's value at alpha rounded to a tenth of sigma (clipped to its range). */
    private double thetaAtTenths(NuisanceParameter p, double alpha) {
        return clip(p, theta(p, Math.round(alpha * 10) / 10.0));
    }

    /**
     * The templates with shape parameter p at alpha (a multiple of 0.1) and every other at nominal. The
     * grid, polynomial and interpolation-uncertainty tables share these points, so each is filled once:
     * for a classifier score, whose every fill re-scores all events, this halves the cost of a model.
     */
    private ProcessHistograms shifted(NuisanceParameter p, double alpha) {
        prefill(p, new double[] {alpha});
        return oneParameter.get(key(p, alpha));
    }

    /** Fills the one-parameter templates at these (non-zero) alphas that are not filled yet. */
    private void prefill(NuisanceParameter p, double[] alphas) {
        List<NuisanceValues> points = new ArrayList<>();
        List<Long> keys = new ArrayList<>();
        for (double alpha : alphas) {
            long key = key(p, alpha);
            if (Math.abs(alpha) > 1e-9 && !oneParameter.containsKey(key) && !keys.contains(key)) {
                keys.add(key);
                points.add(nominal().with(p, thetaAtTenths(p, alpha)));
            }
        }
        ProcessHistograms[] filled = fillAll(points);
        for (int i = 0; i < filled.length; i++) {
            oneParameter.put(keys.get(i), filled[i]);
        }
    }

    /**
     * The templates at each point: for a computed column registered as thread-safe (a classifier's
     * score) on every core, a kernel per thread; otherwise in order on this template's kernel.
     */
    private ProcessHistograms[] fillAll(List<NuisanceValues> points) {
        ProcessHistograms[] out = new ProcessHistograms[points.size()];
        int threads = computed.isThreadSafe(column) ? Parallel.threads() : 1;
        java.util.concurrent.atomic.AtomicInteger kernels = new java.util.concurrent.atomic.AtomicInteger();
        Parallel.forEachTask(out.length, threads, "templates", () -> {
            ShiftKernel k = kernels.getAndIncrement() == 0 ? kernel : new ShiftKernel(events, computed);
            return i -> out[i] = k.fill(column, axis, points.get(i), softSeed);
        }, () -> false);
        return out;
    }

    /** Name of the staterror that carries the shape interpolation uncertainty. */
    public static final String INTERPOLATION_ERROR = "shape_interpolation";

    /**
     * The workspace with, on each sample that has shape parameters, a staterror
     * {@value #INTERPOLATION_ERROR} for what the tabulated shapes cannot follow: shifting events moves them
     * across bin edges one by one, so a template is a staircase in alpha, and between grid points the
     * interpolation misses a random part of it. Its size per bin is estimated from the templates every
     * 0.1 sigma on [-3, 3]: the departure r of each from the mean of its two neighbours has variance twice
     * that of the interpolation's miss midway (random-walk steps), so sigma^2 = mean(r^2) / 2. Large with
     * few events (100k demo events, DER_mass_vis, 2000 pseudo-experiments per seed: coverage 0.624-0.666
     * without, 0.659-0.691 with), negligible with many (1M: width +0.5%). With two or more shape
     * parameters the variance of their interplay, measured at random combined shifts, is added too: for a classifier
     * score on tes and jes, 100k events, 200 pseudo-experiments, coverage 0.53 without, 0.65 with.
     */
    public Workspace withInterpolationUncertainty(Workspace ws) {
        List<String> processes = events.table().processNames();
        ProcessHistograms nominal = nominalFill();
        int points = 61;
        double[][] var = new double[processes.size()][axis.bins()];
        List<NuisanceParameter> shapes = new ArrayList<>();
        List<ProcessHistograms[]> grids = new ArrayList<>();
        for (NuisanceParameter p : new NuisanceParameter[] {NuisanceParameter.TES, NuisanceParameter.JES,
            NuisanceParameter.SOFT_MET}) {
            if (!hasModifier(ws, p.key())) {
                continue;
            }
            double[] alphas = new double[points];
            ProcessHistograms[] grid = new ProcessHistograms[points];
            for (int g = 0; g < points; g++) {
                alphas[g] = -3 + 0.1 * g;
            }
            prefill(p, alphas);
            for (int g = 0; g < points; g++) {
                grid[g] = Math.abs(alphas[g]) < 1e-12 ? nominal : shifted(p, alphas[g]);
            }
            shapes.add(p);
            grids.add(grid);
            for (int s = 0; s < processes.size(); s++) {
                double[] n0 = inRange(nominal, s);
                double[][] deltas = new double[points][];
                for (int g = 0; g < points; g++) {
                    double[] v = inRange(grid[g], s);
                    for (int b = 0; b < v.length; b++) {
                        v[b] -= n0[b];
                    }
                    deltas[g] = v;
                }
                for (int b = 0; b < axis.bins(); b++) {
                    double sum = 0;
                    for (int g = 1; g + 1 < points; g++) {
                        double r = deltas[g][b] - 0.5 * (deltas[g - 1][b] + deltas[g + 1][b]);
                        sum += r * r;
                    }
                    var[s][b] += sum / (points - 2) / 2;
                }
            }
        }
        if (shapes.size() > 1) {
            addInterplay(var, nominal, shapes, grids);
        }
        List<Sample> samples = new ArrayList<>();
        for (Sample sample : ws.channels().get(0).samples()) {
            int s = processes.indexOf(sample.name());
            double[] err = new double[axis.bins()];
            boolean any = false;
            for (int b = 0; b < err.length; b++) {
                err[b] = Math.sqrt(var[s][b]);
                any |= err[b] > 0;
            }
            List<ModifierSpec> mods = new ArrayList<>(sample.modifiers());
            if (any) {
                mods.add(ModifierSpec.staterror(INTERPOLATION_ERROR, err));
            }
            samples.add(new Sample(sample.name(), sample.data(), mods));
        }
        Channel ch = new Channel(ws.channels().get(0).name(), samples);
        return new Workspace(List.of(ch), ws.observations(), ws.measurements(), ws.version());
    }

    /** Name of the staterror that carries the templates' (and the pseudo-data sample's) MC statistics. */
    public static final String MC_STAT = "mc_stat";

    /**
     * The workspace with a Barlow-Beeston-lite staterror {@value #MC_STAT} on every sample (HistFactory's
     * staterror: one gamma per bin shared by the samples, Gaussian of relative width
     * sqrt(sum_s sigma_s,b^2) / sum_s n_s,b), sigma_s,b^2 the sum of squared weights of the nominal
     * template. The gamma multiplies a sample's expected count after its shape modifiers, so the same
     * relative uncertainty goes with the shifted templates. With pseudo-data drawn from an independent
     * finite sample, its expectation differs from the truth by that sample's own MC noise too (sum of its
     * squared weights, at the data's luminosity): give its nominal histograms as pseudoData to add that
     * variance; null adds the templates' alone.
     */
    public Workspace withMcStatUncertainty(Workspace ws, ProcessHistograms pseudoData) {
        List<String> processes = events.table().processNames();
        ProcessHistograms nominal = nominalFill();
        // one set of gammas per bin: where the interpolation staterror exists, the MC statistics join it
        String name = hasModifier(ws, INTERPOLATION_ERROR) ? INTERPOLATION_ERROR : MC_STAT;
        List<Sample> samples = new ArrayList<>();
        for (Sample sample : ws.channels().get(0).samples()) {
            int s = processes.indexOf(sample.name());
            double[] var = nominal.histograms().get(s).variances();
            List<ModifierSpec> mods = new ArrayList<>();
            for (ModifierSpec m : sample.modifiers()) {
                if (m.name().equals(name) && m instanceof StatError.Spec st) {
                    for (int b = 0; b < var.length; b++) {
                        var[b] += st.sigmas()[b] * st.sigmas()[b];
                    }
                } else {
                    mods.add(m);
                }
            }
            double[] err = new double[axis.bins()];
            boolean any = false;
            for (int b = 0; b < err.length; b++) {
                double v = var[b];
                if (pseudoData != null) {
                    v += pseudoData.histograms().get(s).variances()[b];
                }
                err[b] = Math.sqrt(v);
                any |= err[b] > 0;
            }
            if (any) {
                mods.add(ModifierSpec.staterror(name, err));
            }
            samples.add(new Sample(sample.name(), sample.data(), mods));
        }
        Channel ch = new Channel(ws.channels().get(0).name(), samples);
        return new Workspace(List.of(ch), ws.observations(), ws.measurements(), ws.version());
    }

    /** The nominal templates (every parameter at nominal): sums of weights and of squared weights. */
    public ProcessHistograms nominalTemplates() {
        return nominalFill();
    }

    /** Points drawn from the priors at which {@link #withInterpolationUncertainty} measures the interplay. */
    static final int INTERPLAY_POINTS = 48;

    /**
     * Adds the variance of what adding the shape parameters' effects bin by bin misses. Events shifted
     * by several parameters at once do not land where the sum of the one-parameter shifts puts them:
     * the score of a classifier that reads both tau and jet momenta, or the MET, which all three move.
     * At {@value #INTERPLAY_POINTS} points with every shape alpha drawn from N(0, 1) (rounded to the
     * 0.1-sigma grid on [-3, 3], so that the one-parameter templates are those already filled), the
     * residual r = n(all shifted) - n0 - sum_p (n(p shifted) - n0) is measured per sample and bin, and
     * its mean square added. Zero with one shape parameter (DER_mass_vis depends on tes alone).
     */
    private void addInterplay(double[][] var, ProcessHistograms nominal, List<NuisanceParameter> shapes,
                              List<ProcessHistograms[]> grids) {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(softSeed * 0x9E3779B97F4A7C15L + 17);
        int nProc = var.length;
        int bins = axis.bins();
        int[][] indices = new int[INTERPLAY_POINTS][shapes.size()];
        List<NuisanceValues> points = new ArrayList<>();
        for (int k = 0; k < INTERPLAY_POINTS; k++) {
            NuisanceValues at = nominal();
            for (int q = 0; q < shapes.size(); q++) {
                double a = Math.max(-3, Math.min(3, rng.nextGaussian()));
                indices[k][q] = (int) Math.round((a + 3) / 0.1);
                NuisanceParameter p = shapes.get(q);
                at = at.with(p, thetaAtTenths(p, -3 + 0.1 * indices[k][q]));
            }
            points.add(at);
        }
        ProcessHistograms[] filled = fillAll(points);
        for (int k = 0; k < INTERPLAY_POINTS; k++) {
            int[] index = indices[k];
            ProcessHistograms all = filled[k];
            for (int s = 0; s < nProc; s++) {
                double[] n0 = inRange(nominal, s);
                double[] r = inRange(all, s).clone();
                for (int q = 0; q < shapes.size(); q++) {
                    double[] one = inRange(grids.get(q)[index[q]], s);
                    for (int b = 0; b < bins; b++) {
                        r[b] -= one[b] - n0[b];
                    }
                }
                for (int b = 0; b < bins; b++) {
                    double d = r[b] - n0[b];
                    var[s][b] += d * d / INTERPLAY_POINTS;
                }
            }
        }
    }

    private static boolean hasModifier(Workspace ws, String name) {
        for (Sample s : ws.channels().get(0).samples()) {
            for (ModifierSpec m : s.modifiers()) {
                if (m.name().equals(name)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static double clip(NuisanceParameter p, double v) {
        return Math.min(p.max(), Math.max(p.min(), v));
    }

    private double[] inRange(ProcessHistograms h, int process) {
        return h.histograms().get(process).values();
    }

    public Workspace workspace() {
        EventTable table = events.table();
        List<String> processes = table.processNames();
        ProcessHistograms nominal = nominalFill();
        NuisanceParameter[] shape = {NuisanceParameter.TES, NuisanceParameter.JES, NuisanceParameter.SOFT_MET};
        ProcessHistograms[][] shifted = new ProcessHistograms[shape.length][2];
        for (int k = 0; k < shape.length; k++) {
            NuisanceParameter p = shape[k];
            if (p == NuisanceParameter.SOFT_MET && !computed.dependsOnMet(column)) {
                continue;
            }
            if (!computed.isShifted(column)) {
                continue;
            }
            shifted[k][0] = shifted(p, 1);
            shifted[k][1] = shifted(p, -1);
        }
        NuisanceParameter[] norms = {NuisanceParameter.BKG_SCALE, NuisanceParameter.TTBAR_SCALE,
            NuisanceParameter.DIBOSON_SCALE};
        List<Sample> samples = new ArrayList<>();
        double[] observed = new double[axis.bins()];
        boolean hasSignal = false;
        for (int p = 0; p < processes.size(); p++) {
            String name = processes.get(p);
            double[] nomData = inRange(nominal, p);
            for (int b = 0; b < nomData.length; b++) {
                observed[b] += nomData[b];
            }
            List<ModifierSpec> mods = new ArrayList<>();
            if (EventTable.isSignalProcess(name)) {
                mods.add(ModifierSpec.normfactor(POI));
                hasSignal = true;
            }
            for (NuisanceParameter np : norms) {
                double up = NuisanceValues.NOMINAL.with(np, theta(np, 1)).weightFactor(name);
                double dn = NuisanceValues.NOMINAL.with(np, theta(np, -1)).weightFactor(name);
                if (up != 1.0 || dn != 1.0) {
                    double[] hi = nomData.clone();
                    double[] lo = nomData.clone();
                    for (int b = 0; b < hi.length; b++) {
                        hi[b] *= up;
                        lo[b] *= dn;
                    }
                    mods.add(ModifierSpec.histosys(np.key(), hi, lo));
                }
            }
            for (int k = 0; k < shape.length; k++) {
                if (shifted[k][0] == null) {
                    continue;
                }
                double[] hi = inRange(shifted[k][0], p);
                double[] lo = inRange(shifted[k][1], p);
                boolean changes = false;
                for (int b = 0; b < hi.length; b++) {
                    changes |= hi[b] != nomData[b] || lo[b] != nomData[b];
                }
                if (changes) {
                    mods.add(ModifierSpec.histosys(shape[k].key(), hi, lo));
                }
            }
            samples.add(new Sample(name, nomData, mods));
        }
        if (!hasSignal) {
            throw new InputException("the events have no signal process (htautau or s); processes: " + processes);
        }
        Channel channel = new Channel(CHANNEL, samples);
        List<ParameterConfig> params = List.of(new ParameterConfig(POI, new double[] {1}, new double[][] {{-10, 10}},
                null, null, null));
        Measurement meas = new Measurement("fair_universe_" + column, POI, params);
        return new Workspace(List.of(channel), List.of(new Observation(CHANNEL, observed)), List.of(meas),
                Workspace.SCHEMA_VERSION);
    }
}
