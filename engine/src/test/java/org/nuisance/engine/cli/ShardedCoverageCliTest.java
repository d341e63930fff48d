package org.nuisance.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nuisance.engine.cluster.CoverageShards;
import org.nuisance.engine.cluster.ShardPart;

/** {@code coverage --shard I/N} then {@code merge}: the summary one process prints, to the last bit. */
class ShardedCoverageCliTest {

    static final String[] COVERAGE = {"coverage", "--input", "demo", "--events", "20000", "--column", "DER_mass_vis",
        "--bins", "12", "--range", "0,200", "--seed", "3", "--toys", "10", "--json"};

    @Test
    void threeShardsOfTenPseudoExperimentsMergeToTheOneProcessNumbers(@TempDir Path dir) throws Exception {
        CliRun one = CliRun.of(COVERAGE);
        assertEquals(0, one.code(), one.err());
        List<String> merge = new ArrayList<>(List.of("merge", "--json"));
        for (int i = 0; i < 3; i++) {
            Path part = dir.resolve("shard-" + i);
            List<String> args = new ArrayList<>(List.of(COVERAGE));
            args.addAll(List.of("--shard", i + "/3", "--output", part.toString()));
            CliRun r = CliRun.of(args.toArray(String[]::new));
            assertEquals(0, r.code(), r.err());
            assertTrue(Files.isRegularFile(part.resolve(ShardPart.FILE)) && Files.isRegularFile(part.resolve(CoverageShards.PART_FILE)));
            merge.add(part.toString());
        }
        CliRun m = CliRun.of(merge.toArray(String[]::new));
        assertEquals(0, m.code(), m.err());
        // the JSON prints every double in its shortest round-trip form: equal text means equal bits
        assertEquals(one.out(), m.out());
        assertEquals(10, one.json().get("toys").asInt());

        // a shard run with another --bins is refused by name
        List<String> other = new ArrayList<>(List.of(COVERAGE));
        other.set(other.indexOf("--bins") + 1, "13");
        other.addAll(List.of("--shard", "2/3", "--output", dir.resolve("odd").toString()));
        assertEquals(0, CliRun.of(other.toArray(String[]::new)).code());
        CliRun bad = CliRun.of("merge", dir.resolve("shard-0").toString(), dir.resolve("shard-1").toString(),
                dir.resolve("odd").toString());
        assertEquals(2, bad.code());
        assertEquals("error: merge: " + dir.resolve("odd") + " does not belong with " + dir.resolve("shard-0")
                + ": --bins 13 vs 12", bad.err().strip());
    }
}
