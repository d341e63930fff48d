package org.nuisance.engine.workbench;

import java.util.Map;
import java.util.Set;

/**
 * A model the likelihood view can fit: the binned HistFactory model of events or of a workspace today,
 * the unbinned neural likelihood later. Everything below it is one {@link org.nuisance.engine.stats.Likelihood}
 * on the chosen data, so fits, scans, impacts and pulls are written once. Not thread-safe: one per worker.
 */
public interface FitTarget {

    /** The model's name for the likelihood view (e.g. "Binned (40 bins of DER_mass_vis)"). */
    String describe();

    /**
     * Fits the data (never changed by this call), scans the parameter named scanned (null: the
     * parameter of interest) around the best fit, ranks the impacts.
     *
     * @param sliders the sliders' values by parameter name: where the frozen scan holds the nuisance
     *                parameters and the held parameters sit
     * @param fixed   parameters held at their slider values in every fit
     */
    Analysis analyse(DataSpec data, Map<String, Double> sliders, Set<String> fixed, String scanned, int points);
}
