package org.nuisance.engine.nsbi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nuisance.engine.cli.CliRun;
import org.nuisance.engine.higgsml.DemoGenerator;
import org.nuisance.engine.ml.ComputeDevice;

/**
 * {@code nsbi train --ensemble 3 --shard I/N} then {@code merge}: the model folder one process saves, every
 * network parameter file byte for byte and the per-event terms bit for bit (only the cards' wall-clock
 * {@code seconds} differ); and a part trained with another setting is refused naming it.
 */
class ShardedNsbiTrainingCliTest {

    static String[] train(String... more) {
        return Stream.concat(Stream.of("nsbi", "train", "--input", "demo", "--events", "6000", "--seed", "4",
                "--features", "DER_mass_vis,PRI_met", "--ensemble", "3", "--epochs", "1", "--layers", "1", "--width", "4",
                "--design-points", "10", "--events-per-point", "200"), Stream.of(more)).toArray(String[]::new);
    }

    @Test
    void twoShardsOfAThreeMemberNsbiModelMergeToTheOneProcessModel(@TempDir Path dir) throws Exception {
        Path whole = dir.resolve("whole");
        CliRun one = CliRun.of(train("--output", whole.toString()));
        assertEquals(0, one.code(), one.err());
        Path a = dir.resolve("part-0");
        Path b = dir.resolve("part-1");
        CliRun ra = CliRun.of(train("--shard", "0/2", "--output", a.toString()));
        assertEquals(0, ra.code(), ra.err());
        CliRun rb = CliRun.of(train("--shard", "1/2", "--output", b.toString()));
        assertEquals(0, rb.code(), rb.err());
        assertTrue(Files.isDirectory(b.resolve("ratio-htautau").resolve("member-02")), "shard 1 of 2 owns member 2 of 3");
        Path merged = dir.resolve("merged");
        CliRun m = CliRun.of("merge", b.toString(), a.toString(), "--output", merged.toString());
        assertEquals(0, m.code(), m.err());
        org.nuisance.engine.cli.ShardedTrainingCliTest.assertSameModels(whole, merged);
        var events = DemoGenerator.generate(300, 77);
        try (NsbiModel x = NsbiModel.load(whole, ComputeDevice.Choice.CPU);
             NsbiModel y = NsbiModel.load(merged, ComputeDevice.Choice.CPU)) {
            assertArrayEquals(x.terms(events).terms(), y.terms(events).terms(), 0f, "per-event terms bit-identical");
        }
    }

    @Test
    void mergeRefusesAPartOfAnotherWidthAndAMissingShard(@TempDir Path dir) {
        CliRun a = CliRun.of(train("--shard", "0/3", "--output", dir.resolve("a").toString()));
        assertEquals(0, a.code(), a.err());
        String[] other = train("--shard", "1/3", "--output", dir.resolve("b").toString());
        other[List.of(other).indexOf("--width") + 1] = "5";
        CliRun b = CliRun.of(other);
        assertEquals(0, b.code(), b.err());
        CliRun m = CliRun.of("merge", dir.resolve("a").toString(), dir.resolve("b").toString(), "--output",
                dir.resolve("m").toString());
        assertEquals(2, m.code());
        assertEquals("error: merge: " + dir.resolve("b") + " does not belong with " + dir.resolve("a") + ": --width 5 vs 4",
                m.err().strip());
        CliRun missing = CliRun.of("merge", dir.resolve("a").toString(), "--output", dir.resolve("m").toString());
        assertEquals(2, missing.code());
        assertEquals("error: merge: shards [1, 2] of 3 missing (give every part, or --partial)", missing.err().strip());
    }
}
