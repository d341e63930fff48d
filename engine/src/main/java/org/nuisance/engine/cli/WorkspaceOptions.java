package org.nuisance.engine.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.nuisance.engine.stats.histfactory.Interpolation;
import org.nuisance.engine.stats.histfactory.Model;
import org.nuisance.engine.stats.histfactory.Workspace;
import picocli.CommandLine.Option;

/** Options shared by the commands that read a HistFactory workspace. */
public final class WorkspaceOptions {

    @Option(names = "--workspace", required = true, paramLabel = "WS.json", description = "pyhf JSON workspace.")
    Path workspace;

    @Option(names = "--measurement", paramLabel = "NAME", description = "Measurement to use (default: the first).")
    String measurement;

    @Option(names = "--normsys-interp", paramLabel = "CODE", defaultValue = "code1",
            description = "normsys interpolation: code1 or code4 (default: ${DEFAULT-VALUE}).")
    String normsysInterp;

    @Option(names = "--histosys-interp", paramLabel = "CODE", defaultValue = "code0",
            description = "histosys interpolation: code0 or code4p (default: ${DEFAULT-VALUE}).")
    String histosysInterp;

    public Model model() {
        Interpolation interp = new Interpolation(Interpolation.normsys(normsysInterp),
                Interpolation.histosys(histosysInterp));
        return EventSource.naming(workspace.toString(), () -> Model.of(Workspace.read(workspace), measurement, interp));
    }

    /**
     * The fit status as JSON: {"status": {"ok", "converged", "reason", "at_bound", "singular",
     * "ill_conditioned", "condition_number", "non_positive_yields", "failed_minimisations", "warnings"}}.
     */
    public static void status(ObjectNode root, org.nuisance.engine.stats.fit.FitStatus s) {
        ObjectNode n = root.putObject("status");
        n.put("ok", s.clean());
        n.put("converged", s.converged());
        n.put("reason", s.reason());
        strings(n, "at_bound", s.atBound());
        strings(n, "singular", s.singular());
        strings(n, "ill_conditioned", s.illConditioned());
        put(n, "condition_number", s.conditionNumber());
        strings(n, "non_positive_yields", s.nonPositiveYields());
        n.put("failed_minimisations", s.failedMinimisations());
        strings(n, "warnings", s.warnings());
    }

    private static void strings(ObjectNode n, String field, java.util.List<String> values) {
        ArrayNode a = n.putArray(field);
        values.forEach(a::add);
    }

    /**
     * The exit code of a command whose result builds on fits: 0, or 1 with one "error:" line on stderr
     * when a minimisation did not converge (the result is printed, flagged, but is not a minimum).
     */
    static int exitCode(picocli.CommandLine.Model.CommandSpec spec, org.nuisance.engine.stats.fit.FitStatus s) {
        if (s.converged() && s.failedMinimisations() == 0) {
            return 0;
        }
        java.io.PrintWriter err = spec.commandLine().getErr();
        err.println("error: " + s.warnings().get(0));
        err.flush();
        return 1;
    }

    /** One "warning: ..." line per problem of the fit status (text mode). */
    public static void warn(java.io.PrintWriter out, org.nuisance.engine.stats.fit.FitStatus s) {
        for (String w : s.warnings()) {
            out.println("warning: " + w);
        }
    }

    /** A number for text output: "%.6g", or the given words where it is not finite (never "NaN"). */
    static String text(double v, String otherwise) {
        return Double.isFinite(v) ? String.format(java.util.Locale.ROOT, "%.6g", v) : otherwise;
    }

    /** A double for JSON: NaN and infinities become null. */
    static void put(ObjectNode n, String field, double v) {
        if (Double.isFinite(v)) {
            n.put(field, v);
        } else {
            n.putNull(field);
        }
    }

    static void add(ArrayNode a, double v) {
        if (Double.isFinite(v)) {
            a.add(v);
        } else {
            a.addNull();
        }
    }

    static ArrayNode array(ObjectNode n, String field, double[] values) {
        ArrayNode a = n.putArray(field);
        for (double v : values) {
            add(a, v);
        }
        return a;
    }
}
