package org.nuisance.app.unfolded;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.concurrent.Task;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.nuisance.engine.hist.Axis;
import org.nuisance.engine.omnifold.Binning;
import org.nuisance.engine.omnifold.OmniFoldExplorer;
import org.nuisance.engine.omnifold.SyntheticOmniFold;
import org.nuisance.engine.omnifold.UnfoldedResult;
import org.nuisance.engine.omnifold.WeightHistograms;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The unfolded-result view on a small synthetic OmniFold file: what it draws is the engine's
 * {@link UnfoldedResult} for the chosen observable and binning, and a systematic slider moves the
 * distribution by theta (h_k - h_nom) / width, the engine's linear nuisance shift. Reference numbers
 * come from a separate {@link OmniFoldExplorer} opened on the same file in the test.
 */
@ExtendWith(ApplicationExtension.class)
class UnfoldedViewTest {

    @TempDir
    static Path dir;
    static Path nominalFile;
    static Path sherpaFile;
    static OmniFoldExplorer reference;

    UnfoldedViewModel vm;
    UnfoldedView view;
    Stage stage;

    @BeforeAll
    static void writeFiles() {
        SyntheticOmniFold.Config c = new SyntheticOmniFold.Config(20_000, 11L, 4, 3);
        nominalFile = dir.resolve("multifold.h5");
        sherpaFile = dir.resolve("multifold_sherpa.h5");
        SyntheticOmniFold.writeHdf5(SyntheticOmniFold.generate(c, SyntheticOmniFold.Variant.NOMINAL), nominalFile);
        SyntheticOmniFold.writeHdf5(SyntheticOmniFold.generate(c, SyntheticOmniFold.Variant.SHERPA), sherpaFile);
        reference = OmniFoldExplorer.open(nominalFile);
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        vm = new UnfoldedViewModel();
        view = new UnfoldedView(vm);
        stage.setScene(new Scene(view, 1500, 900));
        stage.show();
    }

    private void openAndWait(FxRobot robot) {
        robot.interact(() -> vm.open(nominalFile));
        waitFor(() -> vm.computedProperty().get() != null);
    }

    private static void waitFor(java.util.concurrent.Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out", e);
        }
        WaitForAsyncUtils.waitForFxEvents(3);
    }

    private UnfoldedResult expected(String observable, String binning) {
        return reference.result(observable, Binning.parse(binning));
    }

    @Test
    void chartShowsTheEnginesDsigmaDxBandPriorAndBreakdown(FxRobot robot) {
        openAndWait(robot);
        assertEquals("pT_ll", vm.observableProperty().get(), "pT_ll is shown first");
        UnfoldedResult r = expected("pT_ll", vm.binningProperty().get());
        UnfoldedChart chart = view.chart();
        assertArrayEquals(r.dsigmaDx(), chart.lineValues(UnfoldedChart.UNFOLDED), 1e-12);
        assertArrayEquals(r.axis().edges(), chart.binEdges(), 1e-12);
        double[][] band = chart.bandValues();
        double[] total = r.total();
        for (int b = 0; b < r.bins(); b++) {
            assertEquals(r.dsigmaDx()[b] - total[b], band[0][b], 1e-9);
            assertEquals(r.dsigmaDx()[b] + total[b], band[1][b], 1e-9);
        }
        assertArrayEquals(r.comparisons().get("prior"), chart.lineValues("prior"), 1e-12);
        for (String b : r.uncertainties().keySet()) {
            double[] pct = Arrays.stream(r.relative(b)).map(v -> 100 * v).toArray();
            assertArrayEquals(pct, chart.relativePercent(b), 1e-9, b);
        }
        // synthetic lumi is a flat 1.7 % (SyntheticOmniFold.SYSTEMATICS)
        for (double v : chart.relativePercent("lumi")) {
            assertEquals(1.7, v, 1e-3);
        }
        assertEquals("pT_ll [GeV]", chart.xLabel());
        assertEquals("d\u03c3/dx [fb/GeV]", chart.yLabel());
        String status = robot.lookup("#unfolded-status").queryAs(Label.class).getText();
        var chi2 = r.chi2(r.comparisons().get("prior"));
        assertTrue(status.contains(String.format(java.util.Locale.ROOT, "%.2f/%d", chi2.chi2(), chi2.ndf())), status);
        assertEquals(SyntheticOmniFold.SYSTEMATICS.size(), vm.thetas().size(), "one slider per systematic");
    }

    @Test
    void typingAnotherObservableAndBinningRebinsTheDistribution(FxRobot robot) {
        openAndWait(robot);
        double[] before = view.chart().binEdges();
        ComboBox<?> combo = robot.lookup("#observable-choice").queryAs(ComboBox.class);
        robot.clickOn(combo.getEditor()).push(KeyCode.CONTROL, KeyCode.A).write("y_ll").type(KeyCode.ENTER);
        waitFor(() -> vm.computedProperty().get().observable().equals("y_ll"));
        Axis suggested = Binning.parse(vm.binningProperty().get());
        assertTrue(suggested.lo() < -2 && suggested.hi() > 2, "the engine's first binning covers |y_ll| < 2.4: " + suggested);
        assertFalse(Arrays.equals(before, view.chart().binEdges()), "new bins");
        assertArrayEquals(expected("y_ll", vm.binningProperty().get()).dsigmaDx(),
                view.chart().lineValues(UnfoldedChart.UNFOLDED), 1e-12);
        assertEquals("y_ll", view.chart().xLabel(), "rapidity: no unit");
        assertEquals("d\u03c3/dx [fb]", view.chart().yLabel());
        assertEquals(vm.binningProperty().get(), robot.lookup("#binning-field").queryAs(TextField.class).getText());

        robot.doubleClickOn("#binning-field").push(KeyCode.CONTROL, KeyCode.A).write("-2.4,-1,0,0.5,1,2.4")
                .type(KeyCode.ENTER);
        waitFor(() -> vm.computedProperty().get().axis().bins() == 5);
        assertArrayEquals(new double[] {-2.4, -1, 0, 0.5, 1, 2.4}, view.chart().binEdges(), 1e-12);
        UnfoldedResult r = expected("y_ll", "-2.4,-1,0,0.5,1,2.4");
        assertArrayEquals(r.dsigmaDx(), view.chart().lineValues(UnfoldedChart.UNFOLDED), 1e-12);
        assertEquals(5, view.correlation().shown().length, "the correlation follows the binning");
        assertArrayEquals(r.correlation()[2], view.correlation().shown()[2], 1e-12);

        robot.clickOn(combo.getEditor()).push(KeyCode.CONTROL, KeyCode.A).write("pT_l1/pT_ll").type(KeyCode.ENTER);
        waitFor(() -> vm.computedProperty().get().observable().equals("pT_l1/pT_ll"));
        assertArrayEquals(expected("pT_l1/pT_ll", vm.binningProperty().get()).dsigmaDx(),
                view.chart().lineValues(UnfoldedChart.UNFOLDED), 1e-12);
        assertEquals("pT_l1/pT_ll", view.chart().xLabel());
    }

    @Test
    void theYRangeContainsTheDataAfterEveryChange(FxRobot robot) {
        openAndWait(robot);
        ComboBox<?> combo = robot.lookup("#observable-choice").queryAs(ComboBox.class);
        robot.clickOn(combo.getEditor()).push(KeyCode.CONTROL, KeyCode.A).write("eta_l1").type(KeyCode.ENTER);
        waitFor(() -> vm.computedProperty().get().observable().equals("eta_l1"));
        robot.doubleClickOn("#binning-field").push(KeyCode.CONTROL, KeyCode.A).write("20,-2.5,2.5").type(KeyCode.ENTER);
        waitFor(() -> vm.computedProperty().get().axis().bins() == 20);
        WaitForAsyncUtils.waitForFxEvents();
        double[] shown = view.chart().lineValues(UnfoldedChart.UNFOLDED);
        double max = Arrays.stream(shown).max().orElseThrow();
        org.jfree.data.Range y = view.chart().yRange();
        assertTrue(max > 1, "d\u03c3/dx in fb is well above 1: " + max);
        assertTrue(y.getUpperBound() >= max && y.getLowerBound() <= Arrays.stream(shown).min().orElseThrow(),
                "the y range " + y + " contains the curve up to " + max);
        // the lower panel too: it stayed at 0-1 % while the total was above
        double relMax = Arrays.stream(view.chart().relativeTotalPercent()).max().orElseThrow();
        org.jfree.data.Range rel = view.chart().breakdownRange();
        assertTrue(rel.getUpperBound() >= relMax && rel.getLowerBound() <= 0,
                "the lower panel's range " + rel + " contains the total up to " + relMax + " %");
    }

    @Test
    void systematicSlidersMoveTheDistributionByThetaTimesTheVariation(FxRobot robot) {
        openAndWait(robot);
        UnfoldedViewModel.Computed c = vm.computedProperty().get();
        Axis axis = c.axis();
        WeightHistograms m = reference.histogramMatrix("pT_ll", axis);
        double[] hNom = m.values("weights_nominal");
        double[] hReco = m.values("weights_muEffReco");
        double[] hIso = m.values("weights_muEffIso");

        robot.doubleClickOn("#theta-field-muEffReco").push(KeyCode.CONTROL, KeyCode.A).write("1.5").type(KeyCode.ENTER);
        // the slider's keyboard steps are its block increment, 0.5: a click may move the thumb, so set 0 first
        robot.clickOn("#theta-muEffIso");
        robot.interact(() -> robot.lookup("#theta-muEffIso").queryAs(Slider.class).setValue(0));
        robot.type(KeyCode.RIGHT, 2);
        WaitForAsyncUtils.waitForFxEvents(3);
        assertEquals(1.5, vm.thetas().stream().filter(t -> t.label().equals("muEffReco")).findFirst().orElseThrow()
                .value().get(), 1e-12);
        assertEquals(1.0, robot.lookup("#theta-muEffIso").queryAs(Slider.class).getValue(), 1e-12);

        double[] shown = view.chart().lineValues(UnfoldedChart.UNFOLDED);
        for (int b = 0; b < axis.bins(); b++) {
            double want = hNom[b] / axis.width(b) + 1.5 * (hReco[b] - hNom[b]) / axis.width(b)
                    + 1.0 * (hIso[b] - hNom[b]) / axis.width(b);
            assertEquals(want, shown[b], 1e-9 * Math.abs(want), "bin " + b);
        }
        assertArrayEquals(c.shift().shiftedDsigmaDx(vm.theta()), shown, 1e-12);
        assertTrue(view.chart().lineKeys().contains(UnfoldedChart.NOMINAL), "the nominal is drawn when theta moves");
        assertArrayEquals(c.result().dsigmaDx(), view.chart().lineValues(UnfoldedChart.NOMINAL), 1e-12);
        assertNotEquals(vm.priorChi2Property().get().chi2(), vm.shiftedPriorChi2Property().get().chi2());
        assertTrue(robot.lookup("#unfolded-status").queryAs(Label.class).getText().contains("\u03b8 applied"));

        robot.clickOn("#reset-thetas");
        WaitForAsyncUtils.waitForFxEvents(3);
        assertArrayEquals(c.result().dsigmaDx(), view.chart().lineValues(UnfoldedChart.UNFOLDED), 1e-9);
        assertFalse(view.chart().lineKeys().contains(UnfoldedChart.NOMINAL));
    }

    @Test
    void alternativeFileBecomesACurveAndABandAndCsvHoldsTheBins(FxRobot robot) throws Exception {
        openAndWait(robot);
        robot.interact(() -> vm.addAlternative(sherpaFile));
        waitFor(() -> vm.computedProperty().get().result().uncertainties().containsKey("generator_prior"));
        assertTrue(view.chart().lineKeys().contains("generator_prior"));
        double[] rel = view.chart().relativePercent("generator_prior");
        for (double v : rel) {
            // SyntheticOmniFold: the Sherpa file's nominal is the nominal times 1.04
            assertEquals(100 * SyntheticOmniFold.SHERPA_SHIFT, v, 1e-3);
        }
        robot.interact(() -> vm.thetas().get(0).value().set(-1));
        Path csv = dir.resolve("bins.csv");
        robot.interact(() -> {
            try {
                vm.exportCsv(csv);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        List<String> lines = Files.readAllLines(csv);
        int bins = vm.computedProperty().get().axis().bins();
        assertEquals(bins + 1, lines.size());
        List<String> header = Arrays.asList(lines.get(0).split(","));
        assertTrue(header.contains("unc_generator_prior") && header.contains("generator_prior_dsigma_dx"), header.toString());
        assertEquals("shifted_dsigma_dx", header.get(header.size() - 1));
        String[] row = lines.get(1).split(",");
        assertEquals(vm.shiftedDsigmaDxProperty().get()[0], Double.parseDouble(row[row.length - 1]), 0.0);
        assertEquals(vm.computedProperty().get().result().dsigmaDx()[0], Double.parseDouble(row[3]), 0.0);
    }

    @Test
    void badInputIsOneLineAndCancelKeepsWhatIsShown(FxRobot robot) throws Exception {
        openAndWait(robot);
        UnfoldedViewModel.Computed shown = vm.computedProperty().get();
        ComboBox<?> combo = robot.lookup("#observable-choice").queryAs(ComboBox.class);
        robot.clickOn(combo.getEditor()).push(KeyCode.CONTROL, KeyCode.A).write("pT_ll +").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(vm.errorProperty().get().contains("pT_ll +"), vm.errorProperty().get());
        robot.clickOn(combo.getEditor()).push(KeyCode.CONTROL, KeyCode.A).write("pT_ll").type(KeyCode.ENTER);
        waitFor(() -> vm.errorProperty().get() == null);
        shown = vm.computedProperty().get();
        robot.doubleClickOn("#binning-field").push(KeyCode.CONTROL, KeyCode.A).write("20,abc").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        String err = robot.lookup("#unfolded-error").queryAs(Label.class).getText();
        assertTrue(err.contains("'abc' is not a number") && !err.contains("\n"), err);
        assertTrue(vm.computedProperty().get() == shown, "the last good result stays");

        Path junk = dir.resolve("junk.h5");
        Files.write(junk, new byte[] {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n', 1, 2, 3});
        robot.interact(() -> vm.open(junk));
        waitFor(() -> vm.taskProperty().get() == null);
        err = vm.errorProperty().get();
        assertTrue(err != null && err.startsWith("junk.h5") && !err.contains("\n"), err);
        assertEquals(nominalFile, vm.fileProperty().get());

        Task<?>[] t = new Task<?>[1];
        // on a busy machine a small file can finish loading before Cancel lands: then show it again and retry
        boolean cancelled = false;
        for (int attempt = 0; attempt < 5 && !cancelled; attempt++) {
            if (!nominalFile.equals(vm.fileProperty().get())) {
                robot.interact(() -> vm.open(nominalFile));
                waitFor(() -> vm.taskProperty().get() == null && nominalFile.equals(vm.fileProperty().get()));
            }
            robot.interact(() -> {
                t[0] = vm.open(sherpaFile);
                t[0].cancel();
            });
            waitFor(() -> vm.taskProperty().get() == null);
            cancelled = t[0].isCancelled();
        }
        assertTrue(cancelled, "Cancel stopped an open in 5 tries");
        assertEquals(nominalFile, vm.fileProperty().get(), "a cancelled open leaves the shown result");
        assertNull(vm.taskProperty().get());

        assertTrue(UnfoldedViewModel.looksLikeOmniFold(nominalFile));
        Path events = dir.resolve("events.csv");
        Files.writeString(events, "PRI_met,DER_mass_vis,Weight\n10,90,1\n");
        assertFalse(UnfoldedViewModel.looksLikeOmniFold(events));
    }

    @Test
    void demoShowsASyntheticResultWithItsSherpaAlternative(FxRobot robot) {
        robot.interact(() -> vm.openDemo(5_000, 3L));
        waitFor(() -> vm.computedProperty().get() != null);
        assertEquals("synthetic demo (5000 events)", robot.lookup("#unfolded-file").queryAs(Label.class).getText());
        assertNull(vm.fileProperty().get());
        for (double v : view.chart().relativePercent("generator_prior")) {
            assertEquals(100 * SyntheticOmniFold.SHERPA_SHIFT, v, 1e-3);
        }
    }

    /**
     * Renders the view as a person would see it after a few clicks, to target/unfolded-view.png. With
     * -Dunfolded.snapshot.events=N it uses a release-sized file of N events (100 ensembles, 25 bootstraps)
     * instead, and notes the load and rebin times in target/unfolded-timing.txt.
     */
    @Test
    void snapshotForTheDocs(FxRobot robot) throws Exception {
        int events = Integer.getInteger("unfolded.snapshot.events", 0);
        Path nominal = nominalFile;
        Path sherpa = sherpaFile;
        if (events > 0) {
            SyntheticOmniFold.Config c = SyntheticOmniFold.Config.of(events, 1L);
            nominal = dir.resolve("big-multifold.h5");
            sherpa = dir.resolve("big-multifold_sherpa.h5");
            SyntheticOmniFold.writeHdf5(SyntheticOmniFold.generate(c, SyntheticOmniFold.Variant.NOMINAL), nominal);
            SyntheticOmniFold.writeHdf5(SyntheticOmniFold.generate(c, SyntheticOmniFold.Variant.SHERPA), sherpa);
        }
        Path n = nominal;
        Path a = sherpa;
        long t0 = System.nanoTime();
        robot.interact(() -> vm.open(n));
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> vm.computedProperty().get() != null);
        long t1 = System.nanoTime();
        robot.interact(() -> vm.addAlternative(a));
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS,
                () -> vm.computedProperty().get().result().uncertainties().containsKey("generator_prior"));
        double firstMs = vm.computedProperty().get().computeMs();
        robot.doubleClickOn("#binning-field").push(KeyCode.CONTROL, KeyCode.A).write("[200,250,300,350,400,450,500,"
                + "550,600,700,800,1000]").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.computedProperty().get().axis().bins() == 11);
        double rebinMs = vm.computedProperty().get().computeMs();
        robot.clickOn("#log-toggle");
        robot.interact(() -> {
            vm.thetas().get(0).value().set(2);
            vm.thetas().get(5).value().set(-1.5);
        });
        WaitForAsyncUtils.waitForFxEvents(5);
        BufferedImage[] img = new BufferedImage[1];
        robot.interact(() -> img[0] = SwingFXUtils.fromFXImage(view.getScene().snapshot(null), null));
        Path out = Path.of("target", "unfolded-view.png");
        Files.createDirectories(out.getParent());
        ImageIO.write(img[0], "png", out.toFile());
        assertTrue(Files.size(out) > 10_000);
        if (events > 0) {
            Files.writeString(Path.of("target", "unfolded-timing.txt"), String.format(java.util.Locale.ROOT,
                    "%d events, %d weight columns: open + first result %.1f s; result with alternative %.0f ms;"
                            + " rebin %.0f ms%n", events, vm.explorerProperty().get().weightColumnCount(),
                    (t1 - t0) / 1e9, firstMs, rebinMs));
        }
    }
}
