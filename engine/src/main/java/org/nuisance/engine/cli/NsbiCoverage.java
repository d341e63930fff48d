package org.nuisance.engine.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.nuisance.engine.data.EventTable;
import org.nuisance.engine.data.InputException;
import org.nuisance.engine.ml.ComputeDevice;
import org.nuisance.engine.nsbi.NsbiModel;
import org.nuisance.engine.nsbi.NsbiPseudoExperiments;
import org.nuisance.engine.stats.toys.PseudoExperiments;

/** {@code coverage --method nsbi}: the challenge's pseudo-experiments with the unbinned model. */
final class NsbiCoverage {

    private NsbiCoverage() {
    }

    static int run(Path modelDir, EventTable table, int first, int count, long seed, boolean json, Path output,
                   PrintWriter out, String pseudoData) {
        if (modelDir == null) {
            throw new InputException("--method nsbi needs --model DIR (a folder written by 'nsbi train')");
        }
        if (output != null) {
            throw new InputException("--output parts are not written with --method nsbi yet");
        }
        double[] timing = new double[3];
        PseudoExperiments.Summary s;
        try (NsbiModel model = NsbiModel.load(modelDir, ComputeDevice.Choice.AUTO)) {
            s = NsbiPseudoExperiments.run(model, table, first, count, seed, json ? null : line -> {
                out.println(line);
                out.flush();
            }, timing);
        }
        CoverageCommand.print(out, s, json, first, pseudoData, 0, seed);
        if (!json) {
            out.printf(Locale.ROOT, "time: shift + bootstrap %.1f s, networks %.1f s, fit + interval %.1f s%n",
                    timing[0], timing[1], timing[2]);
            out.flush();
        }
        return 0;
    }
}
