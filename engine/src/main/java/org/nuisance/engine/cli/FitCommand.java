package org.nuisance.engine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.nuisance.engine.stats.fit.FitResult;
import org.nuisance.engine.stats.fit.Fitter;
import org.nuisance.engine.stats.fit.Impacts;
import org.nuisance.engine.stats.histfactory.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fit}: maximum-likelihood fit of a workspace to its observed data. */
@Command(name = "fit", mixinStandardHelpOptions = true,
        description = "Maximum-likelihood fit of a HistFactory workspace: best-fit values, Hessian errors, correlations.")
final class FitCommand implements Callable<Integer> {

    @Mixin
    WorkspaceOptions ws;

    @Option(names = "--json", description = "Write JSON instead of a table.")
    boolean json;

    @Option(names = "--impacts", description = "Also print pulls, constraints and ranked impacts on the POI (text only).")
    boolean impacts;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Model model = ws.model();
        FitResult r = new Fitter(model, model.observedData()).fit();
        PrintWriter out = spec.commandLine().getOut();
        List<String> names = r.names();
        double[][] corr = r.correlation();
        if (json) {
            ObjectNode root = new ObjectMapper().createObjectNode();
            root.put("converged", r.converged());
            WorkspaceOptions.status(root, r.status());
            WorkspaceOptions.put(root, "nll", r.nll());
            ObjectNode params = root.putObject("parameters");
            for (int i = 0; i < names.size(); i++) {
                ObjectNode p = params.putObject(names.get(i));
                WorkspaceOptions.put(p, "value", r.values()[i]);
                WorkspaceOptions.put(p, "error", r.errors()[i]);
            }
            ObjectNode c = root.putObject("correlation");
            for (int i = 0; i < names.size(); i++) {
                ObjectNode row = c.putObject(names.get(i));
                for (int j = 0; j < names.size(); j++) {
                    WorkspaceOptions.put(row, names.get(j), corr[i][j]);
                }
            }
            out.println(root.toPrettyString());
        } else {
            out.printf("converged: %s (%s)%n-ln L: %.10g%n", r.converged(), r.reason(), r.nll());
            WorkspaceOptions.warn(out, r.status());
            for (int i = 0; i < names.size(); i++) {
                boolean fixed = model.parameter(i).fixed();
                out.printf("%-32s %14.6g +- %-12s%s%n", names.get(i), r.values()[i],
                        fixed ? "0" : WorkspaceOptions.text(r.errors()[i], "undefined"), fixed ? " (fixed)" : "");
            }
            if (impacts) {
                out.printf("%n%-32s %8s %8s %11s %11s %11s %11s%n", "impact on " + model.poiName(), "pull", "constr",
                        "pre +1s", "pre -1s", "post +1s", "post -1s");
                for (Impacts.Impact im : Impacts.compute(model, model.observedData())) {
                    out.printf("%-32s %8.3f %8.3f %11.4g %11.4g %11.4g %11.4g%n", im.name(), im.pull(), im.constraint(),
                            im.prefitUp(), im.prefitDown(), im.postfitUp(), im.postfitDown());
                }
            }
        }
        out.flush();
        return WorkspaceOptions.exitCode(spec, r.status());
    }
}
