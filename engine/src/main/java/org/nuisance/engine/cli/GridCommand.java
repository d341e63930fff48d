package org.nuisance.engine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nuisance.engine.data.InputException;
import org.nuisance.engine.stats.fit.AsymptoticCalculator.TestStatistic;
import org.nuisance.engine.stats.hepdata.GridContours;
import org.nuisance.engine.stats.hepdata.GridJson;
import org.nuisance.engine.stats.hepdata.GridPlot;
import org.nuisance.engine.stats.hepdata.PublishedLikelihood;
import org.nuisance.engine.stats.hepdata.SignalGrid;
import org.nuisance.engine.stats.hepdata.SignalPoint;
import org.nuisance.engine.util.Parallel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code grid}: CLs of every signal point of a published likelihood, and the exclusion contours. */
@Command(name = "grid", mixinStandardHelpOptions = true,
        description = "CLs (observed and expected band) for every signal patch of a published likelihood, on all "
                + "cores, and the observed/expected 95%% CL exclusion contours in the plane of two mass values.")
final class GridCommand implements Callable<Integer> {

    @Mixin
    WorkspaceOptions ws;

    @Option(names = "--patches", paramLabel = "DIR|GLOB", description = "Patch files: a folder or a glob.")
    String patches;

    @Option(names = "--mu", paramLabel = "X", defaultValue = "1", description = "POI value tested (default: ${DEFAULT-VALUE}).")
    double mu;

    @Option(names = "--test-stat", paramLabel = "q|qtilde", defaultValue = "qtilde",
            description = "Test statistic (default: ${DEFAULT-VALUE}).")
    String testStat;

    @Mixin
    org.nuisance.engine.cluster.ShardOptions shard;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores).")
    Integer threads;

    @Option(names = "--output", paramLabel = "FILE", description = "Write the grid JSON to FILE.")
    Path output;

    @Mixin
    GridPlaneOptions plane = new GridPlaneOptions();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (ws.patch != null) {
            throw new InputException("--patch: grid runs every point; use --patches DIR|GLOB or --patchset FILE");
        }
        TestStatistic ts = TestStatistic.parse(testStat);
        if (ts == TestStatistic.Q0) {
            throw new InputException("--test-stat: grid tests exclusion (q or qtilde), not q0");
        }
        org.nuisance.engine.data.InputChecks.finiteOption("--mu", mu);
        if (output != null) {
            // a shard's --output is its part folder (a resubmitted shard replaces its own)
            output = shard.active() ? org.nuisance.engine.util.AtomicOutput.checkFolderTarget(output, "--output")
                    : org.nuisance.engine.util.AtomicOutput.checkTarget(output, "--output");
        }
        // a shard records --png in its part; the merge draws it
        this.plane.checkPng();
        PublishedLikelihood pl = ws.published();
        if (patches != null) {
            pl = pl.withPatches(patches);
        }
        List<SignalPoint> points = pl.points();
        if (points.isEmpty()) {
            throw new InputException(ws.workspace + ": no signal points; give --patches DIR|GLOB or --patchset FILE");
        }
        org.nuisance.engine.cluster.Shard.Range range = shard.range(points.size());
        String shardText = null;
        if (shard.active()) {
            points = SignalGrid.slice(points, range.first(), range.end());
            shardText = shard.shard().toString();
        }
        long t0 = System.nanoTime();
        int nThreads = threads != null ? Math.max(1, threads) : Parallel.threads();
        SignalGrid.Result grid = SignalGrid.compute(pl, points, ws.interpolation(), ws.measurement, ts, mu, nThreads,
                () -> false);
        double seconds = (System.nanoTime() - t0) / 1e9;
        grid = SignalGrid.labelled(grid, this.plane.labels);
        GridContours contours = null;
        SignalGrid.Result plane = SignalGrid.slice(grid, this.plane.select);
        if (!shard.active() && plane.points().size() >= 3) {
            contours = GridContours.of(plane, SignalGrid.axes(plane, this.plane.axes));
        }
        ObjectNode header = new ObjectMapper().createObjectNode();
        header.put("workspace", pl.source());
        header.put("mu", mu);
        header.put("test_stat", ts.toString().toLowerCase(Locale.ROOT));
        if (shardText != null) {
            header.put("shard", shardText);
        }
        ObjectNode root = GridJson.write(grid, contours, header);
        if (shard.active()) {
            // a part: the points, and how the merge draws the contours (every shard's settings are checked equal)
            if (output == null) {
                throw new InputException("--shard: give --output PART (the part folder for 'merge')");
            }
            GridShards.drawing(root, this.plane.axes, this.plane.select, this.plane.png);
            Path part = org.nuisance.engine.cluster.ShardPart.prepare(output);
            shard.part(spec, 0, GridShards.KIND, range, root).write(part);
            print(spec.commandLine().getOut(), root, grid, null, seconds, this.plane.json);
            return 0;
        }
        if (output != null) {
            org.nuisance.engine.util.AtomicOutput.writeString(output, "--output", root.toPrettyString() + "\n");
        }
        if (this.plane.png != null) {
            GridPlot.write(plane, requireContours(contours, plane).axes(), contours, title(pl.source(), this.plane.select),
                    this.plane.png);
        }
        print(spec.commandLine().getOut(), root, grid, contours, seconds, this.plane.json);
        return 0;
    }

    /** The contours for --png, or one line saying why a plane of fewer than three points has none. */
    static GridContours requireContours(GridContours contours, SignalGrid.Result plane) {
        if (contours == null) {
            throw new InputException("--png: the plane has " + plane.points().size()
                    + " point(s); contours need at least 3 (nothing was drawn)");
        }
        return contours;
    }

    /** The archive's file name and the entry, without the folders before it. */
    static String title(String source, String select) {
        String t = source.contains("!") ? source.replaceAll("^.*/(?=[^/]*!)", "") : source.replaceAll(".*/", "");
        return select == null ? t : t + "   (value " + select + ")";
    }

    static void print(PrintWriter out, ObjectNode root, SignalGrid.Result grid, GridContours contours, double seconds,
                      boolean json) {
        if (json) {
            out.println(root.toPrettyString());
        } else {
            out.printf(Locale.ROOT, "%-28s %-22s %10s %s  %s%n", "point", "values", "CLs_obs",
                    "CLs_exp (-2..+2 sigma)", "status");
            int excludedObs = 0;
            int excludedExp = 0;
            int failed = 0;
            for (SignalGrid.Point p : grid.points()) {
                StringBuilder v = new StringBuilder();
                for (double x : p.values()) {
                    v.append(v.length() == 0 ? "" : ",").append(x == Math.rint(x) ? String.valueOf((long) x) : x);
                }
                StringBuilder e = new StringBuilder();
                for (double x : p.clsExp()) {
                    e.append(' ').append(Double.isFinite(x) ? String.format(Locale.ROOT, "%.4f", x) : "undefined");
                }
                String obs = Double.isFinite(p.clsObs()) ? String.format(Locale.ROOT, "%.5f", p.clsObs()) : "undefined";
                out.printf(Locale.ROOT, "%-28s %-22s %10s%s  %s%n", p.name(), v, obs, e,
                        p.converged() ? "ok" : p.status());
                excludedObs += p.clsObs() < GridContours.LEVEL ? 1 : 0;
                excludedExp += p.clsExp()[2] < GridContours.LEVEL ? 1 : 0;
                failed += p.converged() ? 0 : 1;
            }
            out.printf(Locale.ROOT, "%d points in %.1f s: %d excluded at 95%% CL observed, %d expected; %d with a fit "
                    + "that did not converge%n", grid.points().size(), seconds, excludedObs, excludedExp, failed);
            if (contours != null) {
                out.printf(Locale.ROOT, "contours in the plane of values %d and %d: observed %d line(s), expected %d%n",
                        contours.axes()[0], contours.axes()[1], contours.observed().size(), contours.expected().size());
            }
        }
        out.flush();
    }
}
