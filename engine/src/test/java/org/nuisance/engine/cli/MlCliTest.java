package org.nuisance.engine.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nuisance.engine.data.CsvEventWriter;
import org.nuisance.engine.data.EventReaders;
import org.nuisance.engine.data.EventTable;
import org.nuisance.engine.higgsml.DemoGenerator;
import org.nuisance.engine.ml.ComputeDevice;
import org.nuisance.engine.ml.EventScorer;

/** The train and score commands as a person types them. */
class MlCliTest {

    @Test
    void trainThenScoreWritesInputColumnsPlusScore(@TempDir Path dir) throws Exception {
        Path events = dir.resolve("events.csv");
        CsvEventWriter.write(DemoGenerator.generate(3000, 5), events);
        Path model = dir.resolve("model");
        CliRun train = CliRun.of("train", "--input", events.toString(), "--features", "DER_mass_vis,PRI_had_pt,PRI_lep_pt,DER_mass_jet_jet",
                "--epochs", "3", "--seed", "2", "--device", "cpu", "--output", model.toString());
        assertEquals(0, train.code(), train.err());
        assertTrue(train.out().contains("epoch 1/3") && train.out().contains("epoch 3/3"), train.out());
        assertTrue(train.out().matches("(?s).*validation AUC: 0\\.\\d{4}.*"), train.out());
        assertTrue(Files.isRegularFile(model.resolve("model.json")));

        Path scored = dir.resolve("scored.csv");
        CliRun score = CliRun.of("score", "--input", events.toString(), "--model", model.toString(), "--output", scored.toString());
        assertEquals(0, score.code(), score.err());
        List<String> lines = Files.readAllLines(scored);
        assertEquals(3001, lines.size());
        EventTable input = EventReaders.read(events);
        assertEquals(String.join(",", input.columnOrder()) + ",score", lines.get(0));
        EventTable back = EventReaders.read(scored);
        try (EventScorer m = EventScorer.load(model, ComputeDevice.Choice.CPU)) {
            assertArrayEquals(m.score(input), back.column("score"), 0f, "CSV floats read back exactly");
        }
    }

    @Test
    void trainWithEnsembleAndGlobFeaturesSavesAllMembers(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("ens");
        CliRun r = CliRun.of("train", "--input", "demo", "--events", "3000", "--features", "DER_*", "--epochs", "3",
                "--ensemble", "2", "--device", "cpu", "--output", model.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("member 1 epoch 3/3"), r.out());
        assertTrue(Files.isRegularFile(model.resolve("ensemble.json")));
        Path scored = dir.resolve("s.csv");
        CliRun s = CliRun.of("score", "--input", "demo", "--events", "500", "--model", model.toString(), "--output", scored.toString());
        assertEquals(0, s.code(), s.err());
        assertTrue(Files.readAllLines(scored).get(0).endsWith(",score,score_std"));
    }

    @Test
    void badInputsAreOneLineErrorsWithExitCode2(@TempDir Path dir) {
        CliRun unknown = CliRun.of("train", "--input", "demo", "--events", "500", "--features", "DER_mass_vis,NOPE",
                "--output", dir.resolve("m").toString());
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().startsWith("error: unknown feature 'NOPE'"), unknown.err());
        CliRun device = CliRun.of("train", "--input", "demo", "--features", "DER_mass_vis", "--device", "tpu",
                "--output", dir.resolve("m").toString());
        assertEquals(2, device.code());
        assertTrue(device.err().contains("--device must be auto, cpu or gpu"), device.err());
        CliRun noModel = CliRun.of("score", "--input", "demo", "--events", "10", "--model", dir.toString(),
                "--output", dir.resolve("o.csv").toString());
        assertEquals(2, noModel.code());
        assertTrue(noModel.err().contains("not a model folder"), noModel.err());
    }

    @Test
    void askingForAGpuWithoutOneIsAnInputError(@TempDir Path dir) {
        Assumptions.assumeTrue(ComputeDevice.gpuCount() == 0, "a GPU is present");
        CliRun r = CliRun.of("train", "--input", "demo", "--events", "500", "--features", "DER_mass_vis", "--device", "gpu",
                "--output", dir.resolve("m").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("found no GPU"), r.err());
    }

    /** pretrain writes a model folder that train --from-pretrained fine-tunes; a bad size is one line, exit 2. */
    @Test
    void pretrainThenFineTuneFromTheFolder(@TempDir Path dir) throws Exception {
        Path trunk = dir.resolve("trunk");
        CliRun pre = CliRun.of("pretrain", "--events", "3000", "--epochs", "1", "--seed", "4", "--output", trunk.toString());
        assertEquals(0, pre.code(), pre.err());
        assertTrue(pre.out().contains("held-out (150 events)"), pre.out());
        assertTrue(Files.isRegularFile(trunk.resolve("pretrained.json")));
        Path model = dir.resolve("tuned");
        CliRun tune = CliRun.of("train", "--input", "demo", "--events", "2000", "--features", "DER_mass_vis,PRI_met",
                "--epochs", "2", "--from-pretrained", trunk.toString(), "--max-events", "1500", "--output", model.toString());
        assertEquals(0, tune.code(), tune.err());
        assertTrue(tune.out().contains("events: 1500"), tune.out());
        CliRun bad = CliRun.of("pretrain", "--events", "10", "--output", dir.resolve("x").toString());
        assertEquals(2, bad.code());
        assertEquals(1, bad.err().strip().lines().count(), bad.err());
    }
}
