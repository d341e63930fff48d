package org.nuisance.engine.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nuisance.engine.data.InputException;
import org.nuisance.engine.stats.toys.ChallengeScore;
import org.nuisance.engine.stats.toys.CoveragePart;
import org.nuisance.engine.stats.toys.PseudoExperiments;

/**
 * Parts of {@code coverage --toys N --shard I/N}: each part folder holds the coverage part file
 * {@value #PART_FILE} of its pseudo-experiments (those of {@code --first K --count M}; pseudo-experiment t is
 * seeded from (seed, t) alone). The merge joins them in index order with {@link CoveragePart#merge} and
 * summarises them as one process does ({@link PseudoExperiments#summarise}), so the numbers are bit-identical.
 */
public final class CoverageShards implements ShardMerger {

    /** What the global indices of {@code coverage} count. */
    public static final String KIND = "pseudo-experiments";
    /** The coverage part file inside a part folder. */
    public static final String PART_FILE = "coverage-part.json";

    @Override
    public String command() {
        return "coverage";
    }

    /** The manifest's payload: the name of the coverage part file beside it. */
    public static JsonNode payload() {
        ObjectNode p = JsonNodeFactory.instance.objectNode();
        p.put("part", PART_FILE);
        return p;
    }

    /**
     * The merged coverage part when the given part folders are {@code coverage --shard} parts (checked as
     * {@link ShardMergers#check} does), else null (another command's parts).
     */
    public static CoveragePart mergeIfCoverage(List<Path> partPaths, boolean partial) {
        List<ShardPart> parts = new ArrayList<>();
        for (Path p : partPaths) {
            parts.add(ShardPart.read(p));
        }
        if (parts.isEmpty() || !parts.get(0).command().equals("coverage")) {
            return null;
        }
        List<Integer> order = ShardMergers.check(parts, partPaths, partial);
        return mergeParts(order.stream().map(parts::get).toList(), order.stream().map(i -> ShardMergers.folder(partPaths.get(i))).toList());
    }

    @Override
    public void merge(List<ShardPart> parts, List<Path> folders, Path output, boolean json, PrintWriter out) {
        CoveragePart merged = mergeParts(parts, folders);
        if (output != null) {
            merged.write(output);
        }
        print(out, merged.summary(), json, merged.first());
    }

    static CoveragePart mergeParts(List<ShardPart> parts, List<Path> folders) {
        List<CoveragePart> read = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            Path file = folders.get(i).resolve(parts.get(i).payload().path("part").asText(PART_FILE));
            CoveragePart p = CoveragePart.read(file);
            if (p.first() != parts.get(i).range().first() || p.count() != parts.get(i).range().size()) {
                throw new InputException(file + ": holds pseudo-experiments [" + p.first() + ", " + (p.first() + p.count())
                        + ") but its manifest says " + parts.get(i).range());
            }
            read.add(p);
            names.add(file.toString());
        }
        return CoveragePart.merge(read, names);
    }

    /** Roughly as {@code coverage} prints (the CLI's merge uses coverage's own printer) a summary (text, or JSON with the keys other tools rely on). */
    static void print(PrintWriter out, PseudoExperiments.Summary s, boolean json, int first) {
        if (json) {
            ObjectNode root = new ObjectMapper().createObjectNode();
            root.put("toys", s.toys());
            if (first != 0) {
                root.put("first", first);
            }
            root.put("coverage", s.coverage());
            root.put("mean_width", s.meanWidth());
            root.put("score", s.score());
            root.put("mean_mu_hat_minus_true", s.meanBias());
            out.println(root.toPrettyString());
        } else {
            out.printf("pseudo-experiments: %d (%.1f s summed over the parts)%ncoverage: %.4f (target 0.6827 +- %.4f)%n"
                    + "mean width: %.4f%nscore: %.4f%nmean mu-hat - mu: %.4f%nintervals reaching a bound: %d%n", s.toys(),
                    s.seconds(), s.coverage(), 2 * ChallengeScore.sigma68(s.toys()), s.meanWidth(), s.score(), s.meanBias(),
                    s.boundedIntervals());
        }
        out.flush();
    }
}
