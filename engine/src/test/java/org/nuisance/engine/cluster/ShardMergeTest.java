package org.nuisance.engine.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nuisance.engine.data.InputException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.nuisance.engine.stats.toys.CoveragePart;
import org.nuisance.engine.stats.toys.PseudoExperiments;
import org.nuisance.engine.stats.toys.PseudoExperiments.Toy;

/** Shards tile the global indices; parts that do not belong together are refused in one line. */
class ShardMergeTest {

    @Test
    void shardsTileTheGlobalIndicesContiguouslyAndBalanced() {
        // 10 pseudo-experiments in 4 shards: floor(10*i/4) = 0, 2, 5, 7, 10 (by hand)
        int[] firsts = {0, 2, 5, 7};
        int[] ends = {2, 5, 7, 10};
        for (int i = 0; i < 4; i++) {
            Shard.Range r = Shard.parse(i + "/4").range(10);
            assertEquals(firsts[i], r.first());
            assertEquals(ends[i], r.end());
        }
        for (int total : new int[] {0, 1, 3, 7, 200, 1001}) {
            for (int n : new int[] {1, 2, 4, 7, 16}) {
                int next = 0;
                for (int i = 0; i < n; i++) {
                    Shard.Range r = new Shard(i, n).range(total);
                    assertEquals(next, r.first(), "contiguous");
                    assertTrue(r.size() == total / n || r.size() == total / n + 1, "balanced within one");
                    next = r.end();
                }
                assertEquals(total, next, "every index owned once");
            }
        }
    }

    @Test
    void badShardTextIsRefusedNamingTheOption() {
        for (String bad : new String[] {"4/4", "-1/4", "1", "a/b", "1/0", "/3"}) {
            InputException e = assertThrows(InputException.class, () -> Shard.parse(bad));
            assertTrue(e.getMessage().startsWith("--shard"), e.getMessage());
        }
    }

    /** A shard's manifest and its coverage part file, with made-up pseudo-experiments of index t. */
    record Both(ShardPart manifest, CoveragePart coverage) {
    }

    static Toy toy(int t) {
        return new Toy(1.0 + t * 1e-17, 1.1 / (t + 3), 0.1 * t, 0.1 * t + 1.0 / 3, t % 5 == 0);
    }

    private static Both part(String command, long seed, String bins, int i, int n, int total) {
        TreeMap<String, String> settings = new TreeMap<>();
        settings.put("--toys", String.valueOf(total));
        settings.put("--bins", bins);
        Shard shard = new Shard(i, n);
        Shard.Range r = shard.range(total);
        List<Toy> rows = new ArrayList<>();
        for (int t = r.first(); t < r.end(); t++) {
            rows.add(toy(t));
        }
        ObjectNode cs = new ObjectMapper().createObjectNode().put("bins", bins);
        return new Both(new ShardPart(command, settings, seed, shard, CoverageShards.KIND, r, CoverageShards.payload()),
                new CoveragePart(cs, seed, r.first(), 1.5, rows));
    }

    private static List<Path> write(Path dir, Both... parts) {
        List<Path> paths = new ArrayList<>();
        for (Both p : parts) {
            Path d = ShardPart.prepare(dir.resolve("part-" + paths.size()));
            p.coverage().write(d.resolve(CoverageShards.PART_FILE));
            p.manifest().write(d);
            paths.add(d);
        }
        return paths;
    }

    @Test
    void partRoundTripsThroughItsManifestExactly(@TempDir Path dir) {
        Both both = part("coverage", 3, "30", 1, 4, 10);
        ShardPart p = both.manifest();
        ShardPart back = ShardPart.read(write(dir, both).get(0));
        assertEquals(p.command(), back.command());
        assertEquals(p.settings(), back.settings());
        assertEquals(p.seed(), back.seed());
        assertEquals(p.shard(), back.shard());
        assertEquals(p.range(), back.range());
        assertEquals(p.payload(), back.payload(), "doubles survive JSON to the last bit");
    }

    @Test
    void mergedCoverageEqualsTheSummaryOverAllToysInIndexOrder(@TempDir Path dir) {
        List<Path> parts = write(dir, part("coverage", 3, "30", 2, 3, 11), part("coverage", 3, "30", 0, 3, 11),
                part("coverage", 3, "30", 1, 3, 11));
        StringWriter text = new StringWriter();
        Path out = dir.resolve("merged.json");
        ShardMergers.merge(parts, out, false, true, new PrintWriter(text));
        List<Toy> all = new ArrayList<>();
        for (int t = 0; t < 11; t++) {
            all.add(toy(t));
        }
        var s = PseudoExperiments.summarise(all, 0);
        assertTrue(text.toString().contains("\"mean_width\" : " + s.meanWidth()), text.toString());
        assertTrue(text.toString().contains("\"mean_mu_hat_minus_true\" : " + s.meanBias()), text.toString());
        assertTrue(Files.isRegularFile(out));
    }

    @Test
    void mergeRefusesPartsOfAnotherSeedNamingIt(@TempDir Path dir) {
        List<Path> parts = write(dir, part("coverage", 3, "30", 0, 2, 10), part("coverage", 4, "30", 1, 2, 10));
        InputException e = assertThrows(InputException.class, () -> ShardMergers.merge(parts, null, false, false,
                new PrintWriter(new StringWriter())));
        assertEquals("merge: " + parts.get(1) + " does not belong with " + parts.get(0) + ": --seed 4 vs 3", e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
    }

    @Test
    void mergeRefusesPartsWithAnotherSettingNamingTheOption(@TempDir Path dir) {
        List<Path> parts = write(dir, part("coverage", 3, "30", 0, 2, 10), part("coverage", 3, "40", 1, 2, 10));
        InputException e = assertThrows(InputException.class, () -> ShardMergers.merge(parts, null, false, false,
                new PrintWriter(new StringWriter())));
        assertTrue(e.getMessage().endsWith(": --bins 40 vs 30"), e.getMessage());
    }

    @Test
    void mergeRefusesPartsOfAnotherCommandAndMissingOrRepeatedShards(@TempDir Path dir) {
        List<Path> other = write(dir.resolve("a"), part("coverage", 3, "30", 0, 2, 10), part("grid", 3, "30", 1, 2, 10));
        assertTrue(assertThrows(InputException.class, () -> ShardMergers.merge(other, null, false, false,
                new PrintWriter(new StringWriter()))).getMessage().endsWith("command 'grid' vs 'coverage'"));
        List<Path> missing = write(dir.resolve("b"), part("coverage", 3, "30", 0, 3, 10), part("coverage", 3, "30", 2, 3, 10));
        assertEquals("merge: shards [1] of 3 missing (give every part, or --partial)", assertThrows(InputException.class,
                () -> ShardMergers.merge(missing, null, false, false, new PrintWriter(new StringWriter()))).getMessage());
        List<Path> twice = write(dir.resolve("c"), part("coverage", 3, "30", 0, 2, 10), part("coverage", 3, "30", 0, 2, 10));
        assertTrue(assertThrows(InputException.class, () -> ShardMergers.merge(twice, null, false, false,
                new PrintWriter(new StringWriter()))).getMessage().contains("shard 0/2 given twice"));
        List<Path> split = write(dir.resolve("d"), part("coverage", 3, "30", 0, 2, 10), part("coverage", 3, "30", 1, 3, 10));
        assertTrue(assertThrows(InputException.class, () -> ShardMergers.merge(split, null, false, false,
                new PrintWriter(new StringWriter()))).getMessage().endsWith("split into 3 shards vs 2"));
    }

    @Test
    void partialMergeCoversOnlyTheGivenShards(@TempDir Path dir) {
        List<Path> parts = write(dir, part("coverage", 3, "30", 0, 2, 10));
        StringWriter text = new StringWriter();
        ShardMergers.merge(parts, null, true, true, new PrintWriter(text));
        assertTrue(text.toString().contains("\"toys\" : 5"), text.toString());
    }

    @Test
    void aTruncatedManifestIsRefusedNamingFileAndField(@TempDir Path dir) throws Exception {
        Path d = Files.createDirectories(dir.resolve("p"));
        Files.writeString(d.resolve(ShardPart.FILE), "{\"format\":\"" + ShardPart.FORMAT + "\",\"command\":\"train\"}");
        InputException e = assertThrows(InputException.class, () -> ShardPart.read(d));
        assertEquals(d.resolve(ShardPart.FILE) + ": $.settings missing or not an object", e.getMessage());
    }
}
