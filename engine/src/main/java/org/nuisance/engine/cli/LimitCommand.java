package org.nuisance.engine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.nuisance.engine.stats.fit.UpperLimit;
import org.nuisance.engine.stats.histfactory.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code limit}: CLs upper limits on the POI, observed and expected band. */
@Command(name = "limit", mixinStandardHelpOptions = true,
        description = "Asymptotic CLs upper limit (qtilde) on the POI: observed and expected (-2..+2 sigma).")
final class LimitCommand implements Callable<Integer> {

    @Mixin
    WorkspaceOptions ws;

    @Option(names = "--cl", paramLabel = "CL", defaultValue = "0.95", description = "Confidence level (default: ${DEFAULT-VALUE}).")
    double cl;

    @Option(names = "--json", description = "Write JSON instead of text.")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (!(cl > 0 && cl < 1)) {
            throw new org.nuisance.engine.data.InputException("--cl must be in (0, 1), got " + cl);
        }
        Model model = ws.model();
        UpperLimit.Result r = UpperLimit.compute(model, model.observedData(), 1 - cl);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode root = new ObjectMapper().createObjectNode();
            root.put("poi", model.poiName());
            root.put("cl", cl);
            WorkspaceOptions.put(root, "observed", r.observed());
            WorkspaceOptions.array(root, "expected", r.expected());
            WorkspaceOptions.status(root, r.status());
            out.println(root.toPrettyString());
        } else {
            String none = "not reached in [" + model.parameter(model.poi()).lo() + ", "
                    + model.parameter(model.poi()).hi() + "]";
            StringBuilder exp = new StringBuilder("[");
            for (int k = 0; k < r.expected().length; k++) {
                exp.append(k > 0 ? ", " : "").append(Double.isFinite(r.expected()[k])
                        ? String.format(java.util.Locale.ROOT, "%.6g", r.expected()[k]) : none);
            }
            out.printf("%s upper limit at %.0f%% CL (CLs): observed %s%nexpected (-2..+2 sigma): %s]%n",
                    model.poiName(), 100 * cl, Double.isFinite(r.observed())
                            ? String.format(java.util.Locale.ROOT, "%.6g", r.observed()) : none, exp);
            WorkspaceOptions.warn(out, r.status());
        }
        out.flush();
        return WorkspaceOptions.exitCode(spec, r.status());
    }
}
