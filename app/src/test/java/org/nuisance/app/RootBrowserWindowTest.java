package org.nuisance.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.nuisance.app.root.RootBrowserView;
import org.nuisance.engine.workbench.EventsSource;
import org.nuisance.engine.workbench.RootBrowser;
import org.nuisance.engine.workbench.RootDrawing;
import org.nuisance.engine.workbench.RootSource;
import org.nuisance.engine.workbench.Source;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The ROOT tab as a person uses it: open a shared ROOT file, see its trees with branches and entries,
 * double-click a histogram and a branch to draw them, and a truncated file refused with the previous
 * state kept. Reference numbers from ../shared/reference/ROOT.md: HZZ "events" 2421 entries and 51
 * branches (file table), hpx 100 bins on [-4, 4] with contents 2, 3, ... and underflow 2, overflow 4
 * (HIS-03), hpxpy 40x40 (HIS-05).
 */
@ExtendWith(ApplicationExtension.class)
class RootBrowserWindowTest {

    static {
        // building the whole window takes over TestFX's default 30 s on a heavily loaded 2-core machine;
        // read once per JVM when FxToolkit is first used, so it helps when this class runs first
        if (System.getProperty("testfx.setup.timeout") == null) {
            System.setProperty("testfx.setup.timeout", "90000");
        }
    }

    private WorkbenchApp app;

    @TempDir
    Path tmp;

    @Start
    void start(Stage stage) throws java.io.IOException {
        System.setProperty("nuisance.demo.events", "20000");
        System.setProperty("nuisance.state.dir", Files.createTempDirectory("nuisance-state").toString());
        app = new WorkbenchApp();
        app.start(stage);
    }

    private static Path shared(String rel) {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            Path s = p.resolve("../shared").normalize();
            if (Files.exists(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("app")) && Files.isDirectory(s)) {
                return s.resolve(rel);
            }
        }
        throw new IllegalStateException("no ../shared beside the project");
    }

    private RootSource shown() {
        return app.viewModel().root().sourceProperty().get();
    }

    private RootDrawing drawing() {
        return app.viewModel().root().drawingProperty().get();
    }

    private void openRoot(FxRobot robot, String name) throws Exception {
        FxWait.until(() -> app.viewModel().selectedProperty().get() != null, "the demo is loaded");
        Path f = shared("data/root/" + name);
        robot.interact(() -> app.viewModel().open(f));
        FxWait.until(() -> shown() != null && shown().file().equals(f), name + " is shown in the ROOT tab");
    }

    /**
     * Double-clicks the node's cell until what it should draw is drawn: on a loaded machine the two clicks
     * may arrive further apart than the platform's double-click time, and then they are two single clicks.
     */
    private void doubleClickUntil(FxRobot robot, Predicate<Object> which, java.util.function.BooleanSupplier drawn,
                                  String what) throws Exception {
        for (int attempt = 0; attempt < 3; attempt++) {
            doubleClick(robot, which);
            try {
                org.testfx.util.WaitForAsyncUtils.waitFor(20, java.util.concurrent.TimeUnit.SECONDS, drawn::getAsBoolean);
                break;
            } catch (java.util.concurrent.TimeoutException e) {
                // clicked twice but not double-clicked: try again
            }
        }
        FxWait.until(drawn, what);
    }

    /** Scrolls the browser to the node the predicate picks and double-clicks its cell. */
    private void doubleClick(FxRobot robot, Predicate<Object> which) throws Exception {
        TreeView<Object> tree = app.rootView().browser();
        robot.interact(() -> {
            TreeItem<Object> it = find(tree.getRoot(), which);
            it.getParent().setExpanded(true);
            int row = tree.getRow(it);
            tree.scrollTo(Math.max(0, row - 2));
            tree.getSelectionModel().select(row);
        });
        FxWait.until(() -> robot.lookup(".tree-cell").queryAllAs(TreeCell.class).stream()
                .anyMatch(c -> c.getItem() != null && which.test(c.getItem())), "the cell is on screen");
        TreeCell<?> cell = robot.lookup(".tree-cell").queryAllAs(TreeCell.class).stream()
                .filter(c -> c.getItem() != null && which.test(c.getItem())).findFirst().orElseThrow();
        robot.doubleClickOn(cell);
    }

    private static TreeItem<Object> find(TreeItem<Object> it, Predicate<Object> which) {
        if (which.test(it.getValue())) {
            return it;
        }
        for (TreeItem<Object> c : it.getChildren()) {
            TreeItem<Object> f = find(c, which);
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    @Test
    void openingHzzShowsItsTreeWithBranchesTypesAndEntries(FxRobot robot) throws Exception {
        openRoot(robot, "uproot-HZZ-zstd.root");
        assertEquals("root-tab", app.tabs().getSelectionModel().getSelectedItem().getId());
        TreeItem<Object> top = app.rootView().browser().getRoot();
        RootBrowser.Tree events = (RootBrowser.Tree) top.getChildren().get(0).getValue();
        assertEquals("events", events.name());
        assertEquals(2421, events.entries());
        assertEquals(51, top.getChildren().get(0).getChildren().size());
        assertTrue(top.getChildren().get(0).isExpanded(), "the top directory's tree shows its branches");
        List<String> shownText = robot.lookup(".tree-cell").queryAllAs(TreeCell.class).stream()
                .map(TreeCell::getText).filter(t -> t != null).toList();
        assertTrue(shownText.contains("events  TTree, 2,421 entries, 51 branches"), shownText.toString());
        assertTrue(shownText.stream().anyMatch(t -> t.startsWith("NJet  int32_t, 2,421 entries")), shownText.toString());
        assertEquals(1, app.viewModel().datasets().size(), "the demo stays; a ROOT file is browsed, not loaded as events");
    }

    @Test
    void doubleClickingAHistogramDrawsItsBinsWithErrors(FxRobot robot) throws Exception {
        openRoot(robot, "uproot-hepdata-example.root");
        doubleClickUntil(robot, n -> n instanceof RootBrowser.Histogram h && h.name().equals("hpx"),
                () -> drawing() != null && drawing().name().equals("hpx"), "hpx is drawn");
        RootDrawing d = drawing();
        assertEquals(100, d.contents().length);
        assertEquals(100, app.rootView().chart().pointsDrawn());
        assertEquals(2.0, d.contents()[0], 0.0);
        assertEquals(3.0, d.contents()[1], 0.0);
        assertEquals(Math.sqrt(3.0), d.errors()[1], 1e-12);
        assertEquals(-4.0, app.rootView().chart().chart().getXYPlot().getDomainAxis().getLowerBound(), 1e-12);
        assertEquals(4.0, app.rootView().chart().chart().getXYPlot().getDomainAxis().getUpperBound(), 1e-12);
        String note = robot.lookup("#root-note").queryAs(Label.class).getText();
        assertTrue(note.contains("100 bins, underflow 2, overflow 4"), note);
        screenshotIfAsked(robot);

        doubleClickUntil(robot, n -> n instanceof RootBrowser.Histogram h && h.name().equals("hpxpy"),
                () -> drawing() != null && drawing().name().equals("hpxpy"), "hpxpy is drawn");
        assertEquals(40 * 40, app.rootView().chart().pointsDrawn());
        assertTrue(robot.lookup("#root-note").queryAs(Label.class).getText().contains("colour map"));
    }

    @Test
    void doubleClickingAJaggedBranchHistogramsItsFirstElementAndOffersItsLength(FxRobot robot) throws Exception {
        openRoot(robot, "uproot-HZZ.root");
        doubleClickUntil(robot, n -> n instanceof RootBrowserView.BranchNode b && b.branch().name().equals("Muon_Px"),
                () -> drawing() != null && drawing().name().equals("Muon_Px[0]"), "Muon_Px[0] is drawn");
        assertEquals(RootDrawing.BRANCH_BINS, app.rootView().chart().pointsDrawn());
        assertEquals(List.of("Muon_Px[0]", "len(Muon_Px)", "max(Muon_Px)"), app.viewModel().root().expressions());
        robot.interact(() -> app.viewModel().root().expressionProperty().set("len(Muon_Px)"));
        FxWait.until(() -> drawing() != null && drawing().name().equals("len(Muon_Px)"), "len(Muon_Px) is drawn");
        RootDrawing n = drawing();
        double all = n.underflow() + n.overflow() + Arrays.stream(n.contents()).sum();
        assertEquals(2421.0, all, 0.0, "every event has a muon count");
        assertEquals(1.0, n.edgesX()[1] - n.edgesX()[0], 0.0, "one bin per muon count");

        // the tree becomes the Histogram tab's event source
        robot.interact(() -> app.rootView().browser().getSelectionModel().select(1));
        robot.clickOn("#root-use-tree");
        // reading the events and drawing their first histogram takes longer than 30 s on a loaded machine
        org.testfx.util.WaitForAsyncUtils.waitFor(120, java.util.concurrent.TimeUnit.SECONDS, () ->
                app.viewModel().selectedProperty().get() instanceof EventsSource e && e.rows() == 2421);
        assertEquals("uproot-HZZ.root:events", app.viewModel().selectedProperty().get().name(),
                "events of HZZ.root:events are the selected source");
        assertEquals(2, app.viewModel().datasets().size(), "the demo stays beside it");
    }

    @Test
    void aTruncatedRootFileShowsTheErrorAndKeepsWhatWasShown(FxRobot robot) throws Exception {
        openRoot(robot, "uproot-hepdata-example.root");
        RootSource before = shown();
        Source selectedBefore = app.viewModel().selectedProperty().get();
        byte[] whole = Files.readAllBytes(shared("data/root/uproot-HZZ.root"));
        Path bad = tmp.resolve("truncated-HZZ.root");
        Files.write(bad, Arrays.copyOf(whole, 3000));
        robot.interact(() -> app.viewModel().open(bad));
        FxWait.until(() -> robot.lookup(".dialog-pane").tryQuery().isPresent(), "an error dialog");
        DialogPane pane = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        assertEquals("The file could not be opened.", pane.getHeaderText());
        assertTrue(pane.getContentText().contains("truncated-HZZ.root"), pane.getContentText());
        assertFalse(pane.getContentText().contains("\n"), "one line; details behind the expander");
        assertSame(before, shown(), "the ROOT file shown before stays");
        assertSame(selectedBefore, app.viewModel().selectedProperty().get());
        assertEquals(1, app.viewModel().datasets().size());
        robot.interact(() -> ((Stage) pane.getScene().getWindow()).close());
    }

    /** With -Dnuisance.rootScreenshot=FILE.png, writes the window as it is now (for docs/root-browser.png). */
    private void screenshotIfAsked(FxRobot robot) throws Exception {
        String out = System.getProperty("nuisance.rootScreenshot");
        if (out == null) {
            return;
        }
        robot.interact(() -> {
            javafx.scene.image.WritableImage img = app.stage().getScene().snapshot(null);
            try {
                javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(img, null), "png",
                        Path.of(out).toFile());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }
}
