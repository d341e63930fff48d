package org.nuisance.engine.stats.fit;

import java.util.ArrayList;
import java.util.List;
import org.nuisance.engine.stats.Likelihood;
import org.nuisance.engine.stats.histfactory.BinnedLikelihood;
import org.nuisance.engine.stats.histfactory.Data;
import org.nuisance.engine.stats.histfactory.Model;

/**
 * What an interactive likelihood view shows for one model and dataset: the fit, three scans of the
 * parameter of interest (or any other chosen parameter) around its best fit (profiled; the constrained parameters frozen at a chosen
 * point; stat-only with them held at the best fit), and the ranked impacts.
 */
public record LikelihoodSummary(FitResult fit, ProfileScan.Result profiled, ProfileScan.Result frozen,
                                ProfileScan.Result statOnly, List<Impacts.Impact> impacts, List<String> nuisanceNames) {

    public static LikelihoodSummary analyse(Model model, Data data, double[] frozenAt, int points) {
        return analyse(model, data, frozenAt, new boolean[model.size()], points);
    }

    /**
     * @param frozenAt the full parameter vector whose constrained entries the frozen scan holds
     * @param userFixed parameters the user holds at their frozenAt value in every fit and scan
     * @param points   scan points per curve, on the best fit +- 3.2 errors (within the POI's bounds)
     */
    public static LikelihoodSummary analyse(Model model, Data data, double[] frozenAt, boolean[] userFixed, int points) {
        return analyse(model, data, frozenAt, userFixed, model.poi(), points);
    }

    /** As above, scanning the parameter at index scanned instead of the parameter of interest. */
    public static LikelihoodSummary analyse(Model model, Data data, double[] frozenAt, boolean[] userFixed, int scanned,
                                            int points) {
        return analyse(new BinnedLikelihood(model, data), frozenAt, userFixed, scanned, points);
    }

    /**
     * The same for any {@link Likelihood} (binned or unbinned): fit, three scans of the parameter at index
     * scanned, and the impacts. The likelihood carries its dataset, which nothing here changes.
     */
    public static LikelihoodSummary analyse(Likelihood model, double[] frozenAt, boolean[] userFixed, int scanned,
                                            int points) {
        int poi = scanned;
        int[] fixed = java.util.stream.IntStream.range(0, model.size())
                .filter(i -> i != poi && userFixed[i]).toArray();
        double[] fixedValues = new double[fixed.length];
        double[] start = model.inits();
        for (int k = 0; k < fixed.length; k++) {
            fixedValues[k] = frozenAt[fixed[k]];
            start[fixed[k]] = fixedValues[k];
        }
        Fitter fitter = new Fitter(model);
        FitResult fit = fitter.fit(start, fixed, fixedValues, true);
        double mu = fit.values()[poi];
        double err = Double.isFinite(fit.errors()[poi]) && fit.errors()[poi] > 0 ? fit.errors()[poi] : 0.5;
        double from = Math.max(model.parameter(poi).lo(), mu - 3.2 * err);
        double to = Math.min(model.parameter(poi).hi(), mu + 3.2 * err);
        ProfileScan.Result profiled = new ProfileScan(fitter, poi, fixed, fixedValues).scan(from, to, points);
        int[] nps = java.util.stream.IntStream.concat(
                java.util.Arrays.stream(ProfileScan.constrainedParameters(model.parameters(), poi)),
                java.util.Arrays.stream(fixed)).distinct().sorted().toArray();
        double[] atSliders = new double[nps.length];
        double[] atBest = new double[nps.length];
        for (int k = 0; k < nps.length; k++) {
            atSliders[k] = frozenAt[nps[k]];
            atBest[k] = fit.values()[nps[k]];
        }
        ProfileScan.Result frozen = new ProfileScan(fitter, poi, nps, atSliders).scan(from, to, points);
        ProfileScan.Result statOnly = new ProfileScan(fitter, poi, nps, atBest).scan(from, to, points);
        List<Impacts.Impact> impacts = Impacts.compute(new Fitter(model));
        List<String> names = new ArrayList<>();
        for (int i : ProfileScan.constrainedParameters(model.parameters(), model.poi())) {
            names.add(model.parameter(i).name());
        }
        return new LikelihoodSummary(fit, profiled, frozen, statOnly, impacts, names);
    }
}
