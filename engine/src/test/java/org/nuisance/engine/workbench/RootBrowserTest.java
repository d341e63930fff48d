package org.nuisance.engine.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.nuisance.engine.SharedData;

/**
 * The browse API a window can use: directories, trees and histograms of the shared files (structure from
 * facts DIR-01/DIR-07 of ../shared/reference/ROOT.md; hpx underflow 2 from HIS-03; NMuon[0] = 2 from JAG-03).
 */
class RootBrowserTest {

    private static Path file(String name) {
        return SharedData.root().resolve("data/root/" + name);
    }

    @Test
    void nestedDirectoriesBrowseAsATree() {
        RootBrowser.Directory top = RootBrowser.browse(file("uproot-nesteddirs.root"));
        assertEquals(2, top.children().size());
        RootBrowser.Directory one = assertInstanceOf(RootBrowser.Directory.class, top.children().get(0));
        assertEquals("one", one.path());
        RootBrowser.Directory two = assertInstanceOf(RootBrowser.Directory.class, one.children().get(0));
        RootBrowser.Tree tree = assertInstanceOf(RootBrowser.Tree.class, two.children().get(0));
        assertEquals("one/two/tree", tree.path());
        assertEquals(100, tree.entries());
        assertEquals("int32_t", tree.branches().get(0).type());
    }

    @Test
    void histogramsTreesAndOtherObjectsOfTheHepdataFile() {
        RootBrowser.Directory top = RootBrowser.browse(file("uproot-hepdata-example.root"));
        assertEquals(4, top.children().size());
        assertInstanceOf(RootBrowser.Histogram.class, top.children().get(0));
        assertInstanceOf(RootBrowser.Tree.class, top.children().get(3));
        assertEquals(2.0, RootBrowser.histogram(file("uproot-hepdata-example.root"), "hpx").contents()[0], 0.0);
    }

    @Test
    void aJaggedBranchOffersColumnsToHistogram() {
        RootBrowser.Directory top = RootBrowser.browse(file("uproot-HZZ.root"));
        RootBrowser.Tree t = (RootBrowser.Tree) top.children().get(0);
        RootBrowser.Branch mu = t.branches().stream().filter(b -> b.name().equals("Muon_Px")).findFirst().orElseThrow();
        assertTrue(mu.columns().contains("len(Muon_Px)"));
        float[] n = RootBrowser.column(file("uproot-HZZ.root"), "events", "len(Muon_Px)");
        assertEquals(2421, n.length);
        assertEquals(2f, n[0], 0f);
    }
}
