package org.nuisance.engine.hist;

import java.util.Arrays;

/**
 * Bin edges of a histogram: regular (n bins on [lo, hi)) or variable. Bins are half-open [e_i, e_i+1),
 * as in ROOT and boost-histogram; index 0 is the underflow, n + 1 the overflow (which also takes NaN).
 */
public final class Axis {

    private final double[] edges;
    private final boolean regular;
    private final double lo;
    private final double hi;
    private final double invWidth;

    private Axis(double[] edges, boolean regular) {
        this.edges = edges;
        this.regular = regular;
        this.lo = edges[0];
        this.hi = edges[edges.length - 1];
        this.invWidth = regular ? (edges.length - 1) / (hi - lo) : 0;
    }

    public static Axis regular(int bins, double lo, double hi) {
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be >= 1, got " + bins);
        }
        if (!(hi > lo) || Double.isInfinite(lo) || Double.isInfinite(hi)) {
            throw new IllegalArgumentException("range must have lo < hi and be finite, got [" + lo + ", " + hi + "]");
        }
        double[] e = new double[bins + 1];
        for (int i = 0; i <= bins; i++) {
            e[i] = lo + (hi - lo) * i / bins;
        }
        e[bins] = hi;
        return new Axis(e, true);
    }

    public static Axis variable(double... edges) {
        if (edges.length < 2) {
            throw new IllegalArgumentException("a variable axis needs at least 2 edges, got " + edges.length);
        }
        for (int i = 1; i < edges.length; i++) {
            if (!(edges[i] > edges[i - 1])) {
                throw new IllegalArgumentException("edges must increase strictly; edge " + i + " = " + edges[i]
                        + " follows " + edges[i - 1]);
            }
        }
        return new Axis(edges.clone(), false);
    }

    public int bins() {
        return edges.length - 1;
    }

    public double lo() {
        return lo;
    }

    public double hi() {
        return hi;
    }

    public boolean isRegular() {
        return regular;
    }

    public double[] edges() {
        return edges.clone();
    }

    public double edge(int i) {
        return edges[i];
    }

    public double width(int bin) {
        return edges[bin + 1] - edges[bin];
    }

    public double center(int bin) {
        return 0.5 * (edges[bin] + edges[bin + 1]);
    }

    /** Storage index of x: 0 underflow, 1..bins for bin 0..bins-1, bins + 1 overflow or NaN. */
    public int index(double x) {
        if (x >= lo && x < hi) {
            if (regular) {
                int i = Math.min((int) ((x - lo) * invWidth), edges.length - 2);
                // the multiplication can land one bin off next to an edge: the edges decide
                if (x < edges[i]) {
                    i--;
                } else if (x >= edges[i + 1]) {
                    i++;
                }
                return i + 1;
            }
            int k = Arrays.binarySearch(edges, x);
            return k >= 0 ? k + 1 : -k - 1;
        }
        return x < lo ? 0 : bins() + 1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Axis a && Arrays.equals(edges, a.edges);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(edges);
    }

    @Override
    public String toString() {
        return regular ? "Axis(" + bins() + ", " + lo + ", " + hi + ")" : "Axis" + Arrays.toString(edges);
    }
}
