package org.nuisance.engine.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nuisance.engine.data.InputException;
import org.nuisance.engine.stats.toys.ChallengeScore;
import org.nuisance.engine.stats.toys.PseudoExperiments;
import org.nuisance.engine.stats.toys.PseudoExperiments.Toy;

/**
 * Parts of {@code coverage --shard I/N}: each holds its pseudo-experiments' (mu_true, mu-hat, p16, p84,
 * bounded) by global index (pseudo-experiment t is seeded from (seed, t) alone); the merge recomputes the
 * summary over all of them in index order, so the numbers equal one process's to the last bit.
 */
public final class CoverageShards implements ShardMerger {

    /** What the global indices of {@code coverage} count. */
    public static final String KIND = "pseudo-experiments";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String command() {
        return "coverage";
    }

    /** The payload: one row [mu_true, mu_hat, p16, p84, bounded] per pseudo-experiment, in index order. */
    public static JsonNode payload(List<Toy> toys) {
        ObjectNode p = JsonNodeFactory.instance.objectNode();
        ArrayNode rows = p.putArray("toys");
        for (Toy t : toys) {
            rows.addArray().add(t.muTrue()).add(t.muHat()).add(t.p16()).add(t.p84()).add(t.bounded());
        }
        return p;
    }

    @Override
    public void merge(List<ShardPart> parts, List<Path> folders, Path output, boolean json, PrintWriter out) {
        List<Toy> toys = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            JsonNode rows = parts.get(i).payload().get("toys");
            Path file = folders.get(i).resolve(ShardPart.FILE);
            if (rows == null || !rows.isArray() || rows.size() != parts.get(i).range().size()) {
                throw new InputException(file + ": $.payload.toys: expected " + parts.get(i).range().size() + " rows");
            }
            for (int r = 0; r < rows.size(); r++) {
                JsonNode row = rows.get(r);
                if (!row.isArray() || row.size() != 5 || !row.get(4).isBoolean()) {
                    throw new InputException(file + ": $.payload.toys[" + r + "]: expected [mu_true, mu_hat, p16, p84, bounded]");
                }
                toys.add(new Toy(row.get(0).asDouble(), row.get(1).asDouble(), row.get(2).asDouble(), row.get(3).asDouble(),
                        row.get(4).asBoolean()));
            }
        }
        PseudoExperiments.Summary s = summarize(toys);
        ObjectNode root = JSON.createObjectNode();
        root.put("toys", s.toys());
        root.put("coverage", s.coverage());
        root.put("mean_width", s.meanWidth());
        root.put("score", s.score());
        root.put("mean_mu_hat_minus_true", s.meanBias());
        if (json) {
            out.println(root.toPrettyString());
        } else {
            out.printf("pseudo-experiments: %d (merged from %d parts)%ncoverage: %.4f (target 0.6827 +- %.4f)%n"
                    + "mean width: %.4f%nscore: %.4f%nmean mu-hat - mu: %.4f%nintervals reaching a bound: %d%n", s.toys(),
                    parts.size(), s.coverage(), 2 * ChallengeScore.sigma68(s.toys()), s.meanWidth(), s.score(), s.meanBias(),
                    s.boundedIntervals());
        }
        out.flush();
        if (output != null) {
            try {
                if (output.getParent() != null) {
                    Files.createDirectories(output.getParent());
                }
                Files.writeString(output, root.toPrettyString() + System.lineSeparator());
            } catch (IOException e) {
                throw new InputException("--output " + output + ": cannot write (" + e.getMessage() + ")", e);
            }
        }
    }

    /** The summary over pseudo-experiments in index order, summed as {@link PseudoExperiments#run} sums them. */
    public static PseudoExperiments.Summary summarize(List<Toy> toys) {
        int n = toys.size();
        int covered = 0;
        int bounded = 0;
        double width = 0;
        double bias = 0;
        for (Toy toy : toys) {
            covered += toy.covers() ? 1 : 0;
            bounded += toy.bounded() ? 1 : 0;
            width += toy.p84() - toy.p16();
            bias += toy.muHat() - toy.muTrue();
        }
        double coverage = (double) covered / n;
        double meanWidth = width / n;
        return new PseudoExperiments.Summary(n, coverage, meanWidth, ChallengeScore.score(meanWidth, coverage, n), bias / n,
                bounded, 0, List.copyOf(toys));
    }
}
