package org.nuisance.engine.cluster;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.nuisance.engine.data.InputException;

/**
 * A submission's record in its folder ({@value #FILE}): the command, shard count, merged output and the
 * Slurm job ids: the array job, the merge job, and for a shard resubmitted alone the job that reran it.
 *
 * @param resubmits the latest job id per resubmitted shard
 * @param jobs      every job id submitted for this folder, oldest first (all are cancelled by cancel)
 */
public record Submission(String format, List<String> command, int shards, String output, String arrayJob,
                         String mergeJob, Map<Integer, String> resubmits, List<String> jobs) {

    public static final String FILE = "submission.json";
    public static final String FORMAT = "nuisance-slurm-submission/1";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public Submission {
        command = List.copyOf(command);
        resubmits = new TreeMap<>(resubmits == null ? Map.of() : resubmits);
        jobs = List.copyOf(jobs == null ? List.of() : jobs);
    }

    /** The job whose array task (or single job) runs shard {@code i} now. */
    public String jobOf(int shard) {
        return resubmits.getOrDefault(shard, arrayJob);
    }

    public Submission withResubmit(int shard, String job, String newMergeJob) {
        Map<Integer, String> r = new TreeMap<>(resubmits);
        r.put(shard, job);
        List<String> all = new ArrayList<>(jobs);
        all.add(job);
        all.add(newMergeJob);
        return new Submission(format, command, shards, output, arrayJob, newMergeJob, r, all);
    }

    public void write(Path dir) {
        try {
            JSON.writeValue(dir.resolve(FILE).toFile(), this);
        } catch (IOException e) {
            throw new InputException(dir.resolve(FILE) + ": cannot write (" + e.getMessage() + ")", e);
        }
    }

    public static Submission read(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new InputException(dir + ": not a submission folder (no " + FILE + ")");
        }
        Submission s;
        try {
            s = JSON.readValue(file.toFile(), Submission.class);
        } catch (IOException e) {
            throw new InputException(file + ": not a readable submission (" + e.getMessage() + ")", e);
        }
        if (!FORMAT.equals(s.format())) {
            throw new InputException(file + ": $.format is '" + s.format() + "', expected '" + FORMAT + "'");
        }
        return s;
    }
}
