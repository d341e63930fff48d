package org.nuisance.app.cluster;

import java.util.Optional;
import javafx.scene.control.Button;
import javafx.scene.control.TextInputDialog;
import org.nuisance.app.training.TrainViewModel;

/**
 * "Run on cluster…" beside the Train tab's Start: the training as set, as an ensemble ({@code train --ensemble K},
 * member k seeded seed + k) trained in Slurm shards and merged; the merged ensemble is loaded and its score added
 * as a training here adds it.
 */
public final class EnsembleOnCluster {

    private EnsembleOnCluster() {
    }

    public static Button button(TrainViewModel vm) {
        Button b = ClusterButton.create("train-cluster", "an ensemble of this training", () -> vm.clusterCommand(members()),
                vm::adoptEnsemble);
        b.disableProperty().bind(vm.canStartProperty().not());
        return b;
    }

    /** Asks how many members (2 or more); a cancelled question cancels the run. */
    private static int members() {
        TextInputDialog ask = new TextInputDialog("4");
        ask.setTitle("Run on cluster");
        ask.setHeaderText("Ensemble members (each shard trains a slice of them)");
        Optional<String> k = ask.showAndWait();
        if (k.isEmpty()) {
            throw new IllegalArgumentException("No ensemble size given: nothing was submitted");
        }
        try {
            int n = Integer.parseInt(k.get().strip());
            if (n < 2) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Ensemble members: expected a whole number >= 2, got '" + k.get() + "'");
        }
    }
}
