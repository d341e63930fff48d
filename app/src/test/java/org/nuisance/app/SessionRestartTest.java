package org.nuisance.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.nuisance.app.session.Session;
import org.nuisance.app.session.SessionStore;
import org.nuisance.engine.data.CsvEventWriter;
import org.nuisance.engine.higgsml.DemoGenerator;
import org.nuisance.engine.higgsml.NuisanceParameter;
import org.nuisance.engine.omnifold.SyntheticOmniFold;
import org.nuisance.engine.workbench.EventsSource;
import org.nuisance.engine.workbench.Plot;
import org.nuisance.engine.workbench.PublishedSource;
import org.nuisance.engine.workbench.WorkspaceSource;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Close the window and start it again: the autosaved session brings back what was open, for each kind of
 * source (the demo with a pseudo-dataset, an event file, a workspace, an unfolded result, a ROOT file in its
 * tab, a published archive on the region shown and a signal point's workspace of it), and the legend names
 * the dataset that is drawn and fitted.
 */
@ExtendWith(ApplicationExtension.class)
class SessionRestartTest {

    private WorkbenchApp app;
    private Stage stage;

    @TempDir
    Path tmp;

    @Start
    void start(Stage stage) throws java.io.IOException {
        this.stage = stage;
        System.setProperty("nuisance.demo.events", "20000");
        System.setProperty("nuisance.state.dir", Files.createTempDirectory("nuisance-state").toString());
        app = new WorkbenchApp();
        app.start(stage);
    }

    private static Path shared(String rel) {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path s = p.resolve("../shared").normalize();
            if (Files.exists(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("app")) && Files.isDirectory(s)) {
                return s.resolve(rel);
            }
        }
        throw new IllegalStateException("no ../shared beside the project");
    }

    private static Plot plot(WorkbenchApp a) {
        return a.viewModel().histogram().resultProperty().get();
    }

    /**
     * Waits until the autosave holds exactly the window's state, then closes the window and starts a new one on
     * the same state folder, as a user restarting the workbench.
     */
    private WorkbenchApp restart(FxRobot robot) throws Exception {
        Path auto = SessionStore.autosaveFile();
        FxWait.until(() -> {
            AtomicReference<Session> now = new AtomicReference<>();
            robot.interact(() -> now.set(app.viewModel().snapshot()));
            try {
                return Files.isRegularFile(auto) && SessionStore.read(auto).equals(now.get());
            } catch (RuntimeException e) {
                return false;
            }
        }, "the autosave holds the window's state");
        AtomicReference<WorkbenchApp> next = new AtomicReference<>();
        robot.interact(() -> {
            stage.hide();
            Stage again = new Stage();
            WorkbenchApp a = new WorkbenchApp();
            try {
                a.start(again);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            next.set(a);
        });
        return next.get();
    }

    private static void close(FxRobot robot, WorkbenchApp a) {
        robot.interact(() -> a.stage().hide());
    }

    @Test
    void theDemoWithAPseudoDatasetComesBackRegeneratedIdentically(FxRobot robot) throws Exception {
        FxWait.until(() -> plot(app) != null, "demo histogram");
        robot.interact(() -> {
            app.viewModel().nuisance().value(NuisanceParameter.TES).set(1.02);
            app.viewModel().data().truthFromSliders();
            app.viewModel().data().setSeed(7);
        });
        String label = "Pseudo-data: truth \u03bc=1, tes=1.02, seed 7";
        FxWait.until(() -> plot(app).dataLabel().equals(label), "the pseudo-data");
        double[] counts = plot(app).data();

        WorkbenchApp again = restart(robot);
        FxWait.until(() -> plot(again) != null && plot(again).dataLabel().equals(label), "the pseudo-data are back");
        assertEquals("demo", again.viewModel().selectedProperty().get().name());
        assertEquals(1.02, again.viewModel().nuisance().value(NuisanceParameter.TES).get(), 0.0);
        assertArrayEquals(counts, plot(again).data(), 0.0, "truth and seed regenerate the same counts");
        FxWait.until(() -> label.equals(again.histogramView().chart().lastDataLabel()), "the legend names it");
        close(robot, again);
    }

    @Test
    void anEventFileComesBackAfterARestart(FxRobot robot) throws Exception {
        FxWait.until(() -> plot(app) != null, "demo histogram");
        Path csv = tmp.resolve("events.csv");
        CsvEventWriter.write(DemoGenerator.generate(3000, 5), csv);
        robot.interact(() -> app.viewModel().open(csv));
        FxWait.until(() -> app.viewModel().selectedProperty().get() instanceof EventsSource e
                && csv.equals(e.file()) && plot(app) != null && plot(app).data() != null, "the CSV events");
        robot.interact(() -> app.viewModel().histogram().binsProperty().set(17));

        WorkbenchApp again = restart(robot);
        FxWait.until(() -> again.viewModel().selectedProperty().get() instanceof EventsSource e
                && csv.equals(e.file()) && plot(again) != null && plot(again).data().length == 17,
                "the CSV events are selected again, in 17 bins");
        assertEquals(3000, ((EventsSource) again.viewModel().selectedProperty().get()).rows());
        assertEquals(2, again.viewModel().datasets().size(), "the demo and the file, nothing else");
        String label = plot(again).dataLabel();
        FxWait.until(() -> label.equals(again.histogramView().chart().lastDataLabel()),
                "the legend names the dataset: " + label);
        close(robot, again);
    }

    @Test
    void aWorkspaceComesBackOnItsObservedDataNamedInTheLegend(FxRobot robot) throws Exception {
        FxWait.until(() -> plot(app) != null, "demo histogram");
        Path ws = shared("reference/histfactory/2bin_histosys.json");
        robot.interact(() -> app.viewModel().open(ws));
        FxWait.until(() -> app.viewModel().selectedProperty().get() instanceof WorkspaceSource
                && plot(app) != null && plot(app).indexBins(), "the workspace");

        WorkbenchApp again = restart(robot);
        FxWait.until(() -> again.viewModel().selectedProperty().get() instanceof WorkspaceSource
                && plot(again) != null && plot(again).indexBins(), "the workspace is back");
        assertEquals("Observed (2bin_histosys.json)", plot(again).dataLabel());
        // pyhf validation 2bin_histosys: observed [120, 180]
        assertArrayEquals(new double[] {120, 180}, plot(again).data(), 1e-9);
        FxWait.until(() -> "Observed (2bin_histosys.json)".equals(again.histogramView().chart().lastDataLabel()),
                "the legend names the observed data");
        close(robot, again);
    }

    @Test
    void anUnfoldedResultComesBackInItsView(FxRobot robot) throws Exception {
        FxWait.until(() -> plot(app) != null, "demo histogram");
        Path h5 = tmp.resolve("multifold.h5");
        SyntheticOmniFold.writeHdf5(SyntheticOmniFold.generate(SyntheticOmniFold.Config.of(4000, 3),
                SyntheticOmniFold.Variant.NOMINAL), h5);
        robot.interact(() -> app.viewModel().open(h5));
        FxWait.until(() -> app.viewModel().unfolded().computedProperty().get() != null, "the unfolded result");
        String observable = app.viewModel().unfolded().observableProperty().get();

        WorkbenchApp again = restart(robot);
        FxWait.until(() -> again.viewModel().unfolded().computedProperty().get() != null, "the unfolded result is back");
        assertEquals(h5, again.viewModel().unfolded().fileProperty().get());
        assertEquals(observable, again.viewModel().unfolded().computedProperty().get().observable());
        assertNotNull(again.viewModel().selectedProperty().get(), "the events beside it are back too");
        assertTrue(again.viewModel().datasets().stream().noneMatch(s -> h5.equals(s.file())),
                "the result is not mistaken for events");
        close(robot, again);
    }

    private static String tabShown(WorkbenchApp a) {
        return a.tabs().getSelectionModel().getSelectedItem().getId();
    }

    @Test
    void aRootFileComesBackInItsTabWithTheTabThatWasShown(FxRobot robot) throws Exception {
        FxWait.until(() -> plot(app) != null, "demo histogram");
        Path f = shared("data/root/uproot-HZZ.root");
        robot.interact(() -> app.viewModel().open(f));
        FxWait.until(() -> app.viewModel().root().sourceProperty().get() != null, "HZZ.root in the ROOT tab");
        assertEquals("root-tab", tabShown(app));
        // the user goes back to the histogram: the ROOT file stays open in its tab, the histogram is shown
        robot.interact(() -> app.tabs().getSelectionModel().select(0));

        WorkbenchApp again = restart(robot);
        FxWait.until(() -> again.viewModel().root().sourceProperty().get() != null
                && f.equals(again.viewModel().root().sourceProperty().get().file()), "HZZ.root is back in its tab");
        FxWait.until(() -> "histogram-tab".equals(tabShown(again)) && plot(again) != null, "on the histogram tab");
        assertEquals("demo", again.viewModel().selectedProperty().get().name(), "the demo stays the selected source");
        assertTrue(again.viewModel().datasets().stream().noneMatch(s -> f.equals(s.file())),
                "the ROOT file is browsed, not made a source");
        close(robot, again);
    }

    @Test
    void aPublishedArchiveComesBackOnTheRegionShownAndThenOnTheSignalPointOpened(FxRobot robot) throws Exception {
        FxWait.until(() -> plot(app) != null, "demo histogram");
        Path archive = shared("data/hepdata/sbottom-multib-ins1748602.tar.gz");
        robot.interact(() -> app.viewModel().open(archive));
        FxWait.until(() -> app.viewModel().grid().rows().size() == 217, "RegionA's 217 points listed");
        robot.interact(() -> app.viewModel().grid().region("RegionB"));
        // ../shared/data/hepdata/README.md: RegionB has 218 signal points
        FxWait.until(() -> app.viewModel().grid().sourceProperty().get().region().equals("RegionB")
                && app.viewModel().grid().rows().size() == 218, "RegionB's 218 points listed");

        WorkbenchApp again = restart(robot);
        FxWait.until(() -> again.viewModel().grid().sourceProperty().get() != null
                && "RegionB".equals(again.viewModel().grid().sourceProperty().get().region())
                && again.viewModel().grid().rows().size() == 218, "RegionB is shown again");
        assertEquals("grid-tab", tabShown(again));
        assertEquals(archive, again.viewModel().grid().sourceProperty().get().file());
        assertTrue(again.viewModel().selectedProperty().get() instanceof PublishedSource p
                && "RegionB".equals(p.region()), "RegionB is the selected source");

        String point = "sbottom_1400_550_60";
        robot.interact(() -> again.viewModel().grid().openPoint(point));
        FxWait.until(() -> again.viewModel().selectedProperty().get() instanceof WorkspaceSource w
                && w.name().equals(point + " (RegionB)"), "the point's signal workspace");
        app = again;
        stage = again.stage();

        WorkbenchApp third = restart(robot);
        FxWait.until(() -> third.viewModel().selectedProperty().get() instanceof WorkspaceSource w
                && w.name().equals(point + " (RegionB)") && plot(third) != null && plot(third).indexBins(),
                "the point's workspace is selected again");
        assertEquals("likelihood-tab", tabShown(third));
        assertEquals("RegionB", third.viewModel().grid().sourceProperty().get().region(),
                "the grid shows the point's region");
        AtomicReference<Session> saved = new AtomicReference<>();
        robot.interact(() -> saved.set(third.viewModel().snapshot()));
        assertEquals(Session.Source.point(archive.toString(), "RegionB", point),
                saved.get().sources().get(saved.get().selected()), "the point is saved again as archive, region and point");
        close(robot, third);
    }
}
