package org.nuisance.engine.workbench;

import java.io.IOException;
import java.nio.file.Path;
import org.nuisance.engine.hist.HistogramCsv;
import org.nuisance.engine.stats.fit.LikelihoodSummary;
import org.nuisance.engine.stats.fit.ScanCsv;

/** The window's data exports: a plot's histograms and a likelihood view's scans as CSV. */
public final class Exports {

    private Exports() {
    }

    /** A plot's contents: per process at nominal, and the total with the sliders applied. */
    public static void histogramCsv(Plot plot, Path file) throws IOException {
        HistogramCsv.write(plot.nominal(), plot.shiftedTotal(), file);
    }

    /** The three scans of a likelihood summary: the scanned values and each curve's -2 Delta ln L. */
    public static void scanCsv(Path file, LikelihoodSummary s) throws IOException {
        ScanCsv.write(file, s.profiled(), s.frozen(), s.statOnly());
    }
}
