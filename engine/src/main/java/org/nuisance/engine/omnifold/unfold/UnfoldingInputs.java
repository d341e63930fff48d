package org.nuisance.engine.omnifold.unfold;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nuisance.engine.data.InputException;
import org.nuisance.engine.omnifold.OmniFoldReader;
import org.nuisance.engine.omnifold.OmniFoldTable;

/**
 * What an unfolding reads, checked: measured events (one reco-level column per observable and an
 * optional {@code weight}) and simulated events ({@code <obs>_reco}, {@code <obs>_gen}, {@code weight_mc},
 * optional {@code pass_reco} and {@code pass_gen}, 0/1). Optionally background simulation (reco columns
 * named like the data's and {@code weight}) that step 1 subtracts with negative weights.
 *
 * <p>Every problem is an {@link InputException} whose one line names the file and the column.
 *
 * @param observables  observable names in order
 * @param dataReco     measured values, observable-major
 * @param dataWeight   measured event weights (1 without a weight column)
 * @param mcReco       simulated reco-level values, observable-major (meaningless where passReco is false)
 * @param mcGen        simulated generator-level values (meaningless where passGen is false)
 * @param mcWeight     the generator (prior) weights {@code weight_mc}
 * @param passReco     whether each simulated event passes the reco-level selection
 * @param passGen      whether each simulated event passes the generator-level (fiducial) selection
 * @param bkgReco      background simulation at reco level, observable-major (empty arrays without one)
 * @param bkgWeight    background weights (counted negative in step 1)
 */
public record UnfoldingInputs(List<String> observables, float[][] dataReco, float[] dataWeight, float[][] mcReco,
                              float[][] mcGen, float[] mcWeight, boolean[] passReco, boolean[] passGen,
                              float[][] bkgReco, float[] bkgWeight) {

    public static final String DATA_WEIGHT = "weight";
    public static final String MC_WEIGHT = "weight_mc";
    public static final String PASS_RECO = "pass_reco";
    public static final String PASS_GEN = "pass_gen";
    public static final String RECO_SUFFIX = "_reco";
    public static final String GEN_SUFFIX = "_gen";

    public int dataEvents() {
        return dataWeight.length;
    }

    public int mcEvents() {
        return mcWeight.length;
    }

    public int dimensions() {
        return observables.size();
    }

    /** Reads and checks the files (background may be null). */
    public static UnfoldingInputs read(Path data, Path mc, Path background, List<String> observables) {
        return of(OmniFoldReader.read(data), OmniFoldReader.read(mc),
                background == null ? null : OmniFoldReader.read(background), observables);
    }

    /** Checks tables already read (their source names appear in the messages). */
    public static UnfoldingInputs of(OmniFoldTable data, OmniFoldTable mc, OmniFoldTable background,
                                     List<String> observables) {
        if (observables.isEmpty()) {
            throw new InputException("--observables is empty; name at least one observable");
        }
        int d = observables.size();
        float[][] dataReco = new float[d][];
        float[][] mcReco = new float[d][];
        float[][] mcGen = new float[d][];
        for (int k = 0; k < d; k++) {
            String o = observables.get(k);
            dataReco[k] = need(data, o, "the measured " + o);
            mcReco[k] = need(mc, o + RECO_SUFFIX, "the reco-level " + o);
            mcGen[k] = need(mc, o + GEN_SUFFIX, "the generator-level " + o);
        }
        int nd = data.rows();
        int nm = mc.rows();
        if (nd == 0) {
            throw new InputException(data.source() + ": no events");
        }
        if (nm == 0) {
            throw new InputException(mc.source() + ": no events");
        }
        float[] dataWeight = data.hasColumn(DATA_WEIGHT) ? data.column(DATA_WEIGHT) : ones(nd);
        float[] mcWeight = need(mc, MC_WEIGHT, "the generator weights");
        boolean[] passReco = flags(mc, PASS_RECO);
        boolean[] passGen = flags(mc, PASS_GEN);
        checkWeights(data.source(), data.hasColumn(DATA_WEIGHT) ? DATA_WEIGHT : "(unit weights)", dataWeight, null);
        checkWeights(mc.source(), MC_WEIGHT, mcWeight, passReco);
        checkWeights(mc.source(), MC_WEIGHT + " (of events with pass_gen = 1)", mcWeight, passGen);
        for (int k = 0; k < d; k++) {
            finite(data.source(), observables.get(k), dataReco[k], null);
            finite(mc.source(), observables.get(k) + RECO_SUFFIX, mcReco[k], passReco);
            finite(mc.source(), observables.get(k) + GEN_SUFFIX, mcGen[k], passGen);
            overlap(data.source(), mc.source(), observables.get(k), dataReco[k], dataWeight, mcReco[k], passReco);
        }
        float[][] bkgReco = new float[d][0];
        float[] bkgWeight = new float[0];
        if (background != null) {
            for (int k = 0; k < d; k++) {
                bkgReco[k] = need(background, observables.get(k), "the background's reco-level " + observables.get(k));
                finite(background.source(), observables.get(k), bkgReco[k], null);
            }
            bkgWeight = background.hasColumn(DATA_WEIGHT) ? background.column(DATA_WEIGHT) : ones(background.rows());
            double b = 0;
            double s = 0;
            for (float w : bkgWeight) {
                b += w;
            }
            for (float w : dataWeight) {
                s += w;
            }
            if (!(b < s)) {
                throw new InputException(background.source() + ": column " + DATA_WEIGHT + " sums to " + b
                        + ", not less than the data's " + s + "; nothing would be left to unfold");
            }
        }
        return new UnfoldingInputs(List.copyOf(observables), dataReco, dataWeight, mcReco, mcGen, mcWeight, passReco,
                passGen, bkgReco, bkgWeight);
    }

    private static float[] need(OmniFoldTable t, String column, String what) {
        if (!t.hasColumn(column)) {
            List<String> cols = t.columnNames();
            List<String> shown = cols.size() > 12 ? new ArrayList<>(cols.subList(0, 12)) : cols;
            throw new InputException(t.source() + ": no column '" + column + "' (" + what + "); columns: "
                    + String.join(", ", shown) + (cols.size() > 12 ? ", ..." : ""));
        }
        return t.column(column);
    }

    private static boolean[] flags(OmniFoldTable t, String column) {
        boolean[] f = new boolean[t.rows()];
        if (!t.hasColumn(column)) {
            java.util.Arrays.fill(f, true);
            return f;
        }
        float[] v = t.column(column);
        for (int i = 0; i < v.length; i++) {
            if (v[i] == 1f) {
                f[i] = true;
            } else if (v[i] != 0f) {
                throw new InputException(t.source() + ": row " + (i + 1) + ", column " + column + ": " + v[i]
                        + " is not 0 or 1");
            }
        }
        return f;
    }

    private static void checkWeights(String source, String column, float[] w, boolean[] mask) {
        double sum = 0;
        for (int i = 0; i < w.length; i++) {
            if (!Float.isFinite(w[i])) {
                throw new InputException(source + ": row " + (i + 1) + ", column " + column + ": weight " + w[i]
                        + " is not finite");
            }
            if (mask == null || mask[i]) {
                sum += w[i];
            }
        }
        if (!(sum > 0)) {
            throw new InputException(source + ": column " + column + ": the weights sum to " + sum
                    + (mask == null ? "" : " over the selected events") + "; they must sum to a positive number");
        }
    }

    private static void finite(String source, String column, float[] x, boolean[] mask) {
        for (int i = 0; i < x.length; i++) {
            if ((mask == null || mask[i]) && !Float.isFinite(x[i])) {
                throw new InputException(source + ": row " + (i + 1) + ", column " + column + ": value " + x[i]
                        + " is not finite" + (mask == null ? "" : " in a selected event"));
            }
        }
    }

    /** Refuses data outside the simulation's reco-level range: no reweighting can put events there. */
    private static void overlap(String dataSource, String mcSource, String obs, float[] data, float[] dataWeight,
                                float[] reco, boolean[] passReco) {
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < reco.length; i++) {
            if (passReco[i]) {
                lo = Math.min(lo, reco[i]);
                hi = Math.max(hi, reco[i]);
            }
        }
        double inside = 0;
        double total = 0;
        for (int i = 0; i < data.length; i++) {
            total += Math.abs(dataWeight[i]);
            if (data[i] >= lo && data[i] <= hi) {
                inside += Math.abs(dataWeight[i]);
            }
        }
        if (!(inside > 0.5 * total)) {
            throw new InputException(String.format(java.util.Locale.ROOT,
                    "%s: column %s: %.1f%% of the data lies outside the simulation's range [%g, %g] of %s%s in %s; "
                            + "data and simulation do not overlap", dataSource, obs, 100 * (1 - inside / total), lo, hi,
                    obs, RECO_SUFFIX, mcSource));
        }
    }

    private static float[] ones(int n) {
        float[] w = new float[n];
        java.util.Arrays.fill(w, 1f);
        return w;
    }
}
