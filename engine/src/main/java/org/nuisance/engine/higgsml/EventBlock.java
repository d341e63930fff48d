package org.nuisance.engine.higgsml;

/**
 * The kernel proper for a block of consecutive events: the shifts of the FAIR Universe systematics on the
 * PRI quantities, the post-shift cuts and the rounding (../shared/reference/HIGGSML.md, steps 1-6), and the
 * DER quantities from the shifted PRI quantities (step 7), in double precision. Each step is its own loop
 * over the block and reads only the few columns it needs. Scratch owned by one chunk of one
 * {@link ShiftKernel}; no allocation per event.
 */
final class EventBlock {

    /** Undefined value written for DER quantities of events with too few jets. */
    static final float UNDEF = -25f;
    private static final double COS_UNDEF = (float) Math.cos(UNDEF);
    private static final double SIN_UNDEF = (float) Math.sin(UNDEF);
    private static final double SINH_UNDEF = (float) Math.sinh(UNDEF);
    private static final double COSH_UNDEF = (float) Math.cosh(UNDEF);
    private static final double TWO_PI = 2 * Math.PI;
    private static final DerivedQuantity[] QUANTITIES = DerivedQuantity.values();

    /** Column codes: 0-11 the DER quantities (by ordinal), 16-31 the PRI columns (16 + index in Pri.ALL). */
    static final int PRI_BASE = 16;

    static final int SIZE = 512;

    final boolean[] pass = new boolean[SIZE];
    final float[] had = new float[SIZE];
    final float[] j1 = new float[SIZE];
    final float[] j2 = new float[SIZE];
    final float[] jetAll = new float[SIZE];
    final float[] met = new float[SIZE];
    final float[] metPhi = new float[SIZE];
    final int[] nJets = new int[SIZE];
    final boolean[] j1Removed = new boolean[SIZE];
    final boolean[] j2Removed = new boolean[SIZE];
    final double[] metCos = new double[SIZE];
    final double[] metSin = new double[SIZE];
    final double[] value = new double[SIZE];

    /** Steps 1-6 of the specification for events [s, s + len). */
    void shift(PreparedEvents ev, int s, int len, double tes, double jes, double softMet, float[][] soft,
               boolean needMet) {
        shift(ev, s, len, tes, jes, softMet, soft, needMet, true);
    }

    /**
     * Steps 1-6; without needJets only the tau, the cuts and (with needMet) the MET: the jets' shift and
     * cuts change neither the cuts' outcome nor the MET (which absorbs the jets' change before their cuts),
     * so a column that reads no jet (DER_mass_vis, the MET columns) skips them.
     */
    void shift(PreparedEvents ev, int s, int len, double tes, double jes, double softMet, float[][] soft,
               boolean needMet, boolean needJets) {
        if (!needJets) {
            float[] hadPt = ev.hadPt;
            float[] lepPt = ev.lepPt;
            for (int k = 0; k < len; k++) {
                int i = s + k;
                float h = (float) ShiftKernel.round3(hadPt[i] * tes);
                had[k] = h;
                pass[k] = !(h < 26f || lepPt[i] < 20f);
            }
            if (needMet) {
                shiftMet(ev, s, len, tes, jes, softMet, soft);
            }
            return;
        }
        float[] hadPt = ev.hadPt;
        float[] lepPt = ev.lepPt;
        float[] nj = ev.nJets;
        float[] j1Pt = ev.j1Pt;
        float[] j2Pt = ev.j2Pt;
        float[] allPt = ev.jetAllPt;
        for (int k = 0; k < len; k++) {
            int i = s + k;
            float h = (float) ShiftKernel.round3(hadPt[i] * tes);
            had[k] = h;
            pass[k] = !(h < 26f || lepPt[i] < 20f);
            int n = (int) nj[i];
            nJets[k] = n;
            j1[k] = (float) ShiftKernel.round3(n > 0 ? j1Pt[i] * jes : j1Pt[i]);
            j2[k] = (float) ShiftKernel.round3(n > 1 ? j2Pt[i] * jes : j2Pt[i]);
            jetAll[k] = (float) ShiftKernel.round3(allPt[i] * jes);
        }
        if (needMet) {
            shiftMet(ev, s, len, tes, jes, softMet, soft);
        }
        // step 6: the subleading jet first, then the leading one, "as if it never existed"
        for (int k = 0; k < len; k++) {
            boolean r2 = j2[k] >= 0f && j2[k] <= 26f;
            j2Removed[k] = r2;
            if (r2) {
                jetAll[k] = jetAll[k] - j2[k];
                j2[k] = UNDEF;
                nJets[k]--;
            }
            boolean r1 = j1[k] >= 0f && j1[k] <= 26f;
            j1Removed[k] = r1;
            if (r1) {
                jetAll[k] = jetAll[k] - j1[k];
                j1[k] = UNDEF;
                nJets[k]--;
            }
        }
    }

    /** Steps 2-5 for the MET: it absorbs the pT changes (before the jet cuts), then rounds. */
    private void shiftMet(PreparedEvents ev, int s, int len, double tes, double jes, double softMet,
                          float[][] soft) {
        if (tes == 1.0 && jes == 1.0 && soft == null) {
            for (int k = 0; k < len; k++) {
                met[k] = ev.met[s + k];
                metPhi[k] = ev.metPhi[s + k];
                metCos[k] = ev.metCos[s + k];
                metSin[k] = ev.metSin[s + k];
            }
            return;
        }
        float[] hadPt = ev.hadPt;
        float[] j1Pt = ev.j1Pt;
        float[] j2Pt = ev.j2Pt;
        float[] nj = ev.nJets;
        for (int k = 0; k < len; k++) {
            int i = s + k;
            double mx = ev.met[i] * (double) ev.metCos[i];
            double my = ev.met[i] * (double) ev.metSin[i];
            double dHad = hadPt[i] - hadPt[i] * tes;
            mx += dHad * ev.hadCos[i];
            my += dHad * ev.hadSin[i];
            int n = (int) nj[i];
            if (n > 0) {
                double d1 = j1Pt[i] - j1Pt[i] * jes;
                mx += d1 * ev.j1Cos[i];
                my += d1 * ev.j1Sin[i];
            }
            if (n > 1) {
                double d2 = j2Pt[i] - j2Pt[i] * jes;
                mx += d2 * ev.j2Cos[i];
                my += d2 * ev.j2Sin[i];
            }
            if (soft != null) {
                mx += softMet * soft[0][i];
                my += softMet * soft[1][i];
            }
            double r = Math.sqrt(mx * mx + my * my);
            double phi = Math.atan2(my, mx);
            met[k] = (float) ShiftKernel.round3(r);
            float phiR = (float) ShiftKernel.round3(phi);
            metPhi[k] = phiR;
            if (r > 0) {
                // cos, sin of the rounded angle from those of the exact one: |d| <= 5e-4, so the
                // series to d^4 is exact in double and saves two calls per event
                double d = phiR - phi;
                double d2 = d * d;
                double cd = 1 - d2 * (0.5 - d2 / 24);
                double sd = d * (1 - d2 / 6);
                double c = mx / r;
                double sn = my / r;
                metCos[k] = c * cd - sn * sd;
                metSin[k] = sn * cd + c * sd;
            } else {
                metCos[k] = Math.cos(phiR);
                metSin[k] = Math.sin(phiR);
            }
        }
    }

    /** The events' PRI quantities as stored, with no shift and no cuts. */
    void loadAsStored(PreparedEvents ev, int s, int len) {
        for (int k = 0; k < len; k++) {
            int i = s + k;
            pass[k] = true;
            had[k] = ev.hadPt[i];
            j1[k] = ev.j1Pt[i];
            j2[k] = ev.j2Pt[i];
            jetAll[k] = ev.jetAllPt[i];
            nJets[k] = (int) ev.nJets[i];
            met[k] = ev.met[i];
            metPhi[k] = ev.metPhi[i];
            metCos[k] = ev.metCos[i];
            metSin[k] = ev.metSin[i];
            j1Removed[k] = false;
            j2Removed[k] = false;
        }
    }

    void writeAll(PreparedEvents ev, int s, int len, float[][] pri, float[][] der) {
        if (pri != null) {
            for (int c = 0; c < pri.length; c++) {
                values(ev, s, len, PRI_BASE + c, value);
                float[] out = pri[c];
                for (int k = 0; k < len; k++) {
                    out[s + k] = (float) value[k];
                }
            }
        }
        for (DerivedQuantity q : QUANTITIES) {
            derived(ev, s, len, q, value);
            float[] out = der[q.ordinal()];
            for (int k = 0; k < len; k++) {
                out[s + k] = (float) value[k];
            }
        }
    }

    /** The column with the given code for the block's events, into out. */
    void values(PreparedEvents ev, int s, int len, int code, double[] out) {
        if (code < PRI_BASE) {
            derived(ev, s, len, QUANTITIES[code], out);
            return;
        }
        switch (code - PRI_BASE) {
            case 0 -> copy(ev.lepPt, s, len, out);
            case 1 -> copy(ev.lepEta, s, len, out);
            case 2 -> copy(ev.lepPhi, s, len, out);
            case 3 -> copy(had, 0, len, out);
            case 4 -> copy(ev.hadEta, s, len, out);
            case 5 -> copy(ev.hadPhi, s, len, out);
            case 6 -> copy(j1, 0, len, out);
            case 7 -> unlessRemoved(ev.j1Eta, j1Removed, s, len, out);
            case 8 -> unlessRemoved(ev.j1Phi, j1Removed, s, len, out);
            case 9 -> copy(j2, 0, len, out);
            case 10 -> unlessRemoved(ev.j2Eta, j2Removed, s, len, out);
            case 11 -> unlessRemoved(ev.j2Phi, j2Removed, s, len, out);
            case 12 -> {
                for (int k = 0; k < len; k++) {
                    out[k] = nJets[k];
                }
            }
            case 13 -> copy(jetAll, 0, len, out);
            case 14 -> copy(met, 0, len, out);
            case 15 -> copy(metPhi, 0, len, out);
            default -> throw new IllegalStateException("column code " + code);
        }
    }

    private static void copy(float[] src, int s, int len, double[] out) {
        for (int k = 0; k < len; k++) {
            out[k] = src[s + k];
        }
    }

    private static void unlessRemoved(float[] src, boolean[] removed, int s, int len, double[] out) {
        for (int k = 0; k < len; k++) {
            out[k] = removed[k] ? UNDEF : src[s + k];
        }
    }

    /** Step 7: one DER quantity for the block from the shifted PRI quantities (massless four-vectors). */
    void derived(PreparedEvents ev, int s, int len, DerivedQuantity q, double[] out) {
        float[] lepPt = ev.lepPt;
        switch (q) {
            case MASS_TRANSVERSE_MET_LEP -> {
                for (int k = 0; k < len; k++) {
                    int i = s + k;
                    double l = lepPt[i];
                    double m = met[k];
                    double mx = m * metCos[k] + l * ev.lepCos[i];
                    double my = m * metSin[k] + l * ev.lepSin[i];
                    double a = (m + l) * (m + l) - mx * mx - my * my;
                    out[k] = Math.sqrt(Math.max(0, a));
                }
            }
            case MASS_VIS -> {
                float[] lc = ev.lepCos;
                float[] ls = ev.lepSin;
                float[] lsh = ev.lepSinh;
                float[] lch = ev.lepCosh;
                float[] hc = ev.hadCos;
                float[] hs = ev.hadSin;
                float[] hsh = ev.hadSinh;
                float[] hch = ev.hadCosh;
                for (int k = 0; k < len; k++) {
                    int i = s + k;
                    double l = lepPt[i];
                    double h = had[k];
                    double e = l * lch[i] + h * hch[i];
                    double px = l * lc[i] + h * hc[i];
                    double py = l * ls[i] + h * hs[i];
                    double pz = l * lsh[i] + h * hsh[i];
                    out[k] = Math.sqrt(Math.max(0, e * e - px * px - py * py - pz * pz));
                }
            }
            case PT_H -> {
                for (int k = 0; k < len; k++) {
                    int i = s + k;
                    double px = had[k] * (double) ev.hadCos[i] + lepPt[i] * (double) ev.lepCos[i] + met[k] * metCos[k];
                    double py = had[k] * (double) ev.hadSin[i] + lepPt[i] * (double) ev.lepSin[i] + met[k] * metSin[k];
                    out[k] = Math.sqrt(px * px + py * py);
                }
            }
            case DELTAETA_JET_JET -> {
                for (int k = 0; k < len; k++) {
                    out[k] = nJets[k] >= 2 ? Math.abs(eta2(ev, s, k) - eta1(ev, s, k)) : UNDEF;
                }
            }
            case MASS_JET_JET -> {
                for (int k = 0; k < len; k++) {
                    if (nJets[k] < 2) {
                        out[k] = UNDEF;
                        continue;
                    }
                    int i = s + k;
                    boolean r1 = j1Removed[k];
                    boolean r2 = j2Removed[k];
                    double a = j1[k];
                    double b = j2[k];
                    double e = a * (r1 ? COSH_UNDEF : ev.j1Cosh[i]) + b * (r2 ? COSH_UNDEF : ev.j2Cosh[i]);
                    double px = a * (r1 ? COS_UNDEF : ev.j1Cos[i]) + b * (r2 ? COS_UNDEF : ev.j2Cos[i]);
                    double py = a * (r1 ? SIN_UNDEF : ev.j1Sin[i]) + b * (r2 ? SIN_UNDEF : ev.j2Sin[i]);
                    double pz = a * (r1 ? SINH_UNDEF : ev.j1Sinh[i]) + b * (r2 ? SINH_UNDEF : ev.j2Sinh[i]);
                    out[k] = Math.sqrt(Math.max(0, e * e - px * px - py * py - pz * pz));
                }
            }
            case PRODETA_JET_JET -> {
                for (int k = 0; k < len; k++) {
                    out[k] = nJets[k] >= 2 ? eta1(ev, s, k) * eta2(ev, s, k) : UNDEF;
                }
            }
            case DELTAR_HAD_LEP -> {
                for (int k = 0; k < len; k++) {
                    int i = s + k;
                    double deta = ev.lepEta[i] - (double) ev.hadEta[i];
                    double x = ev.lepPhi[i] - (double) ev.hadPhi[i] + 3 * Math.PI;
                    double dphi = Math.abs(x - TWO_PI * Math.floor(x / TWO_PI) - Math.PI);
                    out[k] = Math.sqrt(deta * deta + dphi * dphi);
                }
            }
            case PT_TOT -> {
                for (int k = 0; k < len; k++) {
                    int i = s + k;
                    double px = had[k] * (double) ev.hadCos[i] + lepPt[i] * (double) ev.lepCos[i] + met[k] * metCos[k];
                    double py = had[k] * (double) ev.hadSin[i] + lepPt[i] * (double) ev.lepSin[i] + met[k] * metSin[k];
                    if (nJets[k] >= 1) {
                        px += j1[k] * (j1Removed[k] ? COS_UNDEF : ev.j1Cos[i]);
                        py += j1[k] * (j1Removed[k] ? SIN_UNDEF : ev.j1Sin[i]);
                    }
                    if (nJets[k] >= 2) {
                        px += j2[k] * (j2Removed[k] ? COS_UNDEF : ev.j2Cos[i]);
                        py += j2[k] * (j2Removed[k] ? SIN_UNDEF : ev.j2Sin[i]);
                    }
                    out[k] = Math.sqrt(px * px + py * py);
                }
            }
            case SUM_PT -> {
                for (int k = 0; k < len; k++) {
                    out[k] = (double) had[k] + lepPt[s + k] + jetAll[k];
                }
            }
            case PT_RATIO_LEP_HAD -> {
                for (int k = 0; k < len; k++) {
                    out[k] = lepPt[s + k] / (double) had[k];
                }
            }
            case MET_PHI_CENTRALITY -> {
                for (int k = 0; k < len; k++) {
                    int i = s + k;
                    // sines of angle differences from the stored cos/sin (exactly 0 for equal angles)
                    double sl = ev.lepSin[i];
                    double cl = ev.lepCos[i];
                    double sh = ev.hadSin[i];
                    double ch = ev.hadCos[i];
                    double sg = Math.signum(sh * cl - ch * sl);
                    double a = (metSin[k] * cl - metCos[k] * sl) * sg;
                    double b = (sh * metCos[k] - ch * metSin[k]) * sg;
                    double den = Math.sqrt(a * a + b * b);
                    out[k] = den != 0 ? (a + b) / den : metPhiCentrality(metPhi[k], ev.lepPhi[i], ev.hadPhi[i]);
                }
            }
            case LEP_ETA_CENTRALITY -> {
                for (int k = 0; k < len; k++) {
                    if (nJets[k] < 2) {
                        out[k] = UNDEF;
                        continue;
                    }
                    double eta1 = eta1(ev, s, k);
                    double eta2 = eta2(ev, s, k);
                    double d = (eta1 - eta2) * (eta1 - eta2);
                    if (d == 0) {
                        d = 1e-4;
                    }
                    double m = ev.lepEta[s + k] - (eta1 + eta2) / 2;
                    out[k] = Math.exp(-4 / d * m * m);
                }
            }
            default -> throw new IllegalStateException(q.toString());
        }
    }

    private double eta1(PreparedEvents ev, int s, int k) {
        return j1Removed[k] ? UNDEF : ev.j1Eta[s + k];
    }

    private double eta2(PreparedEvents ev, int s, int k) {
        return j2Removed[k] ? UNDEF : ev.j2Eta[s + k];
    }

    /** The specification's fallback: redo with phi_lep + 1e-4; -25 if the denominator is still 0. */
    private static double metPhiCentrality(double metPhi, double lepPhi, double hadPhi) {
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
}
