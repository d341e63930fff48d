package org.nuisance.engine.stats.toys;

import org.nuisance.engine.higgsml.ComputedColumns;
import org.nuisance.engine.higgsml.NuisanceParameter;
import org.nuisance.engine.higgsml.NuisanceValues;
import org.nuisance.engine.higgsml.PreparedEvents;
import org.nuisance.engine.hist.Axis;
import org.nuisance.engine.stats.fit.LikelihoodSummary;
import org.nuisance.engine.stats.histfactory.Data;
import org.nuisance.engine.stats.histfactory.Model;
import org.nuisance.engine.stats.Parameter;
import org.nuisance.engine.stats.histfactory.Workspace;

/**
 * The FAIR Universe binned analysis of one observable, as the workbench's likelihood view uses it: the
 * model from {@link HiggsTemplates} (per-bin polynomial shapes), the mapping between the sliders'
 * physical values and the model's parameters, the datasets (Asimov or Poisson at the sliders' values,
 * or the events as observed), and one call that fits, scans mu three ways and ranks the impacts.
 */
public final class HiggsAnalysis {

    private final HiggsTemplates templates;
    private final Workspace workspace;
    private final Model model;

    public HiggsAnalysis(PreparedEvents events, String column, Axis axis, long softSeed) {
        this(events, ComputedColumns.none(), column, axis, softSeed);
    }

    /** As above, where column may be one computed from the shifted events (a classifier's score). */
    public HiggsAnalysis(PreparedEvents events, ComputedColumns computed, String column, Axis axis, long softSeed) {
        templates = new HiggsTemplates(events, computed, column, axis, softSeed, 1.0);
        workspace = templates.workspace();
        model = templates.polynomialModel(workspace);
    }

    /**
     * The challenge's pseudo-experiments for this observable and binning, set up as the coverage command
     * does by default: shapes tabulated every 0.1 sigma with their interpolation uncertainty, a smooth
     * polynomial model for starting values, the binned Poisson bootstrap.
     */
    public PseudoExperiments pseudoExperiments() {
        Workspace ws = templates.withInterpolationUncertainty(workspace);
        return new PseudoExperiments(templates, templates.model(ws, HiggsTemplates.Shapes.GRID),
                templates.model(ws, HiggsTemplates.Shapes.POLYNOMIAL), PseudoExperiments.Bootstrap.BINNED);
    }

    public Model model() {
        return model;
    }

    /** The binned model as a HistFactory workspace (linear histosys at +-1 sigma), for export. */
    public Workspace workspace() {
        return workspace;
    }

    public HiggsTemplates templates() {
        return templates;
    }

    /** The model's parameter vector at physical values: alpha per nuisance parameter, clipped to its bounds. */
    public double[] point(NuisanceValues v) {
        double[] x = model.inits();
        for (int i = 0; i < model.size(); i++) {
            Parameter p = model.parameter(i);
            double value;
            if (i == model.poi()) {
                value = v.mu();
            } else {
                NuisanceParameter np = byKey(p.name());
                if (np == null) {
                    continue;
                }
                value = templates.alpha(np, v.get(np));
            }
            x[i] = Math.max(p.lo(), Math.min(p.hi(), value));
        }
        return x;
    }

    /** Physical values from a parameter vector; parameters the model lacks keep their value in base. */
    public NuisanceValues values(double[] x, NuisanceValues base) {
        NuisanceValues v = base;
        for (int i = 0; i < model.size(); i++) {
            String name = model.parameter(i).name();
            if (i == model.poi()) {
                v = v.with(NuisanceParameter.MU, Math.max(NuisanceParameter.MU.min(), x[i]));
                continue;
            }
            NuisanceParameter np = byKey(name);
            if (np != null) {
                double theta = templates.theta(np, x[i]);
                v = v.with(np, Math.max(np.min(), Math.min(np.max(), theta)));
            }
        }
        return v;
    }

    /** The expected counts at the physical values, with the constraints' auxiliary data at nominal. */
    public Data asimov(NuisanceValues v) {
        return PseudoData.asimov(model, point(v));
    }

    /** One Poisson pseudo-experiment around the expectation at the physical values (seeded). */
    public Data poisson(NuisanceValues v, long seed) {
        return PseudoData.poisson(model, point(v), seed);
    }

    /** The events themselves as the observation (their nominal histogram). */
    public Data observed() {
        return model.observedData();
    }

    /**
     * Fits, then scans mu on points values around the best fit: profiled, with the nuisance parameters
     * frozen at the sliders' values, and stat-only; and ranks the impacts.
     */
    public LikelihoodSummary analyse(Data data, NuisanceValues sliders, int points) {
        return analyse(data, sliders, java.util.Set.of(), points);
    }

    /** As {@link #analyse(Data, NuisanceValues, int)}, holding the given parameters at the sliders' values. */
    public LikelihoodSummary analyse(Data data, NuisanceValues sliders, java.util.Set<NuisanceParameter> fixed,
                                     int points) {
        return analyse(data, sliders, fixed, model.poiName(), points);
    }

    /** As above, scanning the named model parameter (mu, or a nuisance parameter's alpha). */
    public LikelihoodSummary analyse(Data data, NuisanceValues sliders, java.util.Set<NuisanceParameter> fixed,
                                     String scanned, int points) {
        boolean[] held = new boolean[model.size()];
        for (NuisanceParameter p : fixed) {
            int i = p == NuisanceParameter.MU ? -1 : model.indexOf(p.key());
            if (i >= 0) {
                held[i] = true;
            }
        }
        int index = model.indexOf(scanned);
        return LikelihoodSummary.analyse(model, data, point(sliders), held, index < 0 ? model.poi() : index, points);
    }

    private static NuisanceParameter byKey(String key) {
        for (NuisanceParameter p : NuisanceParameter.values()) {
            if (p.key().equals(key)) {
                return p;
            }
        }
        return null;
    }
}
