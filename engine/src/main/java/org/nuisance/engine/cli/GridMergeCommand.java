package org.nuisance.engine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
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

/** {@code grid-merge}: joins the parts of a sharded grid and draws its contours. */
@Command(name = "grid-merge", mixinStandardHelpOptions = true,
        description = "Joins grid parts written by grid --shard I/N (or whole grids) into one grid with contours.")
final class GridMergeCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "PART.json", description = "Grid parts.")
    List<Path> parts;

    @Option(names = "--axes", paramLabel = "I,J", split = ",",
            description = "Which two of the points' values span the plane (default: the first two that vary).")
    int[] axes;

    @Option(names = "--select", paramLabel = "I=V",
            description = "Draw the contours through the points whose value I equals V only (one mass scenario, "
                    + "e.g. 2=60); every point stays in the output.")
    String select;

    @Option(names = "--labels", paramLabel = "A,B,..", split = ",",
            description = "Names of the points' values for the output and the picture (default: the patchset's).")
    List<String> labels;

    @Option(names = "--json", description = "Write JSON instead of text.")
    boolean json;

    @Option(names = "--output", paramLabel = "FILE", description = "Write the merged grid JSON to FILE.")
    Path output;

    @Option(names = "--png", paramLabel = "FILE", description = "Draw the exclusion plane into a PNG.")
    Path png;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (output != null) {
            output = org.nuisance.engine.util.AtomicOutput.checkTarget(output, "--output");
        }
        if (png != null) {
            png = org.nuisance.engine.util.AtomicOutput.checkTarget(png, "--png");
        }
        List<SignalGrid.Result> read = new ArrayList<>();
        ObjectNode header = new ObjectMapper().createObjectNode();
        for (Path p : parts) {
            read.add(GridJson.read(p));
            try {
                ObjectNode h = (ObjectNode) new ObjectMapper().readTree(p.toFile());
                for (String f : new String[] {"workspace", "mu", "test_stat"}) {
                    if (h.has(f) && !header.has(f)) {
                        header.set(f, h.get(f));
                    }
                }
            } catch (IOException | ClassCastException e) {
                throw new InputException(p + ": not a grid JSON object");
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
        GridCommand.print(spec.commandLine().getOut(), root, grid, contours, 0, json);
        return 0;
    }
}
