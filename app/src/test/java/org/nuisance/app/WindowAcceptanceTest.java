package org.nuisance.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Labeled;
import javafx.scene.control.Slider;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.nuisance.app.data.DataViewModel;
import org.nuisance.app.likelihood.LikelihoodViewModel;
import org.nuisance.engine.higgsml.NuisanceParameter;
import org.nuisance.engine.workbench.DataSpec;
import org.nuisance.engine.workbench.Plot;
import org.nuisance.engine.workbench.WorkspaceSource;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The window shows exactly what it fits: the acceptance list of issue 11, driven as a person would. */
@ExtendWith(ApplicationExtension.class)
class WindowAcceptanceTest {

    private WorkbenchApp app;
    private Stage stage;

    @TempDir
    Path tmp;

    @Start
    void start(Stage stage) throws java.io.IOException {
        this.stage = stage;
        System.setProperty("nuisance.demo.events", "40000");
        System.setProperty("nuisance.state.dir", Files.createTempDirectory("nuisance-state").toString());
        app = new WorkbenchApp();
        app.start(stage);
    }

    private Plot plot() {
        return app.viewModel().histogram().resultProperty().get();
    }

    private LikelihoodViewModel.Result fit() {
        return app.viewModel().likelihood().resultProperty().get();
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

    @Test
    void fitNeverChangesTheDataAndFittingTwiceGivesTheSameMuHat(FxRobot robot) throws Exception {
        FxWait.until(() -> plot() != null, "demo histogram");
        robot.interact(() -> {
            app.viewModel().histogram().binsProperty().set(20);
            app.viewModel().histogram().hiProperty().set(150);
            app.viewModel().nuisance().value(NuisanceParameter.MU).set(1.4);
            // pseudo-data generated once at these sliders, seed 4
            app.viewModel().data().choose(DataViewModel.Kind.OBSERVED);
            app.viewModel().data().choose(DataViewModel.Kind.PSEUDO);
            app.viewModel().data().setSeed(4);
        });
        DataSpec spec = app.viewModel().data().specProperty().get();
        assertEquals("Pseudo-data: truth \u03bc=1.4, seed 4", spec.describe(null));
        robot.clickOn("#likelihood-tab");
        WaitForAsyncUtils.waitFor(60, java.util.concurrent.TimeUnit.SECONDS, () -> fit() != null
                && fit().analysis().dataLabel().equals("Pseudo-data: truth \u03bc=1.4, seed 4")
                && !app.viewModel().likelihood().busyProperty().get());
        double[] dataBefore = plot().data();
        robot.clickOn("#fit-button");
        double mu1 = app.viewModel().nuisance().value(NuisanceParameter.MU).get();
        // the sliders moved to the best fit; a new fit runs there on the same data
        WaitForAsyncUtils.waitFor(60, java.util.concurrent.TimeUnit.SECONDS, () -> fit() != null
                && fit().analysis().sliders().get("mu") == mu1 && !app.viewModel().likelihood().busyProperty().get());
        robot.clickOn("#fit-button");
        WaitForAsyncUtils.waitForFxEvents();
        double mu2 = app.viewModel().nuisance().value(NuisanceParameter.MU).get();
        assertEquals(mu1, mu2, 1e-9, "Fit twice: the same best fit, the data did not move");
        assertEquals(spec, app.viewModel().data().specProperty().get(), "the dataset is the one chosen");
        WaitForAsyncUtils.waitFor(30, java.util.concurrent.TimeUnit.SECONDS,
                () -> plot().sliders().get("mu") == mu2);
        assertTrue(java.util.Arrays.equals(dataBefore, plot().data()), "the drawn data did not move either");
        assertEquals("Pseudo-data: truth \u03bc=1.4, seed 4", app.histogramView().chart().lastDataLabel(),
                "the legend names the fitted dataset");
        assertTrue(app.likelihoodView().fittedDataLabel().startsWith("Pseudo-data: truth \u03bc=1.4, seed 4"),
                app.likelihoodView().fittedDataLabel());
    }

    @Test
    void aSessionWithAPseudoDatasetAndAWorkspaceComesBackIdentically(FxRobot robot) throws Exception {
        FxWait.until(() -> plot() != null, "demo histogram");
        Path ws = shared("reference/histfactory/2bin_histosys.json");
        robot.interact(() -> {
            app.viewModel().nuisance().value(NuisanceParameter.TES).set(1.02);
            app.viewModel().data().truthFromSliders();
            app.viewModel().data().setSeed(7);
        });
        FxWait.until(() -> plot().dataLabel().equals("Pseudo-data: truth \u03bc=1, tes=1.02, seed 7"), "the pseudo-data");
        double[] counts = plot().data();
        Path session = tmp.resolve("s.nuisance");
        app.viewModel().saveSession(session);
        robot.interact(() -> app.viewModel().open(ws));
        FxWait.until(() -> app.viewModel().selectedProperty().get() instanceof WorkspaceSource, "the workspace");
        assertEquals(new DataSpec.Observed(), app.viewModel().data().specProperty().get(),
                "a workspace starts on its observed data");
        Path session2 = tmp.resolve("s2.nuisance");
        app.viewModel().saveSession(session2);
        // the first session: the demo and the same pseudo-data, regenerated from truth and seed
        robot.interact(() -> app.openSessionFile(session));
        FxWait.until(() -> app.viewModel().loadingProperty().get() == null && plot() != null
                && plot().dataLabel().equals("Pseudo-data: truth \u03bc=1, tes=1.02, seed 7")
                && Double.valueOf(1.02).equals(plot().sliders().get("tes")), "the pseudo-data session is back");
        assertTrue(java.util.Arrays.equals(counts, plot().data()), "regenerated identically");
        // the second: the demo and the workspace, the workspace selected, on its observed data
        robot.interact(() -> app.openSessionFile(session2));
        FxWait.until(() -> app.viewModel().loadingProperty().get() == null
                && app.viewModel().selectedProperty().get() instanceof WorkspaceSource
                && plot() != null && plot().indexBins(), "the workspace session is back");
        assertEquals("Observed (2bin_histosys.json)", plot().dataLabel());
        // pyhf validation 2bin_histosys: observed [120, 180]
        assertEquals(120, plot().data()[0], 1e-9);
        assertEquals(180, plot().data()[1], 1e-9);
    }

    @Test
    void aCorruptAutosaveFallsBackToTheDemoWithADialog(FxRobot robot) throws Exception {
        FxWait.until(() -> plot() != null, "demo histogram");
        Path bad = tmp.resolve("bad.nuisance");
        Files.writeString(bad, "{\"version\":1,\"sources\":[{\"kind\":\"file\",\"path\":\""
                + tmp.resolve("gone.parquet").toString().replace("\\", "/") + "\"}],\"selected\":0}");
        robot.interact(() -> {
            app.viewModel().datasets().clear();
            app.viewModel().selectedProperty().set(null);
            app.openSessionFile(bad);
        });
        FxWait.until(() -> robot.lookup(".dialog-pane").tryQuery().isPresent(), "an error dialog");
        DialogPane pane = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        assertTrue(pane.getHeaderText().contains("demo"), pane.getHeaderText());
        assertTrue(pane.getContentText().contains("gone.parquet"), pane.getContentText());
        robot.interact(() -> ((Stage) pane.getScene().getWindow()).close());
        FxWait.until(() -> !app.viewModel().datasets().isEmpty()
                && "demo".equals(app.viewModel().selectedProperty().get().name()), "the demo, never an empty window");
    }

    @Test
    void aWorkspaceShowsObservedDataAboveTheStackWithGarwoodErrorBars(FxRobot robot) throws Exception {
        FxWait.until(() -> plot() != null, "demo histogram");
        robot.interact(() -> app.viewModel().open(shared("reference/histfactory/2bin_histosys.json")));
        FxWait.until(() -> plot() != null && plot().indexBins(), "the workspace channel");
        double[][] err = plot().dataIntervals();
        // Garwood 68.27% for n = 120: [109.06, 131.98] (scipy.stats.chi2.ppf)
        assertEquals(109.0608, err[0][0], 1e-3);
        assertEquals(131.9849, err[1][0], 1e-3);
        var main = (org.jfree.chart.plot.XYPlot) ((org.jfree.chart.plot.CombinedDomainXYPlot)
                app.histogramView().chart().chart().getPlot()).getSubplots().get(0);
        assertEquals(org.jfree.chart.plot.DatasetRenderingOrder.FORWARD, main.getDatasetRenderingOrder());
        int dataIndex = -1;
        for (int i = 0; i < 10; i++) {
            if (main.getDataset(i) != null && main.getDataset(i).getSeriesCount() > 0
                    && "Data".equals(main.getDataset(i).getSeriesKey(0))) {
                dataIndex = i;
            }
        }
        for (int i = 0; i < 10; i++) {
            if (main.getDataset(i) != null) {
                assertTrue(i <= dataIndex, "the data are drawn last, above the stack (dataset " + i + ")");
            }
        }
        assertTrue(main.getDataset(dataIndex).getItemCount(0) == 2, "two data points");
    }

    @Test
    void noLabelIsTruncatedAt1280x800AndSlidersAreLong(FxRobot robot) throws Exception {
        FxWait.until(() -> plot() != null, "demo histogram");
        robot.interact(() -> {
            stage.setWidth(1280);
            stage.setHeight(800);
        });
        WaitForAsyncUtils.waitForFxEvents();
        Thread.sleep(300);
        WaitForAsyncUtils.waitForFxEvents();
        List<String> cut = new ArrayList<>();
        robot.interact(() -> walk(stage.getScene().getRoot(), cut));
        assertTrue(cut.isEmpty(), "truncated: " + cut);
        Slider tes = robot.lookup("#slider-tes").queryAs(Slider.class);
        assertTrue(tes.getWidth() >= 200, "the tes slider is " + tes.getWidth() + " px");
    }

    /** Every visible Labeled's text fits: JavaFX shows an ellipsis (the default "…") when it does not. */
    private static void walk(Node n, List<String> cut) {
        if (!n.isVisible() || n.getScene() == null) {
            return;
        }
        if (n instanceof Labeled l && l.getText() != null && !l.getText().isEmpty() && l.getWidth() > 0) {
            javafx.scene.text.Text shown = (javafx.scene.text.Text) l.lookup(".text");
            if (shown != null && !shown.getText().equals(l.getText()) && shown.getText().endsWith("\u2026")) {
                cut.add(l.getClass().getSimpleName() + " '" + l.getText() + "' shown as '" + shown.getText() + "'");
            }
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                walk(c, cut);
            }
        }
    }

    @Test
    void pdfExportWritesMu(FxRobot robot) throws Exception {
        FxWait.until(() -> plot() != null, "demo histogram");
        robot.clickOn("#likelihood-tab");
        WaitForAsyncUtils.waitFor(60, java.util.concurrent.TimeUnit.SECONDS, () -> fit() != null);
        Path pdf = tmp.resolve("scan.pdf");
        robot.interact(() -> app.exportPlot(pdf));
        String text = new String(Files.readAllBytes(pdf), StandardCharsets.ISO_8859_1);
        // OrsonPDF writes text as glyph outlines or as a string; either way the file must not carry '?' for mu
        assertTrue(Files.size(pdf) > 1000);
        assertTrue(!text.contains("(? (signal strength))") && !text.contains("of ?)"), "mu written as '?'");
    }

    @Test
    void oneDefinitionOfKSigma(FxRobot robot) throws Exception {
        FxWait.until(() -> plot() != null, "demo histogram");
        // soft_met is log-normal in the challenge: -1 sigma is e^-1 GeV (HiggsTemplates.theta agrees), not 0
        robot.interact(() -> app.viewModel().nuisance().setSigma(NuisanceParameter.SOFT_MET, -1));
        assertEquals(Math.exp(-1), app.viewModel().nuisance().value(NuisanceParameter.SOFT_MET).get(), 1e-12);
        robot.interact(() -> app.viewModel().nuisance().setSigma(NuisanceParameter.TES, 2));
        assertEquals(1.02, app.viewModel().nuisance().value(NuisanceParameter.TES).get(), 1e-12);
        Map<String, Double> unused = Map.of();
        assertTrue(unused.isEmpty());
    }
}
