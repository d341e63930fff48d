package org.nuisance.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.control.Slider;
import javafx.scene.control.Tab;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.nuisance.engine.omnifold.SyntheticOmniFold;
import org.nuisance.engine.workbench.Plot;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * At 1280×800 on every tab, every control's text fits (no ellipsis, the text no wider than its control), and
 * every slider is at least 200 px long and moves in fine steps from the keyboard.
 */
@ExtendWith(ApplicationExtension.class)
class WindowLayoutTest {

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

    private Plot plot() {
        return app.viewModel().histogram().resultProperty().get();
    }

    @Test
    void noTextIsCutAt1280x800OnAnyTabAndSlidersAreLongWithFineSteps(FxRobot robot) throws Exception {
        FxWait.until(() -> plot() != null, "demo histogram");
        // an unfolded result open, so that its tab shows its sliders and choosers too
        Path h5 = tmp.resolve("multifold.h5");
        SyntheticOmniFold.writeHdf5(SyntheticOmniFold.generate(SyntheticOmniFold.Config.of(4000, 3),
                SyntheticOmniFold.Variant.NOMINAL), h5);
        robot.interact(() -> app.viewModel().open(h5));
        FxWait.until(() -> app.viewModel().unfolded().computedProperty().get() != null, "the unfolded result");
        robot.interact(() -> {
            stage.setWidth(1280);
            stage.setHeight(800);
        });
        List<String> problems = new ArrayList<>();
        List<Slider> sliders = new ArrayList<>();
        List<String> tabsSeen = new ArrayList<>();
        List<Labeled> labeled = new ArrayList<>();
        // the Train tab as it reads after a training: its longest status lines
        robot.interact(() -> {
            var train = app.viewModel().train();
            train.statusProperty().set("Done: 6 epochs, kept epoch 6, 155.3 s; the score column was added");
            train.aucProperty().set(0.9486);
            train.weightedAucProperty().set(0.9481);
            train.deviceProperty().set("Device: cpu (PyTorch 2.7.1 via DJL 0.36.0, 1 intra-op thread, 2 inter-op threads)");
        });
        for (Tab tab : app.tabs().getTabs()) {
            robot.interact(() -> app.tabs().getSelectionModel().select(tab));
            WaitForAsyncUtils.waitForFxEvents();
            Thread.sleep(300);
            WaitForAsyncUtils.waitForFxEvents();
            tabsSeen.add(tab.getText());
            robot.interact(() -> insideTheWindow(stage.getScene().getRoot(), tab.getText(), problems));
            int before = labeled.size();
            robot.interact(() -> walk(stage.getScene().getRoot(), tab.getText(), problems, sliders, labeled));
            assertTrue(labeled.size() - before >= 10, tab.getText() + ": only " + (labeled.size() - before)
                    + " texts seen");
        }
        assertTrue(tabsSeen.size() >= 4, "Histogram, Likelihood, Train, Unfolded at least: " + tabsSeen);
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertTrue(!sliders.isEmpty(), "the nuisance sliders are there");
        for (Slider s : sliders) {
            assertTrue(s.getBlockIncrement() <= (s.getMax() - s.getMin()) / 20,
                    s.getId() + ": a keyboard step of " + s.getBlockIncrement() + " on " + s.getMin() + ".." + s.getMax());
        }
        // the keyboard moves the tes slider by one fine step
        robot.interact(() -> app.tabs().getSelectionModel().select(0));
        Slider tes = robot.lookup("#slider-tes").queryAs(Slider.class);
        double before = tes.getValue();
        robot.interact(tes::requestFocus);
        robot.type(KeyCode.RIGHT);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(before + tes.getBlockIncrement(), tes.getValue(), 1e-9, "one key press, one step");
        assertEquals(0.005, tes.getBlockIncrement(), 1e-12, "a tes step is half its 1% sigma");
    }

    /** On screen: the node and every parent visible, inside the window. */
    private static boolean shown(FxRobot robot, String id) {
        Node n = robot.lookup(id).tryQuery().orElse(null);
        if (n == null || n.getScene() == null) {
            return false;
        }
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return true;
    }

    @Test
    void theToolbarShowsOnlyTheControlsThatApplyToTheSourceAndTab(FxRobot robot) throws Exception {
        FxWait.until(() -> plot() != null, "demo histogram");
        // the demo's events on the Histogram tab: column, bins, range, log; the data with their seed and truth
        for (String id : List.of("#column-field", "#bins-spinner", "#range-lo", "#range-hi", "#log-toggle",
                "#data-choice", "#data-seed", "#truth-from-sliders")) {
            assertTrue(shown(robot, id), id + " applies to events");
        }
        // the events themselves as data: no seed, no truth
        robot.interact(() -> app.viewModel().data().choose(org.nuisance.app.data.DataViewModel.Kind.OBSERVED));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(!shown(robot, "#data-seed") && !shown(robot, "#truth-from-sliders"), "no seed or truth for observed data");
        // a workspace: its channel is chosen beside its sliders, so no column, binning or range
        Path ws = tmp.resolve("ws.json");
        Files.writeString(ws, "{\"channels\":[{\"name\":\"sr\",\"samples\":[{\"name\":\"signal\",\"data\":[5,4],"
                + "\"modifiers\":[{\"name\":\"mu\",\"type\":\"normfactor\",\"data\":null}]},{\"name\":\"bkg\","
                + "\"data\":[50,60],\"modifiers\":[]}]}],\"observations\":[{\"name\":\"sr\",\"data\":[55,62]}],"
                + "\"measurements\":[{\"name\":\"m\",\"config\":{\"poi\":\"mu\",\"parameters\":[]}}],"
                + "\"version\":\"1.0.0\"}");
        robot.interact(() -> app.viewModel().open(ws));
        FxWait.until(() -> app.viewModel().selectedProperty().get() instanceof org.nuisance.engine.workbench.WorkspaceSource,
                "the workspace");
        for (String id : List.of("#column-field", "#bins-spinner", "#range-lo", "#data-seed")) {
            assertTrue(!shown(robot, id), id + " does not apply to a workspace on its observed data");
        }
        assertTrue(shown(robot, "#data-choice") && shown(robot, "#log-toggle"), "the data choice and log scale apply");
        // tabs where the data choice does nothing: Train and Unfolded
        for (String tab : List.of("#train-tab", "#unfolded-tab")) {
            robot.interact(() -> app.tabs().getSelectionModel().select(
                    app.tabs().getTabs().stream().filter(t -> tab.equals("#" + t.getId())).findFirst().orElseThrow()));
            WaitForAsyncUtils.waitForFxEvents();
            assertTrue(!shown(robot, "#data-choice"), "no data choice on " + tab);
            assertTrue(!shown(robot, "#slider-tes") && !shown(robot, "#column-field"), "no sliders or column on " + tab);
        }
        robot.interact(() -> app.tabs().getSelectionModel().select(1));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(shown(robot, "#data-choice"), "the data choice is back on the Likelihood tab");
    }

    /** A visible chart or control whose right edge runs past the window's. */
    private static void insideTheWindow(Node n, String tab, List<String> problems) {
        if (!n.isVisible() || n.getScene() == null) {
            return;
        }
        if (n.getId() != null && n.getId().endsWith("-chart")) {
            Bounds b = n.localToScene(n.getLayoutBounds());
            if (b.getWidth() > 0 && b.getMaxX() > n.getScene().getWidth() + 1) {
                problems.add(tab + ": #" + n.getId() + " ends at x=" + Math.round(b.getMaxX()) + " in a window "
                        + Math.round(n.getScene().getWidth()) + " px wide");
            }
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                insideTheWindow(c, tab, problems);
            }
        }
    }

    /** A visible Labeled whose shown text ends with the ellipsis, or whose text is wider than the control. */
    private static void walk(Node n, String tab, List<String> problems, List<Slider> sliders,
                             List<Labeled> labeled) {
        if (!n.isVisible() || n.getScene() == null) {
            return;
        }
        if (n instanceof Slider s && s.getWidth() > 0) {
            sliders.add(s);
            if (s.getWidth() < 200 - 0.5) {
                problems.add(tab + ": slider " + s.getId() + " is " + Math.round(s.getWidth()) + " px long");
            }
        }
        if (n instanceof Labeled l && l.getText() != null && !l.getText().isBlank() && l.getWidth() > 0) {
            labeled.add(l);
            Text shown = (Text) l.lookup(".text");
            String what = tab + ": " + l.getClass().getSimpleName() + (l.getId() == null ? "" : " #" + l.getId())
                    + " '" + l.getText() + "'";
            if (shown != null && !shown.getText().equals(l.getText()) && (shown.getText().endsWith("\u2026")
                    || shown.getText().endsWith(l.getEllipsisString()))) {
                problems.add(what + " shown as '" + shown.getText() + "'");
            } else if (shown != null && !l.isWrapText()) {
                Bounds text = shown.getLayoutBounds();
                double room = l.getWidth() - l.snappedLeftInset() - l.snappedRightInset()
                        - (l.getGraphic() != null && l.getGraphic().isVisible() && l.getContentDisplay()
                        != javafx.scene.control.ContentDisplay.TEXT_ONLY ? l.getGraphic().prefWidth(-1)
                        + l.getGraphicTextGap() : 0);
                if (text.getWidth() > room + 1) {
                    problems.add(what + " needs " + Math.round(text.getWidth()) + " px, has " + Math.round(room));
                }
            }
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                walk(c, tab, problems, sliders, labeled);
            }
        }
    }
}
