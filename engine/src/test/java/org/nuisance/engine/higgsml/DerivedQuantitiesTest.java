package org.nuisance.engine.higgsml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nuisance.engine.SharedData;
import org.nuisance.engine.data.EventReaders;
import org.nuisance.engine.data.EventTable;

/** The DER columns recomputed by the engine against those the FAIR Universe challenge's own code stored. */
class DerivedQuantitiesTest {

    static EventTable stored;
    static EventTable recomputed;

    @BeforeAll
    static void load() {
        stored = EventReaders.read(SharedData.fairUniverseParquet());
        recomputed = Systematics.withRecomputedDerived(stored);
    }

    @Test
    void everyDerColumnMatchesTheChallengesStoredValues() {
        StringBuilder worst = new StringBuilder();
        for (DerivedQuantity q : DerivedQuantity.values()) {
            float[] ref = stored.column(q.column());
            float[] mine = recomputed.column(q.column());
            double maxDiff = 0;
            int at = -1;
            for (int i = 0; i < ref.length; i++) {
                double tol = tolerance(q, i, ref[i]);
                double d = Math.abs(ref[i] - mine[i]);
                if (d / tol > maxDiff) {
                    maxDiff = d / tol;
                    at = i;
                }
            }
            worst.append(q.column()).append(" worst/tol=").append(String.format("%.3g", maxDiff))
                    .append(" at row ").append(at).append(at >= 0 ? " ref=" + ref[at] + " mine=" + mine[at] : "")
                    .append('\n');
            assertTrue(maxDiff <= 1, "DER mismatch beyond float32 rounding:\n" + worst);
        }
    }

    /**
     * The challenge computed in float32 (numpy on float32 columns). Most quantities then carry a few ulps;
     * an invariant mass m = sqrt(E^2 - p^2) carries ~eps32 * E^2 / m from the cancellation, so its
     * tolerance is 8 eps32 E^2 / (2 m) with E the pair's energy; the transverse mass is checked to 0.02 GeV.
     */
    private static double tolerance(DerivedQuantity q, int i, float ref) {
        double eps32 = Math.ulp(1f);
        switch (q) {
            case MASS_TRANSVERSE_MET_LEP:
                return 0.02;
            case MASS_VIS: {
                double e = energy(Pri.LEP_PT, Pri.LEP_ETA, i) + energy(Pri.HAD_PT, Pri.HAD_ETA, i);
                return 2e-5 * Math.max(1, ref) + 8 * eps32 * e * e / (2 * Math.max(ref, 1));
            }
            case MASS_JET_JET: {
                double e = energy(Pri.JET1_PT, Pri.JET1_ETA, i) + energy(Pri.JET2_PT, Pri.JET2_ETA, i);
                return 2e-5 * Math.max(1, ref) + 8 * eps32 * e * e / (2 * Math.max(ref, 1));
            }
            default:
                return 2e-5 * Math.max(1, Math.abs(ref));
        }
    }

    private static double energy(String pt, String eta, int i) {
        return stored.column(pt)[i] * Math.cosh(stored.column(eta)[i]);
    }

    @Test
    void undefinedJetQuantitiesUseMinus25() {
        float[] nj = stored.column(Pri.N_JETS);
        float[] mjj = recomputed.column("DER_mass_jet_jet");
        int checked = 0;
        for (int i = 0; i < nj.length; i++) {
            if (nj[i] < 2) {
                assertEquals(-25f, mjj[i]);
                checked++;
            }
        }
        assertTrue(checked > 100, "sample has events with fewer than two jets");
    }
}
