package org.nuisance.app.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.scene.control.Button;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * "Run on cluster…": settings typed once come back next time; where Slurm answers (CI starts a one-node
 * cluster), Submit runs the command as shards, the progress list shows each shard, and the merged result
 * appears as the command prints it.
 */
@ExtendWith(ApplicationExtension.class)
class ClusterRunDialogTest {

    static final Preferences PREFS = Preferences.userRoot().node("org/nuisance/app/cluster-test-" + ProcessHandle.current().pid());
    static Path dir;
    Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        dir = Files.createTempDirectory("cluster-dialog");
        stage.setScene(new javafx.scene.Scene(new javafx.scene.layout.StackPane(), 300, 200));
        stage.show();
    }

    @AfterAll
    static void forget() throws Exception {
        PREFS.removeNode();
    }

    private Dialog<Void> open(FxRobot robot, List<String> command) throws Exception {
        Dialog<Void>[] d = new Dialog[1];
        robot.interact(() -> {
            d[0] = ClusterRunDialog.build(new ClusterRunViewModel(command, PREFS));
            d[0].initOwner(stage);
            d[0].show();
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !robot.lookup("#cluster-message").queryAs(Label.class).getText().isEmpty());
        return d[0];
    }

    /** Whether a Slurm cluster answers here with a usable node. */
    static boolean slurmAnswers() {
        try {
            Process p = new ProcessBuilder("sinfo", "--noheader", "--format=%T").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0 && out.matches("(?s).*(idle|mixed|alloc).*");
        } catch (java.io.IOException | InterruptedException e) {
            return false;
        }
    }

    @Test
    void settingsAreRememberedAndAShardedTrainingRunsToItsMergedResult(FxRobot robot) throws Exception {
        Path model = dir.resolve("model");
        List<String> command = List.of("train", "--input", "demo", "--events", "2000", "--features", "DER_mass_vis,PRI_had_pt",
                "--epochs", "1", "--ensemble", "2", "--device", "cpu", "--output", model.toString());
        Dialog<Void> first = open(robot, command);
        robot.clickOn("#cluster-partition").write("debug");
        robot.doubleClickOn("#cluster-workdir").eraseText(robot.lookup("#cluster-workdir").queryAs(TextField.class).getText().length())
                .write(dir.resolve("run").toString());
        robot.interact(first::close);

        open(robot, command);
        assertEquals("debug", robot.lookup("#cluster-partition").queryAs(TextField.class).getText(), "remembered");
        String message = robot.lookup("#cluster-message").queryAs(Label.class).getText();
        Assumptions.assumeTrue(slurmAnswers(), "no Slurm here; the dialog says: " + message);
        assertTrue(message.startsWith("Slurm answers here"), message);
        robot.interact(() -> robot.lookup("#cluster-shards").queryAs(javafx.scene.control.Spinner.class).getValueFactory().setValue(2));
        robot.clickOn("#cluster-submit");
        WaitForAsyncUtils.waitFor(240, TimeUnit.SECONDS,
                () -> robot.lookup("#cluster-result").queryAs(TextArea.class).getText().contains("merged 2 of 2"));
        @SuppressWarnings("unchecked")
        ListView<String> progress = robot.lookup("#cluster-progress").queryAs(ListView.class);
        assertEquals(List.of("shard 0: COMPLETED", "shard 1: COMPLETED", "merge: COMPLETED"), List.copyOf(progress.getItems()));
        assertTrue(Files.isRegularFile(model.resolve("ensemble.json")));
        assertTrue(robot.lookup("#cluster-submit").queryAs(Button.class).isDisabled(), "one submission per dialog");
    }
}
