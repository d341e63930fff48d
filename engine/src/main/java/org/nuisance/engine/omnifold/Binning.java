package org.nuisance.engine.omnifold;

import org.nuisance.engine.hist.Axis;

/**
 * Parses a binning as typed on the command line or in a text field: {@code N,LO,HI} (N regular bins,
 * e.g. {@code 20,200,1000}) or explicit edges ({@code 200,250,300,400,1000}). Three numbers whose
 * first is a whole number >= 1 with LO < HI are read as N,LO,HI; to give exactly three edges, wrap
 * them in brackets: {@code [0,0.5,1]}.
 */
public final class Binning {

    private Binning() {
    }

    /** @throws IllegalArgumentException naming what is wrong with the text */
    public static Axis parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("--bins is empty; expected N,LO,HI or edges e1,e2,...");
        }
        String t = text.trim();
        boolean forcedEdges = t.startsWith("[") && t.endsWith("]");
        if (forcedEdges) {
            t = t.substring(1, t.length() - 1);
        }
        String[] parts = t.split(",");
        double[] v = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                v[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--bins '" + text + "': '" + parts[i].trim() + "' is not a number");
            }
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException("--bins '" + text + "': values must be finite");
            }
        }
        if (!forcedEdges && v.length == 3 && v[0] >= 1 && v[0] == Math.rint(v[0]) && v[1] < v[2]) {
            if (v[0] > 1_000_000) {
                throw new IllegalArgumentException("--bins '" + text + "': " + (long) v[0] + " bins is too many");
            }
            return Axis.regular((int) v[0], v[1], v[2]);
        }
        if (v.length < 2) {
            throw new IllegalArgumentException("--bins '" + text + "': expected N,LO,HI or at least two edges");
        }
        for (int i = 1; i < v.length; i++) {
            if (!(v[i] > v[i - 1])) {
                throw new IllegalArgumentException("--bins '" + text + "': edges must increase; " + v[i] + " follows "
                        + v[i - 1]);
            }
        }
        return Axis.variable(v);
    }
}
