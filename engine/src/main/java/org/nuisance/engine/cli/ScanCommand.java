package org.nuisance.engine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.nuisance.engine.data.InputException;
import org.nuisance.engine.stats.fit.ProfileScan;
import org.nuisance.engine.stats.histfactory.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scan}: profile-likelihood scan of one parameter with 68% and 95% intervals. */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = "Profile-likelihood scan of a parameter (default: the POI): -2 Delta ln L and 68%%/95%% intervals.")
final class ScanCommand implements Callable<Integer> {

    @Mixin
    WorkspaceOptions ws;

    @Option(names = "--poi", paramLabel = "NAME", description = "Parameter to scan (default: the measurement's POI).")
    String poi;

    @Option(names = "--range", required = true, paramLabel = "LO,HI", description = "Scan range.")
    String range;

    @Option(names = "--points", required = true, paramLabel = "N", description = "Number of scan points (>= 2).")
    int points;

    @Option(names = "--stat-only", description = "Hold every constrained nuisance parameter at its best-fit value.")
    boolean statOnly;

    @Option(names = "--fix", paramLabel = "NAME[=VALUE]", split = ",",
            description = "Hold these parameters during the scan: at VALUE, or at their best-fit value.")
    java.util.List<String> fix = new java.util.ArrayList<>();

    @Option(names = "--json", description = "Write JSON instead of a table.")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Model model = ws.model();
        int param = poi == null ? model.poi() : model.indexOf(poi);
        if (param < 0) {
            throw new InputException("--poi: no parameter '" + poi + "'; parameters: " + model.parameterNames());
        }
        double[] lohi = parseRange(range);
        if (points < 2) {
            throw new InputException("--points must be >= 2, got " + points);
        }
        java.util.LinkedHashMap<Integer, Double> held = new java.util.LinkedHashMap<>();
        if (statOnly) {
            for (int i : ProfileScan.constrainedParameters(model, param)) {
                held.put(i, Double.NaN);
            }
        }
        for (String f : fix) {
            String[] kv = f.split("=", 2);
            int i = model.indexOf(kv[0].trim());
            if (i < 0 || i == param) {
                throw new InputException("--fix: " + (i < 0 ? "no parameter '" + kv[0].trim() + "'; parameters: "
                        + model.parameterNames() : "cannot hold the scanned parameter"));
            }
            double v = Double.NaN;
            if (kv.length == 2) {
                try {
                    v = Double.parseDouble(kv[1].trim());
                } catch (NumberFormatException e) {
                    throw new InputException("--fix: '" + f + "' is not NAME or NAME=VALUE");
                }
            }
            held.put(i, v);
        }
        int[] hold = held.keySet().stream().mapToInt(Integer::intValue).toArray();
        double[] holdValues = held.values().stream().mapToDouble(Double::doubleValue).toArray();
        ProfileScan.Result r = new ProfileScan(model, model.observedData(), param, hold, holdValues)
                .scan(lohi[0], lohi[1], points);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode root = new ObjectMapper().createObjectNode();
            root.put("poi", r.parameter());
            WorkspaceOptions.array(root, "values", r.values());
            WorkspaceOptions.array(root, "twice_delta_nll", r.twiceDeltaNll());
            WorkspaceOptions.put(root, "best", r.best());
            WorkspaceOptions.array(root, "interval68", r.interval68());
            WorkspaceOptions.array(root, "interval95", r.interval95());
            WorkspaceOptions.status(root, r.status());
            out.println(root.toPrettyString());
        } else {
            out.printf("%-14s %14s%n", r.parameter(), "-2 Delta ln L");
            for (int i = 0; i < r.values().length; i++) {
                out.printf("%-14.6g %14s%n", r.values()[i], WorkspaceOptions.text(r.twiceDeltaNll()[i], "no fit"));
            }
            String open = "not reached in the scan range";
            out.printf("best: %s%n68%%: [%s, %s]%n95%%: [%s, %s]%n", WorkspaceOptions.text(r.best(), "none"),
                    WorkspaceOptions.text(r.interval68()[0], open), WorkspaceOptions.text(r.interval68()[1], open),
                    WorkspaceOptions.text(r.interval95()[0], open), WorkspaceOptions.text(r.interval95()[1], open));
            WorkspaceOptions.warn(out, r.status());
        }
        out.flush();
        return WorkspaceOptions.exitCode(spec, r.status());
    }

    static double[] parseRange(String range) {
        String[] parts = range.split(",");
        if (parts.length != 2) {
            throw new InputException("--range must be LO,HI (two numbers), got '" + range + "'");
        }
        try {
            double lo = Double.parseDouble(parts[0].trim());
            double hi = Double.parseDouble(parts[1].trim());
            if (!(hi > lo)) {
                throw new InputException("--range must have LO < HI, got '" + range + "'");
            }
            return new double[] {lo, hi};
        } catch (NumberFormatException e) {
            throw new InputException("--range must be LO,HI (two numbers), got '" + range + "'");
        }
    }
}
