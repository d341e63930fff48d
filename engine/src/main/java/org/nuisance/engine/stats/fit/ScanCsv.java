package org.nuisance.engine.stats.fit;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/** Profile-likelihood scans on a common grid as CSV: the parameter's values, then one column per scan. */
public final class ScanCsv {

    private ScanCsv() {
    }

    /** The first scan's grid is the grid; the scans must share it (as a LikelihoodSummary's do). */
    public static void write(Path file, ProfileScan.Result profiled, ProfileScan.Result frozen, ProfileScan.Result statOnly)
            throws IOException {
        double[] v = profiled.values();
        org.nuisance.engine.util.AtomicOutput.write(file, "--csv", stream -> writeTo(profiled, frozen, statOnly, stream));
    }

    private static void writeTo(ProfileScan.Result profiled, ProfileScan.Result frozen, ProfileScan.Result statOnly,
                                java.io.OutputStream stream) throws IOException {
        double[] v = profiled.values();
        try (Writer w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(stream, StandardCharsets.UTF_8))) {
            w.write(profiled.parameter() + ",twice_delta_nll_profiled,twice_delta_nll_frozen,twice_delta_nll_stat_only\n");
            for (int i = 0; i < v.length; i++) {
                w.write(String.format(Locale.ROOT, "%.10g,%.10g,%.10g,%.10g%n", v[i], profiled.twiceDeltaNll()[i],
                        frozen.twiceDeltaNll()[i], statOnly.twiceDeltaNll()[i]));
            }
        }
    }
}
