package org.nuisance.engine.higgsml;

import org.nuisance.engine.data.EventTable;
import org.nuisance.engine.hist.Axis;
import org.nuisance.engine.hist.ProcessHistograms;
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
        if (hasHiggsColumns(table)) {
            return new ShiftKernel(PreparedEvents.of(table)).fill(column, axis, np, softSeed);
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
        int stride = axis.bins() + 2;
        double[] factor = new double[nproc];
        for (int p = 0; p < nproc; p++) {
            factor[p] = np.weightFactor(table.processNames().get(p));
        }
        int chunks = Parallel.chunks(table.rows());
        double[][] pw = new double[chunks][nproc * stride];
        double[][] pw2 = new double[chunks][nproc * stride];
        Parallel.forEachChunk(table.rows(), (chunk, from, to) -> {
            double[] a = pw[chunk];
            double[] a2 = pw2[chunk];
            for (int i = from; i < to; i++) {
                double wt = w[i] * factor[proc[i]];
                int k = proc[i] * stride + axis.index(x[i]);
                a[k] += wt;
                a2[k] += wt * wt;
            }
        });
        double[][] sumw = new double[nproc][stride];
        double[][] sumw2 = new double[nproc][stride];
        for (int c = 0; c < chunks; c++) {
            for (int p = 0; p < nproc; p++) {
                for (int b = 0; b < stride; b++) {
                    sumw[p][b] += pw[c][p * stride + b];
                    sumw2[p][b] += pw2[c][p * stride + b];
                }
            }
        }
        return ProcessHistograms.of(column, axis, table.processNames(), sumw, sumw2);
    }
}
