package org.nuisance.engine.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.nuisance.engine.cluster.Launcher;
import org.nuisance.engine.cluster.SlurmClient;
import org.nuisance.engine.cluster.SlurmRequest;
import org.nuisance.engine.cluster.Submission;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code submit}: runs a shardable command as a Slurm job array plus a merge job, and looks after it. */
@Command(name = "submit", mixinStandardHelpOptions = true,
        description = "Run a shardable command (coverage, train --ensemble, ...) as a Slurm job array, one task per "
                + "shard, with a merge job that starts when all shards have succeeded.",
        subcommands = {SubmitCommand.Slurm.class, SubmitCommand.Status.class, SubmitCommand.Merge.class,
            SubmitCommand.Cancel.class, SubmitCommand.Resubmit.class})
final class SubmitCommand implements Runnable {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code submit slurm ... --workdir DIR -- COMMAND ARGS...}. */
    @Command(name = "slurm", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Write DIR/shards.sbatch (a job array) and DIR/merge.sbatch, submit both with sbatch "
                    + "(the merge with --dependency=afterok on the array) and record the job ids in DIR.")
    static final class Slurm implements Callable<Integer> {
        @Option(names = "--shards", required = true, paramLabel = "N", description = "Array tasks (shards).")
        int shards;
        @Option(names = "--partition", paramLabel = "P", description = "Slurm partition (default: the site's).")
        String partition;
        @Option(names = "--time", paramLabel = "HH:MM:SS", description = "Time limit of each shard and of the merge.")
        String time;
        @Option(names = "--cpus-per-task", paramLabel = "C", description = "CPUs per shard.")
        Integer cpusPerTask;
        @Option(names = "--mem", paramLabel = "M", description = "Memory per shard, e.g. 8G.")
        String mem;
        @Option(names = "--gpus", paramLabel = "G", description = "GPUs per shard, e.g. 1 or a100:1.")
        String gpus;
        @Option(names = "--account", paramLabel = "A", description = "Account to charge.")
        String account;
        @Option(names = "--extra", paramLabel = "'SBATCH LINE'", description = "A further sbatch option, e.g. "
                + "'--qos=regular' or '-C gpu' (repeatable).")
        List<String> extra = new ArrayList<>();
        @Option(names = "--workdir", required = true, paramLabel = "DIR", description = "Folder for scripts, logs, parts and the record.")
        Path workdir;
        @Option(names = "--launcher", paramLabel = "'CMD'", description = "Command that starts nuisance on the "
                + "compute nodes (default: this program's java and jar, absolute; or $NUISANCE_LAUNCHER).")
        String launcher;
        @Parameters(paramLabel = "COMMAND", arity = "1..*", description = "The command and its arguments, after '--'.")
        List<String> command;
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Path cwd = Path.of("").toAbsolutePath();
            Path dir = workdir.toAbsolutePath().normalize();
            SlurmRequest.Split split = SlurmRequest.splitOutput(command);
            Path output = SlurmRequest.mergedOutput(split, command.get(0), cwd, dir);
            List<String> launch = launcher != null ? List.of(launcher.strip().split("\\s+")) : Launcher.current();
            SlurmRequest r = new SlurmRequest(shards, partition, time, cpusPerTask, mem, gpus, account, extra, dir, cwd,
                    launch, split.args(), output);
            Submission s = SlurmClient.system().submit(r);
            PrintWriter out = spec.commandLine().getOut();
            out.println("submitted: array job " + s.arrayJob() + " (" + shards + " shards), merge job " + s.mergeJob()
                    + " (afterok)");
            out.println("scripts: " + dir.resolve("shards.sbatch") + ", " + dir.resolve("merge.sbatch"));
            out.println("merged result: " + output);
            out.println("watch: nuisance submit status " + dir);
            out.flush();
            return 0;
        }
    }

    /** {@code submit status DIR}. */
    @Command(name = "status", mixinStandardHelpOptions = true, description = "Per-shard state of a submission; "
            + "failed shards with their log's last lines.")
    static final class Status implements Callable<Integer> {
        @Parameters(paramLabel = "DIR")
        Path dir;
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            SlurmClient.Status st = SlurmClient.system().status(dir);
            PrintWriter out = spec.commandLine().getOut();
            for (SlurmClient.ShardStatus s : st.shards()) {
                out.printf("shard %d: %s%s (job %s_%d)%n", s.shard(), s.state(),
                        s.detail().isEmpty() ? "" : " (" + s.detail() + ")", s.job(), s.shard());
                if (!s.logTail().isEmpty()) {
                    out.println("  last lines of " + dir.resolve("logs").resolve("shard-" + s.shard() + ".log") + ":");
                    s.logTail().forEach(l -> out.println("    " + l));
                    out.println("  rerun it alone: nuisance submit resubmit " + dir + " --shard " + s.shard());
                }
            }
            out.printf("merge: %s (job %s)%n", st.mergeState(), st.mergeJob());
            out.printf("%d of %d shards have written their part (states from %s)%n", st.completed(), st.shards().size(),
                    st.source());
            out.flush();
            return 0;
        }
    }

    /** {@code submit merge DIR}. */
    @Command(name = "merge", mixinStandardHelpOptions = true, description = "Merge the parts written so far into "
            + "the submission's output (all shards, or --partial).")
    static final class Merge implements Callable<Integer> {
        @Parameters(paramLabel = "DIR")
        Path dir;
        @Option(names = "--partial", description = "Merge the shards that are done even if others are not.")
        boolean partial;
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            MergeCommand.merge(SlurmClient.partsToMerge(dir, partial), Path.of(Submission.read(dir).output()), partial, false,
                    spec.commandLine().getOut());
            return 0;
        }
    }

    /** {@code submit cancel DIR}. */
    @Command(name = "cancel", mixinStandardHelpOptions = true, description = "Cancel every job of a submission (scancel).")
    static final class Cancel implements Callable<Integer> {
        @Parameters(paramLabel = "DIR")
        Path dir;
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            List<String> jobs = SlurmClient.system().cancel(dir);
            spec.commandLine().getOut().println("cancelled: " + String.join(" ", jobs));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    /** {@code submit resubmit DIR --shard I}. */
    @Command(name = "resubmit", mixinStandardHelpOptions = true, description = "Rerun one shard alone (after a "
            + "failure: its log's last lines are shown) and replace the merge job accordingly.")
    static final class Resubmit implements Callable<Integer> {
        @Parameters(paramLabel = "DIR")
        Path dir;
        @Option(names = "--shard", required = true, paramLabel = "I", description = "The shard to rerun (0-based).")
        int shard;
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Path log = dir.resolve("logs").resolve("shard-" + shard + ".log");
            List<String> tail = SlurmClient.logTail(log, 10);
            if (!tail.isEmpty()) {
                out.println("last lines of " + log + ":");
                tail.forEach(l -> out.println("    " + l));
            }
            Submission s = SlurmClient.system().resubmit(dir, shard);
            out.println("resubmitted shard " + shard + " as job " + s.jobOf(shard) + "; merge job now " + s.mergeJob());
            out.flush();
            return 0;
        }
    }
}
