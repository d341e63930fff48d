package org.nuisance.app.session;

import java.util.List;
import java.util.Map;

/**
 * What a user had open, as a small JSON file (extension {@code .nuisance}): the sources, the selected
 * one, every slider and fix toggle, the histogram view's settings and the data chosen (a pseudo-dataset
 * by its truth values and seed, so that it is regenerated identically).
 */
public record Session(int version, List<Source> sources, int selected, Map<String, Double> parameters,
                      Map<String, Boolean> fixed, View view) {

    public static final int VERSION = 1;

    /** A loaded source: the built-in demo (events, seed) or a file (events, workspace, unfolded result). */
    public record Source(String kind, String path, Integer events, Long seed) {
        public static Source demo(int events, long seed) {
            return new Source("demo", null, events, seed);
        }

        public static Source file(String path) {
            return new Source("file", path, null, null);
        }
    }

    /**
     * The histogram view: column, binning, scale; and the data: OBSERVED, PSEUDO (truth, dataSeed) or
     * ASIMOV (truth). Sessions of earlier versions say POISSON for PSEUDO and EVENTS for OBSERVED.
     */
    public record View(String column, int bins, double lo, double hi, boolean logY, String data, Long dataSeed,
                       Map<String, Double> truth) {
        public View(String column, int bins, double lo, double hi, boolean logY, String data, Long dataSeed) {
            this(column, bins, lo, hi, logY, data, dataSeed, null);
        }
    }
}
