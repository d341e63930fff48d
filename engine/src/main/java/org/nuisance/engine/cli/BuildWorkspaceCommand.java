package org.nuisance.engine.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.nuisance.engine.data.EventTable;
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

    @Override
    public Integer call() {
        Axis axis = observable.axis();
        EventTable table = source.load(observable.input);
        Workspace ws = new HiggsTemplates(PreparedEvents.of(table), observable.column, axis, source.seed(), widthScale).workspace();
        ws.write(output);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("wrote %s: %d bins, %d samples%n", output, axis.bins(), ws.channels().get(0).samples().size());
        out.flush();
        return 0;
    }
}
