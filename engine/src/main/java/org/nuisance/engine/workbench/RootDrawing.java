package org.nuisance.engine.workbench;

import java.nio.file.Path;
import org.nuisance.engine.data.EventTable;
import org.nuisance.engine.hist.Axis;
import org.nuisance.engine.hist.Histogram;
import org.nuisance.engine.root.RootHistogram;

/**
 * What a window draws for one object of a ROOT file: a stored TH1/TProfile, a TH2, or a branch expression
 * filled into a histogram with automatic binning. Plain arrays, in-range bins only (the flow bins are
 * given apart), so that a view draws and never computes.
 *
 * @param dimension 1 for TH1, TProfile and branches; 2 for TH2
 * @param edgesX    the nbins+1 x edges
 * @param contents  1-D: the nbins in-range contents (a TProfile: the mean of y per bin); 2-D: empty
 * @param errors    1-D: the per-bin errors, sqrt(sumw2) when stored, else sqrt(|content|) as ROOT does
 * @param edgesY    2-D: the y edges; else empty
 * @param matrix    2-D: contents[ix][iy] of the in-range cells; else empty
 * @param entries   the entries the object holds (ROOT's fEntries; for a branch, the values filled)
 * @param note      one line saying what is shown when it is not the plain contents, else ""
 */
public record RootDrawing(String name, String className, String title, String xTitle, String yTitle, int dimension,
                          double[] edgesX, double[] contents, double[] errors, double underflow, double overflow,
                          double[] edgesY, double[][] matrix, double entries, String note) {

    /** Bins of a branch histogram whose values are not a short run of integers. */
    public static final int BRANCH_BINS = 50;

    /** Integer-valued branches spanning at most this many values get one bin per integer. */
    public static final int MAX_INTEGER_BINS = 100;

    /** The histogram stored at a path of the file. */
    public static RootDrawing histogram(Path file, String path) {
        RootHistogram h = RootBrowser.histogram(file, path);
        double[] edges = h.xAxis().edges();
        int n = h.xAxis().nbins();
        if (h.dimension() == 2) {
            double[][] all = h.contentsMatrix();
            int ny = h.yAxis().nbins();
            double[][] m = new double[n][ny];
            for (int ix = 0; ix < n; ix++) {
                System.arraycopy(all[ix + 1], 1, m[ix], 0, ny);
            }
            return new RootDrawing(h.name(), h.className(), h.title(), h.xAxis().title(), h.yAxis().title(), 2, edges,
                    new double[0], new double[0], 0, 0, h.yAxis().edges(), m, h.entries(),
                    h.className() + ": shown as a colour map of the bin contents (flow bins not drawn)");
        }
        boolean profile = h.className().equals("TProfile");
        double[] values = profile ? h.profileMeans() : h.contents();
        double[] errors = profile ? h.profileErrors() : h.errors();
        double[] in = new double[n];
        double[] err = new double[n];
        System.arraycopy(values, 1, in, 0, n);
        System.arraycopy(errors, 1, err, 0, n);
        String note = profile ? "TProfile: the mean of y per bin with its error" : "";
        return new RootDrawing(h.name(), h.className(), h.title(), h.xAxis().title(), h.yAxis().title(), 1, edges,
                in, err, values[0], values[n + 1], new double[0], new double[0][], h.entries(), note);
    }

    /**
     * One column expression of a tree ("X", "X[0]", "len(X)", "max(X)") filled into a histogram: one bin
     * per integer when the values are integers spanning at most {@link #MAX_INTEGER_BINS}, else
     * {@link #BRANCH_BINS} equal bins from the smallest to the largest finite value (both inside).
     * Errors are sqrt(n). An element that does not exist (X[0] or max(X) of an empty entry: the event
     * tables' {@link EventTable#UNDEFINED}) is left out and counted in the note, as are NaNs.
     */
    public static RootDrawing branch(Path file, String treePath, String expression) {
        float[] all = RootBrowser.column(file, treePath, expression);
        // a plain branch keeps every value; only an element expression can lack one
        boolean element = expression.contains("[") || expression.contains("(") && !expression.startsWith("len(");
        float[] v = new float[all.length];
        int n = 0;
        for (float x : all) {
            if (!Float.isNaN(x) && !(element && x == EventTable.UNDEFINED)) {
                v[n++] = x;
            }
        }
        v = java.util.Arrays.copyOf(v, n);
        int missing = all.length - n;
        Axis axis = autoAxis(v);
        Histogram h = new Histogram(axis);
        for (float x : v) {
            h.fill(x, 1.0);
        }
        double[] err = h.variances();
        for (int i = 0; i < err.length; i++) {
            err[i] = Math.sqrt(err[i]);
        }
        String note = missing == 0 ? "" : String.format(java.util.Locale.ROOT, "%,d entries without a value (an empty list) not drawn", missing);
        return new RootDrawing(expression, "branch", treePath + ": " + expression, expression, "entries", 1,
                axis.edges(), h.values(), err, h.underflow(), h.overflow(), new double[0], new double[0][],
                n, note);
    }

    /** The automatic binning of {@link #branch}. */
    static Axis autoAxis(float[] v) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        boolean integers = true;
        for (float x : v) {
            if (Float.isFinite(x)) {
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
                integers &= x == Math.rint(x);
            }
        }
        if (lo > hi) {
            return Axis.regular(1, 0, 1);
        }
        if (integers && hi - lo <= MAX_INTEGER_BINS - 1) {
            return Axis.regular((int) (hi - lo) + 1, lo - 0.5, hi + 0.5);
        }
        if (lo == hi) {
            return Axis.regular(1, lo - 0.5, lo + 0.5);
        }
        // the largest value must fall inside the last bin, whose upper edge is exclusive
        double top = Math.max(Math.nextUp(hi), hi + (hi - lo) * 1e-9);
        return Axis.regular(BRANCH_BINS, lo, top);
    }
}
