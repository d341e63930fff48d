package org.nuisance.app.cluster;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;

/**
 * The "Run on cluster…" button beside a view's "Run here": its tooltip says what it does, or why Slurm cannot
 * be used from this machine (looked up in the background); a click asks the view for the command line and
 * opens {@link ClusterRunDialog#offer}, or says in an alert why this run cannot go to a cluster.
 */
public final class ClusterButton {

    private ClusterButton() {
    }

    /**
     * @param id       the button's id
     * @param what     what it runs, for the tooltip ("the pseudo-experiments")
     * @param command  the command line after {@code nuisance}; throws IllegalArgumentException saying why not
     * @param onMerged receives the merged result's path on the FX thread
     */
    public static Button create(String id, String what, Supplier<List<String>> command, Consumer<Path> onMerged) {
        Button b = new Button("Run on cluster\u2026");
        b.setId(id);
        b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        b.setTooltip(new Tooltip("Run " + what + " as a Slurm job array with a merge job"));
        Thread probe = new Thread(() -> {
            String why = ClusterRunViewModel.availability.get();
            if (why != null) {
                Platform.runLater(() -> b.getTooltip().setText(why));
            }
        }, "cluster-probe");
        probe.setDaemon(true);
        probe.start();
        b.setOnAction(e -> {
            List<String> c;
            try {
                c = command.get();
            } catch (IllegalArgumentException ex) {
                Alert a = new Alert(Alert.AlertType.INFORMATION, ex.getMessage());
                a.setHeaderText("Run on cluster");
                a.initOwner(b.getScene() == null ? null : b.getScene().getWindow());
                a.show();
                return;
            }
            ClusterRunDialog.offer(b.getScene() == null ? null : b.getScene().getWindow(), c, onMerged);
        });
        return b;
    }
}
