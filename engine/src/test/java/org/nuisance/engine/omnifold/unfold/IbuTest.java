package org.nuisance.engine.omnifold.unfold;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nuisance.engine.hist.Axis;
import org.nuisance.engine.omnifold.OmniFoldTable;

/**
 * Iterative Bayesian unfolding against D'Agostini's iteration written out independently here in its
 * original probabilistic form (NIM A 362 (1995) 487, eqs. 4 and 6: P(C_j|E_i) = P(E_i|C_j) P_0(C_j) /
 * Σ_l P(E_i|C_l) P_0(C_l); n̂(C_j) = (1/ε_j) Σ_i n(E_i) P(C_j|E_i); P_0 ← n̂ / Σ n̂), and against a
 * 2-bin case done by hand.
 */
class IbuTest {

    /** D'Agostini's form, with normalised probabilities: an implementation independent of {@link Ibu}. */
    static double[] dagostini(double[][] pEgivenC, double[] priorCounts, double[] n, int iterations) {
        int nc = priorCounts.length;
        int ne = n.length;
        double[] p0 = new double[nc];
        double total = 0;
        for (double v : priorCounts) {
            total += v;
        }
        for (int j = 0; j < nc; j++) {
            p0[j] = priorCounts[j] / total;
        }
        double[] nHat = null;
        for (int it = 0; it < iterations; it++) {
            nHat = new double[nc];
            for (int j = 0; j < nc; j++) {
                double eps = 0;
                for (int i = 0; i < ne; i++) {
                    eps += pEgivenC[i][j];
                }
                if (eps == 0) {
                    continue;
                }
                for (int i = 0; i < ne; i++) {
                    double norm = 0;
                    for (int l = 0; l < nc; l++) {
                        norm += pEgivenC[i][l] * p0[l];
                    }
                    if (norm > 0) {
                        nHat[j] += n[i] * pEgivenC[i][j] * p0[j] / norm / eps;
                    }
                }
            }
            double s = 0;
            for (double v : nHat) {
                s += v;
            }
            for (int j = 0; j < nc; j++) {
                p0[j] = nHat[j] / s;
            }
        }
        return nHat;
    }

    @Test
    void twoBinsOneAndTwoIterationsMatchTheHandCalculation() {
        // R = [[0.8, 0.2], [0.2, 0.8]], flat prior, data (60, 40). By hand: m = R t0 = (1, 1) for t0 = (1, 1);
        // t1 = (0.8*60 + 0.2*40, 0.2*60 + 0.8*40) = (56, 44). Iteration 2: m = (53.6, 46.4);
        // t2_1 = 56 (48/53.6 + 8/46.4) = 56 (60/67 + 5/29) = 59.8044261... (60/67 = 0.895522388, 5/29 = 0.172413793)
        double[][] r = {{0.8, 0.2}, {0.2, 0.8}};
        double[] t1 = Ibu.iterate(r, new double[] {1, 1}, new double[] {60, 40}, 1);
        assertEquals(56.0, t1[0], 1e-12);
        assertEquals(44.0, t1[1], 1e-12);
        double[] t2 = Ibu.iterate(r, new double[] {1, 1}, new double[] {60, 40}, 2);
        double expected1 = 56 * (60.0 / 67 + 5.0 / 29);
        double expected2 = 44 * (12 / 53.6 + 32 / 46.4);
        assertEquals(expected1, t2[0], 1e-12 * expected1);
        assertEquals(expected2, t2[1], 1e-12 * expected2);
        // the scale of the prior cancels; with full efficiency the total is the data's
        assertEquals(100.0, t2[0] + t2[1], 1e-12);
    }

    @Test
    void inefficiencyScalesTheUnfoldedCountsUp() {
        // one truth bin seen with efficiency 0.5 in one reco bin: n̂ = 30 / 0.5 = 60 after any number of iterations
        double[] t = Ibu.iterate(new double[][] {{0.5}}, new double[] {7}, new double[] {30}, 3);
        assertEquals(60.0, t[0], 1e-12);
    }

    @Test
    void iterationEqualsDagostinisFormOnRandomMatrices() {
        SplittableRandom rng = new SplittableRandom(11);
        for (int trial = 0; trial < 20; trial++) {
            int nr = 2 + rng.nextInt(8);
            int nc = 2 + rng.nextInt(8);
            double[][] r = new double[nr][nc];
            for (int j = 0; j < nc; j++) {
                double eff = 0.3 + 0.7 * rng.nextDouble();
                double[] col = new double[nr];
                double s = 0;
                for (int i = 0; i < nr; i++) {
                    col[i] = rng.nextDouble() * (rng.nextDouble() < 0.2 ? 0 : 1);
                    s += col[i];
                }
                for (int i = 0; i < nr; i++) {
                    r[i][j] = s > 0 ? eff * col[i] / s : 0;
                }
            }
            double[] prior = new double[nc];
            for (int j = 0; j < nc; j++) {
                prior[j] = 10 + 1000 * rng.nextDouble();
            }
            double[] d = new double[nr];
            for (int i = 0; i < nr; i++) {
                d[i] = 1000 * rng.nextDouble();
            }
            int iterations = 1 + rng.nextInt(5);
            double[] mine = Ibu.iterate(r, prior, d, iterations);
            double[] ref = dagostini(r, prior, d, iterations);
            for (int j = 0; j < nc; j++) {
                assertEquals(ref[j], mine[j], 1e-9 * Math.abs(ref[j]) + 1e-300, "trial " + trial + " bin " + j);
            }
        }
    }

    @Test
    void eventLevelIbuEqualsDagostinisFormOnHistogramsFilledHere() {
        int n = 20000;
        UnfoldingInputs in = smearedEvents(n, 5);
        Axis axis = Axis.regular(6, 0, 6);
        Ibu.Result res = Ibu.unfold(in, 0, axis, 4);
        // histograms filled independently: truth categories 0..5, then underflow, overflow, fakes
        int nc = 9;
        double[] prior = new double[nc];
        double[][] joint = new double[6][nc];
        for (int e = 0; e < n; e++) {
            double g = in.mcGen()[0][e];
            double rv = in.mcReco()[0][e];
            int c = !in.passGen()[e] ? (in.passReco()[e] ? 8 : -1) : g < 0 ? 6 : g >= 6 ? 7 : (int) Math.floor(g);
            if (c < 0) {
                continue;
            }
            prior[c] += in.mcWeight()[e];
            if (in.passReco()[e] && rv >= 0 && rv < 6) {
                joint[(int) Math.floor(rv)][c] += in.mcWeight()[e];
            }
        }
        double[][] pEgivenC = new double[6][nc];
        for (int i = 0; i < 6; i++) {
            for (int c = 0; c < nc; c++) {
                pEgivenC[i][c] = prior[c] > 0 ? joint[i][c] / prior[c] : 0; // no events below 0 or above 6
            }
        }
        double[] d = new double[6];
        for (int i = 0; i < in.dataEvents(); i++) {
            double x = in.dataReco()[0][i];
            if (x >= 0 && x < 6) {
                d[(int) Math.floor(x)] += in.dataWeight()[i];
            }
        }
        double[] ref = dagostini(pEgivenC, prior, d, 4);
        for (int j = 0; j < 6; j++) {
            assertEquals(ref[j], res.unfolded()[j], 1e-9 * ref[j], "bin " + j);
            assertEquals(prior[j], res.prior()[j], 1e-9 * prior[j]);
            assertEquals(d[j], res.measured()[j], 1e-9 * d[j]);
        }
    }

    /**
     * Integer-valued truth 0..5 with migrations, an efficiency, fakes and weights: simulation truth
     * ~ Binomial(5, 0.4), data ~ Binomial(5, 0.55); reco = truth ± 1 with 30% probability.
     */
    static UnfoldingInputs smearedEvents(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] gen = new float[n];
        float[] reco = new float[n];
        float[] w = new float[n];
        float[] pr = new float[n];
        float[] pg = new float[n];
        for (int e = 0; e < n; e++) {
            int t = binomial(r, 5, 0.4);
            gen[e] = t + 0.5f;
            reco[e] = smear(r, t) + 0.5f;
            w[e] = (float) (0.5 + r.nextDouble());
            pg[e] = r.nextDouble() < 0.9 ? 1 : 0;
            pr[e] = r.nextDouble() < 0.6 + 0.05 * t ? 1 : 0;
        }
        float[] data = new float[n];
        int nd = 0;
        for (int e = 0; e < n; e++) {
            int t = binomial(r, 5, 0.55);
            if (r.nextDouble() < 0.6 + 0.05 * t) {
                data[nd++] = smear(r, t) + 0.5f;
            }
        }
        LinkedHashMap<String, float[]> m = new LinkedHashMap<>();
        m.put("k_reco", reco);
        m.put("k_gen", gen);
        m.put("weight_mc", w);
        m.put("pass_reco", pr);
        m.put("pass_gen", pg);
        LinkedHashMap<String, float[]> d = new LinkedHashMap<>();
        d.put("k", java.util.Arrays.copyOf(data, nd));
        return UnfoldingInputs.of(new OmniFoldTable("data", nd, d, List.of()), new OmniFoldTable("mc", n, m, List.of()),
                null, List.of("k"));
    }

    private static int smear(SplittableRandom r, int t) {
        double u = r.nextDouble();
        int v = u < 0.15 ? t - 1 : u < 0.3 ? t + 1 : t;
        return Math.max(0, Math.min(5, v));
    }

    private static int binomial(SplittableRandom r, int n, double p) {
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (r.nextDouble() < p) {
                k++;
            }
        }
        return k;
    }
}
