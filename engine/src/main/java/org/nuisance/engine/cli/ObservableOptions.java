package org.nuisance.engine.cli;

import org.nuisance.engine.hist.Axis;
import picocli.CommandLine.Option;

/** The events, the observable and its binning: shared by hist, build-workspace and coverage. */
public final class ObservableOptions {

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "Events (Parquet, CSV, HDF5) or 'demo'.")
    String input;

    @Option(names = "--column", required = true, paramLabel = "NAME", description = "Observable, e.g. DER_mass_vis.")
    String column;

    @Option(names = "--bins", required = true, paramLabel = "N", description = "Number of bins.")
    int bins;

    @Option(names = "--range", required = true, paramLabel = "LO,HI", description = "Histogram range, e.g. 0,200.")
    String range;

    /** The regular axis of --bins and --range, or an input error naming the bad option. */
    Axis axis() {
        return HistCommand.axis(bins, range);
    }
}
