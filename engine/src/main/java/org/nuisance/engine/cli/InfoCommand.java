package org.nuisance.engine.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.nuisance.engine.data.EventTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code info FILE}: rows, columns, and per-process event count and sum of weights. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Rows, columns, per-process count and sum of weights of an event file (or 'demo').")
final class InfoCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "Parquet, CSV or HDF5 event file, or 'demo'.")
    String input;

    @Mixin
    EventSource source;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        EventTable t = source.load(input);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("file: %s%n", input);
        out.printf("rows: %d%n", t.rows());
        out.printf("columns (%d): %s%n", t.columnOrder().size(), String.join(", ", t.columnOrder()));
        out.printf("weight column: %s, process column: %s%n", t.weightColumn(), t.processColumn());
        EventTable.ProcessSummary s = t.summary();
        out.printf("%-12s %10s %16s%n", "process", "events", "sum of weights");
        long n = 0;
        double sw = 0;
        for (int p = 0; p < s.names().size(); p++) {
            out.printf("%-12s %10d %16.6g%n", s.names().get(p), s.counts()[p], s.sumWeights()[p]);
            n += s.counts()[p];
            sw += s.sumWeights()[p];
        }
        out.printf("%-12s %10d %16.6g%n", "total", n, sw);
        out.flush();
        return 0;
    }
}
