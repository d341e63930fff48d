package org.nuisance.engine.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nuisance.engine.data.EventTable;
import org.nuisance.engine.data.InputException;
import org.nuisance.engine.higgsml.DemoGenerator;

/** Pretraining: the demo's truth columns, seeded reproducibility, save/load, and the shipped model's card. */
class PretrainTest {

    private static final List<String> FEATURES = DemoGenerator.FEATURES;

    @Test
    void truthColumnsLeaveTheGeneratedEventsUnchanged() {
        EventTable plain = DemoGenerator.generate(5000, 9);
        EventTable withTruth = DemoGenerator.generate(5000, 9, true);
        for (String c : plain.numericColumns()) {
            assertArrayEquals(plain.column(c), withTruth.column(c), c);
        }
        // the tau pair's pT for a resonance is the boson pT: at least the visible pair's vector sum minus MET-free
        float[] met = withTruth.column("TRUTH_met");
        float[] pt = withTruth.column("TRUTH_boson_pt");
        for (int i = 0; i < 5000; i++) {
            assertTrue(met[i] >= 0 && pt[i] >= 0 && Float.isFinite(met[i]) && Float.isFinite(pt[i]));
        }
    }

    @Test
    void pretrainingIsReproducibleFromItsSeedAndSurvivesSaveAndLoad(@TempDir Path dir) {
        EventTable table = DemoGenerator.generate(20_000, 3, true);
        Pretrainer.Settings s = Pretrainer.Settings.defaults().withEpochs(1).withSeed(5);
        float[] first;
        try (PretrainedModel a = new Pretrainer(s, TrainingProgressListener.NONE).train(table, FEATURES,
                DemoGenerator.TRUTH_COLUMNS, "test");
             PretrainedModel b = new Pretrainer(s, TrainingProgressListener.NONE).train(table, FEATURES,
                     DemoGenerator.TRUTH_COLUMNS, "test")) {
            first = a.outputs(table);
            assertArrayEquals(first, b.outputs(table), "same seed, same network");
            assertEquals(a.card().heldOutAccuracy(), b.card().heldOutAccuracy());
            // better than guessing the most common class's share of weight? The classes are balanced in the
            // loss, so compare with 1/4 instead: four processes.
            assertTrue(a.card().heldOutAccuracy() > 0.4, "held-out accuracy " + a.card().heldOutAccuracy());
            a.save(dir.resolve("m"));
        }
        try (PretrainedModel loaded = PretrainedModel.load(dir.resolve("m"), ComputeDevice.Choice.CPU)) {
            assertArrayEquals(first, loaded.outputs(table), "save/load keeps every output bit for bit");
            double[] scores = Pretrainer.heldOutScores(loaded, table);
            assertEquals(loaded.card().heldOutAccuracy(), scores[0], 1e-12);
            assertEquals(loaded.card().heldOutSignalAuc(), scores[1], 1e-12);
        }
    }

    @Test
    void aFeatureTheTrunkDoesNotKnowIsRefusedByName() {
        try (PretrainedModel m = PretrainedModel.builtin(ComputeDevice.Choice.CPU)) {
            EventTable t = DemoGenerator.generate(100, 1);
            InputException e = assertThrows(InputException.class, () -> m.restrictedTo(t, List.of("DER_mass_MMC")));
            assertTrue(e.getMessage().contains("DER_mass_MMC"), e.getMessage());
        }
    }

    /**
     * A classifier fine-tuned on a subset of the trunk's features reads only those: saved and loaded it scores
     * events that lack the others, identically, and the trunk's features it was not given never matter.
     */
    @Test
    void fineTunedOnAFeatureSubsetScoresEventsWithOnlyThoseColumns(@TempDir Path dir) {
        EventTable table = DemoGenerator.generate(4000, 12);
        List<String> used = List.of("DER_mass_vis", "DER_pt_h", "PRI_met");
        ClassifierConfig config = ClassifierConfig.defaults().withEpochs(2).withSeed(3)
                .withDevice(ComputeDevice.Choice.CPU);
        float[] scores;
        try (PretrainedModel trunk = PretrainedModel.builtin(ComputeDevice.Choice.CPU);
             TrainedClassifier c = new ClassifierTrainer(config).startFrom(trunk, 0.1f, used)
                     .train(TrainingSet.signalVsBackground(trunk.restrictedTo(table, used), trunk.features()))) {
            assertEquals(List.of("PRI_met", "DER_mass_vis", "DER_pt_h"), c.features(), "the used features, in the trunk's order");
            scores = c.score(table);
            c.save(dir.resolve("c"));
        }
        EventTable onlyUsed = new EventTable(table.rows(), List.of("DER_mass_vis", "DER_pt_h", "PRI_met", "weights", "detailed_labels"),
                java.util.Map.of("DER_mass_vis", table.column("DER_mass_vis"), "DER_pt_h", table.column("DER_pt_h"),
                        "PRI_met", table.column("PRI_met"), "weights", table.weights()),
                java.util.Map.of("detailed_labels", table.categorical("detailed_labels")), "weights", "detailed_labels");
        try (TrainedClassifier loaded = TrainedClassifier.load(dir.resolve("c"), ComputeDevice.Choice.CPU)) {
            assertArrayEquals(scores, loaded.score(onlyUsed));
        }
    }

    /**
     * The shipped model (assets/pretrained) loads offline from the classpath and its card's held-out scores
     * come out again on its held-out events, regenerated from the card's seed and size.
     */
    @Test
    void builtinModelReproducesItsCardsHeldOutScores() {
        try (PretrainedModel m = PretrainedModel.builtin(ComputeDevice.Choice.CPU)) {
            PretrainedCard c = m.card();
            EventTable table = DemoGenerator.generate(regeneratedEvents(c), c.seed(), true);
            assertEquals(c.heldOutEvents(), (int) Math.round(table.rows() * c.heldOutFraction()));
            double[] s = Pretrainer.heldOutScores(m, table);
            assertEquals(c.heldOutAccuracy(), s[0], 1e-9);
            assertEquals(c.heldOutSignalAuc(), s[1], 1e-9);
            assertTrue(c.heldOutSignalAuc() > 0.9, "signal-vs-rest AUC " + c.heldOutSignalAuc());
        }
    }

    /** The number of demo events in the command of the card ("--events N"). */
    static int regeneratedEvents(PretrainedCard c) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("--events (\\d+)").matcher(c.regenerate());
        assertTrue(m.find(), c.regenerate());
        return Integer.parseInt(m.group(1));
    }
}
