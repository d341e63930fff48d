package org.nuisance.engine.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nuisance.engine.higgsml.DemoGenerator;
import org.nuisance.engine.ml.ClassifierEnsemble;
import org.nuisance.engine.ml.ComputeDevice;

/** {@code train --ensemble N --shard I/N} then {@code merge}: the ensemble one process would have saved. */
public class ShardedTrainingCliTest {

    static final String[] TRAIN = {"train", "--input", "demo", "--events", "3000", "--features", "DER_mass_vis,PRI_had_pt,PRI_lep_pt",
        "--epochs", "2", "--seed", "5", "--device", "cpu", "--ensemble", "3"};

    static String[] with(String[] base, String... more) {
        return Stream.concat(Stream.of(base), Stream.of(more)).toArray(String[]::new);
    }

    /**
     * Every file of two model folders equal byte for byte, except each JSON card's wall-clock training time
     * ({@code seconds}), which is the one number that may differ between two runs of the same training.
     */
    public static void assertSameModels(Path expected, Path actual) throws IOException {
        List<Path> a;
        List<Path> b;
        try (Stream<Path> s = Files.walk(expected); Stream<Path> t = Files.walk(actual)) {
            a = s.filter(Files::isRegularFile).map(expected::relativize).sorted().toList();
            b = t.filter(Files::isRegularFile).map(actual::relativize).sorted().toList();
        }
        assertEquals(a, b, "same files");
        ObjectMapper json = new ObjectMapper();
        for (Path f : a) {
            if (f.getFileName().toString().endsWith(".json")) {
                ObjectNode x = (ObjectNode) json.readTree(expected.resolve(f).toFile());
                ObjectNode y = (ObjectNode) json.readTree(actual.resolve(f).toFile());
                stripSeconds(x);
                stripSeconds(y);
                assertEquals(x, y, f + " but for the training time");
            } else {
                assertArrayEquals(Files.readAllBytes(expected.resolve(f)), Files.readAllBytes(actual.resolve(f)), f + " byte for byte");
            }
        }
    }

    private static void stripSeconds(com.fasterxml.jackson.databind.JsonNode n) {
        if (n instanceof ObjectNode o) {
            o.remove("seconds");
            o.forEach(ShardedTrainingCliTest::stripSeconds);
        } else if (n.isArray()) {
            n.forEach(ShardedTrainingCliTest::stripSeconds);
        }
    }

    @Test
    void threeShardsOfAThreeMemberEnsembleMergeToTheOneProcessEnsemble(@TempDir Path dir) throws Exception {
        Path whole = dir.resolve("whole");
        CliRun one = CliRun.of(with(TRAIN, "--output", whole.toString()));
        assertEquals(0, one.code(), one.err());
        List<String> parts = new ArrayList<>(List.of("merge"));
        for (int i = 2; i >= 0; i--) { // any order
            Path part = dir.resolve("part-" + i);
            CliRun r = CliRun.of(with(TRAIN, "--shard", i + "/3", "--output", part.toString()));
            assertEquals(0, r.code(), r.err());
            assertTrue(Files.isDirectory(part.resolve(ClassifierEnsemble.memberFolder(i))), "member named by its global index");
            parts.add(part.toString());
        }
        Path merged = dir.resolve("merged");
        parts.addAll(List.of("--output", merged.toString()));
        CliRun m = CliRun.of(parts.toArray(String[]::new));
        assertEquals(0, m.code(), m.err());
        assertTrue(m.out().contains("merged 3 of 3 ensemble members from 3 parts"), m.out());
        assertSameModels(whole, merged);
        var events = DemoGenerator.generate(500, 77);
        try (ClassifierEnsemble a = ClassifierEnsemble.load(whole, ComputeDevice.Choice.CPU);
             ClassifierEnsemble b = ClassifierEnsemble.load(merged, ComputeDevice.Choice.CPU)) {
            assertArrayEquals(a.score(events), b.score(events), 0f, "scores bit-identical");
        }
    }

    @Test
    void mergeRefusesAPartTrainedWithOtherEpochsNamingTheOption(@TempDir Path dir) {
        String[] twoShards = TRAIN.clone();
        twoShards[List.of(twoShards).indexOf("--ensemble") + 1] = "2";
        CliRun a = CliRun.of(with(twoShards, "--shard", "0/2", "--output", dir.resolve("a").toString()));
        assertEquals(0, a.code(), a.err());
        String[] other = twoShards.clone();
        other[List.of(other).indexOf("--epochs") + 1] = "1";
        CliRun b = CliRun.of(with(other, "--shard", "1/2", "--output", dir.resolve("b").toString()));
        assertEquals(0, b.code(), b.err());
        CliRun m = CliRun.of("merge", dir.resolve("a").toString(), dir.resolve("b").toString(), "--output", dir.resolve("m").toString());
        assertEquals(2, m.code());
        assertEquals("error: merge: " + dir.resolve("b") + " does not belong with " + dir.resolve("a") + ": --epochs 1 vs 2",
                m.err().strip());
    }
}
