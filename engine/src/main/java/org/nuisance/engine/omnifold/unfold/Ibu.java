package org.nuisance.engine.omnifold.unfold;

import org.nuisance.engine.hist.Axis;

/**
 * Iterative Bayesian unfolding (G. D'Agostini, NIM A 362 (1995) 487; arXiv:1010.0632), the binned
 * baseline for OmniFold. Truth categories c are the bins of the observable's generator-level value,
 * its under- and overflow (unfolded too, not reported) and one "fake" category (events that pass reco
 * but not the generator selection); reco bins are the bins of the reco-level value (an event outside
 * them, or failing the reco selection, is not observed). With R[i][c] = P(reco bin i | c) from the
 * simulation, efficiency ε_c = Σ_i R[i][c], measured counts d_i (data minus background) and the prior
 * t⁰ = the simulation's weighted truth counts, each iteration is
 * <pre>
 *   t_c ← (t_c / ε_c) Σ_i R[i][c] d_i / Σ_c' R[i][c'] t_c'
 * </pre>
 * (D'Agostini's P(C|E) = P(E|C) P(C) / Σ P(E|C) P(C) with P(C) ∝ t; the scale of t cancels).
 */
public final class Ibu {

    /**
     * @param edges      bin edges (the same for reco and truth)
     * @param unfolded   the estimate of the data's truth counts per bin after the iterations
     * @param prior      the simulation's truth counts per bin (sum of weight_mc over pass_gen events)
     * @param response   response[i][j] = P(reco in bin i | truth in bin j), the in-range truth bins
     * @param efficiency ε_j = Σ_i response[i][j]
     * @param measured   the data's reco counts per bin, background subtracted
     */
    public record Result(double[] edges, double[] unfolded, double[] prior, double[][] response, double[] efficiency,
                         double[] measured) {
    }

    private Ibu() {
    }

    /** Unfolds observable number {@code observable} of the inputs in the given bins. */
    public static Result unfold(UnfoldingInputs in, int observable, Axis axis, int iterations) {
        int nb = axis.bins();
        int nc = nb + 3; // truth bins, underflow, overflow, fakes
        double[] d = new double[nb];
        float[] dx = in.dataReco()[observable];
        for (int i = 0; i < dx.length; i++) {
            int b = axis.index(dx[i]) - 1;
            if (b >= 0 && b < nb) {
                d[b] += in.dataWeight()[i];
            }
        }
        float[] bx = in.bkgReco()[observable];
        for (int i = 0; i < bx.length; i++) {
            int b = axis.index(bx[i]) - 1;
            if (b >= 0 && b < nb) {
                d[b] -= in.bkgWeight()[i];
            }
        }
        double[][] joint = new double[nb][nc];
        double[] prior = new double[nc];
        float[] reco = in.mcReco()[observable];
        float[] gen = in.mcGen()[observable];
        float[] w = in.mcWeight();
        for (int e = 0; e < w.length; e++) {
            int c;
            if (in.passGen()[e]) {
                int g = axis.index(gen[e]);
                c = g == 0 ? nb : g == nb + 1 ? nb + 1 : g - 1;
            } else if (in.passReco()[e]) {
                c = nb + 2;
            } else {
                continue;
            }
            prior[c] += w[e];
            if (in.passReco()[e]) {
                int r = axis.index(reco[e]) - 1;
                if (r >= 0 && r < nb) {
                    joint[r][c] += w[e];
                }
            }
        }
        double[][] response = new double[nb][nc];
        for (int c = 0; c < nc; c++) {
            for (int i = 0; i < nb; i++) {
                response[i][c] = prior[c] > 0 ? joint[i][c] / prior[c] : 0;
            }
        }
        double[] t = iterate(response, prior, d, iterations);
        double[][] rIn = new double[nb][nb];
        double[] eff = new double[nb];
        for (int i = 0; i < nb; i++) {
            for (int j = 0; j < nb; j++) {
                rIn[i][j] = response[i][j];
                eff[j] += response[i][j];
            }
        }
        return new Result(axis.edges(), java.util.Arrays.copyOf(t, nb), java.util.Arrays.copyOf(prior, nb), rIn, eff, d);
    }

    /**
     * D'Agostini's iteration on a response matrix (reco bins x truth categories), a prior and measured
     * counts; returns the truth counts after the iterations. A category with ε = 0 keeps its prior; a
     * reco bin that the current truth cannot populate is skipped.
     */
    public static double[] iterate(double[][] response, double[] prior, double[] measured, int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("--iterations must be >= 1, got " + iterations);
        }
        int nr = measured.length;
        int nc = prior.length;
        if (response.length != nr) {
            throw new IllegalArgumentException("response has " + response.length + " reco rows, measured " + nr + " bins");
        }
        double[] eff = new double[nc];
        for (int i = 0; i < nr; i++) {
            for (int c = 0; c < nc; c++) {
                eff[c] += response[i][c];
            }
        }
        double[] t = prior.clone();
        double[] m = new double[nr];
        for (int it = 0; it < iterations; it++) {
            for (int i = 0; i < nr; i++) {
                double s = 0;
                for (int c = 0; c < nc; c++) {
                    s += response[i][c] * t[c];
                }
                m[i] = s;
            }
            double[] next = new double[nc];
            for (int c = 0; c < nc; c++) {
                if (eff[c] <= 0) {
                    next[c] = t[c];
                    continue;
                }
                double s = 0;
                for (int i = 0; i < nr; i++) {
                    if (m[i] > 0) {
                        s += response[i][c] * measured[i] / m[i];
                    }
                }
                next[c] = t[c] / eff[c] * s;
            }
            t = next;
        }
        return t;
    }
}
