package org.nuisance.engine.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.nuisance.engine.data.CsvEventWriter;
import org.nuisance.engine.data.EventTable;
import org.nuisance.engine.data.InputException;
import org.nuisance.engine.higgsml.Systematics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code shift}: applies nuisance parameters to events and writes the survivors as CSV. */
@Command(name = "shift", mixinStandardHelpOptions = true,
        description = "Apply the nuisance parameters to every event (shifts, cuts, DER recomputation, weight "
                + "normalisations) and write the surviving events as CSV, in input order.")
final class ShiftCommand implements Callable<Integer> {

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "Event file, or 'demo'.")
    String input;

    @Option(names = "--output", required = true, paramLabel = "OUT.csv", description = "CSV file to write.")
    Path output;

    @Mixin
    EventSource source;

    @Mixin
    NuisanceOptions nuisance;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var np = nuisance.values();
        org.nuisance.engine.util.AtomicOutput.checkTarget(output, "--output");
        EventTable in = source.load(input);
        EventTable out = Systematics.apply(in, np, source.seed());
        org.nuisance.engine.data.InputChecks.requireFiniteResult(input, out, "the shift");
        try {
            CsvEventWriter.write(out, output);
        } catch (IOException e) {
            throw new InputException(output + ": cannot be written (" + e.getMessage() + ")", e);
        }
        spec.commandLine().getErr().printf("%d of %d events survive; written to %s%n", out.rows(), in.rows(), output);
        return 0;
    }
}
