package org.nuisance.engine.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nuisance.engine.data.EventTable;
import org.nuisance.engine.higgsml.DemoGenerator;
import org.nuisance.engine.higgsml.PreparedEvents;
import org.nuisance.engine.higgsml.ShiftKernel;
import org.nuisance.engine.higgsml.Systematics;
import org.nuisance.engine.hist.Axis;
import org.nuisance.engine.stats.histfactory.Model;
import org.nuisance.engine.stats.toys.HiggsTemplates;
import org.nuisance.engine.stats.toys.IndependentSample;

/**
 * The templates' MC statistics in the binned model (HistFactory staterror, Barlow-Beeston-lite): one gamma
 * per bin with Gaussian width delta_b = sqrt(sum of w^2) / (sum of w) over all processes' events in the bin
 * (pyhf's definition), where the w^2 sum runs over the template events and the independent pseudo-data
 * sample's events. The reference is that sum done by hand over the events after the nominal cuts
 * ({@link Systematics#apply}), not through the histogram fill.
 */
class McStatUncertaintyTest {

    @Test
    void staterrorWidthIsTheRootOfBothSamplesSquaredWeightsOverTheTemplateYield() {
        EventTable templates = DemoGenerator.generate(20_000, 3);
        EventTable pseudo = DemoGenerator.generate(15_000, IndependentSample.testSeed(3));
        Axis axis = Axis.regular(8, 20, 180);
        HiggsTemplates t = new HiggsTemplates(PreparedEvents.of(templates), "DER_mass_vis", axis, 3, 1);
        Model model = Model.of(t.withMcStatUncertainty(t.workspace(), new ShiftKernel(PreparedEvents.of(pseudo))
                .fill("DER_mass_vis", axis, HiggsTemplates.nominal(), 3)));
        double[] sumw = new double[axis.bins()];
        double[] sumw2 = new double[axis.bins()];
        for (EventTable table : List.of(templates, pseudo)) {
            EventTable cut = Systematics.apply(table, HiggsTemplates.nominal(), 3);
            float[] x = cut.column("DER_mass_vis");
            float[] w = cut.weights();
            for (int i = 0; i < cut.rows(); i++) {
                if (x[i] >= 20 && x[i] < 180) {
                    int b = (int) ((x[i] - 20) / 20);
                    sumw2[b] += (double) w[i] * w[i];
                    if (table == templates) {
                        sumw[b] += w[i];
                    }
                }
            }
        }
        List<Parameter> gammas = new ArrayList<>();
        for (int i = 0; i < model.size(); i++) {
            if (model.parameter(i).set().equals(HiggsTemplates.MC_STAT)) {
                gammas.add(model.parameter(i));
            }
        }
        assertEquals(axis.bins(), gammas.size(), "one gamma per bin");
        for (int b = 0; b < axis.bins(); b++) {
            assertEquals(Math.sqrt(sumw2[b]) / sumw[b], gammas.get(b).priorSigma(), 1e-9 * gammas.get(b).priorSigma(),
                    "bin " + b);
        }
    }
}
