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
        return Model.of(Workspace.read(workspace), measurement, interp);
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
