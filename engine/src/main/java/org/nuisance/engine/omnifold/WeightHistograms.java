package org.nuisance.engine.omnifold;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nuisance.engine.hist.Axis;
import org.nuisance.engine.hist.Histogram;
import org.nuisance.engine.hist.WeightedFill;
import org.nuisance.engine.util.Parallel;

/**
 * The histogram matrix: one observable binned once and filled with every weight column, bins x
 * columns sums of weights (with under- and overflow), plus sums of squared weights for the first
 * few columns (nominal, prior). Everything a band, a covariance or a nuisance shift needs is a
 * linear combination of these columns, so no further pass over the events is required.
 *
 * <p>The fill is one pass over the events ({@link WeightedFill}): per chunk of {@link Parallel} the bin
 * index of each event is computed once into a chunk-local int[], then each weight column is streamed and
 * added into its row of the chunk's partial matrix (double accumulators); partials merge in chunk order,
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
        int chunks = Parallel.chunks(n);
        WeightedFill fill = new WeightedFill(axis, cols, sq, chunks);
        int maxChunk = 0;
        for (int k = 0; k < chunks; k++) {
            maxChunk = Math.max(maxChunk, Parallel.chunkStart(n, chunks, k + 1) - Parallel.chunkStart(n, chunks, k));
        }
        int binBuffer = maxChunk;
        Parallel.forEachChunk(n, (chunk, from, to) -> {
            int len = to - from;
            int[] bin = new int[binBuffer];
            fill.bins(x, from, len, bin);
            int col = 0;
            for (; col + 3 < cols; col += 4) {
                fill.addColumns4(chunk, col, bin, weights[col], weights[col + 1], weights[col + 2], weights[col + 3],
                        from, len);
            }
            for (; col < cols; col++) {
                fill.addColumn(chunk, col, bin, weights[col], from, len);
            }
            for (int c = 0; c < Math.min(sq, cols - cols % 4); c++) {
                fill.addSquares(chunk, c, bin, weights[c], from, len);
            }
        });
        return new WeightHistograms(axis, names, fill.sums(chunks), fill.squares(chunks), sq);
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
