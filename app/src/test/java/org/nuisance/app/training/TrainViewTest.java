package org.nuisance.app.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Spinner;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nuisance.engine.data.EventTable;
import org.nuisance.engine.workbench.EventsSource;
import org.nuisance.engine.higgsml.DemoGenerator;
import org.nuisance.engine.ml.EventScorer;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Train panel as a person uses it: tick columns, set epochs, Start, watch the curves; or Cancel. */
@ExtendWith(ApplicationExtension.class)
class TrainViewTest {

    /** 20k demo events: about 6.7k signal (htautau) and 13.3k background. */
    private static final EventTable EVENTS = DemoGenerator.generate(20_000, 7);

    private TrainViewModel vm;
    private TrainView view;
    private final List<EventsSource> received = new CopyOnWriteArrayList<>();

    @Start
    void start(Stage stage) {
        vm = new TrainViewModel();
        vm.setOnScored(received::add);
        view = new TrainView(vm);
        stage.setScene(new Scene(view, 1400, 820));
        stage.show();
    }

    @Test
    void threeEpochsOnFourColumnsDrawOneLossPointPerEpochAndHandBackAScoredTable(FxRobot robot) throws Exception {
        robot.interact(() -> vm.inputProperty().set(events(EVENTS)));
        assertTrue(vm.selectedFeatures().contains("DER_mass_vis") && vm.selectedFeatures().contains("PRI_met"),
                "all PRI and DER columns are ticked by default: " + vm.selectedFeatures());
        assertFalse(vm.selectedFeatures().contains("weights") || vm.selectedFeatures().contains("labels"));
        robot.clickOn("#features-none");
        for (String c : List.of("PRI_lep_pt", "PRI_had_pt", "DER_mass_vis", "DER_mass_transverse_met_lep")) {
            tick(robot, c);
        }
        assertEquals(List.of("PRI_lep_pt", "PRI_had_pt", "DER_mass_transverse_met_lep", "DER_mass_vis"),
                vm.selectedFeatures(), "in table order");
        type(robot, "#epochs-spinner", "3");
        type(robot, "#batch-spinner", "256");
        assertEquals(3, vm.epochsProperty().get());
        assertEquals(256, vm.batchSizeProperty().get());

        robot.clickOn("#train-start");
        WaitForAsyncUtils.waitFor(45, TimeUnit.SECONDS, () -> vm.stateProperty().get() != TrainViewModel.State.RUNNING);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(TrainViewModel.State.SUCCEEDED, vm.stateProperty().get(), vm.errorProperty().get());

        assertEquals(3, view.lossChart().trainingSeries().getItemCount(), "one training-loss point per epoch");
        assertEquals(3, view.lossChart().validationSeries().getItemCount(), "one validation-loss point per epoch");
        assertEquals(3.0, view.lossChart().trainingSeries().getX(2).doubleValue());
        String aucText = robot.lookup("#auc-label").queryAs(Label.class).getText();
        Matcher m = Pattern.compile("AUC (\\d\\.\\d+)").matcher(aucText);
        assertTrue(m.find(), aucText);
        // the visible mass alone separates H (peak near 80 GeV) from Z (near 60 GeV): far above guessing
        assertTrue(Double.parseDouble(m.group(1)) > 0.6, aucText);
        assertTrue(view.rocChart().curveSeries().getItemCount() > 10, "the ROC curve is drawn");
        assertEquals(1.0, view.rocChart().curveSeries().getY(view.rocChart().curveSeries().getItemCount() - 1)
                .doubleValue(), 1e-9, "the loosest cut keeps all signal");

        assertEquals(1, received.size(), "one scored table handed to the window");
        EventTable scored = received.get(0).table();
        assertEquals(EVENTS.rows(), scored.rows());
        assertTrue(scored.hasColumn(EventScorer.SCORE_COLUMN));
        assertTrue(scored.columnOrder().containsAll(EVENTS.columnOrder()), "the input columns are kept");
        for (float s : scored.column(EventScorer.SCORE_COLUMN)) {
            assertTrue(s >= 0 && s <= 1, "score " + s);
        }
        snapshot(robot, Path.of("target", "train-panel.png"));
    }

    /**
     * Start from the shipped pretrained trunk: choose it, train two epochs on three columns, and the scored
     * table comes back with a score; the classifier reads only the ticked columns.
     */
    @Test
    void startingFromThePretrainedTrunkFineTunesAndHandsBackAScoredTable(FxRobot robot) throws Exception {
        robot.interact(() -> vm.inputProperty().set(events(EVENTS)));
        robot.clickOn("#features-none");
        for (String f : List.of("DER_mass_vis", "DER_pt_h", "PRI_met")) {
            robot.interact(() -> vm.features().stream().filter(x -> x.name().equals(f)).findFirst().orElseThrow()
                    .selectedProperty().set(true));
        }
        @SuppressWarnings("unchecked")
        javafx.scene.control.ComboBox<String> start = robot.lookup("#start-from-choice").queryAs(
                javafx.scene.control.ComboBox.class);
        robot.interact(() -> start.setValue("pretrained (built in)"));
        assertEquals(TrainViewModel.BUILTIN, vm.startFromProperty().get());
        assertFalse(robot.lookup("#trunk-rate-spinner").query().isDisabled(), "the trunk rate applies now");
        type(robot, "#epochs-spinner", "2");
        robot.clickOn("#train-start");
        assertTrue(robot.lookup("#train-status").queryAs(Label.class).getText().startsWith("Fine-tuning"));
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> vm.stateProperty().get() != TrainViewModel.State.RUNNING);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(TrainViewModel.State.SUCCEEDED, vm.stateProperty().get(), vm.errorProperty().get());
        assertEquals(2, vm.history().size(), "one loss point per epoch");
        EventTable scored = received.get(received.size() - 1).table();
        assertTrue(scored.hasColumn("score"));
        snapshot(robot, Path.of("target", "train-panel-pretrained.png"));
    }

    /** Data scaling from the Train tab: the measurement runs in the background and its plot appears. */
    @Test
    void dataScalingDrawsHeldOutAucAgainstTrainingEvents(FxRobot robot) throws Exception {
        robot.interact(() -> {
            vm.inputProperty().set(events(EVENTS));
            vm.setScaling(new int[] {200, 600}, 1);
        });
        type(robot, "#epochs-spinner", "3");
        robot.clickOn("#train-scaling");
        assertTrue(robot.lookup("#train-status").queryAs(Label.class).getText().startsWith("Data scaling"));
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> vm.stateProperty().get() != TrainViewModel.State.RUNNING);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(TrainViewModel.State.IDLE, vm.stateProperty().get(), vm.errorProperty().get());
        javafx.scene.image.Image plot = vm.scalingPlotProperty().get();
        assertTrue(plot != null && plot.getWidth() == 760, "the plot arrived");
        assertTrue(robot.lookup("#scaling-plot").query().isVisible());
        assertFalse(robot.lookup("#train-start").query().isDisabled(), "Start is available again");
        snapshot(robot, Path.of("target", "train-panel-scaling.png"));
    }

    @Test
    void cancelStopsTheTrainingWithinSecondsAndHandsNothingBack(FxRobot robot) throws Exception {
        robot.interact(() -> vm.inputProperty().set(events(EVENTS)));
        typeWithoutEnter(robot, "#epochs-spinner", "500"); // committed when the next field takes the focus
        type(robot, "#patience-spinner", "0");
        assertEquals(500, vm.epochsProperty().get());
        assertEquals(0, vm.patienceProperty().get());
        robot.clickOn("#train-start");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.history().size() >= 1);
        long t0 = System.nanoTime();
        robot.clickOn("#train-cancel");
        WaitForAsyncUtils.waitFor(3, TimeUnit.SECONDS, () -> vm.stateProperty().get() == TrainViewModel.State.CANCELLED);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !trainingThreadAlive());
        double seconds = (System.nanoTime() - t0) / 1e9;
        int epochsShown = vm.history().size();
        Thread.sleep(300);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(received.isEmpty(), "nothing handed to the window");
        assertEquals(epochsShown, vm.history().size(), "no progress after the cancel");
        assertTrue(epochsShown < 500, "stopped after " + epochsShown + " epochs, " + seconds + " s");
        assertTrue(robot.lookup("#train-status").queryAs(Label.class).getText().startsWith("Cancelled"));
        assertFalse(robot.lookup("#train-start").query().isDisabled(), "Start is available again");
    }

    @Test
    void aTableWithoutSignalSaysWhyAndLeavesStartAvailable(FxRobot robot) throws Exception {
        int[] background = new int[EVENTS.rows()];
        int n = 0;
        byte[] codes = EVENTS.processCodes();
        for (int i = 0; i < codes.length; i++) {
            if (!EventTable.isSignalProcess(EVENTS.processNames().get(codes[i]))) {
                background[n++] = i;
            }
        }
        EventTable onlyBackground = EVENTS.selectRows(background, n);
        robot.interact(() -> vm.inputProperty().set(events(onlyBackground)));
        robot.clickOn("#train-start");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> vm.stateProperty().get() == TrainViewModel.State.FAILED);
        WaitForAsyncUtils.waitForFxEvents();
        String error = robot.lookup("#train-error").queryAs(Label.class).getText();
        assertTrue(error.contains("class 1 (signal) sums to 0"), error);
        assertTrue(received.isEmpty());
        assertFalse(robot.lookup("#train-start").query().isDisabled());
    }

    private static boolean trainingThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("classifier-training") && t.isAlive());
    }

    /** Scrolls to a feature and clicks its check box. */
    private void tick(FxRobot robot, String feature) {
        robot.interact(() -> {
            for (int i = 0; i < vm.features().size(); i++) {
                if (vm.features().get(i).name().equals(feature)) {
                    view.featureList().scrollTo(i);
                }
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
        ListCell<?> cell = robot.lookup(".list-cell").match((Node n) -> feature.equals(((ListCell<?>) n).getText()))
                .queryAs(ListCell.class);
        robot.clickOn(cell.lookup(".check-box"));
    }

    /** Replaces a spinner's text as a person would and presses Enter. */
    private static void type(FxRobot robot, String id, String text) {
        typeWithoutEnter(robot, id, text);
        robot.type(KeyCode.ENTER);
    }

    private static void typeWithoutEnter(FxRobot robot, String id, String text) {
        Spinner<?> spinner = robot.lookup(id).queryAs(Spinner.class);
        robot.clickOn(spinner.getEditor());
        robot.interact(() -> spinner.getEditor().selectAll());
        robot.write(text);
    }

    private static void snapshot(FxRobot robot, Path file) throws Exception {
        WritableImage[] image = new WritableImage[1];
        robot.interact(() -> image[0] = robot.window(0).getScene().snapshot(null));
        Files.createDirectories(file.getParent());
        ImageIO.write(SwingFXUtils.fromFXImage(image[0], null), "png", file.toFile());
    }

    private static EventsSource events(EventTable table) {
        return new EventsSource("demo", null, table, null, null);
    }
}
