package org.nuisance.engine.higgsml;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nuisance.engine.data.EventTable;

/**
 * Applies a point in nuisance-parameter space to a whole event table, exactly as the FAIR Universe
 * challenge does (../shared/reference/HIGGSML.md): shifted and rounded PRI columns, the post-shift
 * cuts, all 12 DER columns recomputed, weights multiplied by their process's normalisation factors.
 */
public final class Systematics {

    private Systematics() {
    }

    /** The surviving events, in input order, with every other column carried along. */
    public static EventTable apply(EventTable table, NuisanceValues np, long softSeed) {
        return apply(PreparedEvents.of(table), np, softSeed);
    }

    public static EventTable apply(PreparedEvents events, NuisanceValues np, long softSeed) {
        np.validate();
        int n = events.rows();
        boolean[] pass = new boolean[n];
        float[][] pri = new float[Pri.ALL.size()][n];
        float[][] der = new float[DerivedQuantity.values().length][n];
        new ShiftKernel(events).computeAll(np, softSeed, pass, pri, der);
        EventTable table = events.table();
        float[] w = table.weights();
        float[] newW = new float[n];
        byte[] proc = table.processCodes();
        double[] factor = new double[table.processNames().size()];
        for (int p = 0; p < factor.length; p++) {
            factor[p] = np.weightFactor(table.processNames().get(p));
        }
        for (int i = 0; i < n; i++) {
            newW[i] = (float) (w[i] * factor[proc[i]]);
        }
        Map<String, float[]> replaced = new LinkedHashMap<>();
        for (int c = 0; c < pri.length; c++) {
            replaced.put(Pri.ALL.get(c), pri[c]);
        }
        for (DerivedQuantity q : DerivedQuantity.values()) {
            replaced.put(q.column(), der[q.ordinal()]);
        }
        replaced.put(table.weightColumn(), newW);
        int[] keep = new int[n];
        int kept = 0;
        for (int i = 0; i < n; i++) {
            if (pass[i]) {
                keep[kept++] = i;
            }
        }
        return table.withColumns(replaced).selectRows(keep, kept);
    }

    /** The table with its 12 DER columns recomputed from its PRI columns as stored (no shift, no cuts). */
    public static EventTable withRecomputedDerived(EventTable table) {
        PreparedEvents events = PreparedEvents.of(table);
        float[][] der = new float[DerivedQuantity.values().length][table.rows()];
        new ShiftKernel(events).recomputeDerived(der);
        Map<String, float[]> replaced = new LinkedHashMap<>();
        for (DerivedQuantity q : DerivedQuantity.values()) {
            replaced.put(q.column(), der[q.ordinal()]);
        }
        EventTable recomputed = table.withColumns(replaced);
        events.rebind(recomputed);
        return recomputed;
    }
}
