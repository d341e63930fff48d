package org.nuisance.engine.root;

import java.util.ArrayList;
import java.util.List;
import org.nuisance.engine.data.InputException;

/**
 * A ROOT histogram (TH1F/D/I, TH2F/D, TProfile): bin edges (fixed or variable), the raw contents with
 * under- and overflow (ROOT's fArray: index 0 underflow, 1..N bins, N+1 overflow; for 2-D the index is
 * ix + (nx+2)*iy), the sum of squared weights when stored, titles and statistics.
 *
 * @param contents     fArray as doubles (for a TProfile: the per-bin sums of w*y)
 * @param sumw2        fSumw2, empty when not stored
 * @param binEntries   a TProfile's per-bin sum of weights (fBinEntries), else empty
 * @param labels       x-axis bin labels (bin number 1..N to text) in stored order, empty if none
 */
public record RootHistogram(String className, String name, String title, int dimension, Axis xAxis, Axis yAxis,
                            double[] contents, double[] sumw2, double[] binEntries, double entries, double tsumw,
                            double tsumw2, double tsumwx, double tsumwx2, List<Label> labels) {

    /** One TAxis: bins on [xmin, xmax], with explicit edges when variable. */
    public record Axis(String name, String title, int nbins, double xmin, double xmax, double[] variableEdges) {
        /** nbins+1 edges (computed as xmin + i*(xmax-xmin)/nbins for fixed bins). */
        public double[] edges() {
            if (variableEdges.length == nbins + 1) {
                return variableEdges.clone();
            }
            double[] e = new double[nbins + 1];
            for (int i = 0; i <= nbins; i++) {
                e[i] = xmin + i * (xmax - xmin) / nbins;
            }
            e[nbins] = xmax;
            return e;
        }
    }

    /** A bin label (TObjString in TAxis.fLabels; its fUniqueID is the bin number). */
    public record Label(int bin, String text) {
    }

    static RootHistogram of(String where, RObject h) {
        if (!h.is("TH1")) {
            throw new InputException(where + ": class " + h.className() + " is not a histogram");
        }
        int dim = h.is("TH2") ? 2 : h.is("TH3") ? 3 : 1;
        if (dim == 3) {
            throw new InputException(where + ": unsupported class " + h.className() + " (3-D histograms)");
        }
        Axis x = axis(where, h.object("fXaxis"));
        Axis y = axis(where, h.object("fYaxis"));
        double[] contents = doubles(h.get("fArray"));
        int cells = (x.nbins() + 2) * (dim == 2 ? y.nbins() + 2 : 1);
        if (contents.length != cells) {
            throw new InputException(where + ": holds " + contents.length + " bin contents, its axes need " + cells);
        }
        double[] sumw2 = doubles(h.get("fSumw2"));
        if (sumw2.length != 0 && sumw2.length != cells) {
            throw new InputException(where + ": fSumw2 has " + sumw2.length + " values for " + cells + " bins");
        }
        List<Label> labels = new ArrayList<>();
        RObject xa = h.object("fXaxis");
        if (xa != null && xa.get("fLabels") instanceof RObject list) {
            for (Object o : list.get("items") instanceof List<?> l ? l : List.of()) {
                if (o instanceof RObject s) {
                    labels.add(new Label(s.intValue("fUniqueID"), s.string("fString")));
                }
            }
        }
        return new RootHistogram(h.className(), h.string("fName"), h.string("fTitle"), dim, x, y, contents, sumw2,
                doubles(h.get("fBinEntries")), h.doubleValue("fEntries"), h.doubleValue("fTsumw"),
                h.doubleValue("fTsumw2"), h.doubleValue("fTsumwx"), h.doubleValue("fTsumwx2"), List.copyOf(labels));
    }

    private static Axis axis(String where, RObject a) {
        if (a == null || a.skipped()) {
            throw new InputException(where + ": axis could not be read" + (a == null ? "" : " (" + a.string("@error") + ")"));
        }
        int n = a.intValue("fNbins");
        if (n < 1) {
            throw new InputException(where + ": axis " + a.string("fName") + " has " + n + " bins");
        }
        return new Axis(a.string("fName"), a.string("fTitle"), n, a.doubleValue("fXmin"), a.doubleValue("fXmax"),
                doubles(a.get("fXbins")));
    }

    private static double[] doubles(Object o) {
        if (o instanceof double[] d) {
            return d;
        }
        if (o instanceof float[] f) {
            double[] d = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                d[i] = f[i];
            }
            return d;
        }
        if (o instanceof int[] a) {
            double[] d = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                d[i] = a[i];
            }
            return d;
        }
        if (o instanceof short[] a) {
            double[] d = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                d[i] = a[i];
            }
            return d;
        }
        return new double[0];
    }

    /** Per-bin errors with flow bins: sqrt(sumw2) when stored, else sqrt(|content|) (ROOT's default). */
    public double[] errors() {
        double[] out = new double[contents.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.sqrt(sumw2.length == contents.length ? sumw2[i] : Math.abs(contents[i]));
        }
        return out;
    }

    /** Contents as a matrix [ix][iy] with flow bins (2-D only). */
    public double[][] contentsMatrix() {
        int nx = xAxis.nbins() + 2;
        int ny = yAxis.nbins() + 2;
        double[][] m = new double[nx][ny];
        for (int iy = 0; iy < ny; iy++) {
            for (int ix = 0; ix < nx; ix++) {
                m[ix][iy] = contents[ix + nx * iy];
            }
        }
        return m;
    }

    /** For a TProfile: the per-bin mean of y (fArray / fBinEntries, 0 where empty), with flow bins. */
    public double[] profileMeans() {
        double[] out = new double[contents.length];
        for (int i = 0; i < out.length; i++) {
            double w = i < binEntries.length ? binEntries[i] : 0;
            out[i] = w == 0 ? 0 : contents[i] / w;
        }
        return out;
    }

    /** For a TProfile: the error on the mean per bin (ROOT's default option), with flow bins. */
    public double[] profileErrors() {
        double[] out = new double[contents.length];
        for (int i = 0; i < out.length; i++) {
            double w = i < binEntries.length ? binEntries[i] : 0;
            if (w == 0) {
                continue;
            }
            double mean = contents[i] / w;
            double var = sumw2[i] / w - mean * mean;
            out[i] = Math.sqrt(Math.max(0, var)) / Math.sqrt(w);
        }
        return out;
    }
}
