package org.nuisance.engine.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.nuisance.engine.data.EventTable;
import org.nuisance.engine.data.InputException;
import org.nuisance.engine.util.AtomicOutput;
import org.nuisance.engine.higgsml.PreparedEvents;
import org.nuisance.engine.hist.Axis;
import org.nuisance.engine.stats.histfactory.Workspace;
import org.nuisance.engine.stats.toys.HiggsTemplates;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code build-workspace}: a HistFactory workspace of one observable from events. */
@Command(name = "build-workspace", mixinStandardHelpOptions = true,
        description = "Build a pyhf JSON workspace from events: per-process templates, mu on the signal, the six "
                + "FAIR Universe nuisance parameters as histosys from shifted events.")
final class BuildWorkspaceCommand implements Callable<Integer> {

    @Mixin
    ObservableOptions observable;

    @Option(names = "--output", required = true, paramLabel = "WS.json", description = "Workspace file to write.")
    Path output;

    @Option(names = "--width-scale", paramLabel = "K", defaultValue = "1",
            description = "Multiply the constraint widths (default: ${DEFAULT-VALUE}).")
    double widthScale;

    @Mixin
    EventSource source;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /**
     * The workspace must be one its own reader accepts and fits can use: every sample with a positive
     * yield in the range (an empty --range would make an all-zero model), observed counts finite and >= 0.
     */
    static void requireUsable(Workspace ws, ObservableOptions observable) {
        for (Workspace.Channel c : ws.channels()) {
            for (Workspace.Sample s : c.samples()) {
                double sum = 0;
                for (double v : s.data()) {
                    if (!Double.isFinite(v)) {
                        throw new InputException(observable.input + ": sample '" + s.name() + "' has a non-finite yield");
                    }
                    sum += v;
                }
                if (!(sum > 0)) {
                    throw new InputException("--range " + observable.range + ": sample '" + s.name() + "' has no positive "
                            + "yield of " + observable.column + " in the range (sum " + sum + "); widen --range");
                }
            }
        }
        Workspace.parse(ws.toJsonString());
    }

    @Override
    public Integer call() {
        Axis axis = observable.axis();
        if (!(widthScale > 0) || !Double.isFinite(widthScale)) {
            throw new InputException("--width-scale must be a finite number > 0, got " + widthScale);
        }
        AtomicOutput.checkTarget(output, "--output");
        EventTable table = source.load(observable.input);
        EventSource.requirePositiveYields(table, observable.input);
        Workspace ws = new HiggsTemplates(PreparedEvents.of(table), observable.column, axis, source.seed(), widthScale).workspace();
        requireUsable(ws, observable);
        ws.write(output);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("wrote %s: %d bins, %d samples%n", output, axis.bins(), ws.channels().get(0).samples().size());
        out.flush();
        return 0;
    }
}
