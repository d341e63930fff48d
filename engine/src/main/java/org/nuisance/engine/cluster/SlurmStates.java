package org.nuisance.engine.cluster;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Job states read from the output of Slurm's {@code squeue}, {@code sacct} and {@code scontrol show job},
 * keyed by job and array task. Array tasks still pending as one record ({@code 1234_[2-5%2]} or
 * {@code ArrayTaskId=2-5}) are expanded to one entry per task.
 */
public final class SlurmStates {

    /** A job, or one task of an array job ({@code task} = -1 for a job that is no array). */
    public record Key(String job, int task) {
        @Override
        public String toString() {
            return task < 0 ? job : job + "_" + task;
        }
    }

    /** A state such as RUNNING, with Slurm's reason (pending) and exit code ("1:0") where known. */
    public record State(String state, String reason, String exitCode) {
        /** A state after which the task will not run again by itself. */
        public boolean finished() {
            return !(state.equals("PENDING") || state.equals("RUNNING") || state.equals("CONFIGURING")
                    || state.equals("COMPLETING") || state.equals("REQUEUED") || state.equals("RESIZING")
                    || state.equals("SUSPENDED") || state.equals("STAGE_OUT") || state.equals("SIGNALING"));
        }

        public boolean failed() {
            return finished() && !state.equals("COMPLETED");
        }
    }

    private static final Pattern ARRAY_ID = Pattern.compile("(\\d+)_(\\d+|\\[([^\\]]*)\\])");
    private static final Pattern KV = Pattern.compile("(\\S+?)=(\\S*)");

    private SlurmStates() {
    }

    /** The squeue format these parsers read: {@code squeue --array --noheader --format=%i|%T|%r}. */
    public static final String SQUEUE_FORMAT = "%i|%T|%r";
    /** The sacct fields read: {@code sacct --noheader --parsable2 --format=JobID,State,ExitCode}. */
    public static final String SACCT_FORMAT = "JobID,State,ExitCode";

    /** Parses {@code squeue --array --noheader --format=%i|%T|%r} (job id, state, reason). */
    public static Map<Key, State> parseSqueue(String text) {
        Map<Key, State> states = new LinkedHashMap<>();
        for (String line : text.split("\\R")) {
            String[] f = line.strip().split("\\|", -1);
            if (f.length < 2 || f[0].isEmpty()) {
                continue;
            }
            String reason = f.length > 2 ? f[2].strip() : "";
            put(states, f[0].strip(), new State(f[1].strip(), reason.equals("None") ? "" : reason, ""));
        }
        return states;
    }

    /**
     * Parses {@code sacct --noheader --parsable2 --format=JobID,State,ExitCode}; job steps ({@code 12_3.batch})
     * are skipped, and "CANCELLED by 0" reads as CANCELLED.
     */
    public static Map<Key, State> parseSacct(String text) {
        Map<Key, State> states = new LinkedHashMap<>();
        for (String line : text.split("\\R")) {
            String[] f = line.strip().split("\\|", -1);
            if (f.length < 2 || f[0].isEmpty() || f[0].contains(".")) {
                continue;
            }
            String state = f[1].strip();
            int sp = state.indexOf(' ');
            String reason = sp < 0 ? "" : state.substring(sp + 1);
            put(states, f[0].strip(), new State(sp < 0 ? state : state.substring(0, sp), reason, f.length > 2 ? f[2].strip() : ""));
        }
        return states;
    }

    /**
     * Parses {@code scontrol show job} output, multi-line or one line per job ({@code -o}): records of
     * {@code Key=Value} words separated by blank lines; arrays by ArrayJobId/ArrayTaskId.
     */
    public static Map<Key, State> parseScontrol(String text) {
        Map<Key, State> states = new LinkedHashMap<>();
        boolean oneLine = !text.contains("\n   ") && !text.contains("\n\t");
        String[] records = oneLine ? text.split("\\R") : text.split("\\R\\s*\\R");
        for (String record : records) {
            Map<String, String> kv = new LinkedHashMap<>();
            Matcher m = KV.matcher(record);
            while (m.find()) {
                kv.putIfAbsent(m.group(1), m.group(2));
            }
            String jobId = kv.get("JobId");
            String jobState = kv.get("JobState");
            if (jobId == null || jobState == null) {
                continue;
            }
            String reason = kv.getOrDefault("Reason", "");
            State s = new State(jobState, reason.equals("None") ? "" : reason, kv.getOrDefault("ExitCode", ""));
            String arrayJob = kv.get("ArrayJobId");
            String tasks = kv.get("ArrayTaskId");
            if (arrayJob != null && tasks != null) {
                putTasks(states, arrayJob, tasks, s);
            } else {
                states.put(new Key(jobId, -1), s);
            }
        }
        return states;
    }

    private static void put(Map<Key, State> states, String id, State s) {
        Matcher m = ARRAY_ID.matcher(id);
        if (m.matches()) {
            putTasks(states, m.group(1), m.group(3) != null ? m.group(3) : m.group(2), s);
        } else {
            states.put(new Key(id, -1), s);
        }
    }

    /** Expands Slurm's task list: {@code 3}, {@code 2-5}, {@code 0,2,4-6}, with an optional {@code %limit}. */
    private static void putTasks(Map<Key, State> states, String job, String tasks, State s) {
        String list = tasks.contains("%") ? tasks.substring(0, tasks.indexOf('%')) : tasks;
        for (String item : list.split(",")) {
            String t = item.strip();
            if (t.isEmpty()) {
                continue;
            }
            String step = "1";
            if (t.contains(":")) {
                step = t.substring(t.indexOf(':') + 1);
                t = t.substring(0, t.indexOf(':'));
            }
            int dash = t.indexOf('-');
            try {
                int lo = Integer.parseInt(dash < 0 ? t : t.substring(0, dash));
                int hi = dash < 0 ? lo : Integer.parseInt(t.substring(dash + 1));
                int by = Math.max(1, Integer.parseInt(step));
                for (int k = lo; k <= hi; k += by) {
                    states.put(new Key(job, k), s);
                }
            } catch (NumberFormatException e) {
                // an unexpected task list: that record's tasks stay unknown rather than guessed
            }
        }
    }
}
