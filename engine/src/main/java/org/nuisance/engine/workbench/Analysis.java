package org.nuisance.engine.workbench;

import java.util.List;
import java.util.Map;
import org.nuisance.engine.stats.fit.LikelihoodSummary;

/**
 * One fit of a fixed dataset: the fit, scans and impacts (the scanned parameter in its own units, e.g.
 * ttbar_scale around 1.0), the best fit in the sliders' units, which data was fitted, and the warnings
 * to show in the view (no convergence, a parameter at a bound), and the post-fit total uncertainty band
 * on the expected counts (null where the model has none).
 */
public record Analysis(LikelihoodSummary summary, String dataLabel, Map<String, Double> sliders,
                       Map<String, Double> bestFit, List<String> parameters, List<String> warnings, double ms,
                       TotalBand band) {

    /** An analysis without a post-fit band. */
    public Analysis(LikelihoodSummary summary, String dataLabel, Map<String, Double> sliders,
                    Map<String, Double> bestFit, List<String> parameters, List<String> warnings, double ms) {
        this(summary, dataLabel, sliders, bestFit, parameters, warnings, ms, null);
    }
}
