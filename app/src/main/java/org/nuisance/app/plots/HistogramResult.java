package org.nuisance.app.plots;

import org.nuisance.engine.hist.Histogram;
import org.nuisance.engine.hist.ProcessHistograms;
import org.nuisance.engine.higgsml.NuisanceValues;

/**
 * What the histogram view shows, computed for one set of parameter values: the processes at nominal
 * (stacked), the total with the sliders' values applied, and the data points chosen (Poisson or Asimov
 * pseudo-data at the sliders' values, or the loaded events).
 */
public record HistogramResult(ProcessHistograms nominal, ProcessHistograms shifted, double[] pseudoData,
                              NuisanceValues values, double computeMs) {

    public Histogram nominalTotal() {
        return nominal.total();
    }

    public Histogram shiftedTotal() {
        return shifted.total();
    }
}
