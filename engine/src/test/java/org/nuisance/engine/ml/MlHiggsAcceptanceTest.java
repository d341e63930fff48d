package org.nuisance.engine.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nuisance.engine.data.EventTable;

/**
 * Issue 6 acceptance on the 22,889 real HiggsML 2014 events (../shared/data): a classifier on the 30 PRI + DER
 * features, judged on a held-out 20% that neither training nor early stopping saw (seeded split).
 */
class MlHiggsAcceptanceTest {

    private static EventTable train;
    private static EventTable test;
    private static List<String> features;

    @BeforeAll
    static void split() {
        EventTable all = MlTestData.readHiggsMl2014();
        assertEquals(22889, all.rows());
        features = MlTestData.priAndDer(all);
        assertEquals(30, features.size());
        int[][] split = MlTestData.split(all.rows(), 0.2, 2014);
        test = all.selectRows(split[0], split[0].length);
        train = all.selectRows(split[1], split[1].length);
    }

    /**
     * The unweighted ROC AUC is the figure of merit when every event counts once, so the classifier is
     * trained with every event counting once (classes still balanced): AUC >= 0.88 (measured 0.897-0.899
     * for seeds 7-9), in under 2 minutes on the 2-core machine (measured about 1-3 s).
     */
    @Test
    void higgsMl2014ClassifierReachesUnweightedAuc088OnHeldOutFifth() {
        ClassifierConfig config = ClassifierConfig.defaults().withDevice(ComputeDevice.Choice.CPU).withSeed(7)
                .withEventWeights(false);
        long t0 = System.nanoTime();
        try (TrainedClassifier c = TrainedClassifier.train(TrainingSet.signalVsBackground(train, features), config,
                p -> System.out.println(p.format()))) {
            double seconds = (System.nanoTime() - t0) / 1e9;
            double auc = RocAuc.auc(c.score(test), TrainingSet.signalVsBackground(test, features).labels());
            System.out.printf("HiggsML 2014, unweighted training: held-out AUC %.4f, validation AUC %.4f, "
                            + "%d epochs (best %d), %.1f s on %s%n", auc, c.summary().validationAuc(),
                    c.summary().epochsRun(), c.summary().bestEpoch(), seconds, c.summary().device());
            assertTrue(auc >= 0.88, "held-out AUC " + auc);
            assertTrue(seconds < 120, "training took " + seconds + " s");
        }
    }

    /**
     * With the default settings the events' own weights enter the loss (class-balanced), so the classifier
     * is judged by the weighted AUC: >= 0.90 on the held-out fifth (measured 0.915-0.920 for seeds 7-9; its
     * unweighted AUC is lower, 0.875-0.885, as high-weight background dominates the loss).
     */
    @Test
    void higgsMl2014WeightedClassifierReachesWeightedAuc090() {
        ClassifierConfig config = ClassifierConfig.defaults().withDevice(ComputeDevice.Choice.CPU).withSeed(7);
        try (TrainedClassifier c = TrainedClassifier.train(TrainingSet.signalVsBackground(train, features), config,
                TrainingProgressListener.NONE)) {
            TrainingSet held = TrainingSet.signalVsBackground(test, features);
            float[] s = c.score(test);
            double weighted = RocAuc.auc(s, held.labels(), held.weights());
            System.out.printf("HiggsML 2014, weighted training: held-out weighted AUC %.4f, unweighted %.4f, %.1f s%n",
                    weighted, RocAuc.auc(s, held.labels()), c.summary().seconds());
            assertTrue(weighted >= 0.90, "held-out weighted AUC " + weighted);
        }
    }
}
