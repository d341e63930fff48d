package org.nuisance.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.nuisance.app.likelihood.LikelihoodView;
import org.nuisance.app.likelihood.LikelihoodViewModel;
import org.nuisance.engine.stats.toys.PseudoExperiments;
import org.nuisance.engine.workbench.EventsWorkbench;
import org.nuisance.engine.workbench.WorkspaceSource;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Problems are shown where they matter, as an icon (⚠) and one sentence in the view itself, not only in the
 * status line: a fit that did not converge, a parameter at a bound, a coverage outside its 2σ68 band, an
 * empty plot range.
 */
@ExtendWith(ApplicationExtension.class)
class WarningsInViewTest {

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

    /** A one-channel workspace: signal (normfactor mu) plus background, two bins, with the given counts. */
    private Path workspace(String name, String signal, String background, String observed) throws Exception {
        Path ws = tmp.resolve(name);
        Files.writeString(ws, "{\"channels\":[{\"name\":\"sr\",\"samples\":["
                + "{\"name\":\"signal\",\"data\":[" + signal + "],\"modifiers\":[{\"name\":\"mu\",\"type\":\"normfactor\","
                + "\"data\":null}]},{\"name\":\"background\",\"data\":[" + background + "],\"modifiers\":[]}]}],"
                + "\"observations\":[{\"name\":\"sr\",\"data\":[" + observed + "]}],"
                + "\"measurements\":[{\"name\":\"meas\",\"config\":{\"poi\":\"mu\",\"parameters\":[]}}],"
                + "\"version\":\"1.0.0\"}");
        return ws;
    }

    /** The warning label shown in a view: visible, with the icon and the sentence. */
    private static void assertShown(Node label, String sentence) {
        Label l = (Label) label;
        assertTrue(l.isVisible() && l.getWidth() > 0 && l.getHeight() > 0, "the warning is on screen: " + l.getText());
        assertTrue(l.getText().startsWith("\u26a0 "), "with its icon: " + l.getText());
        assertTrue(l.getText().contains(sentence), l.getText());
    }

    private void openOnLikelihoodTab(FxRobot robot, Path ws) throws Exception {
        FxWait.until(() -> app.viewModel().histogram().resultProperty().get() != null, "demo histogram");
        robot.interact(() -> app.viewModel().open(ws));
        FxWait.until(() -> app.viewModel().selectedProperty().get() instanceof WorkspaceSource w
                && w.file().equals(ws), "the workspace");
        robot.clickOn("#likelihood-tab");
    }

    @Test
    void aParameterAtItsBoundIsSaidInTheLikelihoodView(FxRobot robot) throws Exception {
        // observed far below the background: mu-hat = 0, its lower bound (nuisance fit: "at a bound: mu = 0")
        openOnLikelihoodTab(robot, workspace("low.json", "5, 4", "50, 60", "30, 35"));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !app.viewModel().likelihood().warnings().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertShown(robot.lookup("#likelihood-warnings").query(), "mu is at its bound");
    }

    @Test
    void aFitThatDidNotConvergeIsSaidInTheLikelihoodView(FxRobot robot) throws Exception {
        // 3 events observed where nothing is expected: -ln L is infinite everywhere (nuisance fit: "converged: false")
        openOnLikelihoodTab(robot, workspace("zero.json", "5, 0", "50, 0", "52, 3"));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> app.viewModel().likelihood().warnings().stream()
                .anyMatch(w -> w.contains("did not converge")));
        WaitForAsyncUtils.waitForFxEvents();
        assertShown(robot.lookup("#likelihood-warnings").query(), "The fit did not converge");
    }

    @Test
    void anEmptyPlotRangeIsSaidUnderTheHistogram(FxRobot robot) throws Exception {
        FxWait.until(() -> app.viewModel().histogram().resultProperty().get() != null, "demo histogram");
        robot.interact(() -> {
            app.viewModel().histogram().columnProperty().set("DER_mass_vis");
            app.viewModel().histogram().hiProperty().set(60000);
            app.viewModel().histogram().loProperty().set(50000);
        });
        try {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                    () -> !app.viewModel().histogram().resultProperty().get().warnings().isEmpty());
        } catch (java.util.concurrent.TimeoutException e) {
            var h = app.viewModel().histogram();
            throw new AssertionError("no warning: " + h.columnProperty().get() + " " + h.loProperty().get() + ".."
                    + h.hiProperty().get() + " error " + h.errorProperty().get() + " plot "
                    + java.util.Arrays.toString(h.resultProperty().get().shifted().total().values()));
        }
        WaitForAsyncUtils.waitForFxEvents();
        assertShown(robot.lookup("#histogram-warning").query(), "choose a range that contains DER_mass_vis");
    }

    @Test
    void aCoverageOutsideItsBandIsSaidInTheLikelihoodView(FxRobot robot) throws Exception {
        // 100 pseudo-experiments covering 40 times: 2 sigma68 = 2 sqrt(0.6827 * 0.3173 / 100) = 0.093, far outside
        PseudoExperiments.Summary run = new PseudoExperiments.Summary(100, 0.40, 0.5, 1.0, 0.0, 0, 0.1, List.of());
        LikelihoodViewModel vm = new LikelihoodViewModel();
        AtomicReference<LikelihoodView> view = new AtomicReference<>();
        robot.interact(() -> {
            vm.connect(() -> null, m -> { }, () -> (toys, seed, done, cancelled) -> EventsWorkbench.Coverage.of(run));
            view.set(new LikelihoodView(vm));
            Stage s = new Stage();
            s.setScene(new Scene(view.get(), 1280, 800));
            s.show();
            vm.runPseudoExperiments(100, 1);
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.toysWarningProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertShown(view.get().lookup("#likelihood-warnings"), "Coverage 0.400 is outside the target band 0.683 \u00b1 0.093");
        robot.interact(() -> view.get().getScene().getWindow().hide());
    }
}
