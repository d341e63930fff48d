package org.nuisance.engine.higgsml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nuisance.engine.data.EventTable;
import org.nuisance.engine.util.Parallel;

/**
 * A seeded generator of HiggsML-like lepton + hadronic-tau events with the FAIR Universe columns: the
 * built-in demo data of the workbench and the workload of the benchmarks, at any size.
 *
 * <p>What it models (all momenta in GeV):
 * <ul>
 *   <li>Processes in the FAIR Universe sample's proportions of events (htautau 33.6%, ztautau 63.4%,
 *       ttbar 2.6%, diboson 0.4%), weights rescaled so that each process sums to its 10 fb^-1 yield:
 *       ztautau 1.0e6, htautau 1.0e3, ttbar 4.1e4, diboson 6.3e3. Weights vary by 10% per event; 3% of
 *       ttbar events carry a negative weight (as NLO generators produce).</li>
 *   <li>Resonances (Z: Breit-Wigner m = 91.19, Gamma = 2.50 on [60, 130]; H: m = 125.1), produced with
 *       rapidity ~ N(0, 1.2) and a transverse momentum that recoils against the jets plus N(0, 8) per
 *       component, decay isotropically to two taus. One tau decays to a lepton carrying a fraction
 *       x ~ Kumaraswamy(2, 1.6) of its momentum, the other hadronically with x ~ Kumaraswamy(3, 1.3);
 *       the neutrinos (the rest) make the true missing transverse energy. So the visible mass peaks near
 *       0.65 of the resonance mass: about 60 GeV for the Z and 80 GeV for the Higgs.</li>
 *   <li>ttbar and diboson: no resonance; lepton and tau pT 20 + exponential (ttbar means 35, 40;
 *       diboson 30, 30, back to back within N(0, 0.8) rad), neutrinos 20 + exp(50) (ttbar) or
 *       10 + exp(30) GeV in a random direction.</li>
 *   <li>Jets: multiplicity per process (ztautau mostly 0-1, htautau 0-3 with a VBF-like forward pair in
 *       40% of 2-jet events, ttbar 2-4), pT 20 + exponential (mean 30 Z, 45 H, 60 ttbar, 30 diboson),
 *       eta ~ N(0, 2) within 4.5; extra jets beyond two count in PRI_n_jets and PRI_jet_all_pt.</li>
 *   <li>MET: the neutrinos plus a resolution of N(0, 10) per component. Lepton and tau have |eta| < 2.5
 *       and pT > 20; the post-shift cuts (tau pT > 26, jets > 26) are left to the systematics, as in the
 *       challenge's files. PRI columns are rounded to 3 decimals; DER columns are computed by
 *       {@link ShiftKernel}, the same code that recomputes them after a shift.</li>
 * </ul>
 */
public final class DemoGenerator {

    public static final List<String> PROCESSES = List.of("htautau", "ztautau", "ttbar", "diboson");
    private static final double[] EVENT_FRACTION = {0.336, 0.634, 0.026, 0.004};
    /** Sum of weights per process at 10 fb^-1 (the FAIR Universe challenge's yields). */
    public static final double[] YIELD = {1.0e3, 1.0e6, 4.1e4, 6.3e3};
    private static final double MZ = 91.19;
    private static final double GZ = 2.50;
    private static final double MH = 125.1;
    private static final double MTAU = 1.777;

    private DemoGenerator() {
    }

    /** The 28 event features the generator writes: every PRI column, then every DER column. */
    public static final List<String> FEATURES = features();

    private static List<String> features() {
        List<String> f = new ArrayList<>(Pri.ALL);
        for (DerivedQuantity q : DerivedQuantity.values()) {
            f.add(q.column());
        }
        return List.copyOf(f);
    }

    /** Names of the truth columns {@link #generate(int, long, boolean)} adds: what the generator knows before resolution. */
    public static final List<String> TRUTH_COLUMNS = List.of("TRUTH_met", "TRUTH_boson_pt");

    public static EventTable generate(int events, long seed) {
        return generate(events, seed, false);
    }

    /**
     * The same events as {@link #generate(int, long)} (identical values; the truth is recorded without
     * extra random draws), optionally with the truth columns: TRUTH_met, the neutrinos' summed pT before
     * the MET resolution, and TRUTH_boson_pt, the pT of the tau pair (lepton + hadron + neutrinos), in GeV.
     */
    public static EventTable generate(int events, long seed, boolean truth) {
        if (events < 1) {
            throw new IllegalArgumentException("events must be >= 1, got " + events);
        }
        int n = events;
        float[][] pri = new float[Pri.ALL.size()][n];
        float[] w = new float[n];
        byte[] proc = new byte[n];
        float[][] truthValues = truth ? new float[TRUTH_COLUMNS.size()][n] : null;
        Parallel.forEachChunk(n, (chunk, from, to) -> {
            SplittableRandom rng = new SplittableRandom(PreparedEvents.SplitMix.mix(seed * 31 + chunk + 1));
            Sampler s = new Sampler(rng, truthValues);
            for (int i = from; i < to; i++) {
                s.event(i, pri, w, proc);
            }
        });
        double[] sums = new double[PROCESSES.size()];
        for (int i = 0; i < n; i++) {
            sums[proc[i]] += w[i];
        }
        for (int i = 0; i < n; i++) {
            w[i] = (float) (w[i] * YIELD[proc[i]] / sums[proc[i]]);
        }
        float[] labels = new float[n];
        for (int i = 0; i < n; i++) {
            labels[i] = proc[i] == 0 ? 1f : 0f;
        }
        Map<String, float[]> numeric = new LinkedHashMap<>();
        List<String> order = new ArrayList<>();
        for (int c = 0; c < Pri.ALL.size(); c++) {
            numeric.put(Pri.ALL.get(c), pri[c]);
            order.add(Pri.ALL.get(c));
        }
        numeric.put("weights", w);
        order.add("weights");
        order.add("detailed_labels");
        numeric.put("labels", labels);
        order.add("labels");
        for (DerivedQuantity q : DerivedQuantity.values()) {
            numeric.put(q.column(), new float[n]);
            order.add(q.column());
        }
        for (int t = 0; truth && t < TRUTH_COLUMNS.size(); t++) {
            numeric.put(TRUTH_COLUMNS.get(t), truthValues[t]);
            order.add(TRUTH_COLUMNS.get(t));
        }
        EventTable table = new EventTable(n, order, numeric,
                Map.of("detailed_labels", new EventTable.Categorical(proc, PROCESSES)), "weights", "detailed_labels");
        return Systematics.withRecomputedDerived(table);
    }

    /** Per-chunk sampling state. */
    private static final class Sampler {
        private final SplittableRandom rng;
        private final float[][] truth;
        private final double[] jetPt = new double[8];
        private final double[] vis = new double[6];
        private final double[] nu = new double[2];
        private final double[] tau1 = new double[4];
        private final double[] tau2 = new double[4];

        Sampler(SplittableRandom rng, float[][] truth) {
            this.rng = rng;
            this.truth = truth;
        }

        void event(int i, float[][] pri, float[] w, byte[] proc) {
            double u = rng.nextDouble();
            int p = 0;
            double acc = EVENT_FRACTION[0];
            while (u >= acc && p < EVENT_FRACTION.length - 1) {
                p++;
                acc += EVENT_FRACTION[p];
            }
            proc[i] = (byte) p;
            double weight = 1 + 0.1 * rng.nextGaussian();
            if (p == 2 && rng.nextDouble() < 0.03) {
                weight = -weight;
            }
            w[i] = (float) weight;

            int nj = jetMultiplicity(p);
            double jetMean = switch (p) {
                case 0 -> 45;
                case 2 -> 60;
                default -> 30;
            };
            for (int k = 0; k < nj; k++) {
                jetPt[k] = 20 + exp(jetMean);
            }
            java.util.Arrays.sort(jetPt, 0, nj);
            double j1pt = nj > 0 ? jetPt[nj - 1] : -25;
            double j2pt = nj > 1 ? jetPt[nj - 2] : -25;
            double all = 0;
            for (int k = 0; k < nj; k++) {
                all += jetPt[k];
            }
            double j1eta = -25, j1phi = -25, j2eta = -25, j2phi = -25;
            boolean vbf = p == 0 && nj >= 2 && rng.nextDouble() < 0.4;
            if (nj > 0) {
                j1eta = vbf ? (rng.nextBoolean() ? 1 : -1) * (1.5 + 3 * rng.nextDouble()) : jetEta();
                j1phi = phi();
            }
            if (nj > 1) {
                j2eta = vbf ? -Math.signum(j1eta) * (1.5 + 3 * rng.nextDouble()) : jetEta();
                j2phi = phi();
            }
            double jx = 0, jy = 0;
            if (nj > 0) {
                jx += j1pt * Math.cos(j1phi);
                jy += j1pt * Math.sin(j1phi);
            }
            if (nj > 1) {
                jx += j2pt * Math.cos(j2phi);
                jy += j2pt * Math.sin(j2phi);
            }

            double[] vis = this.vis;
            double[] nu = this.nu;
            if (p <= 1) {
                resonance(p == 0 ? MH : 0, -jx + 8 * rng.nextGaussian(), -jy + 8 * rng.nextGaussian(), vis, nu);
            } else {
                continuum(p, vis, nu);
            }
            double metx = nu[0] + 10 * rng.nextGaussian();
            double mety = nu[1] + 10 * rng.nextGaussian();
            if (truth != null) {
                truth[0][i] = (float) Math.hypot(nu[0], nu[1]);
                double px = vis[0] * Math.cos(vis[2]) + vis[3] * Math.cos(vis[5]) + nu[0];
                double py = vis[0] * Math.sin(vis[2]) + vis[3] * Math.sin(vis[5]) + nu[1];
                truth[1][i] = (float) Math.hypot(px, py);
            }

            set(pri, Pri.LEP_PT, i, vis[0]);
            set(pri, Pri.LEP_ETA, i, vis[1]);
            set(pri, Pri.LEP_PHI, i, vis[2]);
            set(pri, Pri.HAD_PT, i, vis[3]);
            set(pri, Pri.HAD_ETA, i, vis[4]);
            set(pri, Pri.HAD_PHI, i, vis[5]);
            set(pri, Pri.JET1_PT, i, j1pt);
            set(pri, Pri.JET1_ETA, i, j1eta);
            set(pri, Pri.JET1_PHI, i, j1phi);
            set(pri, Pri.JET2_PT, i, j2pt);
            set(pri, Pri.JET2_ETA, i, j2eta);
            set(pri, Pri.JET2_PHI, i, j2phi);
            set(pri, Pri.N_JETS, i, nj);
            set(pri, Pri.JET_ALL_PT, i, all);
            set(pri, Pri.MET, i, Math.sqrt(metx * metx + mety * mety));
            set(pri, Pri.MET_PHI, i, Math.atan2(mety, metx));
        }

        private static void set(float[][] pri, String column, int i, double v) {
            pri[Pri.ALL.indexOf(column)][i] = (float) ShiftKernel.round3(v);
        }

        private int jetMultiplicity(int p) {
            double[] probs = switch (p) {
                case 0 -> new double[] {0.35, 0.35, 0.2, 0.1};
                case 1 -> new double[] {0.6, 0.28, 0.09, 0.03};
                case 2 -> new double[] {0.02, 0.1, 0.3, 0.3, 0.18, 0.1};
                default -> new double[] {0.5, 0.3, 0.15, 0.05};
            };
            double u = rng.nextDouble();
            int k = 0;
            double acc = probs[0];
            while (u >= acc && k < probs.length - 1) {
                k++;
                acc += probs[k];
            }
            return k;
        }

        /** A Z (mass 0 = Breit-Wigner Z) or H decaying to tau_lep tau_had; fills vis and nu. */
        private void resonance(double fixedMass, double bx, double by, double[] vis, double[] nu) {
            double m;
            do {
                m = fixedMass > 0 ? fixedMass : MZ + 0.5 * GZ * Math.tan(Math.PI * (rng.nextDouble() - 0.5));
            } while (m < 60 || m > 130);
            for (int attempt = 0; ; attempt++) {
                double y = 1.2 * rng.nextGaussian();
                double pt2 = bx * bx + by * by;
                double mt = Math.sqrt(m * m + pt2);
                double ey = Math.exp(y);
                double e = mt * 0.5 * (ey + 1 / ey);
                double pz = mt * 0.5 * (ey - 1 / ey);
                double pstar = Math.sqrt(m * m / 4 - MTAU * MTAU);
                double cost = 2 * rng.nextDouble() - 1;
                double sint = Math.sqrt(1 - cost * cost);
                double ph = phi();
                double tx = pstar * sint * Math.cos(ph);
                double ty = pstar * sint * Math.sin(ph);
                double tz = pstar * cost;
                double te = m / 2;
                // boost both taus from the resonance rest frame to the lab
                double[] t1 = boost(te, tx, ty, tz, e, bx, by, pz, m, tau1);
                double[] t2 = boost(te, -tx, -ty, -tz, e, bx, by, pz, m, tau2);
                double xl = kumaraswamy(2, 1.6);
                double xh = kumaraswamy(3, 1.3);
                if (fill(t1[1] * xl, t1[2] * xl, t1[3] * xl, vis, 0)
                        && fill(t2[1] * xh, t2[2] * xh, t2[3] * xh, vis, 3)) {
                    nu[0] = t1[1] * (1 - xl) + t2[1] * (1 - xh);
                    nu[1] = t1[2] * (1 - xl) + t2[2] * (1 - xh);
                    return;
                }
                if (attempt > 200) {
                    // a boson too soft to give two visible objects above threshold: give it a kick
                    bx += 10 * rng.nextGaussian();
                    by += 10 * rng.nextGaussian();
                    attempt = 0;
                }
            }
        }

        private void continuum(int p, double[] vis, double[] nu) {
            double lpt = 20 + exp(p == 2 ? 35 : 30);
            double hpt = 20 + exp(p == 2 ? 40 : 30);
            double lphi = phi();
            double hphi = p == 2 ? phi() : wrap(lphi + Math.PI + 0.8 * rng.nextGaussian());
            vis[0] = lpt;
            vis[1] = leptonEta();
            vis[2] = lphi;
            vis[3] = hpt;
            vis[4] = leptonEta();
            vis[5] = hphi;
            double npt = p == 2 ? 20 + exp(50) : 10 + exp(30);
            double nphi = phi();
            nu[0] = npt * Math.cos(nphi);
            nu[1] = npt * Math.sin(nphi);
        }

        /** Stores a massless visible object at offset if it has pT > 20 and |eta| < 2.5. */
        private static boolean fill(double px, double py, double pz, double[] vis, int offset) {
            double pt = Math.sqrt(px * px + py * py);
            if (pt <= 20) {
                return false;
            }
            double eta = org.hipparchus.util.FastMath.asinh(pz / pt);
            if (Math.abs(eta) >= 2.5) {
                return false;
            }
            vis[offset] = pt;
            vis[offset + 1] = eta;
            vis[offset + 2] = Math.atan2(py, px);
            return true;
        }

        /** Lorentz boost of (e, px, py, pz) by the four-momentum (E, Px, Py, Pz) of mass m. */
        private static double[] boost(double e, double px, double py, double pz,
                                      double bigE, double bx, double by, double bz, double m, double[] out) {
            double bp = (bx * px + by * py + bz * pz) / m;
            double k = (e + bp / (bigE / m + 1)) / m;
            out[0] = (bigE * e + bx * px + by * py + bz * pz) / m;
            out[1] = px + k * bx;
            out[2] = py + k * by;
            out[3] = pz + k * bz;
            return out;
        }

        private double kumaraswamy(double a, double b) {
            return Math.pow(1 - Math.pow(1 - rng.nextDouble(), 1 / b), 1 / a);
        }

        private double exp(double mean) {
            return -mean * Math.log(1 - rng.nextDouble());
        }

        private double phi() {
            return Math.PI * (2 * rng.nextDouble() - 1);
        }

        private double jetEta() {
            double eta;
            do {
                eta = 2 * rng.nextGaussian();
            } while (Math.abs(eta) > 4.5);
            return eta;
        }

        private double leptonEta() {
            double eta;
            do {
                eta = 1.2 * rng.nextGaussian();
            } while (Math.abs(eta) >= 2.5);
            return eta;
        }

        private static double wrap(double a) {
            return a - 2 * Math.PI * Math.floor((a + Math.PI) / (2 * Math.PI));
        }
    }
}
