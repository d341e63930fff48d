package org.nuisance.engine.workbench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.nuisance.engine.SharedData;
import org.nuisance.engine.hist.Axis;

/**
 * What the window draws for ROOT objects. Reference numbers from ../shared/reference/ROOT.md: hpx (HIS-03:
 * 100 bins on [-4, 4], contents with flow 2, 2, 3, ..., underflow 2, overflow 4), hpxpy (HIS-05: 40x40 on
 * [-4,4]^2, max 497, values_with_flow[1][12] = 1), hprof (HIS-07: first in-range mean 17.05295467376709),
 * HZZ (FLT/JAG facts: 2421 entries, NMuon[0:5] = 2, 1, 2, 2, 2).
 */
class RootDrawingTest {

    private static Path file(String name) {
        return SharedData.root().resolve("data/root/" + name);
    }

    @Test
    void th1fDrawsItsInRangeBinsWithPoissonErrorsAndFlowApart() {
        RootDrawing d = RootDrawing.histogram(file("uproot-hepdata-example.root"), "hpx");
        assertEquals(1, d.dimension());
        assertEquals(100, d.contents().length);
        assertEquals(101, d.edgesX().length);
        assertEquals(-4.0, d.edgesX()[0], 1e-12);
        assertEquals(4.0, d.edgesX()[100], 1e-12);
        assertEquals(2.0, d.contents()[0], 0.0);
        assertEquals(3.0, d.contents()[1], 0.0);
        assertEquals(2.0, d.underflow(), 0.0);
        assertEquals(4.0, d.overflow(), 0.0);
        // no weights: sqrt(content), as ROOT's TH1::GetBinError without Sumw2
        assertEquals(Math.sqrt(3.0), d.errors()[1], 1e-12);
        assertEquals("TH1F", d.className());
    }

    @Test
    void th2fIsAColourMapOfItsInRangeCells() {
        RootDrawing d = RootDrawing.histogram(file("uproot-hepdata-example.root"), "hpxpy");
        assertEquals(2, d.dimension());
        assertEquals(40, d.matrix().length);
        assertEquals(40, d.matrix()[0].length);
        assertEquals(41, d.edgesY().length);
        assertEquals(1.0, d.matrix()[0][11], 0.0);
        double max = 0;
        for (double[] row : d.matrix()) {
            for (double v : row) {
                max = Math.max(max, v);
            }
        }
        assertEquals(497.0, max, 0.0);
        assertTrue(d.note().contains("colour map"), d.note());
    }

    @Test
    void tProfileDrawsTheMeanOfYPerBin() {
        RootDrawing d = RootDrawing.histogram(file("uproot-hepdata-example.root"), "hprof");
        assertEquals(17.05295467376709, d.contents()[0], 17.05295467376709 * 1e-12);
        assertEquals(17.99833583831787, d.underflow(), 17.99833583831787 * 1e-12);
    }

    @Test
    void aCounterBranchGetsOneBinPerIntegerAndHoldsEveryEntry() {
        RootDrawing d = RootDrawing.branch(file("uproot-HZZ.root"), "events", "NMuon");
        double sum = d.underflow() + d.overflow();
        for (double c : d.contents()) {
            sum += c;
        }
        assertEquals(2421.0, sum, 0.0);
        assertEquals(2421.0, d.entries(), 0.0);
        assertEquals(0.0, d.underflow() + d.overflow(), 0.0);
        // integer bins are centred on the integers
        assertEquals(Math.rint(d.edgesX()[0]) - 0.5, d.edgesX()[0], 0.0);
        assertEquals(1.0, d.edgesX()[1] - d.edgesX()[0], 0.0);
        assertEquals("NMuon", d.xTitle());
    }

    @Test
    void aJaggedBranchsFirstElementLeavesOutEmptyEntries() {
        RootDrawing n = RootDrawing.branch(file("uproot-HZZ.root"), "events", "len(Jet_Px)");
        int bin0 = (int) Math.round(-n.edgesX()[0] - 0.5);
        double withoutJets = n.contents()[bin0];
        RootDrawing first = RootDrawing.branch(file("uproot-HZZ.root"), "events", "Jet_Px[0]");
        double drawn = first.underflow() + first.overflow();
        for (double c : first.contents()) {
            drawn += c;
        }
        // events without a jet have no Jet_Px[0]: they are left out and counted in the note
        assertEquals(2421.0 - withoutJets, drawn, 0.0);
        assertEquals(RootDrawing.BRANCH_BINS, first.contents().length);
        assertTrue(withoutJets == 0 || first.note().contains("without a value"), first.note());
    }

    @Test
    void autoBinningKeepsTheLargestValueInsideAndIntegersCentred() {
        Axis ints = RootDrawing.autoAxis(new float[] {1, 2, 3, 3});
        assertArrayEquals(new double[] {0.5, 1.5, 2.5, 3.5}, ints.edges(), 0.0);
        Axis reals = RootDrawing.autoAxis(new float[] {0f, 0.25f, 1.5f});
        assertEquals(RootDrawing.BRANCH_BINS, reals.bins());
        assertEquals(0.0, reals.lo(), 0.0);
        assertEquals(RootDrawing.BRANCH_BINS, reals.index(1.5), "1.5 is in the last in-range bin");
        assertEquals(1, RootDrawing.autoAxis(new float[] {2.5f, 2.5f}).bins());
        assertEquals(1, RootDrawing.autoAxis(new float[] {Float.NaN}).bins());
    }

    @Test
    void aRootFileOpensAsABrowsableSourceAndATreeSuffixAsEvents() {
        Path f = file("uproot-HZZ-zstd.root");
        assertEquals(Sources.Format.ROOT, Sources.detect(f));
        RootSource s = assertInstanceOf(RootSource.class, Sources.open(f, m -> { }));
        assertEquals("root", s.kind());
        assertEquals(1, s.contents().children().size());
        EventsSource e = assertInstanceOf(EventsSource.class, Sources.open(Path.of(f + ":events"), m -> { }));
        assertEquals(2421, e.rows());
    }
}
