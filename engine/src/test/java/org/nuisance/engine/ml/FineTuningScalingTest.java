package org.nuisance.engine.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nuisance.engine.data.EventTable;
import org.nuisance.engine.higgsml.DemoGenerator;

/**
 * Issue 19 acceptance on the real HiggsML 2014 events (../shared/data), which the pretrained model never saw
 * (it was pretrained on demo events only): with the 28 PRI/DER features other than DER_mass_MMC and
 * PRI_met_sumet, fine-tuning the shipped trunk beats training from scratch on small samples and keeps up with
 * all events. Every model is judged on the same held-out 30%, which no training or early stopping saw.
 * <p>
 * The trunk's learning-rate factor is 0.3 here. Measured (3 seeds, weighted AUC gain over scratch at 300 /
 * 1,000 / all 16,022 events): factor 0.1 (the paper's recipe, the CLI default) +0.028 / +0.002; 0.3 +0.049 /
 * +0.030 / +0.004; 1.0 +0.047 / +0.030. The demo generator is not the 2014 simulation, so the trunk must
 * adapt more than in the paper, where both came from the same simulation.
 */
class FineTuningScalingTest {

    @Test
    void fineTunedTrunkBeatsScratchBy002At300And1000EventsAndKeepsUpWithAllEvents() {
        EventTable all = MlTestData.readHiggsMl2014();
        assertEquals(22889, all.rows());
        List<String> features = DemoGenerator.FEATURES;
        int[][] split = MlTestData.split(all.rows(), 0.3, 2014);
        EventTable test = all.selectRows(split[0], split[0].length);
        EventTable pool = all.selectRows(split[1], split[1].length);
        TrainingScaling.Result r;
        try (PretrainedModel trunk = PretrainedModel.builtin(ComputeDevice.Choice.CPU)) {
            r = TrainingScaling.run(pool, test, features, new int[] {300, 1000, pool.rows()}, 3, trunk, 0.3f,
                    ClassifierConfig.defaults().withDevice(ComputeDevice.Choice.CPU), 1000,
                    TrainingProgressListener.NONE);
        }
        for (int size : new int[] {300, 1000, pool.rows()}) {
            System.out.printf("size %d: scratch %.4f, fine-tuned %.4f%n", size,
                    TrainingScaling.meanWeightedAuc(r.rows(), size, "scratch"),
                    TrainingScaling.meanWeightedAuc(r.rows(), size, "pretrained"));
        }
        for (int size : new int[] {300, 1000}) {
            double gain = TrainingScaling.meanWeightedAuc(r.rows(), size, "pretrained")
                    - TrainingScaling.meanWeightedAuc(r.rows(), size, "scratch");
            assertTrue(gain >= 0.02, "weighted AUC gain at " + size + " events: " + gain);
        }
        double full = TrainingScaling.meanWeightedAuc(r.rows(), pool.rows(), "pretrained")
                - TrainingScaling.meanWeightedAuc(r.rows(), pool.rows(), "scratch");
        assertTrue(full >= -0.005, "with all events the fine-tuned model trails by " + full);
        // fine-tuning keeps the trunk's representation closer to the pretrained one than scratch training gets
        for (TrainingScaling.Similarity s : r.similarities()) {
            assertTrue(s.fineTunedVsPretrained() > s.scratchVsPretrained(), s.toString());
        }
    }
}
