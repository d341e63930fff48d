package org.nuisance.engine.omnifold;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nuisance.engine.hist.Axis;

/**
 * An unfolded result's bins as CSV, one row per bin: {@code bin_lo, bin_hi}, {@code sigma_fb} (the
 * cross section in the bin), {@code dsigma_dx}, {@code total} and {@code unc_<band>} (absolute
 * one-sigma uncertainties on dsigma/dx), {@code <comparison>_dsigma_dx} for the prior and each
 * alternative, and optionally a shifted dsigma/dx (the nuisance sliders applied). Numbers are written
 * with {@link Double#toString}, which reads back to the same double.
 */
public final class UnfoldedCsv {

    private UnfoldedCsv() {
    }

    public static String format(UnfoldedResult r) {
        return format(r, null, null);
    }

    /**
     * @param shiftedLabel    header of the extra column (e.g. {@code shifted_dsigma_dx}), or null for none
     * @param shiftedDsigmaDx dsigma/dx with the sliders applied, one per bin, or null for none
     */
    public static String format(UnfoldedResult r, String shiftedLabel, double[] shiftedDsigmaDx) {
        Axis axis = r.axis();
        int nb = axis.bins();
        if (shiftedDsigmaDx != null && shiftedDsigmaDx.length != nb) {
            throw new IllegalArgumentException("shifted dsigma/dx has " + shiftedDsigmaDx.length + " values for "
                    + nb + " bins");
        }
        List<String> header = new ArrayList<>(List.of("bin_lo", "bin_hi", "sigma_fb", "dsigma_dx", "total"));
        List<double[]> cols = new ArrayList<>();
        double[] edges = axis.edges();
        double[] lo = new double[nb];
        double[] hi = new double[nb];
        System.arraycopy(edges, 0, lo, 0, nb);
        System.arraycopy(edges, 1, hi, 0, nb);
        cols.add(lo);
        cols.add(hi);
        cols.add(r.nominal());
        cols.add(r.dsigmaDx());
        cols.add(r.total());
        for (Map.Entry<String, double[]> band : r.uncertainties().entrySet()) {
            header.add("unc_" + band.getKey());
            cols.add(band.getValue());
        }
        for (Map.Entry<String, double[]> c : r.comparisons().entrySet()) {
            header.add(c.getKey() + "_dsigma_dx");
            cols.add(c.getValue());
        }
        if (shiftedDsigmaDx != null) {
            header.add(shiftedLabel == null ? "shifted_dsigma_dx" : shiftedLabel);
            cols.add(shiftedDsigmaDx);
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.join(",", header)).append('\n');
        for (int b = 0; b < nb; b++) {
            for (int c = 0; c < cols.size(); c++) {
                sb.append(c == 0 ? "" : ",").append(cols.get(c)[b]);
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
