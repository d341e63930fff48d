package org.nuisance.app.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nuisance.app.likelihood.LikelihoodView;
import org.nuisance.app.likelihood.LikelihoodViewModel;
import org.nuisance.engine.hist.Axis;
import org.nuisance.engine.higgsml.DemoGenerator;
import org.nuisance.engine.workbench.EventsSource;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The likelihood view's "Run on cluster…" beside "Pseudo-experiments": where no sbatch answers, the button and
 * the dialog say why and Submit stays off; where Slurm answers (CI's one-node cluster), the pseudo-experiments
 * run as two shards, the dialog lists each shard's state, and the merged result lands in the view's summary
 * line as a local run's does.
 */
@ExtendWith(ApplicationExtension.class)
class ClusterWiringTest {

    static final Preferences PREFS = Preferences.userRoot().node("org/nuisance/app/cluster-wiring-" + ProcessHandle.current().pid());
    static final String NO_SBATCH = "no 'sbatch' found on this machine: run the workbench on a login node, or "
            + "install and configure the Slurm client";
    LikelihoodViewModel vm;
    Path dir;

    @Start
    void start(Stage stage) throws Exception {
        ClusterRunViewModel.preferences = () -> PREFS;
        dir = Files.createTempDirectory("cluster-wiring");
        int events = 20000;
        EventsSource demo = new EventsSource("demo", null, DemoGenerator.generate(events, 7), events, 7L);
        CoverageRunner runner = new CoverageRunner(demo, "DER_mass_vis", Axis.regular(10, 0, 150));
        vm = new LikelihoodViewModel();
        SimpleBooleanProperty trigger = new SimpleBooleanProperty();
        vm.connect(() -> null, m -> { }, () -> runner, trigger);
        trigger.set(true);
        stage.setScene(new Scene(new LikelihoodView(vm), 1000, 500));
        stage.show();
    }

    @AfterEach
    void realSlurmAgain() {
        ClusterRunViewModel.availability = org.nuisance.engine.workbench.ClusterRuns::unavailableReason;
    }

    @AfterAll
    static void forget() throws Exception {
        PREFS.removeNode();
    }

    @Test
    void withoutSbatchTheOptionSaysWhyAndSubmitStaysOff(FxRobot robot) throws Exception {
        ClusterRunViewModel.availability = () -> NO_SBATCH;
        Button b = robot.lookup("#toys-cluster").queryAs(Button.class);
        robot.clickOn(b);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> NO_SBATCH.equals(robot.lookup("#cluster-message").queryAs(Label.class).getText()));
        assertTrue(robot.lookup("#cluster-submit").queryAs(Button.class).isDisabled(), "nothing to submit to");
        Button fresh = WaitForAsyncUtils.asyncFx(() -> ClusterButton.create("probe", "x", List::of, p -> { }))
                .get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> NO_SBATCH.equals(fresh.getTooltip().getText()));
    }

    @Test
    void onTheOneNodeClusterTheShardsShowAndTheMergedCoverageLandsInTheView(FxRobot robot) throws Exception {
        Assumptions.assumeTrue(ClusterRunDialogTest.slurmAnswers(), "no Slurm answers here");
        javafx.scene.control.Spinner<?> toys = robot.lookup("#toys-spinner").queryAs(javafx.scene.control.Spinner.class);
        robot.interact(() -> toys.getEditor().setText("20"));
        robot.interact(() -> toys.commitValue());
        robot.clickOn("#toys-cluster");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> robot.lookup("#cluster-message").queryAs(Label.class).getText().startsWith("Slurm answers here"));
        robot.interact(() -> {
            robot.lookup("#cluster-shards").queryAs(javafx.scene.control.Spinner.class).getValueFactory().setValue(2);
            robot.lookup("#cluster-workdir").queryAs(TextField.class).setText(dir.toString());
            robot.lookup("#cluster-time").queryAs(TextField.class).setText("00:10:00");
        });
        robot.clickOn("#cluster-submit");
        WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS,
                () -> vm.toysSummaryProperty().get().startsWith("20 pseudo-experiments: coverage"));
        @SuppressWarnings("unchecked")
        ListView<String> progress = robot.lookup("#cluster-progress").queryAs(ListView.class);
        assertEquals(List.of("shard 0: COMPLETED", "shard 1: COMPLETED", "merge: COMPLETED"), List.copyOf(progress.getItems()));
        String shown = robot.lookup("#toys-summary").queryAs(Label.class).getText();
        assertTrue(shown.matches("20 pseudo-experiments: coverage [0-9.]+ \\(target 0\\.683 .*"), shown);
        assertEquals(PREFS.get("workdir", ""), dir.toString(), "the settings were remembered at Submit");
    }
}
