package org.nuisance.engine.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.nuisance.engine.data.InputException;

/**
 * Submits, watches, merges, cancels and resubmits a sharded command through Slurm's own commands
 * ({@code sbatch}, {@code squeue}, {@code sacct}, {@code scontrol}, {@code scancel}) run as processes; the
 * scheduler is Slurm's, this class only writes the scripts and reads the answers.
 */
public final class SlurmClient {

    /** Runs one command line and returns its exit code and output (replaceable in tests). */
    @FunctionalInterface
    public interface Runner {
        Result run(List<String> command) throws IOException;
    }

    /** A finished command's exit code, stdout and stderr. */
    public record Result(int code, String out, String err) {
    }

    /** One shard's state and, for a failed shard, the last lines of its log. */
    public record ShardStatus(int shard, String job, String state, String detail, boolean partWritten, List<String> logTail) {
    }

    /** All shards' states, the merge job's state, and which Slurm command answered. */
    public record Status(List<ShardStatus> shards, String mergeJob, String mergeState, String source) {
        public long completed() {
            return shards.stream().filter(ShardStatus::partWritten).count();
        }
    }

    private final Runner runner;

    public SlurmClient(Runner runner) {
        this.runner = runner;
    }

    /** A client running Slurm's commands as processes (each given 60 s). */
    public static SlurmClient system() {
        return new SlurmClient(SlurmClient::exec);
    }

    /** Whether {@code sbatch} can be started here (for the window's "Run on cluster…"). */
    public static boolean sbatchAvailable() {
        try {
            return exec(List.of("sbatch", "--version")).code() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    static Result exec(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        var out = new java.util.concurrent.CompletableFuture<String>();
        var err = new java.util.concurrent.CompletableFuture<String>();
        Thread tOut = new Thread(() -> out.complete(read(p.getInputStream())));
        Thread tErr = new Thread(() -> err.complete(read(p.getErrorStream())));
        tOut.start();
        tErr.start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(command.get(0) + " did not answer within 60 s");
            }
            tOut.join();
            tErr.join();
            return new Result(p.exitValue(), out.join(), err.join());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command.get(0), e);
        }
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private Result call(List<String> command) {
        try {
            return runner.run(command);
        } catch (IOException e) {
            throw new InputException(command.get(0) + ": cannot run it (" + e.getMessage()
                    + "); is the Slurm client installed and on the PATH?", e);
        }
    }

    private String sbatch(List<String> args) {
        List<String> cmd = new ArrayList<>(List.of("sbatch", "--parsable"));
        cmd.addAll(args);
        Result r = call(cmd);
        String id = r.out().strip();
        int semi = id.indexOf(';'); // "jobid;cluster" on multi-cluster sites
        id = semi < 0 ? id : id.substring(0, semi);
        if (r.code() != 0 || !id.matches("\\d+")) {
            throw new InputException("sbatch " + String.join(" ", args) + " failed (exit " + r.code() + "): "
                    + (r.err().strip() + " " + r.out().strip()).strip());
        }
        return id;
    }

    /**
     * Writes {@code shards.sbatch} and {@code merge.sbatch} into the request's folder, submits the array and
     * then the merge job with {@code --dependency=afterok:<array>}, and records both ids.
     */
    public Submission submit(SlurmRequest r) {
        try {
            Files.createDirectories(r.partsDir());
            Files.createDirectories(r.logsDir());
            Files.writeString(r.workdir().resolve(SlurmScripts.SHARDS), SlurmScripts.shards(r));
            Files.writeString(r.workdir().resolve(SlurmScripts.MERGE), SlurmScripts.merge(r));
        } catch (IOException e) {
            throw new InputException("--workdir " + r.workdir() + ": cannot write the scripts (" + e.getMessage() + ")", e);
        }
        String array = sbatch(List.of(r.workdir().resolve(SlurmScripts.SHARDS).toString()));
        String merge;
        try {
            merge = sbatch(List.of("--dependency=afterok:" + array, r.workdir().resolve(SlurmScripts.MERGE).toString()));
        } catch (RuntimeException e) {
            call(List.of("scancel", array));
            throw e;
        }
        Submission s = new Submission(Submission.FORMAT, r.command(), r.shards(), r.output().toString(), array, merge,
                Map.of(), List.of(array, merge));
        s.write(r.workdir());
        return s;
    }

    /** The jobs' states from sacct, else scontrol, else squeue — whichever this site answers. */
    public Map.Entry<String, Map<SlurmStates.Key, SlurmStates.State>> states(List<String> jobs) {
        String ids = String.join(",", new LinkedHashSet<>(jobs));
        Map<SlurmStates.Key, SlurmStates.State> found = new LinkedHashMap<>();
        String source = "";
        Result sacct = tryCall(List.of("sacct", "--noheader", "--parsable2", "--jobs=" + ids, "--format=" + SlurmStates.SACCT_FORMAT));
        if (sacct != null && sacct.code() == 0 && !sacct.out().isBlank()) {
            found.putAll(SlurmStates.parseSacct(sacct.out()));
            source = "sacct";
        }
        if (found.isEmpty()) {
            for (String job : new LinkedHashSet<>(jobs)) {
                Result sc = tryCall(List.of("scontrol", "show", "job", job));
                if (sc != null && sc.code() == 0) {
                    found.putAll(SlurmStates.parseScontrol(sc.out()));
                    source = "scontrol";
                }
            }
        }
        Result sq = tryCall(List.of("squeue", "--array", "--noheader", "--jobs=" + ids, "--format=" + SlurmStates.SQUEUE_FORMAT));
        if (sq != null && sq.code() == 0) {
            // squeue knows live jobs best: its answer wins for the jobs it lists
            Map<SlurmStates.Key, SlurmStates.State> live = SlurmStates.parseSqueue(sq.out());
            found.putAll(live);
            if (source.isEmpty()) {
                source = "squeue";
            } else if (!live.isEmpty()) {
                source += "+squeue";
            }
        }
        return Map.entry(source.isEmpty() ? "none" : source, found);
    }

    private Result tryCall(List<String> command) {
        try {
            return runner.run(command);
        } catch (IOException e) {
            return null;
        }
    }

    /** Per-shard state; a shard whose part folder is complete counts as done whatever the scheduler forgot. */
    public Status status(Path dir) {
        Submission s = Submission.read(dir);
        List<String> jobs = new ArrayList<>(s.jobs());
        var answer = states(jobs);
        Map<SlurmStates.Key, SlurmStates.State> states = answer.getValue();
        List<ShardStatus> shards = new ArrayList<>();
        for (int i = 0; i < s.shards(); i++) {
            String job = s.jobOf(i);
            boolean part = Files.isRegularFile(dir.resolve("parts").resolve("shard-" + i).resolve(ShardPart.FILE));
            SlurmStates.State st = states.get(new SlurmStates.Key(job, i));
            String state = st != null ? st.state() : part ? "COMPLETED" : "UNKNOWN";
            String detail = st == null ? (part ? "part written" : "not known to Slurm any more and no part written")
                    : (st.reason().isEmpty() ? "" : st.reason())
                    + (st.exitCode().isEmpty() || st.exitCode().equals("0:0") ? "" : (st.reason().isEmpty() ? "" : ", ")
                    + "exit " + st.exitCode());
            Path log = dir.resolve("logs").resolve("shard-" + i + ".log");
            boolean failed = st != null ? st.failed() : !part && Files.exists(log);
            List<String> tail = failed ? logTail(log, 10) : List.of();
            shards.add(new ShardStatus(i, job, state, detail, part, tail));
        }
        SlurmStates.State m = states.get(new SlurmStates.Key(s.mergeJob(), -1));
        String mergeState = m == null ? (Files.exists(Path.of(s.output())) ? "COMPLETED" : "UNKNOWN")
                : m.state() + (m.reason().isEmpty() ? "" : " (" + m.reason() + ")");
        return new Status(shards, s.mergeJob(), mergeState, answer.getKey());
    }

    /** The last {@code n} lines of a log (empty when it does not exist). */
    public static List<String> logTail(Path log, int n) {
        if (!Files.isRegularFile(log)) {
            return List.of();
        }
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return List.copyOf(lines.subList(Math.max(0, lines.size() - n), lines.size()));
        } catch (IOException e) {
            return List.of("(cannot read " + log + ": " + e.getMessage() + ")");
        }
    }

    /** Cancels every job of the submission ({@code scancel}); returns the ids. */
    public List<String> cancel(Path dir) {
        Submission s = Submission.read(dir);
        List<String> cmd = new ArrayList<>(List.of("scancel"));
        cmd.addAll(s.jobs());
        Result r = call(cmd);
        if (r.code() != 0) {
            throw new InputException("scancel " + String.join(" ", s.jobs()) + " failed (exit " + r.code() + "): "
                    + r.err().strip());
        }
        return s.jobs();
    }

    /**
     * Reruns shard {@code i} alone ({@code sbatch --array=I shards.sbatch}), replaces the waiting merge job by
     * one that depends on the original array having ended and the rerun having succeeded, and records both.
     */
    public Submission resubmit(Path dir, int shard) {
        Submission s = Submission.read(dir);
        if (shard < 0 || shard >= s.shards()) {
            throw new InputException("--shard: expected 0.." + (s.shards() - 1) + ", got " + shard);
        }
        String rerun = sbatch(List.of("--array=" + shard, dir.resolve(SlurmScripts.SHARDS).toString()));
        tryCall(List.of("scancel", s.mergeJob())); // its afterok can no longer be met
        List<String> ended = new ArrayList<>();
        ended.add(s.arrayJob());
        ended.addAll(s.resubmits().values());
        Map<Integer, String> latest = new LinkedHashMap<>(s.resubmits());
        latest.put(shard, rerun);
        String dependency = "afterany:" + String.join(":", ended) + ",afterok:" + String.join(":", latest.values());
        String merge = sbatch(List.of("--dependency=" + dependency, dir.resolve(SlurmScripts.MERGE).toString()));
        Submission next = s.withResubmit(shard, rerun, merge);
        next.write(dir);
        return next;
    }

    /** Merges the part folders written so far (all of them unless {@code partial}) into the recorded output. */
    public static void merge(Path dir, boolean partial, java.io.PrintWriter out) {
        ShardMergers.merge(partsToMerge(dir, partial), Path.of(Submission.read(dir).output()), partial, false, out);
    }

    /** The part folders written so far; all shards' unless {@code partial} (else says which are missing). */
    public static List<Path> partsToMerge(Path dir, boolean partial) {
        Submission s = Submission.read(dir);
        List<Path> parts = new ArrayList<>();
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < s.shards(); i++) {
            Path p = dir.resolve("parts").resolve("shard-" + i);
            if (Files.isRegularFile(p.resolve(ShardPart.FILE))) {
                parts.add(p);
            } else {
                missing.add(i);
            }
        }
        if (!missing.isEmpty() && (!partial || parts.isEmpty())) {
            throw new InputException(dir + ": shards " + missing + " of " + s.shards() + " have no part yet"
                    + (partial ? "" : " (see 'submit status'; --partial merges what is done)"));
        }
        return parts;
    }
}
