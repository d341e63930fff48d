package org.nuisance.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.nuisance.app.grid.GridViewModel;
import org.nuisance.engine.workbench.PublishedSource;
import org.nuisance.engine.workbench.PublishedSources;
import org.nuisance.engine.workbench.Source;
import org.nuisance.engine.workbench.WorkspaceSource;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Published likelihoods in the window: the ATLAS sbottom HEPData archive opens on the Signal grid tab,
 * the two reference points of ../shared/data/hepdata/README.md (pyhf's regression numbers) come out of
 * "Compute selected", a point opens in the Likelihood tab, HistFactory XML opens as a workspace, and
 * broken inputs give the one-line dialog.
 */
@ExtendWith(ApplicationExtension.class)
class SignalGridViewTest {

    static {
        // the first window of a JVM starts cold; on the shared 2-core machine under load that takes longer than
        // TestFX's default setup wait
        if (System.getProperty("testfx.setup.timeout") == null) {
            System.setProperty("testfx.setup.timeout", "60000");
        }
    }

    private WorkbenchApp app;

    @TempDir
    Path tmp;

    @Start
    void start(Stage stage) throws java.io.IOException {
        app = AppTestSupport.startWindow(stage);
    }

    private static Path shared(String rel) {
        return AppTestSupport.shared(rel);
    }

    private static final Path ARCHIVE = shared("data/hepdata/sbottom-multib-ins1748602.tar.gz");

    private GridViewModel grid() {
        return app.viewModel().grid();
    }

    private void openArchive(FxRobot robot) throws Exception {
        FxWait.until(() -> app.viewModel().selectedProperty().get() != null, "the demo");
        robot.interact(() -> app.viewModel().open(ARCHIVE));
        FxWait.until(() -> grid().sourceProperty().get() != null && grid().rows().size() == 217
                && grid().planeProperty().get() != null, "RegionA's 217 points listed");
    }

    private void computeSelected(FxRobot robot, String point) throws Exception {
        TableView<GridViewModel.Row> table = robot.lookup("#grid-points").queryAs(TableView.class);
        robot.interact(() -> {
            table.getSelectionModel().clearSelection();
            for (int i = 0; i < table.getItems().size(); i++) {
                if (table.getItems().get(i).name().equals(point)) {
                    table.getSelectionModel().select(i);
                }
            }
        });
        robot.clickOn("#grid-compute-selected");
        FxWait.until(() -> grid().computed(point) != null && grid().runningProperty().get() == null, point + " computed");
    }

    private static void assertRelative(double expected, double actual, String what) {
        assertEquals(expected, actual, 5e-4 * Math.abs(expected), what);
    }

    @Test
    void theSbottomArchiveListsRegionAAndReproducesBothReadmeReferencePoints(FxRobot robot) throws Exception {
        openArchive(robot);
        assertTrue(app.tabs().getSelectionModel().getSelectedItem().getId().equals("grid-tab"), "the grid tab is shown");
        PublishedSource s = grid().sourceProperty().get();
        assertEquals("RegionA", s.region());
        assertEquals(List.of("RegionA", "RegionB", "RegionC"), s.regions());
        assertEquals(List.of("msb [GeV]", "mn2 [GeV]", "mn1 [GeV]"), s.labels(), "from the record's README");
        assertEquals("ATLAS SUSY sbottom multi-b analysis, HEPData ins1748602", s.analysis());
        // the plane: msb against mn2 at the most common mn1 (the PUB note's mn1 = 60 GeV scenario)
        assertEquals("2=60", grid().sliceProperty().get());
        assertEquals(0, grid().xAxisProperty().get());
        assertEquals(1, grid().yAxisProperty().get());

        // Compute plane runs in the background: progress moves, Cancel stops it with what was finished
        robot.clickOn("#grid-compute");
        FxWait.until(() -> grid().progressProperty().get() > 0, "the first points finished");
        robot.clickOn("#grid-cancel");
        FxWait.until(() -> grid().runningProperty().get() == null, "cancelled");
        assertTrue(grid().messageProperty().get().startsWith("Cancelled"), grid().messageProperty().get());
        assertTrue(grid().rows().stream().filter(r -> r.computed() != null).count() < 130, "not the whole plane");

        // pyhf tests/test_regression.py via ../shared/data/hepdata/README.md: qtilde, code4/code4p, mu_SIG = 1
        computeSelected(robot, "sbottom_1300_205_60");
        PublishedSources.Computed a = grid().computed("sbottom_1300_205_60");
        assertReference(a, 0.24443627759085326, new double[] {0.09022509053507759, 0.1937839194960632,
            0.38432344933992, 0.6557757334303531, 0.8910420971601081});

        ComboBox<String> region = robot.lookup("#grid-region").queryAs(ComboBox.class);
        robot.interact(() -> region.setValue("RegionB"));
        FxWait.until(() -> grid().sourceProperty().get() != null && "RegionB".equals(grid().sourceProperty().get().region())
                && grid().rows().size() == 218, "RegionB's 218 points listed");
        computeSelected(robot, "sbottom_1400_550_60");
        assertReference(grid().computed("sbottom_1400_550_60"), 0.9744675266677597, new double[] {0.9338879894557114,
            0.9569045303300702, 0.9771296335437559, 0.9916370124133669, 0.9983701133999316});
    }

    /** CLs_obs and all five expected-band members within 5e-4 relative, and the fits converged. */
    private static void assertReference(PublishedSources.Computed c, double obs, double[] exp) {
        assertRelative(obs, c.clsObs(), c.name() + " CLs_obs");
        for (int k = 0; k < 5; k++) {
            assertRelative(exp[k], c.clsExp()[k], c.name() + " CLs_exp[" + k + "]");
        }
        assertTrue(c.converged(), c.status());
    }

    @Test
    void clickingAPointOpensItsSignalWorkspaceInTheLikelihoodView(FxRobot robot) throws Exception {
        openArchive(robot);
        // the point (1300, 205) of the plane mn1 = 60 GeV, where the chart draws it
        robot.clickOn(pointOnChart(robot, 1300, 205));
        FxWait.until(() -> app.viewModel().selectedProperty().get() instanceof WorkspaceSource w
                && w.name().equals("sbottom_1300_205_60 (RegionA)"), "the signal workspace is selected ("
                + grid().messageProperty().get() + ")");
        WorkspaceSource ws = (WorkspaceSource) app.viewModel().selectedProperty().get();
        // RegionA's BkgOnly.json has SR_meff, VRtt_meff, CRtt_meff; this patch adds the signal sample to
        // channels 0 and 2 and removes the validation region (channel 1), as its three operations say
        assertEquals(List.of("SR_meff", "CRtt_meff"), ws.workspace().channels().stream().map(c -> c.name()).toList());
        assertEquals("sbottom_1300_205_60", ws.workspace().channels().get(0).samples().get(0).name());
        assertEquals("likelihood-tab", app.tabs().getSelectionModel().getSelectedItem().getId());
        FxWait.until(() -> app.viewModel().likelihood().resultProperty().get() != null
                && app.viewModel().likelihood().resultProperty().get().summary().fit().names().contains("mu_SIG"),
                "the likelihood view fits the signal workspace (POI mu_SIG)");
        assertTrue(app.viewModel().datasets().stream().anyMatch(d -> d instanceof PublishedSource),
                "the archive stays open beside it");

        // back on the grid, a row of the list opens that point too (Enter; a double-click does the same)
        robot.clickOn("#grid-tab");
        TableView<GridViewModel.Row> table = robot.lookup("#grid-points").queryAs(TableView.class);
        robot.interact(() -> table.scrollTo(0));
        robot.clickOn(robot.lookup(".table-row-cell").match(n -> n instanceof javafx.scene.control.TableRow<?> t
                && t.isVisible() && t.getItem() instanceof GridViewModel.Row g && g.name().equals("sbottom_1000_131_1"))
                .queryAs(javafx.scene.Node.class));
        robot.type(javafx.scene.input.KeyCode.ENTER);
        FxWait.until(() -> app.viewModel().selectedProperty().get() instanceof WorkspaceSource w
                && w.name().equals("sbottom_1000_131_1 (RegionA)"), "the row's signal workspace is selected");
    }

    /** Where the grid chart draws the point (x, y) in screen coordinates. */
    private static javafx.geometry.Point2D pointOnChart(FxRobot robot, double x, double y) {
        org.jfree.chart.fx.ChartViewer viewer = robot.lookup("#grid-chart").queryAs(org.jfree.chart.fx.ChartViewer.class);
        org.jfree.chart.fx.ChartCanvas canvas = viewer.getCanvas();
        org.jfree.chart.plot.XYPlot plot = viewer.getChart().getXYPlot();
        java.awt.geom.Rectangle2D area = canvas.getRenderingInfo().getPlotInfo().getDataArea();
        double px = plot.getDomainAxis().valueToJava2D(x, area, plot.getDomainAxisEdge());
        double py = plot.getRangeAxis().valueToJava2D(y, area, plot.getRangeAxisEdge());
        return canvas.localToScreen(px, py);
    }

    @Test
    void aHistFactoryXmlCombinationOpensAsAWorkspace(FxRobot robot) throws Exception {
        FxWait.until(() -> app.viewModel().selectedProperty().get() != null, "the demo");
        robot.interact(() -> app.viewModel().open(shared("reference/histfactory-xml/xmlimport_input/config/example.xml")));
        FxWait.until(() -> app.viewModel().selectedProperty().get() instanceof WorkspaceSource w
                && w.name().equals("example.xml"), "the imported workspace is selected");
        WorkspaceSource ws = (WorkspaceSource) app.viewModel().selectedProperty().get();
        // facts of ../shared/reference/histfactory-xml/README.md (pyhf tests/test_import.py)
        assertEquals("channel1", ws.workspace().channels().get(0).name());
        assertEquals(List.of("signal", "background1", "background2"),
                ws.workspace().channels().get(0).samples().stream().map(x -> x.name()).toList());
        assertEquals(122.0, ws.workspace().observations().get(0).data()[0], 0.0);
        assertEquals(112.0, ws.workspace().observations().get(0).data()[1], 0.0);
        assertEquals("SigXsecOverSM", ws.workspace().measurements().get(0).poi());
        FxWait.until(() -> app.viewModel().histogram().resultProperty().get() != null
                && app.viewModel().histogram().resultProperty().get().nominalTotal().total() > 0, "its histogram is drawn");
    }

    @Test
    void aCorruptArchiveOrPatchGivesTheOneLineDialogAndKeepsTheSource(FxRobot robot) throws Exception {
        FxWait.until(() -> app.viewModel().selectedProperty().get() != null, "the demo");
        Path bad = tmp.resolve("broken.tar.gz");
        Files.write(bad, new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3});
        Source before = app.viewModel().selectedProperty().get();
        robot.interact(() -> app.viewModel().open(bad));
        DialogPane pane = dialog(robot);
        assertEquals("The file could not be opened.", pane.getHeaderText());
        assertTrue(pane.getContentText().contains("broken.tar.gz"), pane.getContentText());
        assertFalse(pane.getContentText().contains("\n"), "one line; details behind the expander");
        assertEquals(before, app.viewModel().selectedProperty().get());
        assertEquals(1, app.viewModel().datasets().size());
        robot.interact(() -> ((Stage) pane.getScene().getWindow()).close());

        // a background-only workspace, then a patch whose second operation points into nothing
        robot.interact(() -> app.viewModel().open(shared("reference/histfactory/2bin_histosys.json")));
        FxWait.until(() -> app.viewModel().datasets().size() == 2, "the workspace is open");
        Source workspace = app.viewModel().selectedProperty().get();
        Path patch = tmp.resolve("patch.signal_100_10.json");
        Files.writeString(patch, "[{\"op\": \"test\", \"path\": \"/channels/0/name\", \"value\": \"singlechannel\"},"
                + " {\"op\": \"replace\", \"path\": \"/channels/7/samples/0/data\", \"value\": [1, 2]}]",
                StandardCharsets.UTF_8);
        robot.interact(() -> app.viewModel().open(patch));
        DialogPane second = dialog(robot);
        assertTrue(second.getContentText().contains("patch.signal_100_10.json"), second.getContentText());
        assertTrue(second.getContentText().contains("/channels/7"), "names the JSON path: " + second.getContentText());
        assertFalse(second.getContentText().contains("\n"));
        assertEquals(workspace, app.viewModel().selectedProperty().get());
        assertEquals(2, app.viewModel().datasets().size());
        robot.interact(() -> ((Stage) second.getScene().getWindow()).close());
    }

    private static DialogPane dialog(FxRobot robot) throws Exception {
        FxWait.until(() -> robot.lookup(".dialog-pane").tryQuery().isPresent(), "an error dialog");
        return robot.lookup(".dialog-pane").queryAs(DialogPane.class);
    }
}
