package org.nuisance.app.cluster;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.Duration;

/**
 * "Run on cluster…": the sbatch settings (remembered), Submit, a per-shard progress list refreshed every
 * two seconds (read in the background, never on the FX thread), Cancel, and the merged result as the command
 * prints it. Opened next to "Run here" for pseudo-experiments, ensembles, unfoldings and grids with the
 * command line that "Run here" would run.
 * <p>
 * One call for a view: {@link #offer(Window, List, Consumer)} with the command line after {@code nuisance}
 * (e.g. {@code List.of("grid", "--workspace", ws, "--patches", dir)} or {@code List.of("omnifold", "unfold", ...)})
 * and what to do with the merged result: its path arrives once, on the FX thread, when the merge job has
 * finished — a file for {@code coverage} and {@code grid}, a folder for ensembles and unfoldings. Leave
 * {@code --output} out of the command to merge into the submission's folder ({@code merged.json} /
 * {@code merged}), or give it to merge there. Where no {@code sbatch} answers, the dialog says why and
 * Submit stays off. {@link ClusterButton#create} makes the "Run on cluster…" button that opens it.
 */
public final class ClusterRunDialog {

    private ClusterRunDialog() {
    }

    /**
     * Opens the dialog for a command line after {@code nuisance}; {@code onMerged} receives the merged result's
     * path once, on the FX thread (may be null).
     */
    public static Dialog<Void> offer(Window owner, List<String> command, Consumer<Path> onMerged) {
        ClusterRunViewModel vm = new ClusterRunViewModel(command);
        vm.setOnMerged(onMerged);
        Dialog<Void> d = build(vm);
        if (owner != null) {
            d.initOwner(owner);
        }
        d.show();
        return d;
    }

    /** Opens the dialog for a command line after {@code nuisance}. */
    public static Dialog<Void> show(Window owner, List<String> command) {
        Dialog<Void> d = build(new ClusterRunViewModel(command));
        if (owner != null) {
            d.initOwner(owner);
        }
        d.show();
        return d;
    }

    static Dialog<Void> build(ClusterRunViewModel vm) {
        Dialog<Void> d = new Dialog<>();
        d.setTitle("Run on cluster");
        d.setHeaderText(vm.commandLine());
        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(6);
        Spinner<Integer> shards = new Spinner<>(1, 10000, vm.shards.get());
        shards.setId("cluster-shards");
        shards.setEditable(true);
        shards.valueProperty().addListener((o, a, b) -> vm.shards.set(b));
        int row = 0;
        form.addRow(row++, new Label("Shards"), shards);
        row = field(form, row, "Partition", "cluster-partition", vm.partition);
        row = field(form, row, "Time (HH:MM:SS)", "cluster-time", vm.time);
        row = field(form, row, "CPUs per task", "cluster-cpus", vm.cpusPerTask);
        row = field(form, row, "Memory (e.g. 16G)", "cluster-mem", vm.mem);
        row = field(form, row, "GPUs (e.g. 1, a100:1)", "cluster-gpus", vm.gpus);
        row = field(form, row, "Account", "cluster-account", vm.account);
        row = field(form, row, "Extra sbatch options (;-separated)", "cluster-extra", vm.extra);
        field(form, row, "Folder for scripts, logs, parts", "cluster-workdir", vm.workdir);

        Button submit = new Button("Submit");
        submit.setId("cluster-submit");
        submit.disableProperty().bind(vm.available.not().or(vm.submitted));
        submit.setOnAction(e -> vm.submit());
        Button cancel = new Button("Cancel jobs");
        cancel.setId("cluster-cancel");
        cancel.disableProperty().bind(vm.submitted.not());
        cancel.setOnAction(e -> vm.cancel());
        Label message = new Label();
        message.setId("cluster-message");
        message.setWrapText(true);
        message.textProperty().bind(vm.message);
        ListView<String> progress = new ListView<>(vm.progress);
        progress.setId("cluster-progress");
        progress.setPrefHeight(160);
        TextArea result = new TextArea();
        result.setId("cluster-result");
        result.setEditable(false);
        result.setPrefRowCount(7);
        result.textProperty().bind(vm.result);
        VBox box = new VBox(8, form, new HBox(8, submit, cancel), message, progress, result);
        box.setPadding(new Insets(8));
        d.getDialogPane().setContent(box);
        d.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);

        Timeline poll = new Timeline(new KeyFrame(Duration.seconds(2), e -> vm.refresh()));
        poll.setCycleCount(Timeline.INDEFINITE);
        poll.play();
        d.setOnHidden(e -> {
            poll.stop();
            vm.remember();
        });
        vm.probe();
        return d;
    }

    private static int field(GridPane form, int row, String label, String id, javafx.beans.property.StringProperty p) {
        TextField f = new TextField();
        f.setId(id);
        f.textProperty().bindBidirectional(p);
        form.addRow(row, new Label(label), f);
        return row + 1;
    }
}
