package org.nuisance.engine.stats.toys;

import java.util.ArrayList;
import java.util.List;
import org.nuisance.engine.data.EventTable;
import org.nuisance.engine.data.InputException;
import org.nuisance.engine.higgsml.NuisanceParameter;
import org.nuisance.engine.higgsml.NuisanceValues;
import org.nuisance.engine.higgsml.PreparedEvents;
import org.nuisance.engine.higgsml.ShiftKernel;
import org.nuisance.engine.hist.Axis;
import org.nuisance.engine.hist.ProcessHistograms;
import org.nuisance.engine.stats.histfactory.Workspace;
import org.nuisance.engine.stats.histfactory.Workspace.Channel;
import org.nuisance.engine.stats.histfactory.Workspace.Measurement;
import org.nuisance.engine.stats.histfactory.Workspace.ModifierSpec;
import org.nuisance.engine.stats.histfactory.Workspace.Observation;
import org.nuisance.engine.stats.histfactory.Workspace.ParameterConfig;
import org.nuisance.engine.stats.histfactory.Workspace.Sample;

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
 * mu = 1 (an Asimov dataset).
 */
public final class HiggsTemplates {

    public static final String CHANNEL = "higgs";
    public static final String POI = "mu";

    private final PreparedEvents events;
    private final ShiftKernel kernel;
    private final String column;
    private final Axis axis;
    private final long softSeed;
    private final double widthScale;

    /**
     * @param widthScale multiplies every constraint width (1: the challenge's sampling widths)
     */
    public HiggsTemplates(PreparedEvents events, String column, Axis axis, long softSeed, double widthScale) {
        if (!events.table().hasColumn(column) && !ShiftKernel.isShifted(column)) {
            throw new InputException("unknown column '" + column + "'; known columns: "
                    + String.join(", ", events.table().numericColumns()));
        }
        this.events = events;
        this.kernel = new ShiftKernel(events);
        this.column = column;
        this.axis = axis;
        this.softSeed = softSeed;
        this.widthScale = widthScale;
    }

    public PreparedEvents events() {
        return events;
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
        if (p == NuisanceParameter.SOFT_MET) {
            return Math.exp(alpha * sigma(p));
        }
        return p.nominal() + alpha * sigma(p);
    }

    /** The parameter's alpha at value theta. */
    public double alpha(NuisanceParameter p, double theta) {
        if (p == NuisanceParameter.SOFT_MET) {
            return Math.log(Math.max(theta, 1e-12)) / sigma(p);
        }
        return (theta - p.nominal()) / sigma(p);
    }

    /** Grid of alpha for the polynomial shape templates. */
    static final double[] GRID = {-3, -2, -1, 1, 2, 3};
    /** Degree of the per-bin polynomials. */
    static final int DEGREE = 4;

    /**
     * The model of {@link #workspace()} with each shape histosys (tes, jes, soft_met) replaced by a per-bin
     * polynomial of degree 4 fitted to templates at alpha = -3..3: the +-1 sigma linear interpolation is
     * too coarse where the data pin tes to a few percent of its prior (the Z peak position).
     */
    public org.nuisance.engine.stats.histfactory.Model polynomialModel(Workspace ws) {
        org.nuisance.engine.stats.histfactory.Model model = org.nuisance.engine.stats.histfactory.Model.of(ws);
        List<String> processes = events.table().processNames();
        NuisanceValues nom = nominal();
        ProcessHistograms nominal = kernel.fill(column, axis, nom, softSeed);
        for (NuisanceParameter p : new NuisanceParameter[] {NuisanceParameter.TES, NuisanceParameter.JES,
            NuisanceParameter.SOFT_MET}) {
            if (model.indexOf(p.key()) < 0) {
                continue;
            }
            ProcessHistograms[] grid = new ProcessHistograms[GRID.length];
            for (int g = 0; g < GRID.length; g++) {
                grid[g] = kernel.fill(column, axis, nom.with(p, clip(p, theta(p, GRID[g]))), softSeed);
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
                double[][] deltas = new double[GRID.length][];
                for (int g = 0; g < GRID.length; g++) {
                    double[] v = inRange(grid[g], s);
                    for (int b = 0; b < v.length; b++) {
                        v[b] -= n0[b];
                    }
                    deltas[g] = v;
                }
                model = model.withPolynomialShape(processes.get(s), p.key(), GRID, deltas, DEGREE);
            }
        }
        return model;
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
        NuisanceValues nom = nominal();
        ProcessHistograms nominal = kernel.fill(column, axis, nom, softSeed);
        NuisanceParameter[] shape = {NuisanceParameter.TES, NuisanceParameter.JES, NuisanceParameter.SOFT_MET};
        ProcessHistograms[][] shifted = new ProcessHistograms[shape.length][2];
        for (int k = 0; k < shape.length; k++) {
            NuisanceParameter p = shape[k];
            if (p == NuisanceParameter.SOFT_MET && !ShiftKernel.dependsOnMet(column)) {
                continue;
            }
            if (!ShiftKernel.isShifted(column)) {
                continue;
            }
            shifted[k][0] = kernel.fill(column, axis, nom.with(p, theta(p, 1)), softSeed);
            shifted[k][1] = kernel.fill(column, axis, nom.with(p, theta(p, -1)), softSeed);
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
