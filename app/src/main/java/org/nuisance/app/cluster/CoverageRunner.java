package org.nuisance.app.cluster;

import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import org.nuisance.app.likelihood.LikelihoodViewModel;
import org.nuisance.engine.hist.Axis;
import org.nuisance.engine.workbench.ClusterCommands;
import org.nuisance.engine.workbench.EventsSource;
import org.nuisance.engine.workbench.EventsWorkbench;

/** The likelihood view's pseudo-experiments of an events model: run here, or as the same {@code coverage} on a cluster. */
public record CoverageRunner(EventsSource events, String column, Axis axis) implements LikelihoodViewModel.ToyRunner {

    @Override
    public EventsWorkbench.Coverage run(int toys, long seed, IntConsumer done, BooleanSupplier cancelled) {
        return new EventsWorkbench(events).pseudoExperiments(column, axis, toys, seed, done, cancelled);
    }

    @Override
    public List<String> clusterCommand(int toys) {
        return ClusterCommands.coverage(events, column, axis, toys, null);
    }

    /**
     * "Run on cluster…" beside the likelihood view's "Pseudo-experiments": the same run as {@code coverage} shards
     * and a merge; the merged result is shown in the view's summary line as a local run's.
     */
    public static javafx.scene.control.Button button(LikelihoodViewModel vm, java.util.function.IntSupplier toys) {
        javafx.scene.control.Button b = ClusterButton.create("toys-cluster", "the pseudo-experiments",
                () -> vm.clusterCommand(toys.getAsInt()), merged -> {
                    try {
                        vm.showCoverage(ClusterCommands.coverageResult(merged));
                    } catch (RuntimeException e) {
                        vm.showCoverageError("merged pseudo-experiments: " + e.getMessage());
                    }
                });
        b.disableProperty().bind(vm.toysAvailableProperty().not());
        return b;
    }
}
