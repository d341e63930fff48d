package org.nuisance.engine.cluster;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The two sbatch scripts of a submission, as plain text a person can read, edit and resubmit: a job array
 * with one task per shard, and a merge job that {@code submit} starts with {@code --dependency=afterok} on
 * the array.
 */
public final class SlurmScripts {

    /** File names inside the submission folder. */
    public static final String SHARDS = "shards.sbatch";
    public static final String MERGE = "merge.sbatch";
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./=:,+@%^-]+");

    private SlurmScripts() {
    }

    /** The job-array script: task I runs the command with {@code --shard I/N} into {@code parts/shard-I}. */
    public static String shards(SlurmRequest r) {
        StringBuilder s = new StringBuilder();
        s.append("#!/bin/bash\n");
        s.append("# Written by 'nuisance submit slurm': one array task per shard of\n");
        s.append("#   nuisance ").append(String.join(" ", quoteAll(r.command()))).append('\n');
        s.append("# Task I runs it with --shard I/").append(r.shards()).append(" and writes the part folder ")
                .append(r.partsDir()).append("/shard-I.\n");
        s.append("# Rerun one shard by hand: sbatch --array=I ").append(r.workdir().resolve(SHARDS)).append('\n');
        s.append("#SBATCH --job-name=").append(r.jobName()).append('\n');
        s.append("#SBATCH --array=0-").append(r.shards() - 1).append('\n');
        s.append("#SBATCH --output=").append(r.logsDir()).append("/shard-%a.log\n");
        resources(s, r, true);
        s.append("set -euo pipefail\n");
        s.append("shard=\"${SLURM_ARRAY_TASK_ID:?submit this script with sbatch --array}\"\n");
        s.append("cd ").append(quote(r.directory().toString())).append('\n');
        s.append("exec ").append(String.join(" ", quoteAll(r.launcher()))).append(" \\\n    ")
                .append(String.join(" ", quoteAll(r.command()))).append(" \\\n    ")
                .append("--shard \"$shard/").append(r.shards()).append("\" --output ")
                .append(quote(r.partsDir().toString())).append("/shard-\"$shard\"\n");
        return s.toString();
    }

    /** The merge script: merges every part folder into the command's output once the array has succeeded. */
    public static String merge(SlurmRequest r) {
        StringBuilder s = new StringBuilder();
        s.append("#!/bin/bash\n");
        s.append("# Written by 'nuisance submit slurm': merges the shards' parts into one result. Submitted as\n");
        s.append("#   sbatch --dependency=afterok:<array job id> ").append(r.workdir().resolve(MERGE)).append('\n');
        s.append("# so it starts once every shard has succeeded.\n");
        s.append("#SBATCH --job-name=").append(r.jobName()).append("-merge\n");
        s.append("#SBATCH --output=").append(r.logsDir()).append("/merge.log\n");
        resources(s, r, false);
        s.append("set -euo pipefail\n");
        s.append("cd ").append(quote(r.directory().toString())).append('\n');
        s.append("exec ").append(String.join(" ", quoteAll(r.launcher()))).append(" merge ")
                .append(quote(r.partsDir().toString())).append("/shard-* --output ").append(quote(r.output().toString()))
                .append('\n');
        return s.toString();
    }

    private static void resources(StringBuilder s, SlurmRequest r, boolean shardTasks) {
        if (r.partition() != null) {
            s.append("#SBATCH --partition=").append(r.partition()).append('\n');
        }
        if (r.account() != null) {
            s.append("#SBATCH --account=").append(r.account()).append('\n');
        }
        if (r.time() != null) {
            s.append("#SBATCH --time=").append(r.time()).append('\n');
        }
        if (shardTasks) {
            if (r.cpusPerTask() != null) {
                s.append("#SBATCH --cpus-per-task=").append(r.cpusPerTask()).append('\n');
            }
            if (r.mem() != null) {
                s.append("#SBATCH --mem=").append(r.mem()).append('\n');
            }
            if (r.gpus() != null) {
                s.append("#SBATCH --gpus=").append(r.gpus()).append('\n');
            }
        }
        for (String e : r.extra()) {
            s.append("#SBATCH ").append(e).append('\n');
        }
    }

    /** A word for bash: as is when plain, else single-quoted. */
    public static String quote(String word) {
        if (!word.isEmpty() && PLAIN.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    static List<String> quoteAll(List<String> words) {
        return words.stream().map(SlurmScripts::quote).toList();
    }
}
