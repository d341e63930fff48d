package org.nuisance.engine.omnifold;

import java.util.List;

/**
 * The nuisance view: weights w(theta) = w_nom + sum_k theta_k (w_k - w_nom), so the histogram is
 * h(theta) = h_nom + sum_k theta_k (h_k - h_nom), linear in theta. The per-variation differences
 * are taken once from the histogram matrix; a slider move then costs bins x variations
 * multiply-adds and no pass over the events (theta_k = 1 reproduces variation k exactly).
 */
public final class NuisanceShift {

    private final List<String> parameters;
    private final double[] nominal;
    private final double[][] deltas;
    private final double[] width;

    /** @param variations weight columns of the matrix, one slider each (e.g. {@link WeightScheme#systematicColumns()}) */
    public NuisanceShift(WeightHistograms matrix, String nominalColumn, List<String> variations) {
        this.parameters = List.copyOf(variations);
        this.nominal = matrix.values(nominalColumn);
        this.deltas = new double[parameters.size()][];
        for (int k = 0; k < deltas.length; k++) {
            double[] hk = matrix.values(parameters.get(k));
            for (int b = 0; b < hk.length; b++) {
                hk[b] -= nominal[b];
            }
            deltas[k] = hk;
        }
        this.width = new double[nominal.length];
        for (int b = 0; b < width.length; b++) {
            width[b] = matrix.axis().width(b);
        }
    }

    /** The variation column behind each theta, in slider order. */
    public List<String> parameters() {
        return parameters;
    }

    public int bins() {
        return nominal.length;
    }

    /** Sum of shifted weights per bin for the given theta (one per parameter). */
    public double[] shifted(double[] theta) {
        double[] out = new double[nominal.length];
        shiftedInto(theta, out);
        return out;
    }

    /** As {@link #shifted}, into a caller's array: no allocation, for slider drags. */
    public void shiftedInto(double[] theta, double[] out) {
        if (theta.length != deltas.length) {
            throw new IllegalArgumentException("expected " + deltas.length + " theta values (" + parameters
                    + "), got " + theta.length);
        }
        System.arraycopy(nominal, 0, out, 0, nominal.length);
        for (int k = 0; k < deltas.length; k++) {
            double t = theta[k];
            if (t != 0) {
                double[] d = deltas[k];
                for (int b = 0; b < out.length; b++) {
                    out[b] += t * d[b];
                }
            }
        }
    }

    /** The shifted differential cross section: {@link #shifted} / bin width. */
    public double[] shiftedDsigmaDx(double[] theta) {
        double[] out = shifted(theta);
        for (int b = 0; b < out.length; b++) {
            out[b] /= width[b];
        }
        return out;
    }
}
