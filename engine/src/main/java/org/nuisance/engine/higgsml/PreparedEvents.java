package org.nuisance.engine.higgsml;

import org.nuisance.engine.data.EventTable;
import org.nuisance.engine.data.InputException;
import org.nuisance.engine.util.Parallel;

/**
 * An event table made ready for the systematics kernels: the PRI columns, and the invariants that no
 * nuisance parameter changes (cos, sin of every azimuth, sinh, cosh of every pseudorapidity, the MET
 * components), computed once here so that a slider move costs only arithmetic. Angles are rounded to
 * 3 decimals first, as the challenge rounds every PRI column (a no-op for its files).
 */
public final class PreparedEvents {

    final EventTable table;
    final int n;
    final float[] lepPt, lepEta, hadPt, hadEta, j1Pt, j1Eta, j2Pt, j2Eta, nJets, jetAllPt, met, metPhi;
    final float[] lepPhi, hadPhi, j1Phi, j2Phi;
    final float[] lepCos, lepSin, lepSinh, lepCosh;
    final float[] hadCos, hadSin, hadSinh, hadCosh;
    final float[] j1Cos, j1Sin, j1Sinh, j1Cosh;
    final float[] j2Cos, j2Sin, j2Sinh, j2Cosh;
    final float[] metCos, metSin;
    final float[] weights;
    final byte[] process;

    private long softSeed;
    private float[] softX;
    private float[] softY;

    public PreparedEvents(EventTable table) {
        for (String c : Pri.ALL) {
            if (!table.hasColumn(c)) {
                throw new InputException("column " + c + " is missing; the HiggsML systematics need all 16 PRI columns");
            }
        }
        this.table = table;
        this.n = table.rows();
        lepPt = round3(table.column(Pri.LEP_PT));
        lepEta = round3(table.column(Pri.LEP_ETA));
        lepPhi = round3(table.column(Pri.LEP_PHI));
        hadPt = round3(table.column(Pri.HAD_PT));
        hadEta = round3(table.column(Pri.HAD_ETA));
        hadPhi = round3(table.column(Pri.HAD_PHI));
        j1Pt = round3(table.column(Pri.JET1_PT));
        j1Eta = round3(table.column(Pri.JET1_ETA));
        j1Phi = round3(table.column(Pri.JET1_PHI));
        j2Pt = round3(table.column(Pri.JET2_PT));
        j2Eta = round3(table.column(Pri.JET2_ETA));
        j2Phi = round3(table.column(Pri.JET2_PHI));
        nJets = table.column(Pri.N_JETS);
        jetAllPt = round3(table.column(Pri.JET_ALL_PT));
        met = round3(table.column(Pri.MET));
        metPhi = round3(table.column(Pri.MET_PHI));
        weights = table.weights();
        process = table.processCodes();
        lepCos = new float[n];
        lepSin = new float[n];
        lepSinh = new float[n];
        lepCosh = new float[n];
        hadCos = new float[n];
        hadSin = new float[n];
        hadSinh = new float[n];
        hadCosh = new float[n];
        j1Cos = new float[n];
        j1Sin = new float[n];
        j1Sinh = new float[n];
        j1Cosh = new float[n];
        j2Cos = new float[n];
        j2Sin = new float[n];
        j2Sinh = new float[n];
        j2Cosh = new float[n];
        metCos = new float[n];
        metSin = new float[n];
        Parallel.forEachChunk(n, (chunk, from, to) -> {
            for (int i = from; i < to; i++) {
                lepCos[i] = (float) Math.cos(lepPhi[i]);
                lepSin[i] = (float) Math.sin(lepPhi[i]);
                hadCos[i] = (float) Math.cos(hadPhi[i]);
                hadSin[i] = (float) Math.sin(hadPhi[i]);
                j1Cos[i] = (float) Math.cos(j1Phi[i]);
                j1Sin[i] = (float) Math.sin(j1Phi[i]);
                j2Cos[i] = (float) Math.cos(j2Phi[i]);
                j2Sin[i] = (float) Math.sin(j2Phi[i]);
                metCos[i] = (float) Math.cos(metPhi[i]);
                metSin[i] = (float) Math.sin(metPhi[i]);
                hyperbolic(lepEta[i], lepSinh, lepCosh, i);
                hyperbolic(hadEta[i], hadSinh, hadCosh, i);
                hyperbolic(j1Eta[i], j1Sinh, j1Cosh, i);
                hyperbolic(j2Eta[i], j2Sinh, j2Cosh, i);
            }
        });
    }

    /** A copy bound to another table that shares this one's PRI columns (e.g. with new DER columns). */
    private PreparedEvents(PreparedEvents p, EventTable table) {
        this.table = table;
        n = p.n;
        lepPt = p.lepPt;
        lepEta = p.lepEta;
        lepPhi = p.lepPhi;
        hadPt = p.hadPt;
        hadEta = p.hadEta;
        hadPhi = p.hadPhi;
        j1Pt = p.j1Pt;
        j1Eta = p.j1Eta;
        j1Phi = p.j1Phi;
        j2Pt = p.j2Pt;
        j2Eta = p.j2Eta;
        j2Phi = p.j2Phi;
        nJets = p.nJets;
        jetAllPt = p.jetAllPt;
        met = p.met;
        metPhi = p.metPhi;
        lepCos = p.lepCos;
        lepSin = p.lepSin;
        lepSinh = p.lepSinh;
        lepCosh = p.lepCosh;
        hadCos = p.hadCos;
        hadSin = p.hadSin;
        hadSinh = p.hadSinh;
        hadCosh = p.hadCosh;
        j1Cos = p.j1Cos;
        j1Sin = p.j1Sin;
        j1Sinh = p.j1Sinh;
        j1Cosh = p.j1Cosh;
        j2Cos = p.j2Cos;
        j2Sin = p.j2Sin;
        j2Sinh = p.j2Sinh;
        j2Cosh = p.j2Cosh;
        metCos = p.metCos;
        metSin = p.metSin;
        weights = table.weights();
        process = table.processCodes();
    }

    /**
     * The prepared events of a table, computed once per table and remembered while the table lives, so
     * that every view and command working on one table shares one set of invariants.
     */
    public static PreparedEvents of(EventTable table) {
        synchronized (CACHE) {
            PreparedEvents p = CACHE.get(table);
            if (p == null) {
                p = new PreparedEvents(table);
                CACHE.put(table, p);
            }
            return p;
        }
    }

    /** These invariants for a table whose PRI columns, weights and processes are this one's. */
    PreparedEvents rebind(EventTable other) {
        for (String c : Pri.ALL) {
            if (other.column(c) != table.column(c)) {
                throw new IllegalArgumentException("column " + c + " differs; prepare the table anew");
            }
        }
        PreparedEvents p = new PreparedEvents(this, other);
        synchronized (CACHE) {
            CACHE.put(other, p);
        }
        return p;
    }

    private static final java.util.Map<EventTable, PreparedEvents> CACHE = new java.util.WeakHashMap<>();

    /** sinh and cosh from one exp (Math.sinh and Math.cosh are the slow StrictMath versions). */
    private static void hyperbolic(float eta, float[] sinh, float[] cosh, int i) {
        double e = Math.exp(eta);
        double inv = 1 / e;
        sinh[i] = (float) (0.5 * (e - inv));
        cosh[i] = (float) (0.5 * (e + inv));
    }

    public EventTable table() {
        return table;
    }

    public int rows() {
        return n;
    }

    /**
     * Unit-normal soft-MET components per event for a seed: the soft term is soft_met times these, so a
     * soft_met slider only rescales. Each event's pair depends on (seed, event index) alone.
     */
    synchronized float[][] softNormals(long seed) {
        if (softX == null || softSeed != seed) {
            float[] x = new float[n];
            float[] y = new float[n];
            Parallel.forEachChunk(n, (chunk, from, to) -> {
                for (int i = from; i < to; i++) {
                    long h1 = SplitMix.mix(seed * 0x9E3779B97F4A7C15L + 2L * i + 1);
                    long h2 = SplitMix.mix(h1 ^ 0xD1B54A32D192ED03L);
                    double u1 = ((h1 >>> 11) + 1) * 0x1.0p-53;
                    double u2 = (h2 >>> 11) * 0x1.0p-53;
                    double r = Math.sqrt(-2 * Math.log(u1));
                    x[i] = (float) (r * Math.cos(2 * Math.PI * u2));
                    y[i] = (float) (r * Math.sin(2 * Math.PI * u2));
                }
            });
            softX = x;
            softY = y;
            softSeed = seed;
        }
        return new float[][] {softX, softY};
    }

    private static float[] round3(float[] v) {
        float[] out = null;
        for (int i = 0; i < v.length; i++) {
            float r = (float) (Math.rint(v[i] * 1000.0) / 1000.0);
            if (r != v[i] && !Float.isNaN(v[i])) {
                if (out == null) {
                    out = v.clone();
                }
                out[i] = r;
            }
        }
        return out == null ? v : out;
    }

    /** SplitMix64's finaliser: a bijective hash used as a counter-based random generator. */
    static final class SplitMix {
        private SplitMix() {
        }

        static long mix(long z) {
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }
    }
}
