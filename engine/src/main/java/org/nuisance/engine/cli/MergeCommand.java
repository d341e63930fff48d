package org.nuisance.engine.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.nuisance.engine.cluster.CoverageShards;
import org.nuisance.engine.cluster.ShardMergers;
import org.nuisance.engine.cluster.ShardPart;
import org.nuisance.engine.stats.toys.CoveragePart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code merge}: joins the parts of one run into the result of the whole run; the result type is detected
 * from the parts. Two kinds of part: folders written by a command run with {@code --shard I/N --output PART}
 * (a {@value ShardPart#FILE} manifest naming command, settings, seed and index range; merged by the
 * command's {@link org.nuisance.engine.cluster.ShardMerger}), and coverage part files written by
 * {@code coverage ... --first K --count N --output PART.json} (equal settings and seed, no gap and no overlap).
 */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = "Merge the parts of one run into the result one process would have given: part folders of any "
                + "command run with --shard I/N --output PART (coverage, train --ensemble, ...), or coverage part "
                + "files (coverage --first K --count N --output PART.json). Parts from different commands, settings "
                + "or seeds are refused, naming the difference.")
final class MergeCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "PART", description = "Part folders, or coverage part files, in any order.")
    List<Path> parts;

    @Option(names = "--json", description = "Write JSON instead of text.")
    boolean json;

    @Option(names = "--output", paramLabel = "OUT", description = "Where the merged result goes: an ensemble's model "
            + "folder (required for ensembles); for coverage, the merged part file (optional).")
    Path output;

    @Option(names = "--partial", description = "Merge a subset of the --shard parts (a result over fewer indices).")
    boolean partial;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** What {@link #fileFormat} calls a grid JSON file (it has no format tag). */
    private static final String GRID = "grid";

    @Override
    public Integer call() {
        merge(parts, output, partial, json, spec.commandLine().getOut());
        return 0;
    }

    /**
     * Merges coverage part files, or part folders of any sharded command; coverage is printed by the
     * coverage command's own printer, so the merged text and JSON equal one process's.
     */
    static void merge(List<Path> parts, Path output, boolean partial, boolean json, java.io.PrintWriter out) {
        CoveragePart merged;
        String format = parts.stream().allMatch(p -> Files.isRegularFile(p)
                && !p.getFileName().toString().equals(ShardPart.FILE)) ? fileFormat(parts.get(0)) : ShardPart.FORMAT;
        if (format.equals(GRID)) {
            // grid JSON files (whole grids, or parts of versions before part folders): grid-merge's join
            List<com.fasterxml.jackson.databind.JsonNode> roots = new ArrayList<>();
            for (Path p : parts) {
                roots.add(GridShards.root(p));
            }
            GridMergeCommand.merge(roots, parts.stream().map(Path::toString).toList(), null, null, null, output, null,
                    json, out);
            return;
        }
        if (!format.equals(ShardPart.FORMAT)) {
            List<CoveragePart> read = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (Path p : parts) {
                read.add(CoveragePart.read(p));
                names.add(p.toString());
            }
            merged = CoveragePart.merge(read, names);
        } else {
            merged = CoverageShards.mergeIfCoverage(parts, partial);
            if (merged == null) {
                ShardMergers.merge(parts, output, partial, json, out);
                return;
            }
        }
        if (output != null) {
            merged.write(output);
        }
        CoverageCommand.print(out, merged.summary(), json, merged.first(),
                merged.settings().path("pseudo_data").asText("same-events"), merged.settings().path("toys_per_set").asInt(0),
                merged.seed());
    }

    /** The format tag of a part file, {@value #GRID} for a grid JSON, or "" (the coverage part reader then names what is wrong). */
    private static String fileFormat(Path file) {
        try {
            com.fasterxml.jackson.databind.JsonNode root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.toFile());
            if (root != null && root.path("format").isTextual()) {
                return root.get("format").asText();
            }
            return root != null && root.path("points").isArray() ? GRID : "";
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
