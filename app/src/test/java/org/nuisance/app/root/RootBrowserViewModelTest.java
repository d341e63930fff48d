package org.nuisance.app.root;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.nuisance.engine.workbench.RootBrowser;
import org.nuisance.engine.workbench.RootSource;
import org.nuisance.engine.workbench.Sources;

/**
 * The ROOT tab's view model without a window: a branch that is not numeric is refused with one line naming
 * the file, the branch and its type, and nothing is read or drawn. Zmumu's "Type" is char* (TRE-07 of
 * ../shared/reference/ROOT.md).
 */
class RootBrowserViewModelTest {

    private static Path shared(String rel) {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path s = p.resolve("../shared").normalize();
            if (Files.exists(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("app")) && Files.isDirectory(s)) {
                return s.resolve(rel);
            }
        }
        throw new IllegalStateException("no ../shared beside the project");
    }

    @Test
    void aTextBranchIsRefusedInOneLineAndNothingIsDrawn() {
        RootSource s = assertInstanceOf(RootSource.class,
                Sources.open(shared("data/root/uproot-Zmumu.root"), m -> { }));
        RootBrowserViewModel vm = new RootBrowserViewModel();
        vm.show(s);
        RootBrowser.Tree events = (RootBrowser.Tree) s.contents().children().get(0);
        RootBrowser.Branch type = events.branches().stream().filter(b -> b.name().equals("Type")).findFirst().orElseThrow();
        vm.drawBranch(events, type);
        assertEquals("uproot-Zmumu.root: events/Type: a " + type.type()
                + " branch cannot be histogrammed (only numeric branches)", vm.errorProperty().get());
        assertNull(vm.drawingProperty().get());
        assertEquals(0, vm.expressions().size());
        assertEquals(Path.of(shared("data/root/uproot-Zmumu.root") + ":events"), vm.eventsOf(events));
    }
}
