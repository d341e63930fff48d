package org.nuisance.engine.higgsml;

import org.nuisance.engine.data.EventTable;
import org.nuisance.engine.hist.Axis;
import org.nuisance.engine.hist.ProcessHistograms;
import org.nuisance.engine.hist.WeightedFill;
import org.nuisance.engine.util.Parallel;

/**
 * Per-process histograms of any column at a point in nuisance-parameter space. Tables with the HiggsML
 * PRI columns go through the systematics kernel (shifts and cuts); other tables are histogrammed as they
 * are, with the process normalisations applied to the weights.
 */
public final class EventHistograms {

    private EventHistograms() {
    }

    public static ProcessHistograms fill(EventTable table, String column, Axis axis, NuisanceValues np, long softSeed) {
        return fill(table, column, axis, np, softSeed, ComputedColumns.none());
    }

    /** As {@link #fill(EventTable, String, Axis, NuisanceValues, long)}, with computed columns (HiggsML tables). */
    public static ProcessHistograms fill(EventTable table, String column, Axis axis, NuisanceValues np, long softSeed,
                                         ComputedColumns computed) {
        if (hasHiggsColumns(table)) {
            return new ShiftKernel(PreparedEvents.of(table), computed).fill(column, axis, np, softSeed);
        }
        return fillUnshifted(table, column, axis, np);
    }

    public static boolean hasHiggsColumns(EventTable table) {
        for (String c : Pri.ALL) {
            if (!table.hasColumn(c)) {
                return false;
            }
        }
        return true;
    }

    /** Histograms a column as stored, weights times the process normalisation factors; no cuts. */
    public static ProcessHistograms fillUnshifted(EventTable table, String column, Axis axis, NuisanceValues np) {
        float[] x = table.column(column);
        float[] w = table.weights();
        byte[] proc = table.processCodes();
        int nproc = table.processNames().size();
        double[] factor = new double[nproc];
        for (int p = 0; p < nproc; p++) {
            factor[p] = np.weightFactor(table.processNames().get(p));
        }
        int chunks = Parallel.chunks(table.rows());
        WeightedFill fill = new WeightedFill(axis, nproc, nproc, chunks);
        Parallel.forEachChunk(table.rows(), (chunk, from, to) -> {
            for (int i = from; i < to; i++) {
                fill.add(chunk, proc[i], x[i], w[i] * factor[proc[i]]);
            }
        });
        return fill.processHistograms(column, table.processNames(), chunks);
    }
}
