package org.nuisance.engine.stats.hepdata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nuisance.engine.cli.CliRun;

/**
 * {@code grid --shard I/N --output PART} then {@code merge}: the grid file one process writes, byte for byte
 * (points, CLs, contours); {@code grid-merge} still joins the same parts; parts of another --mu, a shard given
 * twice and a missing shard are refused in one line naming the difference. Four points of the sbottom
 * likelihood (RegionA), a few seconds.
 */
class ShardedGridCliTest {

    @TempDir
    static Path dir;
    static String[] grid;

    @BeforeAll
    static void points() throws Exception {
        Path bkg = SignalGridTest.regionA(dir, List.of("sbottom_1300_205_60", "sbottom_1000_205_60",
                "sbottom_1400_250_60", "sbottom_1200_205_60"));
        grid = new String[] {"grid", "--workspace", bkg.toString(), "--patches", dir.resolve("patches").toString(), "--threads", "2",
            "--normsys-interp", "code4", "--histosys-interp", "code4p"};
    }

    static String[] with(String[] base, String... more) {
        return Stream.concat(Stream.of(base), Stream.of(more)).toArray(String[]::new);
    }

    @Test
    void threeShardsOfFourPointsMergeToTheOneProcessGridFile() throws Exception {
        Path whole = dir.resolve("whole.json");
        CliRun one = CliRun.of(with(grid, "--output", whole.toString()));
        assertEquals(0, one.code(), one.err());
        String[] merge = {"merge", "--output", dir.resolve("merged.json").toString()};
        String[] gridMerge = {"grid-merge", "--output", dir.resolve("grid-merged.json").toString()};
        for (int i = 2; i >= 0; i--) { // any order; shard 1 of 3 owns 1 point of 4 ([1, 2)), the others 1 and 2
            Path part = dir.resolve("part-" + i);
            CliRun r = CliRun.of(with(grid, "--shard", i + "/3", "--output", part.toString()));
            assertEquals(0, r.code(), r.err());
            merge = with(merge, part.toString());
            gridMerge = with(gridMerge, part.toString());
        }
        CliRun m = CliRun.of(merge);
        assertEquals(0, m.code(), m.err());
        assertTrue(m.out().contains("4 points in"), m.out());
        assertArrayEquals(Files.readAllBytes(whole), Files.readAllBytes(dir.resolve("merged.json")), "merge = one process");
        CliRun g = CliRun.of(gridMerge);
        assertEquals(0, g.code(), g.err());
        assertArrayEquals(Files.readAllBytes(whole), Files.readAllBytes(dir.resolve("grid-merged.json")),
                "grid-merge, the alias, = one process");
    }

    @Test
    void mergeRefusesAnotherMuADuplicateAndAMissingShard() {
        Path a = dir.resolve("mu-a");
        Path b = dir.resolve("mu-b");
        assertEquals(0, CliRun.of(with(grid, "--shard", "0/4", "--output", a.toString())).code());
        assertEquals(0, CliRun.of(with(grid, "--mu", "2", "--shard", "1/4", "--output", b.toString())).code());
        CliRun mu = CliRun.of("merge", a.toString(), b.toString());
        assertEquals(2, mu.code());
        assertEquals("error: merge: " + b + " does not belong with " + a + ": --mu 2.0 vs 1.0", mu.err().strip());
        CliRun twice = CliRun.of("merge", a.toString(), a.toString());
        assertEquals(2, twice.code());
        assertEquals("error: merge: shard 0/4 given twice (" + a + " and " + a + ")", twice.err().strip());
        CliRun missing = CliRun.of("merge", a.toString());
        assertEquals(2, missing.code());
        assertEquals("error: merge: shards [1, 2, 3] of 4 missing (give every part, or --partial)", missing.err().strip());
    }
}
