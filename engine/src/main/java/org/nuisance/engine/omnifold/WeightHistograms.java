package org.nuisance.engine.omnifold;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nuisance.engine.hist.Axis;
import org.nuisance.engine.hist.Histogram;
import org.nuisance.engine.util.Parallel;

/**
 * The histogram matrix: one observable binned once and filled with every weight column, bins x
 * columns sums of weights (with under- and overflow), plus sums of squared weights for the first
 * few columns (nominal, prior). Everything a band, a covariance or a nuisance shift needs is a
 * linear combination of these columns, so no further pass over the events is required.
 *
 * <p>The fill is one pass over the events: per chunk of {@link Parallel} the bin index of each
 * event is computed once into a chunk-local int[], then each weight column is streamed and added
 * into its row of the chunk's partial matrix (double accumulators); partials merge in chunk order,
 * so results are bit-identical on any core count. No per-event allocation.
 */
public final class WeightHistograms {

    private final Axis axis;
    private final List<String> columns;
    private final Map<String, Integer> index;
    /** Column-major: sums[c * (bins + 2) + storageIndex]. */
    private final double[] sums;
    private final double[] squares;
    private final int squaredColumns;

    private WeightHistograms(Axis axis, List<String> columns, double[] sums, double[] squares, int squaredColumns) {
        this.axis = axis;
        this.columns = List.copyOf(columns);
        this.sums = sums;
        this.squares = squares;
        this.squaredColumns = squaredColumns;
        this.index = new HashMap<>();
        for (int c = 0; c < this.columns.size(); c++) {
            index.put(this.columns.get(c), c);
        }
    }

    /**
     * Fills all weight columns in one pass.
     *
     * @param x              the observable per event (NaN goes to the overflow)
     * @param names          a name per weight column
     * @param weights        the weight columns, each as long as x
     * @param squaredColumns how many leading columns also get sums of squared weights
     */
    public static WeightHistograms fill(float[] x, Axis axis, List<String> names, float[][] weights, int squaredColumns) {
        int n = x.length;
        int cols = weights.length;
        if (names.size() != cols) {
            throw new IllegalArgumentException(names.size() + " names for " + cols + " weight columns");
        }
        for (int c = 0; c < cols; c++) {
            if (weights[c].length != n) {
                throw new IllegalArgumentException("weight column " + names.get(c) + " has " + weights[c].length
                        + " values, the observable " + n);
            }
        }
        int sq = Math.min(Math.max(squaredColumns, 0), cols);
        int stride = axis.bins() + 2;
        int chunks = Parallel.chunks(n);
        double[][] partial = new double[chunks][cols * stride];
        double[][] partialSq = new double[chunks][sq * stride];
        int maxChunk = 0;
        for (int k = 0; k < chunks; k++) {
            maxChunk = Math.max(maxChunk, Parallel.chunkStart(n, chunks, k + 1) - Parallel.chunkStart(n, chunks, k));
        }
        int binBuffer = maxChunk;
        Parallel.forEachChunk(n, (chunk, from, to) -> {
            int len = to - from;
            int[] bin = new int[binBuffer];
            for (int i = 0; i < len; i++) {
                bin[i] = axis.index(x[from + i]);
            }
            double[] acc = partial[chunk];
            int col = 0;
            for (; col + 3 < cols; col += 4) {
                accumulate4(acc, col * stride, stride, bin, weights[col], weights[col + 1], weights[col + 2],
                        weights[col + 3], from, len);
            }
            for (; col < cols; col++) {
                accumulate(acc, col * stride, bin, weights[col], from, len);
            }
            double[] accSq = partialSq[chunk];
            for (int c = 0; c < sq; c++) {
                float[] w = weights[c];
                int off = c * stride;
                for (int i = 0; i < len; i++) {
                    double v = w[from + i];
                    accSq[off + bin[i]] += v * v;
                }
            }
        });
        double[] sums = partial[0];
        double[] squares = partialSq[0];
        for (int k = 1; k < chunks; k++) {
            double[] p = partial[k];
            for (int j = 0; j < sums.length; j++) {
                sums[j] += p[j];
            }
            double[] q = partialSq[k];
            for (int j = 0; j < squares.length; j++) {
                squares[j] += q[j];
            }
        }
        return new WeightHistograms(axis, names, sums, squares, sq);
    }

    /**
     * The inner loop for four columns at once: each bin index is loaded once and feeds four
     * independent accumulations (rows off, off + stride, ...), which also keeps four stores in flight.
     */
    private static void accumulate4(double[] acc, int off, int stride, int[] bin, float[] w0, float[] w1, float[] w2,
                                    float[] w3, int from, int len) {
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

    /**
     * The inner loop for a single column: two interleaved accumulations so that consecutive events in the same bin do
     * not serialise on one memory location (store-to-load forwarding); the halves are summed after.
     */
    private static void accumulate(double[] acc, int off, int[] bin, float[] w, int from, int len) {
        int i = 0;
        for (; i + 1 < len; i += 2) {
            acc[off + bin[i]] += w[from + i];
            acc[off + bin[i + 1]] += w[from + i + 1];
        }
        if (i < len) {
            acc[off + bin[i]] += w[from + i];
        }
    }

    public Axis axis() {
        return axis;
    }

    public int bins() {
        return axis.bins();
    }

    /** Column names, in matrix order. */
    public List<String> columns() {
        return columns;
    }

    public boolean hasColumn(String name) {
        return index.containsKey(name);
    }

    public int columnIndex(String name) {
        Integer c = index.get(name);
        if (c == null) {
            throw new IllegalArgumentException("no weight column '" + name + "' in this histogram matrix");
        }
        return c;
    }

    /** Sums of weights of the in-range bins for a column. */
    public double[] values(String column) {
        return values(columnIndex(column));
    }

    public double[] values(int column) {
        double[] out = new double[axis.bins()];
        System.arraycopy(sums, column * (axis.bins() + 2) + 1, out, 0, out.length);
        return out;
    }

    /** Sums of squared weights of the in-range bins, for one of the leading squared columns. */
    public double[] variances(String column) {
        int c = columnIndex(column);
        if (c >= squaredColumns) {
            throw new IllegalArgumentException("column '" + column + "' was filled without squared weights");
        }
        double[] out = new double[axis.bins()];
        System.arraycopy(squares, c * (axis.bins() + 2) + 1, out, 0, out.length);
        return out;
    }

    /** One column as a {@link Histogram} (with under/overflow; squared weights if filled, else zeros). */
    public Histogram histogram(String column) {
        int c = columnIndex(column);
        int stride = axis.bins() + 2;
        double[] w = new double[stride];
        double[] w2 = new double[stride];
        System.arraycopy(sums, c * stride, w, 0, stride);
        if (c < squaredColumns) {
            System.arraycopy(squares, c * stride, w2, 0, stride);
        }
        return new Histogram(axis, w, w2);
    }
}
