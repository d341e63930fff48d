package org.nuisance.engine.workbench;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.nuisance.engine.cluster.Launcher;
import org.nuisance.engine.cluster.SlurmClient;
import org.nuisance.engine.cluster.SlurmRequest;
import org.nuisance.engine.cluster.Submission;

/**
 * "Run on cluster…" for the window: submits a shardable command (the same words as on the command line)
 * as a Slurm job array with a merge job, reports per-shard progress, cancels, and reads the merged result.
 * Works against a Slurm reachable from this machine (a login node, or a laptop with the Slurm client).
 */
public final class ClusterRuns {

    /** The sbatch settings a person chooses (null or blank: the site's default). */
    public record Settings(int shards, String partition, String time, Integer cpusPerTask, String mem, String gpus,
                           String account, List<String> extra) {
    }

    /** One shard's line in the progress view. */
    public record ShardLine(int shard, String state, String detail, List<String> logTail) {
    }

    /** Per-shard states, the merge job's state, and whether the merged result is there. */
    public record Progress(List<ShardLine> shards, String mergeState, long partsWritten, boolean merged) {
    }

    private ClusterRuns() {
    }

    /** Null when {@code sbatch} answers here, else why the option is unavailable. */
    public static String unavailableReason() {
        return SlurmClient.sbatchAvailable() ? null
                : "no 'sbatch' found on this machine: run the workbench on a login node, or install and configure the Slurm client";
    }

    /**
     * Writes the scripts into {@code workdir}, submits the array and the merge job, and returns the array's
     * job id. {@code command} is the command line after {@code nuisance}, with its {@code --output} (if any)
     * naming where the merged result goes.
     */
    public static String submit(Settings s, Path workdir, List<String> command) {
        SlurmRequest.Split split = SlurmRequest.splitOutput(command);
        Path cwd = Path.of("").toAbsolutePath();
        Path dir = workdir.toAbsolutePath().normalize();
        Path output = SlurmRequest.mergedOutput(split, command.get(0), cwd, dir);
        SlurmRequest r = new SlurmRequest(s.shards(), blank(s.partition()), blank(s.time()), s.cpusPerTask(), blank(s.mem()),
                blank(s.gpus()), blank(s.account()), s.extra().stream().filter(e -> !e.isBlank()).toList(), dir, cwd,
                Launcher.current(), split.args(), output);
        return SlurmClient.system().submit(r).arrayJob();
    }

    public static Progress progress(Path workdir) {
        SlurmClient.Status st = SlurmClient.system().status(workdir);
        List<ShardLine> lines = st.shards().stream().map(x -> new ShardLine(x.shard(), x.state(), x.detail(), x.logTail()))
                .toList();
        return new Progress(lines, st.mergeState(), st.completed(), st.mergeState().startsWith("COMPLETED"));
    }

    public static void cancel(Path workdir) {
        SlurmClient.system().cancel(workdir);
    }

    /** The merged result as the command would have printed it (from the merge job's log, else merged here). */
    public static String mergedText(Path workdir) {
        Path log = workdir.resolve("logs").resolve("merge.log");
        try {
            if (Files.isRegularFile(log) && Files.size(log) > 0) {
                return Files.readString(log);
            }
        } catch (java.io.IOException e) {
            // fall through to merging here
        }
        StringWriter text = new StringWriter();
        SlurmClient.merge(workdir, false, new PrintWriter(text));
        return text.toString();
    }

    /** The merged output's path as recorded at submission. */
    public static Path output(Path workdir) {
        return Path.of(Submission.read(workdir).output());
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
