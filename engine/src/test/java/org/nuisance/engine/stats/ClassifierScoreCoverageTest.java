package org.nuisance.engine.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nuisance.engine.data.EventTable;
import org.nuisance.engine.higgsml.DemoGenerator;
import org.nuisance.engine.higgsml.NuisanceParameter;
import org.nuisance.engine.higgsml.NuisanceValues;
import org.nuisance.engine.higgsml.PreparedEvents;
import org.nuisance.engine.higgsml.ShiftKernel;
import org.nuisance.engine.hist.Axis;
import org.nuisance.engine.hist.ProcessHistograms;
import org.nuisance.engine.ml.ClassifierConfig;
import org.nuisance.engine.ml.TrainedClassifier;
import org.nuisance.engine.ml.TrainingSet;
import org.nuisance.engine.stats.toys.ChallengeScore;
import org.nuisance.engine.stats.toys.HiggsTemplates;
import org.nuisance.engine.stats.toys.PseudoExperiments;

/**
 * The FAIR Universe binned analysis on a classifier's score (issue #6): the score is recomputed on shifted
 * events, so tes/jes/soft_met move it as they move a DER column, and its pseudo-experiments cover as
 * DER_mass_vis's do.
 */
class ClassifierScoreCoverageTest {

    static EventTable demo;
    static TrainedClassifier classifier;

    @BeforeAll
    static void train() {
        demo = DemoGenerator.generate(100_000, 11);
        // features that do not involve the MET: the binned model adds each shape parameter's effect bin by
        // bin, which misses how tes, jes and soft_met combine on the MET (see the coverage command's notes)
        List<String> features = List.of("PRI_had_pt", "PRI_lep_pt", "PRI_had_eta", "PRI_lep_eta", "DER_mass_vis",
                "DER_deltar_had_lep", "DER_pt_ratio_lep_had", "DER_sum_pt", "PRI_n_jets", "PRI_jet_leading_pt",
                "DER_mass_jet_jet", "DER_deltaeta_jet_jet");
        ClassifierConfig config = ClassifierConfig.defaults().toBuilder().maxEpochs(10).seed(3).build();
        classifier = TrainedClassifier.train(TrainingSet.signalVsBackground(demo, features), config,
                progress -> { });
        ShiftKernel.registerComputedColumn("score", classifier::score, features);
    }

    @AfterAll
    static void release() {
        ShiftKernel.unregisterComputedColumn("score");
        classifier.close();
    }

    @Test
    void theScoreMovesWithTheTauEnergyScale() {
        ShiftKernel kernel = new ShiftKernel(PreparedEvents.of(demo));
        Axis axis = Axis.regular(10, 0, 1);
        ProcessHistograms nominal = kernel.fill("score", axis, NuisanceValues.NOMINAL, 1);
        ProcessHistograms up = kernel.fill("score", axis, NuisanceValues.NOMINAL.with(NuisanceParameter.TES, 1.03), 1);
        double moved = 0;
        for (int b = 0; b < 10; b++) {
            moved += Math.abs(up.total().value(b) - nominal.total().value(b));
        }
        assertTrue(moved > 0.005 * nominal.total().total(), "a 3% TES shift changes the score distribution");
        // and the nominal histogram is that of the score of the events after the nominal cuts
        EventTable nominalEvents = org.nuisance.engine.higgsml.Systematics.apply(demo, NuisanceValues.NOMINAL, 1);
        EventTable scored = nominalEvents.withColumn("score_stored", classifier.score(nominalEvents));
        ProcessHistograms direct = org.nuisance.engine.higgsml.EventHistograms.fillUnshifted(scored, "score_stored", axis,
                NuisanceValues.NOMINAL);
        for (int b = 0; b < 10; b++) {
            assertEquals(direct.total().value(b), nominal.total().value(b), 1e-6 * Math.abs(direct.total().value(b)) + 1e-9);
        }
    }

    @Test
    void scoreCoversLikeTheVisibleMass() {
        int toys = 120;
        PseudoExperiments.Summary mass = coverage("DER_mass_vis", Axis.regular(20, 0, 200), toys);
        PseudoExperiments.Summary score = coverage("score", Axis.regular(10, 0, 1), toys);
        double band = 2 * ChallengeScore.sigma68(toys);
        System.out.printf("coverage %d toys: DER_mass_vis %.3f width %.3f; score %.3f width %.3f (band +-%.3f)%n",
                toys, mass.coverage(), mass.meanWidth(), score.coverage(), score.meanWidth(), band);
        assertEquals(0.6827, mass.coverage(), band + 1e-9, "DER_mass_vis covers");
        assertEquals(0.6827, score.coverage(), band + 1e-9, "the score covers");
        // Not asserted, because on this demo it does not hold: the score's interval is wider than DER_mass_vis's
        // (0.89 vs 0.77 with 10 bins). The interval is dominated by tes, which the visible mass's Z peak
        // constrains and a 1-D score spreads out (see the issue notes).
        assertTrue(score.meanWidth() > 0 && mass.meanWidth() > 0);
    }

    private static PseudoExperiments.Summary coverage(String column, Axis axis, int toys) {
        HiggsTemplates templates = new HiggsTemplates(PreparedEvents.of(demo), column, axis, 31415, 1.0);
        var ws = templates.withInterpolationUncertainty(templates.workspace());
        // as the coverage command does by default: shapes tabulated every 0.1 sigma, a smooth model to start from
        var model = templates.model(ws, HiggsTemplates.Shapes.GRID);
        var smooth = templates.model(ws, HiggsTemplates.Shapes.POLYNOMIAL);
        return new PseudoExperiments(templates, model, smooth, PseudoExperiments.Bootstrap.BINNED).run(toys, 5);
    }
}
