package org.nuisance.engine.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nuisance.engine.data.InputException;

/**
 * The sbatch text for given options, written out by hand from the rules: one array task per shard
 * ({@code --array=0-(N-1)}), the command run with {@code --shard $SLURM_ARRAY_TASK_ID/N} into
 * {@code parts/shard-I}, one log per task ({@code %a}), and a merge script for {@code --dependency=afterok}.
 */
class SlurmScriptsTest {

    static final List<String> LAUNCHER = List.of("/opt/jdk/bin/java", "-jar", "/home/u/nuisance/engine/target/nuisance-engine.jar");

    static SlurmRequest request(String partition, String time, Integer cpus, String mem, String gpus, String account,
                                List<String> extra) {
        return new SlurmRequest(4, partition, time, cpus, mem, gpus, account, extra, Path.of("/scratch/u/cov"),
                Path.of("/home/u/ana"), LAUNCHER,
                List.of("coverage", "--input", "demo", "--events", "200000", "--toys", "200", "--seed", "3"),
                Path.of("/scratch/u/cov/merged.json"));
    }

    @Test
    void plainArrayScriptRunsOneShardPerTask() {
        String expected = """
                #!/bin/bash
                # Written by 'nuisance submit slurm': one array task per shard of
                #   nuisance coverage --input demo --events 200000 --toys 200 --seed 3
                # Task I runs it with --shard I/4 and writes the part folder /scratch/u/cov/parts/shard-I.
                # Rerun one shard by hand: sbatch --array=I /scratch/u/cov/shards.sbatch
                #SBATCH --job-name=nuisance-coverage
                #SBATCH --array=0-3
                #SBATCH --output=/scratch/u/cov/logs/shard-%a.log
                set -euo pipefail
                shard="${SLURM_ARRAY_TASK_ID:?submit this script with sbatch --array}"
                cd /home/u/ana
                exec /opt/jdk/bin/java -jar /home/u/nuisance/engine/target/nuisance-engine.jar \\
                    coverage --input demo --events 200000 --toys 200 --seed 3 \\
                    --shard "$shard/4" --output /scratch/u/cov/parts/shard-"$shard"
                """;
        assertEquals(expected, SlurmScripts.shards(request(null, null, null, null, null, null, List.of())));
    }

    @Test
    void everyResourceOptionBecomesOneSbatchLine() {
        String s = SlurmScripts.shards(request("gpu", "01:30:00", 8, "32G", "a100:1", "m4321",
                List.of("--qos=regular", "#SBATCH -C gpu")));
        assertTrue(s.contains("""
                #SBATCH --output=/scratch/u/cov/logs/shard-%a.log
                #SBATCH --partition=gpu
                #SBATCH --account=m4321
                #SBATCH --time=01:30:00
                #SBATCH --cpus-per-task=8
                #SBATCH --mem=32G
                #SBATCH --gpus=a100:1
                #SBATCH --qos=regular
                #SBATCH -C gpu
                set -euo pipefail
                """), s);
    }

    @Test
    void mergeScriptMergesEveryPartIntoTheOutputWithoutTheShardsResources() {
        String expected = """
                #!/bin/bash
                # Written by 'nuisance submit slurm': merges the shards' parts into one result. Submitted as
                #   sbatch --dependency=afterok:<array job id> /scratch/u/cov/merge.sbatch
                # so it starts once every shard has succeeded.
                #SBATCH --job-name=nuisance-coverage-merge
                #SBATCH --output=/scratch/u/cov/logs/merge.log
                #SBATCH --partition=gpu
                #SBATCH --account=m4321
                #SBATCH --time=01:30:00
                set -euo pipefail
                cd /home/u/ana
                exec /opt/jdk/bin/java -jar /home/u/nuisance/engine/target/nuisance-engine.jar merge /scratch/u/cov/parts/shard-* --output /scratch/u/cov/merged.json
                """;
        assertEquals(expected, SlurmScripts.merge(request("gpu", "01:30:00", 8, "32G", "1", "m4321", List.of())));
    }

    @Test
    void wordsWithSpacesOrQuotesAreSingleQuotedForBash() {
        assertEquals("plain/path-1.csv", SlurmScripts.quote("plain/path-1.csv"));
        assertEquals("'my data.csv'", SlurmScripts.quote("my data.csv"));
        assertEquals("'PRI_*,DER_*'", SlurmScripts.quote("PRI_*,DER_*"));
        assertEquals("'it'\\''s'", SlurmScripts.quote("it's"));
        assertEquals("''", SlurmScripts.quote(""));
    }

    @Test
    void badResourceTextIsRefusedNamingTheOption() {
        assertTrue(assertThrows(InputException.class, () -> request(null, "1h", null, null, null, null, List.of()))
                .getMessage().startsWith("--time:"));
        assertTrue(assertThrows(InputException.class, () -> request(null, null, null, "lots", null, null, List.of()))
                .getMessage().startsWith("--mem:"));
        assertTrue(assertThrows(InputException.class, () -> request(null, null, null, null, "one", null, List.of()))
                .getMessage().startsWith("--gpus:"));
        assertTrue(assertThrows(InputException.class, () -> request(null, null, null, null, null, null, List.of("qos=x")))
                .getMessage().startsWith("--extra:"));
        assertTrue(assertThrows(InputException.class, () -> request(null, null, 0, null, null, null, List.of()))
                .getMessage().startsWith("--cpus-per-task"));
        for (String t : new String[] {"30", "30:00", "01:30:00", "2-12:00:00", "2-12"}) {
            request(null, t, null, null, null, null, List.of()); // Slurm's documented time formats pass
        }
    }

    @Test
    void theCommandsOwnOutputBecomesTheMergedOutput() {
        SlurmRequest.Split s = SlurmRequest.splitOutput(List.of("train", "--output", "model/", "--ensemble", "4"));
        assertEquals(List.of("train", "--ensemble", "4"), s.args());
        assertEquals("model/", s.output());
        assertEquals("m", SlurmRequest.splitOutput(List.of("train", "--output=m")).output());
    }
}
