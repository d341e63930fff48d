package org.nuisance.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.nuisance.engine.cluster.SlurmClient;
import org.nuisance.engine.cluster.Submission;
import org.nuisance.engine.stats.toys.CoveragePart;

/**
 * {@code submit slurm} against a real Slurm cluster (CI starts a one-node cluster with .ci/slurm-start.sh);
 * skipped where {@code sinfo} does not answer. The merged results must equal the same command run in one
 * process bit for bit; a failed shard is reported and rerun alone; cancel cancels.
 */
class SlurmClusterTest {

    static List<String> launcher;

    @BeforeAll
    static void needsSlurm() throws Exception {
        boolean up;
        try {
            Process p = new ProcessBuilder("sinfo", "--noheader", "--format=%T").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            up = p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0 && out.matches("(?s).*(idle|mixed|alloc).*");
        } catch (java.io.IOException e) {
            up = false;
        }
        Assumptions.assumeTrue(up, "no Slurm cluster answers sinfo here (CI starts one with .ci/slurm-start.sh)");
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> abs = new ArrayList<>();
        for (String e : cp.split(File.pathSeparator)) {
            abs.add(Path.of(e).toAbsolutePath().toString());
        }
        launcher = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-Dai.djl.offline=true", "-cp", String.join(File.pathSeparator, abs), "org.nuisance.engine.cli.NuisanceCli");
    }

    static CliRun submit(Path workdir, List<String> extra, String... command) {
        List<String> args = new ArrayList<>(List.of("submit", "slurm", "--shards", "4", "--workdir", workdir.toString(),
                "--launcher", String.join(" ", launcher)));
        for (String e : extra) {
            args.add("--extra=" + e);
        }
        args.add("--");
        args.addAll(List.of(command));
        CliRun r = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        return r;
    }

    /** Polls submit status until the condition holds (or fails after the limit). */
    static SlurmClient.Status await(Path dir, Predicate<SlurmClient.Status> done, int seconds) throws InterruptedException {
        SlurmClient.Status st = null;
        for (int i = 0; i < seconds; i += 2) {
            st = SlurmClient.system().status(dir);
            if (done.test(st)) {
                return st;
            }
            Thread.sleep(2000);
        }
        throw new AssertionError("not done after " + seconds + " s: " + st);
    }

    static final String[] COVERAGE = {"coverage", "--input", "demo", "--events", "200000", "--toys", "200", "--seed", "3",
        "--column", "DER_mass_vis", "--bins", "30", "--range", "0,150"};

    @Test
    @Timeout(value = 12, unit = TimeUnit.MINUTES)
    void shardedCoverageAndEnsembleOnSlurmEqualOneProcessAndAFailedShardIsRerunAlone(@TempDir Path dir) throws Exception {
        // coverage: 4 array tasks of 50 pseudo-experiments each, merged by the afterok job
        Path cov = dir.resolve("cov");
        Path covMerged = dir.resolve("coverage-merged.json");
        List<String> covArgs = new ArrayList<>(List.of(COVERAGE));
        covArgs.addAll(List.of("--output", covMerged.toString()));
        submit(cov, List.of(), covArgs.toArray(String[]::new));
        assertTrue(Files.readString(cov.resolve("shards.sbatch")).contains("#SBATCH --array=0-3"));

        // ensemble: shard 2's part folder is blocked by a file, so that task fails
        Path ens = dir.resolve("ens");
        Files.createDirectories(ens.resolve("parts"));
        Files.writeString(ens.resolve("parts/shard-2"), "not a folder");
        Path model = dir.resolve("ens-model");
        List<String> train = new ArrayList<>(List.of(ShardedTrainingCliTest.TRAIN));
        train.set(train.indexOf("--ensemble") + 1, "4");
        train.addAll(List.of("--output", model.toString()));
        submit(ens, List.of(), train.toArray(String[]::new));

        // meanwhile the same work in this process
        CliRun one = CliRun.of(ShardedTrainingCliTest.with(COVERAGE, "--json"));
        assertEquals(0, one.code(), one.err());
        Path whole = dir.resolve("whole-model");
        List<String> trainOne = new ArrayList<>(train.subList(0, train.size() - 2));
        trainOne.addAll(List.of("--output", whole.toString()));
        assertEquals(0, CliRun.of(trainOne.toArray(String[]::new)).code());

        SlurmClient.Status failed = await(ens, st -> st.shards().stream().allMatch(s -> !s.state().matches(
                "PENDING|RUNNING|CONFIGURING|COMPLETING|UNKNOWN")), 420);
        SlurmClient.ShardStatus two = failed.shards().get(2);
        assertEquals("FAILED", two.state(), failed.toString());
        // the task's own error line names the blocked part folder
        assertTrue(two.logTail().stream().anyMatch(l -> l.startsWith("error: --output") && l.contains("parts/shard-2")),
                two.logTail().toString());
        assertEquals(3, failed.completed());
        CliRun status = CliRun.of("submit", "status", ens.toString());
        assertTrue(status.out().contains("shard 2: FAILED") && status.out().contains("submit resubmit"), status.out());

        Files.delete(ens.resolve("parts/shard-2"));
        CliRun again = CliRun.of("submit", "resubmit", ens.toString(), "--shard", "2");
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("error: --output " + ens.resolve("parts/shard-2")), "the failed shard's log is shown: " + again.out());
        String rerun = Submission.read(ens).jobOf(2);
        assertTrue(!rerun.equals(Submission.read(ens).arrayJob()));

        await(ens, st -> st.mergeState().startsWith("COMPLETED"), 300);
        ShardedTrainingCliTest.assertSameModels(whole, model);

        await(cov, st -> st.mergeState().startsWith("COMPLETED"), 300);
        CoveragePart merged = CoveragePart.read(covMerged);
        JsonNode j = one.json();
        var s = merged.summary();
        assertEquals(200, s.toys());
        assertEquals(j.get("coverage").asDouble(), s.coverage(), 0.0);
        assertEquals(j.get("mean_width").asDouble(), s.meanWidth(), 0.0);
        assertEquals(j.get("score").asDouble(), s.score(), 0.0);
        assertEquals(j.get("mean_mu_hat_minus_true").asDouble(), s.meanBias(), 0.0);
        assertTrue(Files.readString(cov.resolve("logs/merge.log")).contains("pseudo-experiments: 200"));
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void cancelCancelsTheArrayAndTheMergeJob(@TempDir Path dir) throws Exception {
        Path w = dir.resolve("later");
        submit(w, List.of("--begin=now+3600"), COVERAGE);
        SlurmClient.Status before = SlurmClient.system().status(w);
        assertTrue(before.shards().stream().allMatch(s -> s.state().equals("PENDING")), before.toString());
        CliRun c = CliRun.of("submit", "cancel", w.toString());
        assertEquals(0, c.code(), c.err());
        SlurmClient.Status after = await(w, st -> st.shards().stream().allMatch(s -> s.state().equals("CANCELLED"))
                && st.mergeState().startsWith("CANCELLED"), 60);
        assertEquals(0, after.completed());
    }
}
