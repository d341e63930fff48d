package org.nuisance.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.nuisance.app.cluster.TwoSbottomPoints;
import org.nuisance.app.grid.GridViewModel;
import org.nuisance.app.unfold.UnfoldPanel;
import org.nuisance.engine.cli.NuisanceCli;
import org.nuisance.engine.cluster.SlurmRequest;
import org.nuisance.engine.workbench.PublishedSource;
import org.nuisance.engine.workbench.PublishedSources;
import org.nuisance.engine.workbench.UnfoldRuns;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * "Run on cluster…" for grids and unfoldings without a cluster: the command line each view hands the dialog is
 * run as {@code submit slurm}'s array tasks and merge job would run it ({@code --shard I/2 --output
 * parts/shard-I}, then {@code merge parts/shard-* --output} the path the submission records), in-process, and
 * the merged file goes to the callback the view gives the dialog. The grid view then shows the two sbottom points'
 * CLs as a local computation would (pyhf's numbers, ../shared/data/hepdata/README.md), and the merged unfolding
 * opens in the Unfolded result tab as a local run's output does.
 */
@ExtendWith(ApplicationExtension.class)
class ClusterMergedResultTest {

    static {
        if (System.getProperty("testfx.setup.timeout") == null) {
            System.setProperty("testfx.setup.timeout", "60000");
        }
    }


    private WorkbenchApp app;
    private Stage stage;

    @TempDir
    Path tmp;

    @Start
    void start(Stage stage) throws java.io.IOException {
        this.stage = stage;
        app = AppTestSupport.startWindow(stage);
    }

    /** What the array tasks and the merge job run for {@code command}; returns the merged output's path. */
    private static Path runAsSubmitted(List<String> command, Path workdir) {
        SlurmRequest.Split split = SlurmRequest.splitOutput(command);
        Path parts = workdir.resolve("parts");
        List<String> merge = new ArrayList<>(List.of("merge"));
        for (int i = 0; i < 2; i++) {
            Path part = parts.resolve("shard-" + i);
            List<String> shard = new ArrayList<>(split.args());
            shard.addAll(List.of("--shard", i + "/2", "--output", part.toString()));
            assertEquals(0, NuisanceCli.run(shard.toArray(String[]::new)), "shard " + i + ": " + shard);
            merge.add(part.toString());
        }
        Path output = SlurmRequest.mergedOutput(split, command.get(0), Path.of("").toAbsolutePath(), workdir);
        merge.addAll(List.of("--output", output.toString()));
        assertEquals(0, NuisanceCli.run(merge.toArray(String[]::new)), "merge: " + merge);
        return output;
    }

    private static PublishedSources.Computed computed(GridViewModel grid, String name) {
        return grid.rows().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow().computed();
    }

    @Test
    void theMergedGridOfTwoShardsShowsTheSbottomPointsCLsAsIfComputedHere(FxRobot robot) throws Exception {
        FxWait.until(() -> app.viewModel().selectedProperty().get() != null, "the demo");
        PublishedSource source = TwoSbottomPoints.open(tmp);
        GridViewModel grid = app.viewModel().grid();
        robot.interact(() -> grid.show(source));
        List<String> command = WaitForAsyncUtils.asyncFx(grid::gridCommand).get(10, TimeUnit.SECONDS);
        assertEquals(List.of("grid", "--workspace"), command.subList(0, 2));
        assertTrue(command.contains("--patchset"), command.toString());
        assertFalse(command.contains("--output"), "merged into the submission's folder: " + command);
        Path merged = runAsSubmitted(command, tmp.resolve("run"));
        assertEquals(tmp.resolve("run/merged.json"), merged);
        robot.interact(() -> grid.acceptMerged(source, merged)); // what GridView's "Run on cluster…" hands the dialog
        FxWait.until(() -> grid.rows().stream().allMatch(r -> r.computed() != null), "both points computed");
        // ../shared/data/hepdata/README.md (pyhf 0.7, code4/code4p): CLs_obs 0.24443627759085326, median expected
        // 0.38432344933992 for sbottom_1300_205_60; the 1000 GeV point is excluded
        PublishedSources.Computed ref = computed(grid, "sbottom_1300_205_60");
        assertEquals(0.24443627759085326, ref.clsObs(), 5e-4 * 0.2444);
        assertEquals(0.38432344933992, ref.clsExp()[2], 5e-4 * 0.3843);
        assertEquals("converged", ref.status());
        assertTrue(computed(grid, "sbottom_1000_205_60").clsObs() < 0.05);
        assertTrue(grid.messageProperty().get().startsWith("Merged from the cluster: 2 points"),
                grid.messageProperty().get());
        @SuppressWarnings("unchecked")
        TableView<GridViewModel.Row> table = robot.lookup("#grid-points").queryAs(TableView.class);
        assertTrue(table.getItems().stream().allMatch(r -> r.computed() != null), "the table shows them");
        // a merged grid of another likelihood than the one shown is not mixed in
        robot.interact(() -> grid.acceptMerged(null, merged));
        FxWait.until(() -> grid.messageProperty().get().contains("another likelihood"), "refused");
    }

    @Test
    void theMergedUnfoldingOfTwoShardsOpensInTheUnfoldedTab(FxRobot robot) throws Exception {
        FxWait.until(() -> app.viewModel().selectedProperty().get() != null, "the demo");
        UnfoldRuns.writeGaussianToy(tmp, 600, 3);
        Path out = tmp.resolve("unfolded.h5");
        Stage window = WaitForAsyncUtils.asyncFx(() -> UnfoldPanel.showWindow(stage, app.viewModel()::open))
                .get(30, TimeUnit.SECONDS);
        UnfoldPanel panel = (UnfoldPanel) window.getScene().getRoot();
        robot.interact(() -> {
            lookup(window, "#unfold-data", TextField.class).setText(tmp.resolve("data.parquet").toString());
            lookup(window, "#unfold-mc", TextField.class).setText(tmp.resolve("mc.parquet").toString());
            lookup(window, "#unfold-observables", TextField.class).setText("x");
            lookup(window, "#unfold-output", TextField.class).setText(out.toString());
            spinner(window, "#unfold-iterations").getValueFactory().setValue(1);
            spinner(window, "#unfold-epochs").getValueFactory().setValue(1);
            spinner(window, "#unfold-ensemble").getValueFactory().setValue(2);
        });
        List<String> command = WaitForAsyncUtils.asyncFx(() -> panel.viewModel().commandLine()).get(10, TimeUnit.SECONDS);
        assertEquals(List.of("omnifold", "unfold"), command.subList(0, 2));
        Path merged = runAsSubmitted(command, tmp.resolve("run"));
        assertEquals(out, merged, "merged where the panel's --output names");
        robot.interact(() -> panel.viewModel().acceptMerged(merged)); // what UnfoldPanel's "Run on cluster…" hands the dialog
        FxWait.until(() -> app.viewModel().unfolded().explorerProperty().get() != null, "the merged unfolding is open");
        assertEquals("Unfolded result", app.tabs().getSelectionModel().getSelectedItem().getText());
        assertTrue(panel.viewModel().statusProperty().get().startsWith("Merged on the cluster"));
        robot.interact(window::close);
    }

    private static <T> T lookup(Stage window, String id, Class<T> type) {
        return type.cast(window.getScene().lookup(id));
    }

    @SuppressWarnings("unchecked")
    private static Spinner<Integer> spinner(Stage window, String id) {
        return (Spinner<Integer>) window.getScene().lookup(id);
    }
}
