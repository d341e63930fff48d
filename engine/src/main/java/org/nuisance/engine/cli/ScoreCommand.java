package org.nuisance.engine.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nuisance.engine.data.CsvEventWriter;
import org.nuisance.engine.data.EventTable;
import org.nuisance.engine.data.InputException;
import org.nuisance.engine.ml.ComputeDevice;
import org.nuisance.engine.ml.EventScorer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code score}: adds a trained model's score to every event and writes the table as CSV. */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Score events with a model saved by 'train' and write the input columns plus 'score' "
                + "(and 'score_std' for an ensemble) as CSV.")
final class ScoreCommand implements Callable<Integer> {

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "Event file, or 'demo'.")
    String input;

    @Option(names = "--model", required = true, paramLabel = "MODEL_DIR", description = "Folder written by 'train'.")
    Path model;

    @Option(names = "--output", required = true, paramLabel = "OUT.csv", description = "CSV file to write.")
    Path output;

    @Option(names = "--device", paramLabel = "auto|cpu|gpu", defaultValue = "auto",
            description = "Where to score (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--threads", paramLabel = "N", description = "PyTorch intra-op threads on the CPU (default: 1; more "
            + "help only on an idle machine).")
    Integer threads;

    @Mixin
    EventSource source;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ComputeDevice.Choice choice = ComputeDevice.Choice.parse(device);
        if (threads != null) {
            ComputeDevice.setCpuThreads(threads);
        }
        org.nuisance.engine.util.AtomicOutput.checkTarget(output, "--output");
        EventTable table = source.load(input);
        try (EventScorer scorer = EventScorer.load(model, choice)) {
            long t0 = System.nanoTime();
            EventTable scored = scorer.withScore(table);
            org.nuisance.engine.data.InputChecks.requireFiniteResult(input, scored, "scoring with " + model);
            double seconds = (System.nanoTime() - t0) / 1e9;
            try {
                CsvEventWriter.write(scored, output);
            } catch (IOException e) {
                throw new InputException(output + ": cannot write (" + e.getMessage() + ")", e);
            }
            out.printf(Locale.ROOT, "scored %d events in %.2f s on %s%n", table.rows(), seconds,
                    ComputeDevice.describe(choice));
            out.println("wrote: " + output);
            out.flush();
        }
        return 0;
    }
}
