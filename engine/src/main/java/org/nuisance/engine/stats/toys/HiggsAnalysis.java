package org.nuisance.engine.stats.toys;

import java.util.ArrayList;
import java.util.List;
import org.hipparchus.random.RandomDataGenerator;
import org.hipparchus.random.Well19937c;
import org.nuisance.engine.higgsml.NuisanceParameter;
import org.nuisance.engine.higgsml.NuisanceValues;
import org.nuisance.engine.higgsml.PreparedEvents;
import org.nuisance.engine.hist.Axis;
import org.nuisance.engine.stats.fit.FitResult;
import org.nuisance.engine.stats.fit.Fitter;
import org.nuisance.engine.stats.fit.Impacts;
import org.nuisance.engine.stats.fit.ProfileScan;
import org.nuisance.engine.stats.histfactory.Data;
import org.nuisance.engine.stats.histfactory.Model;
import org.nuisance.engine.stats.histfactory.Parameter;
import org.nuisance.engine.stats.histfactory.Workspace;

/**
 * The FAIR Universe binned analysis of one observable, as the workbench's likelihood view uses it: the
 * model from {@link HiggsTemplates} (per-bin polynomial shapes), the mapping between the sliders'
 * physical values and the model's parameters, the datasets (Asimov or Poisson at the sliders' values,
 * or the events as observed), and one call that fits, scans mu three ways and ranks the impacts.
 */
public final class HiggsAnalysis {

    /** Everything the likelihood view shows for one dataset. */
    public record Summary(FitResult fit, ProfileScan.Result profiled, ProfileScan.Result frozen,
                          ProfileScan.Result statOnly, List<Impacts.Impact> impacts, List<String> nuisanceNames) {
    }

    private final HiggsTemplates templates;
    private final Workspace workspace;
    private final Model model;

    public HiggsAnalysis(PreparedEvents events, String column, Axis axis, long softSeed) {
        templates = new HiggsTemplates(events, column, axis, softSeed, 1.0);
        workspace = templates.workspace();
        model = templates.polynomialModel(workspace);
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
        return model.dataWith(model.expected(point(v)));
    }

    /** One Poisson pseudo-experiment around the expectation at the physical values (seeded). */
    public Data poisson(NuisanceValues v, long seed) {
        double[] nu = model.expected(point(v));
        RandomDataGenerator rng = RandomDataGenerator.of(new Well19937c(seed));
        double[] n = new double[nu.length];
        for (int b = 0; b < n.length; b++) {
            n[b] = nu[b] > 0 ? rng.nextPoisson(nu[b]) : 0;
        }
        return model.dataWith(n);
    }

    /** The events themselves as the observation (their nominal histogram). */
    public Data observed() {
        return model.observedData();
    }

    /**
     * Fits, then scans mu on points values around the best fit: profiled, with the nuisance parameters
     * frozen at the sliders' values, and stat-only (constrained parameters held at the best fit); and
     * ranks the impacts.
     */
    public Summary analyse(Data data, NuisanceValues sliders, int points) {
        Fitter fitter = new Fitter(model, data);
        FitResult fit = fitter.fit();
        int poi = model.poi();
        double mu = fit.values()[poi];
        double err = Double.isFinite(fit.errors()[poi]) && fit.errors()[poi] > 0 ? fit.errors()[poi] : 0.5;
        double from = Math.max(model.parameter(poi).lo(), mu - 3.2 * err);
        double to = Math.min(model.parameter(poi).hi(), mu + 3.2 * err);
        ProfileScan.Result profiled = new ProfileScan(model, fitter, poi, new int[0]).scan(from, to, points);
        int[] nps = ProfileScan.constrainedParameters(model, poi);
        double[] at = point(sliders);
        double[] held = new double[nps.length];
        for (int k = 0; k < nps.length; k++) {
            held[k] = at[nps[k]];
        }
        ProfileScan.Result frozen = new ProfileScan(model, fitter, poi, nps, held).scan(from, to, points);
        ProfileScan.Result statOnly = new ProfileScan(model, fitter, poi, nps).scan(from, to, points);
        List<Impacts.Impact> impacts = Impacts.compute(model, data);
        List<String> names = new ArrayList<>();
        for (int i : nps) {
            names.add(model.parameter(i).name());
        }
        return new Summary(fit, profiled, frozen, statOnly, impacts, names);
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
