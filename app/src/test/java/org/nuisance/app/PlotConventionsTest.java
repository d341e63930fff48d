package org.nuisance.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.ComboBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.nuisance.app.plots.HistogramChart;
import org.nuisance.engine.workbench.Plot;
import org.nuisance.engine.workbench.WorkspaceSource;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The histogram's plot conventions in the window: the experiment label of the demo, the post-fit total
 * band after a fit (against the closed form of one-bin counting), and the ratio panel's chooser.
 */
@ExtendWith(ApplicationExtension.class)
class PlotConventionsTest {

    /** One bin: signal 20 with a normfactor mu on a background of 100, 130 observed. */
    static final String COUNTING = """
            {"channels": [{"name": "sr", "samples": [
              {"name": "signal", "data": [20.0], "modifiers": [{"name": "mu", "type": "normfactor", "data": null}]},
              {"name": "background", "data": [100.0], "modifiers": []}]}],
             "observations": [{"name": "sr", "data": [130.0]}],
             "measurements": [{"name": "m", "config": {"poi": "mu", "parameters": []}}],
             "version": "1.0.0"}
            """;

    private WorkbenchApp app;

    @TempDir
    Path tmp;

    @Start
    void start(Stage stage) throws java.io.IOException {
        System.setProperty("nuisance.demo.events", "40000");
        System.setProperty("nuisance.state.dir", Files.createTempDirectory("nuisance-state").toString());
        app = new WorkbenchApp();
        app.start(stage);
    }

    private Plot plot() {
        return app.viewModel().histogram().resultProperty().get();
    }

    private HistogramChart chart() {
        return app.histogramView().chart();
    }

    /** The demo's weights give each process its 10 fb^-1 yield (DemoGenerator), at the FAIR sample's 13 TeV. */
    @Test
    void theDemoIsLabelledWithItsEnergyAndLuminosity() throws Exception {
        FxWait.until(() -> plot() != null, "demo histogram");
        FxWait.until(() -> !chart().experimentLabel().isEmpty(), "the label is drawn");
        assertEquals("HiggsML-like demo simulation   \u221as = 13 TeV, 10 fb\u207b\u00b9", chart().experimentLabel());
    }

    /**
     * After a fit of one-bin counting (nu = mu s + b, n = 130), the band is the expectation at the best
     * fit, n, plus and minus sigma_mu s = sqrt(n) (sigma_mu = sqrt(n) / s from the Hessian): 130 +- 11.402.
     * The ratio chooser switches the lower panel between data / MC and shifted / nominal.
     */
    @Test
    void afterAFitTheBandIsTheClosedFormAndTheRatioChooserSwitches(FxRobot robot) throws Exception {
        FxWait.until(() -> plot() != null, "demo histogram");
        assertNull(chart().lastTotalBand(), "no band before any fit");
        Path ws = tmp.resolve("counting.json");
        Files.writeString(ws, COUNTING);
        robot.interact(() -> app.viewModel().open(ws));
        FxWait.until(() -> app.viewModel().selectedProperty().get() instanceof WorkspaceSource
                && plot() != null && plot().data().length == 1, "the workspace's channel");
        robot.clickOn("#likelihood-tab");
        FxWait.until(() -> app.viewModel().likelihood().resultProperty().get() != null, "the fit");
        robot.interact(() -> app.tabs().getSelectionModel().select(0));
        FxWait.until(() -> chart().lastTotalBand() != null, "the post-fit band");
        double[][] band = chart().lastTotalBand();
        assertEquals(130 - Math.sqrt(130), band[0][0], 1e-3);
        assertEquals(130 + Math.sqrt(130), band[1][0], 1e-3);

        assertEquals(HistogramChart.RatioMode.DATA_OVER_MC, chart().lastRatioMode());
        assertEquals("Data / MC", chart().ratioTitle());
        ComboBox<?> chooser = robot.lookup("#ratio-mode").queryAs(ComboBox.class);
        robot.clickOn(chooser);
        robot.clickOn("Shifted / nominal");
        FxWait.until(() -> chart().lastRatioMode() == HistogramChart.RatioMode.SHIFTED_OVER_NOMINAL, "ratio switched");
        assertEquals("Shifted / nominal", chart().ratioTitle());
        assertTrue(chart().lastTotalBand() != null, "the band stays after the switch");
    }
}
