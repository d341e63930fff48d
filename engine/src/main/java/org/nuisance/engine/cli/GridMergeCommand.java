package org.nuisance.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.nuisance.engine.data.InputException;
import org.nuisance.engine.stats.hepdata.GridContours;
import org.nuisance.engine.stats.hepdata.GridJson;
import org.nuisance.engine.stats.hepdata.GridPlot;
import org.nuisance.engine.stats.hepdata.SignalGrid;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code grid-merge}: joins the parts of a sharded grid (part folders of {@code grid --shard I/N --output PART},
 * or grid JSON files, whole or parts of earlier versions) and draws its contours. {@code merge} does the same
 * for part folders, checking first that the parts share settings and cover every shard once; {@code grid-merge}
 * stays as the lenient form (any grids, options given here).
 */
@Command(name = "grid-merge", mixinStandardHelpOptions = true,
        description = "Joins grid parts written by grid --shard I/N --output PART (or grid JSON files) into one grid "
                + "with contours; 'merge' does the same and checks that the parts belong together.")
final class GridMergeCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "PART", description = "Grid part folders, or grid JSON files.")
    List<Path> parts;

    @Option(names = "--output", paramLabel = "FILE", description = "Write the merged grid JSON to FILE.")
    Path output;

    @picocli.CommandLine.Mixin
    GridPlaneOptions plane = new GridPlaneOptions();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (output != null) {
            output = org.nuisance.engine.util.AtomicOutput.checkTarget(output, "--output");
        }
        plane.checkPng();
        List<JsonNode> roots = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Path p : parts) {
            roots.add(GridShards.root(p));
            names.add(p.toString());
        }
        merge(roots, names, plane.axes, plane.select, plane.labels, output, plane.png, plane.json,
                spec.commandLine().getOut());
        return 0;
    }

    /**
     * Joins grids or grid parts (their JSON trees, named for errors) into one grid with contours: writes it to
     * {@code output}, draws the plane into {@code png} (each may be null) and prints it as {@code grid} does.
     */
    static void merge(List<JsonNode> roots, List<String> names, int[] axes, String select, List<String> labels,
                      Path output, Path png, boolean json, PrintWriter out) {
        List<SignalGrid.Result> read = new ArrayList<>();
        ObjectNode header = new ObjectMapper().createObjectNode();
        for (int i = 0; i < roots.size(); i++) {
            read.add(GridJson.read(roots.get(i), names.get(i)));
            if (!(roots.get(i) instanceof ObjectNode h)) {
                throw new InputException(names.get(i) + ": not a grid JSON object");
            }
            for (String f : new String[] {"workspace", "mu", "test_stat"}) {
                if (h.has(f) && !header.has(f)) {
                    header.set(f, h.get(f));
                }
            }
        }
        SignalGrid.Result grid = SignalGrid.labelled(SignalGrid.merge(read), labels);
        SignalGrid.Result plane = SignalGrid.slice(grid, select);
        GridContours contours = plane.points().size() >= 3 ? GridContours.of(plane, SignalGrid.axes(plane, axes)) : null;
        ObjectNode root = GridJson.write(grid, contours, header);
        if (output != null) {
            org.nuisance.engine.util.AtomicOutput.writeString(output, "--output", root.toPrettyString() + "\n");
        }
        if (png != null) {
            GridPlot.write(plane, GridCommand.requireContours(contours, plane).axes(), contours,
                    GridCommand.title(header.path("workspace").asText(""), select), png);
        }
        GridCommand.print(out, root, grid, contours, 0, json);
    }
}
