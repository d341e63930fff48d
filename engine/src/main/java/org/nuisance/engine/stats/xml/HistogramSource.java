package org.nuisance.engine.stats.xml;

/**
 * Where the HistFactory XML importer reads its histograms: a TH1's bin contents and uncertainties by
 * file (relative to the base directory), folder inside the file and name.
 */
public interface HistogramSource {

    /**
     * A one-dimensional histogram without under- and overflow: edges (bins + 1), contents and the
     * uncertainty per bin (sqrt of sumw2 where stored, else sqrt of the content, as pyhf's importer).
     */
    record Histogram(double[] edges, double[] contents, double[] errors) {
    }

    /**
     * The histogram name in file (relative to the base directory), looked up as name and then as
     * path/name (pyhf's order); throws an InputException naming file and histogram if there is none.
     */
    Histogram read(String file, String path, String name);
}
