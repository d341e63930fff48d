package org.nuisance.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.nuisance.engine.workbench.Plot;
import org.nuisance.engine.workbench.Source;
import org.nuisance.engine.higgsml.NuisanceParameter;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Opening real files, a corrupt one, and a session round trip, as a person would. */
@ExtendWith(ApplicationExtension.class)
class WorkbenchFlowsTest {

    private WorkbenchApp app;

    @TempDir
    Path tmp;

    @Start
    void start(Stage stage) throws java.io.IOException {
        System.setProperty("nuisance.demo.events", "50000");
        System.setProperty("nuisance.state.dir", Files.createTempDirectory("nuisance-state").toString());
        app = new WorkbenchApp();
        app.start(stage);
    }

    private Plot result() {
        return app.viewModel().histogram().resultProperty().get();
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

    @Test
    void openingTheFairUniverseParquetShowsItsHistogram(FxRobot robot) throws Exception {
        FxWait.until(() -> result() != null, "demo histogram");
        Path parquet = shared("data/fair-universe/FAIR_Universe_HiggsML_data.parquet");
        robot.interact(() -> app.viewModel().open(parquet));
        FxWait.until(() -> result() != null && result().nominal().processes().contains("htautau")
                && ((org.nuisance.engine.workbench.EventsSource) app.viewModel().selectedProperty().get()).rows() == 1000, "the parquet is selected");
        FxWait.until(() -> Math.abs(result().nominalTotal().total() + result().nominalTotal().underflow()
                + result().nominalTotal().overflow() - 9.8e5) < 1e5, "histogram of the 925 surviving events");
        Label events = robot.lookup("#status-events").queryAs(Label.class);
        assertEquals("FAIR_Universe_HiggsML_data.parquet: 1,000 events", events.getText());
        assertEquals(2, app.viewModel().datasets().size(), "the demo stays loaded beside it");
        assertEquals(parquet.toAbsolutePath(), app.viewModel().recentFiles().get(0));
    }

    @Test
    void aCorruptFileShowsAnErrorAndKeepsWhatWasLoaded(FxRobot robot) throws Exception {
        FxWait.until(() -> result() != null, "demo histogram");
        Source before = app.viewModel().selectedProperty().get();
        Plot shown = result();
        Path bad = tmp.resolve("corrupt.parquet");
        Files.write(bad, new byte[] {'P', 'A', 'R', '1', 0, 0, 1, 2, 3, 4, 5});
        robot.interact(() -> app.viewModel().open(bad));
        FxWait.until(() -> robot.lookup(".dialog-pane").tryQuery().isPresent(), "an error dialog");
        DialogPane pane = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        assertEquals("The file could not be opened.", pane.getHeaderText());
        assertTrue(pane.getContentText().startsWith("corrupt.parquet: not a readable Parquet file"), pane.getContentText());
        assertFalse(pane.getContentText().contains("\n"), "one line; details behind the expander");
        assertEquals(before, app.viewModel().selectedProperty().get());
        assertEquals(1, app.viewModel().datasets().size());
        assertEquals(shown, result(), "the histogram is untouched");
        robot.interact(() -> ((javafx.stage.Stage) pane.getScene().getWindow()).close());
    }

    @Test
    void savingAndReopeningASessionRestoresTheSliders(FxRobot robot) throws Exception {
        FxWait.until(() -> result() != null, "demo histogram");
        Path session = tmp.resolve("analysis.nuisance");
        robot.interact(() -> {
            app.viewModel().nuisance().value(NuisanceParameter.TES).set(1.04);
            app.viewModel().nuisance().value(NuisanceParameter.MU).set(2.5);
            app.viewModel().nuisance().fixed(NuisanceParameter.JES).set(true);
            app.viewModel().histogram().binsProperty().set(25);
        });
        robot.interact(() -> {
            try {
                app.viewModel().saveSession(session);
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
            app.viewModel().nuisance().resetAll();
            app.viewModel().nuisance().fixed(NuisanceParameter.JES).set(false);
            app.viewModel().histogram().binsProperty().set(40);
        });
        assertEquals(1.0, app.viewModel().nuisance().value(NuisanceParameter.TES).get());
        String json = Files.readString(session);
        assertTrue(json.contains("\"tes\" : 1.04"), json);
        robot.interact(() -> app.openSessionFile(session));
        FxWait.until(() -> app.viewModel().loadingProperty().get() == null && result() != null
                && result().sliders().get("tes") == 1.04, "the session is back");
        assertEquals(2.5, app.viewModel().nuisance().value(NuisanceParameter.MU).get());
        assertTrue(app.viewModel().nuisance().fixed(NuisanceParameter.JES).get());
        assertEquals(25, app.viewModel().histogram().binsProperty().get());
        assertEquals(1.04, ((javafx.scene.control.Slider) robot.lookup("#slider-tes").query()).getValue(), 1e-12);
    }

    @Test
    void histogramContentsExportAsCsv(FxRobot robot) throws Exception {
        FxWait.until(() -> result() != null, "demo histogram");
        Path csv = tmp.resolve("h.csv");
        robot.interact(() -> {
            try {
                app.viewModel().exportHistogramCsv(csv);
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        });
        java.util.List<String> lines = Files.readAllLines(csv);
        assertEquals(41, lines.size(), "header and 40 bins");
        assertTrue(lines.get(0).startsWith("bin_low,bin_high,htautau_sumw,htautau_sumw2"), lines.get(0));
        assertTrue(lines.get(1).startsWith("0.000000000,5.000000000,"), lines.get(1));
    }

    @Test
    void openingAHistFactoryWorkspaceShowsItsSamplesAndParameters(FxRobot robot) throws Exception {
        FxWait.until(() -> result() != null, "demo histogram");
        Path ws = shared("reference/histfactory/2bin_histosys.json");
        robot.interact(() -> app.viewModel().open(ws));
        FxWait.until(() -> app.viewModel().selectedProperty().get() != null
                && app.viewModel().selectedProperty().get() instanceof org.nuisance.engine.workbench.WorkspaceSource, "the workspace is selected");
        FxWait.until(() -> result() != null && result().indexBins(), "its channel is drawn");
        // pyhf validation 2bin_histosys: signal [30, 95], background [100, 150], observed [120, 180]
        assertEquals(java.util.List.of("signal", "background"), result().nominal().processes());
        assertEquals(30, result().nominal().get("signal").value(0), 1e-9);
        assertEquals(150, result().nominal().get("background").value(1), 1e-9);
        assertEquals(180, result().data()[1], 1e-9);
        assertEquals(95, result().nominal().get("signal").value(1), 1e-9);
        assertTrue(robot.lookup("#workspace-panel").query().isVisible());
        javafx.scene.control.Slider mu = robot.lookup("#ws-slider-mu").queryAs(javafx.scene.control.Slider.class);
        robot.interact(() -> mu.setValue(2.0));
        FxWait.until(() -> Math.abs(result().shiftedTotal().value(0) - (2 * 30 + 100)) < 1e-9,
                "mu = 2 doubles the signal in the total");
        Label events = robot.lookup("#status-events").queryAs(Label.class);
        assertTrue(events.getText().startsWith("2bin_histosys.json: workspace"), events.getText());
    }

    @Test
    void aTrainedClassifiersScoreBecomesAColumnOfANewDataset(FxRobot robot) throws Exception {
        FxWait.until(() -> result() != null, "demo histogram");
        robot.interact(() -> {
            var train = app.viewModel().train();
            train.selectOnly(java.util.List.of("DER_mass_vis", "PRI_had_pt", "PRI_lep_pt", "DER_pt_h"));
            train.epochsProperty().set(2);
            train.start();
        });
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> app.viewModel().datasets().size() == 2);
        FxWait.until(() -> app.viewModel().selectedProperty().get().name().equals("demo + score"), "the scored dataset");
        FxWait.until(() -> result() != null && result().nominal().column().equals("score"), "the score histogram");
        assertEquals(0, result().nominal().axis().lo());
        assertEquals(1, result().nominal().axis().hi());
        assertTrue(result().nominal().get("htautau").total() > 0);
        // the score is recomputed on the shifted events: tes at +3 sigma moves the score histogram
        double[] nominal = result().shiftedTotal().values();
        robot.interact(() -> app.viewModel().nuisance().value(NuisanceParameter.TES).set(1.03));
        FxWait.until(() -> Double.valueOf(1.03).equals(result().sliders().get("tes")), "the shifted score");
        double moved = 0;
        for (int b = 0; b < nominal.length; b++) {
            moved = Math.max(moved, Math.abs(result().shiftedTotal().value(b) - nominal[b]) / Math.max(1, nominal[b]));
        }
        assertTrue(moved > 1e-3, "tes moves the score histogram (largest relative change " + moved + ")");
        // and its binned model has the shape parameters
        robot.clickOn("#likelihood-tab");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> app.viewModel().likelihood().resultProperty().get() != null);
        var names = app.viewModel().likelihood().resultProperty().get().analysis().parameters();
        assertTrue(names.containsAll(java.util.List.of("tes", "jes", "soft_met")), names.toString());
    }

    @Test
    void anUnfoldedResultFileOpensInTheUnfoldedView(FxRobot robot) throws Exception {
        FxWait.until(() -> result() != null, "demo histogram");
        Path file = tmp.resolve("multifold.h5");
        org.nuisance.engine.omnifold.SyntheticOmniFold.writeHdf5(org.nuisance.engine.omnifold.SyntheticOmniFold.generate(
                org.nuisance.engine.omnifold.SyntheticOmniFold.Config.of(4000, 3),
                org.nuisance.engine.omnifold.SyntheticOmniFold.Variant.NOMINAL), file);
        robot.interact(() -> app.viewModel().open(file));
        FxWait.until(() -> app.viewModel().unfolded().explorerProperty().get() != null, "the unfolded result is open");
        assertEquals("Unfolded result", app.tabs().getSelectionModel().getSelectedItem().getText());
        assertEquals(1, app.viewModel().datasets().size(), "it is not mistaken for events");
    }

    @Test
    void anUnknownColumnShowsTheErrorDialogAndKeepsTheHistogram(FxRobot robot) throws Exception {
        FxWait.until(() -> result() != null, "demo histogram");
        Plot shown = result();
        robot.clickOn("#column-field").push(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.A)
                .write("DER_nonsense").type(javafx.scene.input.KeyCode.ENTER);
        FxWait.until(() -> robot.lookup(".dialog-pane").tryQuery().isPresent(), "an error dialog");
        DialogPane pane = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        assertEquals("unknown column 'DER_nonsense'", pane.getContentText());
        assertEquals(shown, result());
        assertEquals("DER_mass_vis", app.viewModel().histogram().columnProperty().get());
        robot.interact(() -> ((javafx.stage.Stage) pane.getScene().getWindow()).close());
    }
}
