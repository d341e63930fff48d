package org.nuisance.engine.omnifold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nuisance.engine.hist.Axis;

/** What the unfolded-result view asks of the engine: CSV export, file routing, units and first binnings. */
class UnfoldedHelpersTest {

    static OmniFoldTable small() {
        return SyntheticOmniFold.generate(new SyntheticOmniFold.Config(3000, 7L, 4, 3), SyntheticOmniFold.Variant.NOMINAL);
    }

    @Test
    void csvRowsReadBackToTheResultsNumbers() {
        OmniFoldExplorer ex = new OmniFoldExplorer(small(), WeightScheme.detect(small()));
        UnfoldedResult r = ex.result("pT_ll", Axis.regular(4, 200, 600));
        double[] shifted = {1, 2, 3, 4};
        List<String> lines = UnfoldedCsv.format(r, "shifted_dsigma_dx", shifted).lines().toList();
        assertEquals(5, lines.size());
        List<String> header = Arrays.asList(lines.get(0).split(","));
        assertEquals(List.of("bin_lo", "bin_hi", "sigma_fb", "dsigma_dx", "total"), header.subList(0, 5));
        assertTrue(header.contains("unc_lumi") && header.contains("prior_dsigma_dx"), header.toString());
        assertEquals("shifted_dsigma_dx", header.get(header.size() - 1));
        for (int b = 0; b < 4; b++) {
            String[] row = lines.get(b + 1).split(",");
            assertEquals(200 + 100 * b, Double.parseDouble(row[0]), 1e-12);
            assertEquals(r.nominal()[b], Double.parseDouble(row[2]), 0.0, "Double.toString round-trips");
            assertEquals(r.dsigmaDx()[b], Double.parseDouble(row[3]), 0.0);
            assertEquals(r.total()[b], Double.parseDouble(row[4]), 0.0);
            assertEquals(r.uncertainties().get("lumi")[b], Double.parseDouble(row[header.indexOf("unc_lumi")]), 0.0);
            assertEquals(b + 1, Double.parseDouble(row[row.length - 1]), 0.0);
        }
    }

    @Test
    void probeTellsUnfoldedResultsFromEventFiles(@TempDir Path dir) throws Exception {
        OmniFoldTable t = small();
        Path h5 = dir.resolve("multifold.h5");
        Path pq = dir.resolve("multifold.parquet");
        SyntheticOmniFold.writeHdf5(t, h5);
        SyntheticOmniFold.writeParquet(t, pq);
        Path csv = dir.resolve("r.csv");
        Files.writeString(csv, "pT_ll,weights_nominal\n250,1.5\n");
        Path events = dir.resolve("events.csv");
        Files.writeString(events, "PRI_met,weight\n20,1\n");
        assertTrue(OmniFoldProbe.looksLikeOmniFold(h5));
        assertTrue(OmniFoldProbe.looksLikeOmniFold(pq));
        assertTrue(OmniFoldProbe.looksLikeOmniFold(csv));
        assertFalse(OmniFoldProbe.looksLikeOmniFold(events));
        assertFalse(OmniFoldProbe.looksLikeOmniFold(dir.resolve("missing.h5")));
    }

    @Test
    void momentaAndMassesAreInGevRatiosAndAnglesHaveNoUnit() {
        assertEquals("GeV", ObservableDefaults.unit("pT_ll"));
        assertEquals("GeV", ObservableDefaults.unit("m_ll"));
        assertEquals("GeV", ObservableDefaults.unit("pT_l1 - pT_l2"));
        assertEquals("GeV", ObservableDefaults.unit("abs(pT_l1 - 25)"));
        assertEquals("", ObservableDefaults.unit("pT_l1/pT_ll"));
        assertEquals("", ObservableDefaults.unit("sqrt(pT_l1*pT_l2)"), "GeV in truth, but only + and - are followed");
        assertEquals("", ObservableDefaults.unit("y_ll"));
        assertEquals("", ObservableDefaults.unit("phi_l1"));
        assertEquals("", ObservableDefaults.unit("Ntracks_trackj1"));
        assertEquals("", ObservableDefaults.unit("eta_l1"));
    }

    @Test
    void suggestedBinningHasRoundEdgesAroundTheBulk() {
        float[] x = new float[1001];
        for (int i = 0; i < x.length; i++) {
            x[i] = 200 + 0.8f * i; // 200 .. 1000
        }
        x[5] = Float.NaN;
        // 0.1 % .. 99.9 %: 200.8 .. 999.2, a width of 800 / 20 rounded up to the next of 1, 2, 2.5, 5 x 10^k
        assertEquals("16,200,1000", ObservableDefaults.suggestBinning(x));
        Axis a = Binning.parse(ObservableDefaults.suggestBinning(new float[] {-2.37f, 0.1f, 2.4f}));
        assertTrue(a.lo() <= -2.37 && a.hi() >= 2.4 && a.bins() >= 10 && a.bins() <= 30, a.toString());
        assertEquals("1,2.5,3.5", ObservableDefaults.suggestBinning(new float[] {3, 3}));
    }
}
