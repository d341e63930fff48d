package org.nuisance.app.session;

import java.util.List;
import java.util.Map;

/**
 * What a user had open, as a small JSON file (extension {@code .nuisance}): the sources, the selected
 * one, every slider and fix toggle, the histogram view's settings and the data chosen (a pseudo-dataset
 * by its truth values and seed, so that it is regenerated identically) and the view tab shown (by its id;
 * null in sessions written before tabs were saved).
 */
public record Session(int version, List<Source> sources, int selected, Map<String, Double> parameters,
                      Map<String, Boolean> fixed, View view, String tab) {

    public static final int VERSION = 1;

    public Session(int version, List<Source> sources, int selected, Map<String, Double> parameters,
                   Map<String, Boolean> fixed, View view) {
        this(version, sources, selected, parameters, fixed, view, null);
    }

    /**
     * A loaded source: the built-in demo (events, seed), a file (events, workspace, unfolded result), a ROOT
     * file browsed in its tab, a published archive's region, or a signal point's workspace of a region (it
     * has no file of its own: the archive, region and point name rebuild it).
     */
    public record Source(String kind, String path, Integer events, Long seed, String region, String point) {
        public Source(String kind, String path, Integer events, Long seed) {
            this(kind, path, events, seed, null, null);
        }

        public static Source demo(int events, long seed) {
            return new Source("demo", null, events, seed);
        }

        public static Source file(String path) {
            return new Source("file", path, null, null);
        }

        public static Source root(String path) {
            return new Source("root", path, null, null);
        }

        /** A region of a published archive (null for a workspace with a patchset, which reopens as a file). */
        public static Source published(String path, String region) {
            return new Source("published", path, null, null, region, null);
        }

        public static Source point(String path, String region, String point) {
            return new Source("point", path, null, null, region, point);
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
