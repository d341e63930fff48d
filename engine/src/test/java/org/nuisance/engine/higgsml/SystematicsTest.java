package org.nuisance.engine.higgsml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nuisance.engine.SharedData;
import org.nuisance.engine.data.EventReaders;
import org.nuisance.engine.data.EventTable;
import org.nuisance.engine.data.InputException;
import org.nuisance.engine.hist.Axis;
import org.nuisance.engine.hist.ProcessHistograms;

/** The challenge's systematics on its own 1,000-event sample: cuts, closed-form shifts, MET balance. */
class SystematicsTest {

    static EventTable sample;

    @BeforeAll
    static void load() {
        sample = EventReaders.read(SharedData.fairUniverseParquet());
    }

    @Test
    void nominalCutsKeep925Of1000SampleEvents() {
        // HIGGSML.md step 6: "925 of the 1,000 sample events survive tes = jes = 1"
        assertEquals(925, Systematics.apply(sample, NuisanceValues.NOMINAL, 31415).rows());
    }

    @Test
    void tesShiftScalesPtRatioByInverse() {
        double tes = 1.05;
        EventTable shifted = Systematics.apply(sample, NuisanceValues.NOMINAL.with(NuisanceParameter.TES, tes), 1);
        Map<Float, Integer> rowOfLepPt = rowsByKey(sample);
        float[] lep = shifted.column(Pri.LEP_PT);
        float[] had = shifted.column(Pri.HAD_PT);
        float[] ratio = shifted.column("DER_pt_ratio_lep_had");
        float[] had0 = sample.column(Pri.HAD_PT);
        float[] ratio0 = sample.column("DER_pt_ratio_lep_had");
        int checked = 0;
        for (int k = 0; k < shifted.rows(); k++) {
            int i = rowOfLepPt.get(key(shifted, k));
            // PRI_had_pt -> round3(tes * pT): the ratio scales by 1/tes up to that 0.0005 GeV rounding
            assertEquals(Math.rint(had0[i] * tes * 1000) / 1000, had[k], 1e-4);
            assertEquals(ratio0[i] / tes, ratio[k], ratio0[i] / tes * (0.0006 / had[k] + 1e-5));
            assertEquals(lep[k] / had[k], ratio[k], 1e-6 * ratio[k]);
            checked++;
        }
        assertTrue(checked > 900, "most events survive a 5% TES shift");
    }

    @Test
    void metAbsorbsTheVectorChangeOfTauAndJets() {
        NuisanceValues np = NuisanceValues.NOMINAL.with(NuisanceParameter.TES, 1.03).with(NuisanceParameter.JES, 0.97);
        EventTable shifted = Systematics.apply(sample, np, 1);
        Map<Float, Integer> rowOf = rowsByKey(sample);
        int checked = 0;
        for (int k = 0; k < shifted.rows(); k++) {
            int i = rowOf.get(key(shifted, k));
            if (sample.column(Pri.N_JETS)[i] != shifted.column(Pri.N_JETS)[k]) {
                continue; // a jet fell below threshold: its pT is gone from the jets, not from the MET
            }
            double sx = 0;
            double sy = 0;
            for (String obj : new String[] {"PRI_had", "PRI_jet_leading", "PRI_jet_subleading", "PRI_met"}) {
                String pt = obj.equals("PRI_met") ? "PRI_met" : obj + "_pt";
                String phi = obj + "_phi";
                int jets = (int) sample.column(Pri.N_JETS)[i];
                if ((obj.equals("PRI_jet_leading") && jets < 1) || (obj.equals("PRI_jet_subleading") && jets < 2)) {
                    continue;
                }
                double newPt = shifted.column(pt)[k];
                double oldPt = sample.column(pt)[i];
                sx += newPt * Math.cos(shifted.column(phi)[k]) - oldPt * Math.cos(sample.column(phi)[i]);
                sy += newPt * Math.sin(shifted.column(phi)[k]) - oldPt * Math.sin(sample.column(phi)[i]);
            }
            // every quantity is rounded to 3 decimals: residual of a few MeV, growing with MET x angle rounding
            double tol = 0.004 + 0.0006 * shifted.column(Pri.MET)[k];
            assertEquals(0, sx, tol, "x balance, event " + i);
            assertEquals(0, sy, tol, "y balance, event " + i);
            checked++;
        }
        assertTrue(checked > 800);
    }

    @Test
    void weightNormalisationsActPerProcess() {
        NuisanceValues np = new NuisanceValues(1, 1, 0, 1.1, 1.5, 1.005, 2.0);
        EventTable shifted = Systematics.apply(sample, np, 1);
        EventTable nominal = Systematics.apply(sample, NuisanceValues.NOMINAL, 1);
        double[] sw = shifted.summary().sumWeights();
        double[] nw = nominal.summary().sumWeights();
        for (int p = 0; p < sw.length; p++) {
            String name = shifted.processNames().get(p);
            double expected = switch (name) {
                case "htautau" -> 2.0;
                case "ztautau" -> 1.005;
                case "ttbar" -> 1.1 * 1.005;
                case "diboson" -> 1.5 * 1.005;
                default -> throw new AssertionError(name);
            };
            assertEquals(expected * nw[p], sw[p], 1e-6 * nw[p], name);
        }
    }

    @Test
    void softMetIsReproducibleForASeedAndChangesWithIt() {
        NuisanceValues np = NuisanceValues.NOMINAL.with(NuisanceParameter.SOFT_MET, 3);
        float[] a = Systematics.apply(sample, np, 7).column(Pri.MET);
        float[] b = Systematics.apply(sample, np, 7).column(Pri.MET);
        float[] c = Systematics.apply(sample, np, 8).column(Pri.MET);
        assertArrayEquals(a, b);
        assertTrue(!java.util.Arrays.equals(a, c));
    }

    @Test
    void softMetAddsGaussianComponentsOfTheGivenWidth() {
        EventTable demo = DemoGenerator.generate(20000, 3);
        float[][] z = new PreparedEvents(demo).softNormals(11);
        double sum = 0;
        double sum2 = 0;
        for (int i = 0; i < z[0].length; i++) {
            sum += z[0][i] + z[1][i];
            sum2 += z[0][i] * z[0][i] + z[1][i] * z[1][i];
        }
        int n = 2 * z[0].length;
        assertEquals(0, sum / n, 4 / Math.sqrt(n));
        assertEquals(1, sum2 / n, 4 * Math.sqrt(2.0 / n));
    }

    @Test
    void kernelHistogramsEqualHistogramsOfTheShiftedTable() {
        NuisanceValues np = new NuisanceValues(1.04, 0.96, 2.0, 1.1, 0.7, 1.002, 1.3);
        EventTable shifted = Systematics.apply(sample, np, 5);
        Axis axis = Axis.regular(20, 0, 200);
        for (String column : new String[] {"DER_mass_vis", "DER_mass_transverse_met_lep", "PRI_met", "DER_sum_pt"}) {
            ProcessHistograms fast = new ShiftKernel(new PreparedEvents(sample)).fill(column, axis, np, 5);
            ProcessHistograms direct = EventHistograms.fillUnshifted(shifted, column, axis, NuisanceValues.NOMINAL);
            for (int p = 0; p < fast.processes().size(); p++) {
                double[] expected = direct.histograms().get(p).sumwWithFlow();
                double[] actual = fast.histograms().get(p).sumwWithFlow();
                for (int b = 0; b < expected.length; b++) {
                    // the table path stores shifted weights as float32: agreement to float32 rounding
                    assertEquals(expected[b], actual[b], 1e-6 * Math.abs(expected[b]) + 1e-9,
                            column + " " + fast.processes().get(p) + " bin " + b);
                }
            }
        }
    }

    @Test
    void outOfRangeParameterIsRejectedWithItsName() {
        InputException e = assertThrows(InputException.class,
                () -> Systematics.apply(sample, NuisanceValues.NOMINAL.with(NuisanceParameter.TES, 1.3), 1));
        assertTrue(e.getMessage().contains("tes = 1.3") && e.getMessage().contains("[0.9, 1.1]"), e.getMessage());
    }

    /** Lepton kinematics do not change under the shifts: (pT, eta, phi) identifies an event. */
    private static float key(EventTable t, int row) {
        return t.column(Pri.LEP_PT)[row] * 1000 + t.column(Pri.LEP_ETA)[row] * 7 + t.column(Pri.LEP_PHI)[row];
    }

    private static Map<Float, Integer> rowsByKey(EventTable t) {
        Map<Float, Integer> m = new HashMap<>();
        for (int i = 0; i < t.rows(); i++) {
            assertEquals(null, m.put(key(t, i), i), "lepton kinematics identify events uniquely");
        }
        return m;
    }
}
