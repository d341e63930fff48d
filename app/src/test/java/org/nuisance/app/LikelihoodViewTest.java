package org.nuisance.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nuisance.app.likelihood.LikelihoodViewModel;
import org.nuisance.engine.higgsml.NuisanceParameter;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The likelihood tab: scans appear, and Fit moves the sliders to the best fit and fills the pulls. */
@ExtendWith(ApplicationExtension.class)
class LikelihoodViewTest {

    private WorkbenchApp app;

    @Start
    void start(Stage stage) throws java.io.IOException {
        System.setProperty("nuisance.demo.events", "60000");
        System.setProperty("nuisance.state.dir", Files.createTempDirectory("nuisance-state").toString());
        app = new WorkbenchApp();
        app.start(stage);
    }

    private LikelihoodViewModel.Result result() {
        return app.viewModel().likelihood().resultProperty().get();
    }

    @Test
    void fitOnAsimovDataMovesTheSlidersToTheTrueValuesAndFillsThePulls(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.viewModel().histogram().resultProperty().get() != null);
        robot.interact(() -> {
            app.viewModel().histogram().binsProperty().set(30);
            app.viewModel().histogram().hiProperty().set(150);
            app.viewModel().nuisance().value(NuisanceParameter.TES).set(1.02);
            app.viewModel().nuisance().value(NuisanceParameter.MU).set(1.5);
            app.viewModel().nuisance().value(NuisanceParameter.SOFT_MET).set(1.0);
            // the Asimov dataset takes the sliders' values as its truth when it is chosen
            app.viewModel().data().choose(org.nuisance.app.data.DataViewModel.Kind.ASIMOV);
        });
        robot.clickOn("#likelihood-tab");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> result() != null && result().analysis().sliders().get("tes") == 1.02
                && result().analysis().sliders().get("mu") == 1.5);
        WaitForAsyncUtils.waitForFxEvents();
        String summary = robot.lookup("#scan-summary").queryAs(Label.class).getText();
        assertTrue(summary.startsWith("profiled best="), summary);
        // Asimov counts at tes = 1.02 (2 sigma) with the auxiliary measurement at nominal: the constraint pulls
        // tes-hat slightly back, so mu-hat sits near, not at, 1.5 and well inside its 68% interval
        double muHat = result().summary().fit().value("mu");
        assertEquals(1.5, muHat, 0.05);
        assertTrue(result().summary().profiled().interval68()[0] < 1.5 && result().summary().profiled().interval68()[1] > 1.5);
        assertEquals(2.0, result().summary().fit().value("tes"), 0.1, "tes-hat in units of its prior width");
        // now move the sliders away and press Fit: the data stay those generated at tes = 1.02, mu = 1.5
        robot.interact(() -> {
            app.viewModel().data().choose(org.nuisance.app.data.DataViewModel.Kind.OBSERVED);
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> result() != null
                && Math.abs(result().summary().fit().value("mu") - 1.0) < 1e-3);
        robot.clickOn("#fit-button");
        WaitForAsyncUtils.waitForFxEvents();
        Slider mu = robot.lookup("#slider-mu").queryAs(Slider.class);
        Slider tes = robot.lookup("#slider-tes").queryAs(Slider.class);
        assertEquals(1.0, mu.getValue(), 1e-3, "the loaded events are the nominal model: mu-hat = 1");
        assertEquals(1.0, tes.getValue(), 1e-4, "and tes-hat = 1");
        assertFalse(app.likelihoodView().impactTable().getItems().isEmpty(), "the impact ranking is filled");
        assertEquals("tes", app.likelihoodView().impactTable().getItems().get(0).name(),
                "on the visible mass the tau energy scale ranks first");
    }

    @Test
    void workspaceFitMovesItsParameterSliders(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.viewModel().histogram().resultProperty().get() != null);
        java.nio.file.Path ws = java.nio.file.Path.of("").toAbsolutePath().getParent()
                .resolve("../shared/reference/histfactory/2bin_histosys.json").normalize();
        robot.interact(() -> {
            app.viewModel().data().choose(org.nuisance.app.data.DataViewModel.Kind.OBSERVED);
            app.viewModel().open(ws);
        });
        robot.clickOn("#likelihood-tab");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> result() != null && result().model().startsWith("Binned HistFactory"));
        // the observed data of the workspace: the same best fit as the engine's own fit of it
        org.nuisance.engine.stats.histfactory.Model m = org.nuisance.engine.stats.histfactory.Model.of(
                org.nuisance.engine.stats.histfactory.Workspace.read(ws));
        double muHat = new org.nuisance.engine.stats.fit.Fitter(m, m.observedData()).fit().value("mu");
        assertEquals(muHat, result().summary().fit().value("mu"), 1e-6);
        robot.clickOn("#fit-button");
        WaitForAsyncUtils.waitForFxEvents();
        Slider mu = robot.lookup("#ws-slider-mu").queryAs(Slider.class);
        assertEquals(muHat, mu.getValue(), 1e-6);
    }

    @Test
    void pseudoExperimentsRunWithProgressAndCanBeCancelled(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.viewModel().histogram().resultProperty().get() != null);
        robot.interact(() -> app.viewModel().histogram().binsProperty().set(20));
        robot.clickOn("#likelihood-tab");
        javafx.scene.control.Spinner<?> toys = robot.lookup("#toys-spinner").queryAs(javafx.scene.control.Spinner.class);
        robot.interact(() -> toys.getEditor().setText("20"));
        robot.interact(() -> toys.commitValue());
        robot.clickOn("#toys-button");
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS,
                () -> app.viewModel().likelihood().toysSummaryProperty().get().startsWith("20 pseudo-experiments"));
        String text = robot.lookup("#toys-summary").queryAs(Label.class).getText();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("coverage ([0-9.]+)").matcher(text);
        assertTrue(m.find(), text);
        double coverage = Double.parseDouble(m.group(1));
        assertTrue(coverage >= 0 && coverage <= 1, text);

        robot.interact(() -> toys.getEditor().setText("5000"));
        robot.interact(() -> toys.commitValue());
        robot.clickOn("#toys-button");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> {
            var task = app.viewModel().likelihood().toysTaskProperty().get();
            return task != null && task.getProgress() > 0;
        }).get());
        robot.clickOn("#toys-cancel");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> app.viewModel().likelihood().toysTaskProperty().get() == null);
        assertEquals("Pseudo-experiments cancelled", app.viewModel().likelihood().toysSummaryProperty().get());
    }

    @Test
    void cancellingAFitKeepsTheLastResult(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.viewModel().histogram().resultProperty().get() != null);
        robot.clickOn("#likelihood-tab");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> result() != null);
        LikelihoodViewModel.Result before = result();
        // a new binning starts a computation; Cancel, pressed before its result can arrive, drops it
        javafx.scene.control.Button cancel = robot.lookup("#scan-cancel").queryAs(javafx.scene.control.Button.class);
        boolean[] visible = new boolean[1];
        robot.interact(() -> {
            app.viewModel().histogram().binsProperty().set(17);
            app.viewModel().likelihood().refresh();
            visible[0] = cancel.isVisible();
            cancel.fire();
        });
        assertTrue(visible[0], "Cancel shows while the fit runs");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(app.viewModel().likelihood().busyProperty().get());
        Thread.sleep(3000);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(before, result(), "the cancelled computation's result is never shown");
    }
}
