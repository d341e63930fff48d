package org.nuisance.engine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.nuisance.engine.data.InputException;
import org.nuisance.engine.stats.fit.AsymptoticCalculator;
import org.nuisance.engine.stats.fit.AsymptoticCalculator.TestStatistic;
import org.nuisance.engine.stats.histfactory.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hypotest}: asymptotic CLs (q, qtilde) or discovery p-value (q0) with the expected band. */
@Command(name = "hypotest", mixinStandardHelpOptions = true,
        description = "Asymptotic hypothesis test at a POI value: CLs observed and expected band (q, qtilde), "
                + "or the discovery p-value p0 (q0).")
final class HypotestCommand implements Callable<Integer> {

    @Mixin
    WorkspaceOptions ws;

    @Option(names = "--mu", paramLabel = "X", defaultValue = "1", description = "POI value tested (default: ${DEFAULT-VALUE}).")
    double mu;

    @Option(names = "--test-stat", paramLabel = "q|qtilde|q0", defaultValue = "qtilde",
            description = "Test statistic (default: ${DEFAULT-VALUE}).")
    String testStat;

    @Option(names = "--json", description = "Write JSON instead of text.")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private static String textArray(double[] v) {
        StringBuilder b = new StringBuilder("[");
        for (int k = 0; k < v.length; k++) {
            b.append(k > 0 ? ", " : "").append(WorkspaceOptions.text(v[k], "undefined"));
        }
        return b.append(']').toString();
    }

    @Override
    public Integer call() {
        TestStatistic ts = TestStatistic.parse(testStat);
        Model model = ws.model();
        if (ts != TestStatistic.Q0) {
            double lo = model.parameter(model.poi()).lo();
            double hi = model.parameter(model.poi()).hi();
            if (!Double.isFinite(mu) || mu < lo || mu > hi) {
                throw new InputException("--mu " + mu + ": must be a number within the bounds of " + model.poiName()
                        + ", [" + lo + ", " + hi + "]");
            }
        }
        AsymptoticCalculator.Result r = new AsymptoticCalculator(model, model.observedData(), ts).test(mu);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode root = new ObjectMapper().createObjectNode();
            if (ts == TestStatistic.Q0) {
                WorkspaceOptions.put(root, "p0_obs", r.p0());
                WorkspaceOptions.array(root, "p0_exp", r.p0Expected());
            } else {
                WorkspaceOptions.put(root, "cls_obs", r.cls());
                WorkspaceOptions.array(root, "cls_exp", r.clsExpected());
            }
            WorkspaceOptions.status(root, r.status());
            out.println(root.toPrettyString());
        } else if (ts == TestStatistic.Q0) {
            out.printf("q0 = %.6g, q0_A = %.6g%np0 observed: %.6g%np0 expected (-2..+2 sigma): %s%n", r.q(), r.qA(),
                    r.p0(), textArray(r.p0Expected()));
        } else {
            out.printf("%s(%s = %.6g) = %.6g, Asimov %.6g%nCLs observed: %.6g (CLs+b %.6g, CLb %.6g)%n"
                    + "CLs expected (-2..+2 sigma): %s%n", ts, model.poiName(), mu, r.q(), r.qA(), r.cls(), r.clsb(),
                    r.clb(), textArray(r.clsExpected()));
        }
        if (!json) {
            WorkspaceOptions.warn(out, r.status());
        }
        out.flush();
        return WorkspaceOptions.exitCode(spec, r.status());
    }
}
