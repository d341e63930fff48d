package org.nuisance.engine.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nuisance.engine.data.InputException;

/** The Slurm commands a submission issues, and how it reads their answers, with Slurm replaced by a script. */
class SlurmClientTest {

    /** Answers sbatch with increasing job ids (with a cluster name, as multi-cluster sites do) and records every call. */
    static final class FakeSlurm implements SlurmClient.Runner {
        final List<List<String>> calls = new ArrayList<>();
        int next = 100;
        String scontrol = "";

        @Override
        public SlurmClient.Result run(List<String> command) {
            calls.add(command);
            return switch (command.get(0)) {
                case "sbatch" -> new SlurmClient.Result(0, (next++) + ";perlmutter\n", "");
                case "sacct" -> new SlurmClient.Result(1, "", "Slurm accounting storage is disabled\n");
                case "scontrol" -> new SlurmClient.Result(0, scontrol, "");
                default -> new SlurmClient.Result(0, "", "");
            };
        }
    }

    static SlurmRequest request(Path dir) {
        return new SlurmRequest(3, null, null, null, null, null, null, List.of(), dir, dir, List.of("java", "-jar", "n.jar"),
                List.of("train", "--ensemble", "3"), dir.resolve("model"));
    }

    @Test
    void submitStartsTheArrayThenAMergeJobAfterOkAndRecordsBoth(@TempDir Path dir) {
        FakeSlurm slurm = new FakeSlurm();
        Submission s = new SlurmClient(slurm).submit(request(dir));
        assertEquals(List.of("sbatch", "--parsable", dir.resolve("shards.sbatch").toString()), slurm.calls.get(0));
        assertEquals(List.of("sbatch", "--parsable", "--dependency=afterok:100", dir.resolve("merge.sbatch").toString()),
                slurm.calls.get(1));
        assertEquals("100", s.arrayJob());
        assertEquals("101", s.mergeJob());
        assertEquals(s, Submission.read(dir));
        assertTrue(Files.isDirectory(dir.resolve("parts")) && Files.isDirectory(dir.resolve("logs")));
    }

    @Test
    void statusFallsBackToScontrolAndShowsAFailedShardsLog(@TempDir Path dir) throws Exception {
        FakeSlurm slurm = new FakeSlurm();
        SlurmClient client = new SlurmClient(slurm);
        client.submit(request(dir));
        Files.writeString(dir.resolve("logs/shard-1.log"), "line 1\nerror: --output x: exists and is not a folder\n");
        Files.createDirectories(dir.resolve("parts/shard-0"));
        Files.writeString(dir.resolve("parts/shard-0/part.json"), "{}");
        slurm.scontrol = """
                JobId=102 ArrayJobId=100 ArrayTaskId=0 JobName=nuisance-train JobState=COMPLETED Reason=None ExitCode=0:0
                JobId=103 ArrayJobId=100 ArrayTaskId=1 JobName=nuisance-train JobState=FAILED Reason=NonZeroExitCode ExitCode=2:0
                JobId=100 ArrayJobId=100 ArrayTaskId=2 JobName=nuisance-train JobState=RUNNING Reason=None ExitCode=0:0
                JobId=101 JobName=nuisance-train-merge JobState=PENDING Reason=DependencyNeverSatisfied ExitCode=0:0
                """;
        SlurmClient.Status st = client.status(dir);
        assertEquals("scontrol", st.source());
        assertEquals(List.of("COMPLETED", "FAILED", "RUNNING"), st.shards().stream().map(SlurmClient.ShardStatus::state).toList());
        assertEquals("NonZeroExitCode, exit 2:0", st.shards().get(1).detail());
        assertEquals(List.of("line 1", "error: --output x: exists and is not a folder"), st.shards().get(1).logTail());
        assertEquals("PENDING (DependencyNeverSatisfied)", st.mergeState());
        assertEquals(1, st.completed());
    }

    @Test
    void resubmitRerunsOneTaskAndReplacesTheMergeJob(@TempDir Path dir) {
        FakeSlurm slurm = new FakeSlurm();
        SlurmClient client = new SlurmClient(slurm);
        client.submit(request(dir));
        Submission s = client.resubmit(dir, 1);
        int n = slurm.calls.size();
        assertEquals(List.of("sbatch", "--parsable", "--array=1", dir.resolve("shards.sbatch").toString()), slurm.calls.get(n - 3));
        assertEquals(List.of("scancel", "101"), slurm.calls.get(n - 2));
        assertEquals(List.of("sbatch", "--parsable", "--dependency=afterany:100,afterok:102", dir.resolve("merge.sbatch").toString()),
                slurm.calls.get(n - 1));
        assertEquals("102", s.jobOf(1));
        assertEquals("100", s.jobOf(0));
        assertEquals("103", s.mergeJob());
        client.cancel(dir);
        assertEquals(List.of("scancel", "100", "101", "102", "103"), slurm.calls.get(slurm.calls.size() - 1));
    }

    @Test
    void aRefusedSbatchIsReportedWithSlurmsMessage(@TempDir Path dir) {
        SlurmClient client = new SlurmClient(c -> new SlurmClient.Result(1, "",
                "sbatch: error: invalid partition specified: gpu\n"));
        InputException e = org.junit.jupiter.api.Assertions.assertThrows(InputException.class, () -> client.submit(request(dir)));
        assertTrue(e.getMessage().endsWith("failed (exit 1): sbatch: error: invalid partition specified: gpu"), e.getMessage());
    }
}
