package org.nuisance.engine.higgsml;

import java.util.ArrayList;
import java.util.List;
import org.nuisance.engine.hist.Axis;
import org.nuisance.engine.hist.ProcessHistograms;
import org.nuisance.engine.util.Parallel;

/**
 * The FAIR Universe systematics as an event kernel over {@link PreparedEvents}: applies tes, jes and
 * soft_met to the PRI quantities, the post-shift cuts, the 3-decimal rounding, and recomputes the DER
 * quantities (../shared/reference/HIGGSML.md, steps 1-7). One event at a time in double precision,
 * plain Java over columnar arrays, on all cores, with no allocation in the loops. Only the quantities a
 * caller asks for are computed: a histogram of DER_mass_vis never touches the MET.
 */
public final class ShiftKernel {

    /** Undefined value written for DER quantities of events with too few jets. */
    static final float UNDEF = -25f;
    private static final double COS_UNDEF = (float) Math.cos(UNDEF);
    private static final double SIN_UNDEF = (float) Math.sin(UNDEF);
    private static final double SINH_UNDEF = (float) Math.sinh(UNDEF);
    private static final double COSH_UNDEF = (float) Math.cosh(UNDEF);
    private static final double TWO_PI = 2 * Math.PI;
    private static final DerivedQuantity[] QUANTITIES = DerivedQuantity.values();

    /** Column codes: 0-11 the DER quantities (by ordinal), 16-31 the PRI columns (16 + index in Pri.ALL). */
    private static final int PRI_BASE = 16;
    private static final int PASSTHROUGH = -1;

    private final PreparedEvents ev;
    private final int nproc;
    private double[][] partialW = new double[0][];
    private double[][] partialW2 = new double[0][];

    public ShiftKernel(PreparedEvents events) {
        this.ev = events;
        this.nproc = events.table.processNames().size();
    }

    public PreparedEvents events() {
        return ev;
    }

    /**
     * Fills one histogram per process with the column's values after the shifts, for the events that
     * pass the cuts, weighted by their weight times the process's normalisation factor. Not thread-safe
     * (it reuses its partial-sum buffers); use one kernel per thread.
     */
    public ProcessHistograms fill(String column, Axis axis, NuisanceValues np, long softSeed) {
        int code = code(column);
        float[] passthrough = code == PASSTHROUGH ? ev.table.column(column) : null;
        boolean needMet = needsMet(code);
        float[][] soft = np.softMet() > 0 ? ev.softNormals(softSeed) : null;
        int stride = axis.bins() + 2;
        int chunks = Parallel.chunks(ev.n);
        ensureBuffers(chunks, nproc * stride);
        double[] factor = processFactors(np);
        double tes = np.tes();
        double jes = np.jes();
        double softMet = np.softMet();
        Parallel.forEachChunk(ev.n, (chunk, from, to) -> {
            double[] w = partialW[chunk];
            double[] w2 = partialW2[chunk];
            java.util.Arrays.fill(w, 0, nproc * stride, 0);
            java.util.Arrays.fill(w2, 0, nproc * stride, 0);
            State s = new State();
            for (int i = from; i < to; i++) {
                if (!s.shift(ev, i, tes, jes, softMet, soft, needMet)) {
                    continue;
                }
                double x = passthrough != null ? passthrough[i] : s.value(ev, i, code);
                int p = ev.process[i];
                double wt = ev.weights[i] * factor[p];
                int k = p * stride + axis.index(x);
                w[k] += wt;
                w2[k] += wt * wt;
            }
        });
        double[][] sumw = new double[nproc][stride];
        double[][] sumw2 = new double[nproc][stride];
        for (int c = 0; c < chunks; c++) {
            for (int p = 0; p < nproc; p++) {
                for (int b = 0; b < stride; b++) {
                    sumw[p][b] += partialW[c][p * stride + b];
                    sumw2[p][b] += partialW2[c][p * stride + b];
                }
            }
        }
        return ProcessHistograms.of(column, axis, ev.table.processNames(), sumw, sumw2);
    }

    /**
     * Applies the shifts to every event and writes, for each, whether it passes the cuts, the 16 PRI
     * columns (rounded as the challenge rounds them) and the 12 DER columns (float32). Outputs are indexed
     * by input event; arrays are [16][n] and [12][n], owned and reused by the caller.
     */
    public void computeAll(NuisanceValues np, long softSeed, boolean[] pass, float[][] pri, float[][] der) {
        float[][] soft = np.softMet() > 0 ? ev.softNormals(softSeed) : null;
        double tes = np.tes();
        double jes = np.jes();
        double softMet = np.softMet();
        Parallel.forEachChunk(ev.n, (chunk, from, to) -> {
            State s = new State();
            for (int i = from; i < to; i++) {
                pass[i] = s.shift(ev, i, tes, jes, softMet, soft, true);
                if (pass[i]) {
                    s.writeAll(ev, i, pri, der);
                }
            }
        });
    }

    /** Recomputes the 12 DER columns from the PRI columns as stored: no shift and no cuts. */
    public void recomputeDerived(float[][] der) {
        float[][] pri = new float[Pri.ALL.size()][ev.n];
        Parallel.forEachChunk(ev.n, (chunk, from, to) -> {
            State s = new State();
            for (int i = from; i < to; i++) {
                s.loadAsStored(ev, i);
                s.writeAll(ev, i, pri, der);
            }
        });
    }

    private void ensureBuffers(int chunks, int size) {
        if (partialW.length < chunks || partialW[0].length < size) {
            partialW = new double[chunks][size];
            partialW2 = new double[chunks][size];
        }
    }

    private double[] processFactors(NuisanceValues np) {
        List<String> names = ev.table.processNames();
        double[] f = new double[names.size()];
        for (int p = 0; p < f.length; p++) {
            f[p] = np.weightFactor(names.get(p));
        }
        return f;
    }

    /** Whether a column is changed by the shape parameters (a DER or PRI column); others pass through. */
    public static boolean isShifted(String column) {
        return code(column) != PASSTHROUGH;
    }

    static int code(String column) {
        DerivedQuantity d = DerivedQuantity.byColumn(column);
        if (d != null) {
            return d.ordinal();
        }
        int p = Pri.ALL.indexOf(column);
        return p >= 0 ? PRI_BASE + p : PASSTHROUGH;
    }

    private static boolean needsMet(int code) {
        if (code >= 0 && code < PRI_BASE) {
            return QUANTITIES[code].needsMet();
        }
        return code == PRI_BASE + Pri.ALL.indexOf(Pri.MET) || code == PRI_BASE + Pri.ALL.indexOf(Pri.MET_PHI);
    }

    /** All shiftable column names: the PRI columns then the DER columns. */
    public static List<String> shiftedColumns() {
        List<String> out = new ArrayList<>(Pri.ALL);
        for (DerivedQuantity d : DerivedQuantity.values()) {
            out.add(d.column());
        }
        return out;
    }

    static double round3(double x) {
        return Math.rint(x * 1000.0) / 1000.0;
    }

    /** One event's shifted PRI quantities; a scratch object reused across the events of a chunk. */
    static final class State {
        float had;
        float j1;
        float j2;
        float jetAll;
        float met;
        float metPhi;
        int nJets;
        boolean j1Removed;
        boolean j2Removed;
        double metCos;
        double metSin;

        /** Steps 1-6 of the specification; returns false if the event fails the cuts. */
        boolean shift(PreparedEvents ev, int i, double tes, double jes, double softMet, float[][] soft, boolean needMet) {
            double had0 = ev.hadPt[i];
            double hadNew = had0 * tes;
            had = (float) round3(hadNew);
            if (had < 26f || ev.lepPt[i] < 20f) {
                return false;
            }
            nJets = (int) ev.nJets[i];
            double j10 = ev.j1Pt[i];
            double j20 = ev.j2Pt[i];
            double j1New = nJets > 0 ? j10 * jes : j10;
            double j2New = nJets > 1 ? j20 * jes : j20;
            j1 = (float) round3(j1New);
            j2 = (float) round3(j2New);
            jetAll = (float) round3(ev.jetAllPt[i] * jes);
            if (needMet) {
                if (tes == 1.0 && jes == 1.0 && soft == null) {
                    met = ev.met[i];
                    metPhi = ev.metPhi[i];
                    metCos = ev.metCos[i];
                    metSin = ev.metSin[i];
                } else {
                    double mx = ev.met[i] * (double) ev.metCos[i];
                    double my = ev.met[i] * (double) ev.metSin[i];
                    double dHad = had0 - hadNew;
                    mx += dHad * ev.hadCos[i];
                    my += dHad * ev.hadSin[i];
                    if (nJets > 0) {
                        mx += (j10 - j1New) * ev.j1Cos[i];
                        my += (j10 - j1New) * ev.j1Sin[i];
                    }
                    if (nJets > 1) {
                        mx += (j20 - j2New) * ev.j2Cos[i];
                        my += (j20 - j2New) * ev.j2Sin[i];
                    }
                    if (soft != null) {
                        mx += softMet * soft[0][i];
                        my += softMet * soft[1][i];
                    }
                    double r = Math.sqrt(mx * mx + my * my);
                    double phi = Math.atan2(my, mx);
                    met = (float) round3(r);
                    metPhi = (float) round3(phi);
                    if (r > 0) {
                        // cos, sin of the rounded angle from those of the exact one: |d| <= 5e-4, so the
                        // series to d^4 is exact in double and saves two calls per event
                        double d = metPhi - phi;
                        double d2 = d * d;
                        double cd = 1 - d2 * (0.5 - d2 / 24);
                        double sd = d * (1 - d2 / 6);
                        double c = mx / r;
                        double sn = my / r;
                        metCos = c * cd - sn * sd;
                        metSin = sn * cd + c * sd;
                    } else {
                        metCos = Math.cos(metPhi);
                        metSin = Math.sin(metPhi);
                    }
                }
            }
            j2Removed = j2 >= 0f && j2 <= 26f;
            if (j2Removed) {
                jetAll = jetAll - j2;
                j2 = UNDEF;
                nJets--;
            }
            j1Removed = j1 >= 0f && j1 <= 26f;
            if (j1Removed) {
                jetAll = jetAll - j1;
                j1 = UNDEF;
                nJets--;
            }
            return true;
        }

        /** The event's PRI quantities as stored, with no shift and no cuts. */
        void loadAsStored(PreparedEvents ev, int i) {
            had = ev.hadPt[i];
            j1 = ev.j1Pt[i];
            j2 = ev.j2Pt[i];
            jetAll = ev.jetAllPt[i];
            nJets = (int) ev.nJets[i];
            met = ev.met[i];
            metPhi = ev.metPhi[i];
            metCos = ev.metCos[i];
            metSin = ev.metSin[i];
            j1Removed = false;
            j2Removed = false;
        }

        void writeAll(PreparedEvents ev, int i, float[][] pri, float[][] der) {
            for (int c = 0; c < pri.length; c++) {
                pri[c][i] = (float) value(ev, i, PRI_BASE + c);
            }
            for (DerivedQuantity q : QUANTITIES) {
                der[q.ordinal()][i] = (float) derived(ev, i, q);
            }
        }

        double value(PreparedEvents ev, int i, int code) {
            if (code < PRI_BASE) {
                return derived(ev, i, QUANTITIES[code]);
            }
            return switch (code - PRI_BASE) {
                case 0 -> ev.lepPt[i];
                case 1 -> ev.lepEta[i];
                case 2 -> ev.lepPhi[i];
                case 3 -> had;
                case 4 -> ev.hadEta[i];
                case 5 -> ev.hadPhi[i];
                case 6 -> j1;
                case 7 -> j1Removed ? UNDEF : ev.j1Eta[i];
                case 8 -> j1Removed ? UNDEF : ev.j1Phi[i];
                case 9 -> j2;
                case 10 -> j2Removed ? UNDEF : ev.j2Eta[i];
                case 11 -> j2Removed ? UNDEF : ev.j2Phi[i];
                case 12 -> nJets;
                case 13 -> jetAll;
                case 14 -> met;
                case 15 -> metPhi;
                default -> throw new IllegalStateException("column code " + code);
            };
        }

        /** Step 7: one DER quantity from the shifted PRI quantities (massless four-vectors). */
        double derived(PreparedEvents ev, int i, DerivedQuantity q) {
            double lepPt = ev.lepPt[i];
            switch (q) {
                case MASS_TRANSVERSE_MET_LEP: {
                    double mx = met * metCos;
                    double my = met * metSin;
                    double lx = lepPt * ev.lepCos[i];
                    double ly = lepPt * ev.lepSin[i];
                    double a = (met + lepPt) * (met + lepPt) - (mx + lx) * (mx + lx) - (my + ly) * (my + ly);
                    return Math.sqrt(Math.max(0, a));
                }
                case MASS_VIS: {
                    double e = lepPt * ev.lepCosh[i] + had * (double) ev.hadCosh[i];
                    double px = lepPt * ev.lepCos[i] + had * (double) ev.hadCos[i];
                    double py = lepPt * ev.lepSin[i] + had * (double) ev.hadSin[i];
                    double pz = lepPt * ev.lepSinh[i] + had * (double) ev.hadSinh[i];
                    return Math.sqrt(Math.max(0, e * e - px * px - py * py - pz * pz));
                }
                case PT_H: {
                    double px = had * (double) ev.hadCos[i] + lepPt * ev.lepCos[i] + met * metCos;
                    double py = had * (double) ev.hadSin[i] + lepPt * ev.lepSin[i] + met * metSin;
                    return Math.sqrt(px * px + py * py);
                }
                case DELTAETA_JET_JET:
                    return nJets >= 2 ? Math.abs(jetEta2(ev, i) - jetEta1(ev, i)) : UNDEF;
                case MASS_JET_JET: {
                    if (nJets < 2) {
                        return UNDEF;
                    }
                    double e = j1 * jet1Cosh(ev, i) + j2 * jet2Cosh(ev, i);
                    double px = j1 * jet1Cos(ev, i) + j2 * jet2Cos(ev, i);
                    double py = j1 * jet1Sin(ev, i) + j2 * jet2Sin(ev, i);
                    double pz = j1 * jet1Sinh(ev, i) + j2 * jet2Sinh(ev, i);
                    return Math.sqrt(Math.max(0, e * e - px * px - py * py - pz * pz));
                }
                case PRODETA_JET_JET:
                    return nJets >= 2 ? jetEta1(ev, i) * jetEta2(ev, i) : UNDEF;
                case DELTAR_HAD_LEP: {
                    double deta = ev.lepEta[i] - (double) ev.hadEta[i];
                    double x = ev.lepPhi[i] - (double) ev.hadPhi[i] + 3 * Math.PI;
                    double dphi = Math.abs(x - TWO_PI * Math.floor(x / TWO_PI) - Math.PI);
                    return Math.sqrt(deta * deta + dphi * dphi);
                }
                case PT_TOT: {
                    double px = had * (double) ev.hadCos[i] + lepPt * ev.lepCos[i] + met * metCos;
                    double py = had * (double) ev.hadSin[i] + lepPt * ev.lepSin[i] + met * metSin;
                    if (nJets >= 1) {
                        px += j1 * jet1Cos(ev, i);
                        py += j1 * jet1Sin(ev, i);
                    }
                    if (nJets >= 2) {
                        px += j2 * jet2Cos(ev, i);
                        py += j2 * jet2Sin(ev, i);
                    }
                    return Math.sqrt(px * px + py * py);
                }
                case SUM_PT:
                    return (double) had + lepPt + jetAll;
                case PT_RATIO_LEP_HAD:
                    return lepPt / had;
                case MET_PHI_CENTRALITY: {
                    // sines of angle differences from the stored cos/sin (exactly 0 for equal angles)
                    double sl = ev.lepSin[i];
                    double cl = ev.lepCos[i];
                    double sh = ev.hadSin[i];
                    double ch = ev.hadCos[i];
                    double s = Math.signum(sh * cl - ch * sl);
                    double a = (metSin * cl - metCos * sl) * s;
                    double b = (sh * metCos - ch * metSin) * s;
                    double den = Math.sqrt(a * a + b * b);
                    return den != 0 ? (a + b) / den : metPhiCentrality(ev.lepPhi[i], ev.hadPhi[i]);
                }
                case LEP_ETA_CENTRALITY: {
                    if (nJets < 2) {
                        return UNDEF;
                    }
                    double eta1 = jetEta1(ev, i);
                    double eta2 = jetEta2(ev, i);
                    double d = (eta1 - eta2) * (eta1 - eta2);
                    if (d == 0) {
                        d = 1e-4;
                    }
                    double m = ev.lepEta[i] - (eta1 + eta2) / 2;
                    return Math.exp(-4 / d * m * m);
                }
                default:
                    throw new IllegalStateException(q.toString());
            }
        }

        private double metPhiCentrality(double lepPhi, double hadPhi) {
            double c = centrality(metPhi, lepPhi, hadPhi);
            if (Double.isNaN(c)) {
                c = centrality(metPhi, lepPhi + 1e-4, hadPhi);
            }
            return Double.isNaN(c) ? UNDEF : c;
        }

        /** (A + B) / sqrt(A^2 + B^2), or NaN where the denominator is zero. */
        private static double centrality(double met, double lep, double had) {
            double s = Math.signum(Math.sin(had - lep));
            double a = Math.sin(met - lep) * s;
            double b = Math.sin(had - met) * s;
            double den = Math.sqrt(a * a + b * b);
            return den == 0 ? Double.NaN : (a + b) / den;
        }

        private double jetEta1(PreparedEvents ev, int i) {
            return j1Removed ? UNDEF : ev.j1Eta[i];
        }

        private double jetEta2(PreparedEvents ev, int i) {
            return j2Removed ? UNDEF : ev.j2Eta[i];
        }

        private double jet1Cos(PreparedEvents ev, int i) {
            return j1Removed ? COS_UNDEF : ev.j1Cos[i];
        }

        private double jet1Sin(PreparedEvents ev, int i) {
            return j1Removed ? SIN_UNDEF : ev.j1Sin[i];
        }

        private double jet1Sinh(PreparedEvents ev, int i) {
            return j1Removed ? SINH_UNDEF : ev.j1Sinh[i];
        }

        private double jet1Cosh(PreparedEvents ev, int i) {
            return j1Removed ? COSH_UNDEF : ev.j1Cosh[i];
        }

        private double jet2Cos(PreparedEvents ev, int i) {
            return j2Removed ? COS_UNDEF : ev.j2Cos[i];
        }

        private double jet2Sin(PreparedEvents ev, int i) {
            return j2Removed ? SIN_UNDEF : ev.j2Sin[i];
        }

        private double jet2Sinh(PreparedEvents ev, int i) {
            return j2Removed ? SINH_UNDEF : ev.j2Sinh[i];
        }

        private double jet2Cosh(PreparedEvents ev, int i) {
            return j2Removed ? COSH_UNDEF : ev.j2Cosh[i];
        }
    }
}
