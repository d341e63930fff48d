package org.nuisance.engine.hist;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The one weighted-storage fill every filler uses (boost-histogram's weighted storage: sum of weights and
 * sum of squared weights per bin): several histograms ("rows") over one axis, with a partial storage per
 * chunk of events so that chunks fill on different threads without sharing memory, merged in chunk order,
 * so a result is bit-identical on any number of cores. Rows below squaredRows also keep the squared
 * weights. No allocation per event; a fill can be cleared and reused.
 */
public final class WeightedFill {

    private final Axis axis;
    private final int rows;
    private final int squaredRows;
    private final int stride;
    private final double[][] sums;
    private final double[][] squares;

    public WeightedFill(Axis axis, int rows, int squaredRows, int chunks) {
        if (rows < 0 || squaredRows < 0 || squaredRows > rows || chunks < 1) {
            throw new IllegalArgumentException("rows " + rows + ", squared rows " + squaredRows + ", chunks " + chunks);
        }
        this.axis = axis;
        this.rows = rows;
        this.squaredRows = squaredRows;
        this.stride = axis.bins() + 2;
        this.sums = new double[chunks][rows * stride];
        this.squares = new double[chunks][squaredRows * stride];
    }

    public Axis axis() {
        return axis;
    }

    public int rows() {
        return rows;
    }

    public int chunks() {
        return sums.length;
    }

    /** Whether this fill holds the rows, squared rows and chunks asked for (so it can be reused). */
    public boolean fits(Axis axis, int rows, int squaredRows, int chunks) {
        return this.axis.equals(axis) && this.rows == rows && this.squaredRows == squaredRows && sums.length >= chunks;
    }

    /** Zeroes a chunk's partial storage. */
    public void clear(int chunk) {
        Arrays.fill(sums[chunk], 0);
        Arrays.fill(squares[chunk], 0);
    }

    /** One event: x into row's histogram with weight w (and w^2 where the row keeps squares). */
    public void add(int chunk, int row, double x, double w) {
        int i = row * stride + axis.index(x);
        sums[chunk][i] += w;
        if (row < squaredRows) {
            squares[chunk][i] += w * w;
        }
    }

    /**
     * A block of events: x[k] into row[k]'s histogram with weight w[k], for k < len where pass[k]. The hot
     * path of the event kernel; every row here keeps squares (one histogram per process).
     */
    public void addBlock(int chunk, double[] x, boolean[] pass, int[] row, double[] w, int len) {
        double[] s = sums[chunk];
        double[] q = squares[chunk];
        for (int k = 0; k < len; k++) {
            if (pass[k]) {
                int i = row[k] * stride + axis.index(x[k]);
                double wt = w[k];
                s[i] += wt;
                q[i] += wt * wt;
            }
        }
    }

    /** Storage indices (0 underflow, bins + 1 overflow) of x[from ... from + len) into bin[0 ... len). */
    public void bins(float[] x, int from, int len, int[] bin) {
        for (int i = 0; i < len; i++) {
            bin[i] = axis.index(x[from + i]);
        }
    }

    /**
     * A weight column for events whose bins are known (one observable, many weight columns: OmniFold's
     * matrix): w[from + i] into row's bin[i], and its square where the row keeps squares.
     */
    public void addColumn(int chunk, int row, int[] bin, float[] w, int from, int len) {
        addSums(chunk, row, bin, w, from, len);
        addSquares(chunk, row, bin, w, from, len);
    }

    private void addSums(int chunk, int row, int[] bin, float[] w, int from, int len) {
        double[] acc = sums[chunk];
        int off = row * stride;
        int i = 0;
        // two events per step keep two stores in flight
        for (; i + 1 < len; i += 2) {
            acc[off + bin[i]] += w[from + i];
            acc[off + bin[i + 1]] += w[from + i + 1];
        }
        if (i < len) {
            acc[off + bin[i]] += w[from + i];
        }
    }

    /** The squares of a weight column where the row keeps them (nothing otherwise). */
    public void addSquares(int chunk, int row, int[] bin, float[] w, int from, int len) {
        if (row >= squaredRows) {
            return;
        }
        double[] sq = squares[chunk];
        int off = row * stride;
        for (int k = 0; k < len; k++) {
            double v = w[from + k];
            sq[off + bin[k]] += v * v;
        }
    }

    /**
     * The sums of weights of four weight columns (rows row ... row + 3) at once: each bin index is loaded
     * once and feeds four independent accumulations, which also keeps four stores in flight. Squares, where
     * the rows keep them, are added by {@link #addSquares}.
     */
    public void addColumns4(int chunk, int row, int[] bin, float[] w0, float[] w1, float[] w2, float[] w3, int from,
                            int len) {
        double[] acc = sums[chunk];
        int off = row * stride;
        int o1 = off + stride;
        int o2 = o1 + stride;
        int o3 = o2 + stride;
        for (int i = 0; i < len; i++) {
            int b = bin[i];
            int e = from + i;
            acc[off + b] += w0[e];
            acc[o1 + b] += w1[e];
            acc[o2 + b] += w2[e];
            acc[o3 + b] += w3[e];
        }
    }

    /** Sums of weights over chunks 0 ... chunks - 1, in chunk order, laid out [row * (bins + 2) + index]. */
    public double[] sums(int chunks) {
        return merge(sums, chunks, rows * stride);
    }

    /** Sums of squared weights of the squared rows, merged as {@link #sums}. */
    public double[] squares(int chunks) {
        return merge(squares, chunks, squaredRows * stride);
    }

    private static double[] merge(double[][] partial, int chunks, int size) {
        double[] out = new double[size];
        for (int c = 0; c < chunks; c++) {
            double[] p = partial[c];
            for (int j = 0; j < size; j++) {
                out[j] += p[j];
            }
        }
        return out;
    }

    /** The merged rows as one histogram per process (rows in the processes' order, all with squares). */
    public ProcessHistograms processHistograms(String column, List<String> processes, int chunks) {
        double[] s = sums(chunks);
        double[] q = squares(chunks);
        List<Histogram> hs = new ArrayList<>();
        for (int p = 0; p < processes.size(); p++) {
            hs.add(new Histogram(axis, Arrays.copyOfRange(s, p * stride, (p + 1) * stride),
                    p < squaredRows ? Arrays.copyOfRange(q, p * stride, (p + 1) * stride) : new double[stride]));
        }
        return new ProcessHistograms(column, axis, processes, hs);
    }
}
