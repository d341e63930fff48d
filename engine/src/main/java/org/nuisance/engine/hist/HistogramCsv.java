package org.nuisance.engine.hist;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/** Histogram contents as CSV: one row per bin with its edges, each process's sums, and a shifted total. */
public final class HistogramCsv {

    private HistogramCsv() {
    }

    /** Writes bin edges, per-process sum of weights and of squared weights, and the shifted total if given. */
    public static void write(ProcessHistograms nominal, Histogram shifted, Path file) throws IOException {
        Axis a = nominal.axis();
        org.nuisance.engine.util.AtomicOutput.write(file, "--csv", stream -> writeTo(nominal, shifted, stream));
    }

    private static void writeTo(ProcessHistograms nominal, Histogram shifted, java.io.OutputStream stream)
            throws IOException {
        Axis a = nominal.axis();
        try (Writer w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(stream, StandardCharsets.UTF_8))) {
            StringBuilder header = new StringBuilder("bin_low,bin_high");
            for (String p : nominal.processes()) {
                header.append(',').append(p).append("_sumw,").append(p).append("_sumw2");
            }
            if (shifted != null) {
                header.append(",shifted_total_sumw,shifted_total_sumw2");
            }
            w.write(header.append('\n').toString());
            for (int b = 0; b < a.bins(); b++) {
                StringBuilder row = new StringBuilder();
                row.append(num(a.edge(b))).append(',').append(num(a.edge(b + 1)));
                for (Histogram h : nominal.histograms()) {
                    row.append(',').append(num(h.value(b))).append(',').append(num(h.variance(b)));
                }
                if (shifted != null) {
                    row.append(',').append(num(shifted.value(b))).append(',').append(num(shifted.variance(b)));
                }
                w.write(row.append('\n').toString());
            }
        }
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.10g", v);
    }
}
