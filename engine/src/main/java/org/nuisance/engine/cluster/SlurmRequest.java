package org.nuisance.engine.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.nuisance.engine.data.InputException;

/**
 * What {@code submit slurm} was asked for: the shard count, the sbatch resources (null: the site's default),
 * the folder for scripts, logs and parts, and the command to shard with the launcher that runs it.
 *
 * @param extra     further sbatch options, one per line, e.g. {@code --qos=regular} or {@code -C gpu}
 * @param workdir   absolute folder holding the scripts, {@code logs/} and {@code parts/}
 * @param directory absolute folder the command runs in (where {@code submit} was typed: relative paths)
 * @param launcher  the absolute command that starts the {@code nuisance} CLI, e.g. {@code java -jar ...}
 * @param command   the sharded command and its arguments, without {@code --shard} and {@code --output}
 * @param output    where the merged result goes (the command's own {@code --output}, absolute)
 */
public record SlurmRequest(int shards, String partition, String time, Integer cpusPerTask, String mem, String gpus,
                           String account, List<String> extra, Path workdir, Path directory, List<String> launcher,
                           List<String> command, Path output) {

    private static final Pattern TIME = Pattern.compile("(\\d+-)?\\d+(:\\d{1,2}){0,2}|\\d+-\\d+|UNLIMITED|INFINITE");
    private static final Pattern MEM = Pattern.compile("\\d+[KMGT]?");
    private static final Pattern GPUS = Pattern.compile("([A-Za-z0-9_.-]+:)?\\d+");
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9_.,:+@%=-]+");

    public SlurmRequest {
        if (shards < 1) {
            throw new InputException("--shards must be >= 1, got " + shards);
        }
        if (time != null && !TIME.matcher(time).matches()) {
            throw new InputException("--time: expected HH:MM:SS, MM:SS or D-HH:MM:SS, got '" + time + "'");
        }
        if (mem != null && !MEM.matcher(mem).matches()) {
            throw new InputException("--mem: expected a size such as 4000, 16G or 500M, got '" + mem + "'");
        }
        if (gpus != null && !GPUS.matcher(gpus).matches()) {
            throw new InputException("--gpus: expected a count or TYPE:COUNT such as 1 or a100:4, got '" + gpus + "'");
        }
        if (cpusPerTask != null && cpusPerTask < 1) {
            throw new InputException("--cpus-per-task must be >= 1, got " + cpusPerTask);
        }
        if (partition != null && !WORD.matcher(partition).matches()) {
            throw new InputException("--partition: not a partition name: '" + partition + "'");
        }
        if (account != null && !WORD.matcher(account).matches()) {
            throw new InputException("--account: not an account name: '" + account + "'");
        }
        List<String> lines = new ArrayList<>();
        for (String e : extra == null ? List.<String>of() : extra) {
            String line = e.strip();
            if (line.startsWith("#SBATCH")) {
                line = line.substring("#SBATCH".length()).strip();
            }
            if (line.isEmpty() || line.contains("\n") || line.contains("\r") || !line.startsWith("-")) {
                throw new InputException("--extra: expected one sbatch option such as '--qos=regular', got '" + e + "'");
            }
            lines.add(line);
        }
        extra = List.copyOf(lines);
        if (command == null || command.isEmpty()) {
            throw new InputException("submit slurm: no command given after '--'");
        }
        for (String a : command) {
            if (a.equals("--shard") || a.startsWith("--shard=")) {
                throw new InputException("submit slurm: the command must not carry --shard (each array task adds its own)");
            }
        }
        command = List.copyOf(command);
        launcher = List.copyOf(launcher);
    }

    /** The command's name for job names, e.g. {@code coverage} or {@code omnifold-unfold}. */
    public String jobName() {
        StringBuilder b = new StringBuilder("nuisance");
        for (String a : command) {
            if (a.startsWith("-")) {
                break;
            }
            b.append('-').append(a);
        }
        return b.toString();
    }

    /** The command name as parts record it, e.g. {@code omnifold unfold}. */
    public String commandName() {
        return jobName().substring("nuisance-".length()).replace('-', ' ');
    }

    public Path partsDir() {
        return workdir.resolve("parts");
    }

    public Path logsDir() {
        return workdir.resolve("logs");
    }

    /**
     * Where the merged result goes: the command's own {@code --output} (relative to {@code cwd}), else in the
     * submission folder {@code merged.json} for results that are one file (coverage, grid) or {@code merged}.
     */
    public static java.nio.file.Path mergedOutput(Split split, String command, java.nio.file.Path cwd,
                                                  java.nio.file.Path dir) {
        return split.output() != null ? cwd.resolve(split.output()).normalize()
                : dir.resolve(command.equals("coverage") || command.equals("grid") ? "merged.json" : "merged");
    }

    /** Splits the command's own {@code --output X} off: returns the arguments without it and X (or null). */
    public static Split splitOutput(List<String> args) {
        List<String> rest = new ArrayList<>();
        String out = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--output")) {
                if (i + 1 >= args.size()) {
                    throw new InputException("submit slurm: the command's --output has no value");
                }
                out = args.get(++i);
            } else if (a.startsWith("--output=")) {
                out = a.substring("--output=".length());
            } else {
                rest.add(a);
            }
        }
        return new Split(rest, out);
    }

    /** A command's arguments without {@code --output}, and that option's value. */
    public record Split(List<String> args, String output) {
    }
}
