package org.nuisance.engine.omnifold.unfold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nuisance.engine.cli.CliRun;

/**
 * {@code omnifold unfold --shard I/N --output PART} runs members as independent jobs (seeds from the global
 * member index) and {@code merge} puts the parts together into exactly the file one process writes: the same
 * bytes, Parquet and pandas HDF5 alike.
 */
class UnfoldShardTest {

    @TempDir
    Path tmp;

    @Test
    void mergedShardsEqualOneProcessByteForByte() throws Exception {
        assertEquals(0, CliRun.of("omnifold", "toy", "--kind", "gaussian", "--events", "1500", "--seed", "9", "--output",
                tmp.toString()).code());
        List<String> args = List.of("omnifold", "unfold", "--data", tmp.resolve("data.parquet").toString(), "--mc",
                tmp.resolve("mc.parquet").toString(), "--observables", "x", "--iterations", "1", "--ensemble", "2",
                "--bootstrap-data", "2", "--bootstrap-mc", "1", "--epochs", "1", "--seed", "9");
        Path one = tmp.resolve("one.parquet");
        CliRun single = CliRun.of(plus(args, "--output", one.toString()));
        assertEquals(0, single.code(), single.err());
        List<String> merge = new ArrayList<>(List.of("merge"));
        for (int i = 0; i < 3; i++) {
            Path part = tmp.resolve("part" + i);
            CliRun p = CliRun.of(plus(args, "--shard", i + "/3", "--output", part.toString()));
            assertEquals(0, p.code(), p.err());
            assertTrue(Files.isRegularFile(part.resolve("part.json")));
            merge.add(part.toString());
        }
        // given out of order: merge sorts the parts by shard index
        java.util.Collections.swap(merge, 1, 3);
        Path merged = tmp.resolve("merged.parquet");
        CliRun m = CliRun.of(plus(merge, "--output", merged.toString()));
        assertEquals(0, m.code(), m.err());
        assertEquals(5, m.json().get("members").asInt());
        assertEquals(-1, Files.mismatch(one, merged), "merged Parquet differs from the one-process file");

        Path oneH5 = tmp.resolve("one.h5");
        assertEquals(0, CliRun.of(plus(args, "--output", oneH5.toString())).code());
        Path mergedH5 = tmp.resolve("merged.h5");
        assertEquals(0, CliRun.of(plus(merge, "--output", mergedH5.toString())).code());
        assertEquals(-1, Files.mismatch(oneH5, mergedH5), "merged HDF5 differs from the one-process file");

        // a part of another run (different --iterations) is refused in one line naming the difference
        Path other = tmp.resolve("other");
        List<String> changed = new ArrayList<>(args);
        changed.set(changed.indexOf("--iterations") + 1, "2");
        assertEquals(0, CliRun.of(plus(changed, "--shard", "0/3", "--output", other.toString())).code());
        CliRun bad = CliRun.of("merge", other.toString(), tmp.resolve("part1").toString(), tmp.resolve("part2").toString(),
                "--output", tmp.resolve("bad.parquet").toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--iterations"), bad.err());
        assertEquals(1, bad.err().strip().lines().count(), bad.err());
    }

    private static String[] plus(List<String> args, String... more) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of(more));
        return all.toArray(new String[0]);
    }
}
