package org.nuisance.app.unfold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.TextField;
import javafx.scene.chart.XYChart;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.nuisance.engine.workbench.UnfoldRuns;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Unfold panel driven as a person would: type the toy's two files, find the observable, set one
 * iteration and one epoch, Start; every step is reported, the closure plot gets the data and the simulation
 * before and after the iteration, and the written result is handed to the window (which opens it in the
 * Unfolded result tab). The closure's data histogram sums to the toy's events inside the plotted range.
 */
@ExtendWith(ApplicationExtension.class)
class UnfoldPanelTest {

    @TempDir
    static Path dir;

    UnfoldViewModel vm;
    UnfoldPanel panel;
    final List<Path> opened = new ArrayList<>();

    @Start
    void start(Stage stage) {
        vm = new UnfoldViewModel();
        vm.resultProperty().addListener((o, a, f) -> {
            if (f != null) {
                opened.add(f);
            }
        });
        panel = new UnfoldPanel(vm);
        stage.setScene(new Scene(panel, 720, 820));
        stage.show();
    }

    @Test
    void aTinyToyRunsThroughThePanelToTheUnfoldedTab(FxRobot robot) throws Exception {
        UnfoldRuns.writeGaussianToy(dir, 600, 3);
        robot.clickOn("#unfold-data").write(dir.resolve("data.parquet").toString());
        robot.clickOn("#unfold-mc").write(dir.resolve("mc.parquet").toString());
        robot.clickOn("#unfold-find-observables");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("x", robot.lookup("#unfold-observables").queryAs(TextField.class).getText());
        robot.interact(() -> {
            vm.iterations.set(1);
            vm.epochs.set(1);
            vm.output.set(dir.resolve("unfolded.h5").toString());
        });
        robot.clickOn("#unfold-start");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !opened.isEmpty() || vm.statusProperty().get().startsWith("Failed"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of(dir.resolve("unfolded.h5")), opened, vm.statusProperty().get());
        assertTrue(Files.size(opened.get(0)) > 0);
        // one member, one iteration: steps 1 and 2 reported, progress complete
        assertTrue(vm.log().stream().anyMatch(l -> l.contains("iteration 1, step 1")), vm.log().toString());
        assertTrue(vm.log().stream().anyMatch(l -> l.contains("iteration 1, step 2")), vm.log().toString());
        assertEquals(1.0, vm.progressProperty().get(), 0);
        assertTrue(robot.lookup("#unfold-start").queryAs(Button.class).isVisible());
        // closure: data, the prior and iteration 1
        List<XYChart.Series<Number, Number>> series = panel.closureSeries();
        assertEquals(List.of("data", "simulation (prior)", "simulation, iteration 1"),
                series.stream().map(XYChart.Series::getName).toList());
        List<UnfoldRuns.Closure> c = vm.closureProperty().get();
        double data = 0;
        for (double v : c.get(0).data()) {
            data += v;
        }
        // 20 bins over the central 99.8% of the 600 unit-weight data events: all but the few outside
        assertTrue(data >= 590 && data <= 600, "data in the closure plot: " + data);
        // the command line for "Run on cluster…" is the CLI's form
        assertEquals(List.of("omnifold", "unfold"), vm.commandLine().subList(0, 2));
    }
}
