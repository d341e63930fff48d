package org.nuisance.app.unfold;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.nuisance.engine.workbench.UnfoldRuns;

/**
 * "Unfold…": the form (data and simulation files, observables, iterations, ensemble and bootstrap counts,
 * epochs, network), Start / Cancel / Run on cluster…, progress per step and iteration, and the closure plot:
 * the reco-level data against the simulation reweighted by each iteration's pull weights (first observable).
 */
public final class UnfoldPanel extends VBox {

    private final UnfoldViewModel vm;
    private final LineChart<Number, Number> closureChart;

    public UnfoldPanel(UnfoldViewModel vm) {
        super(8);
        this.vm = vm;
        setPadding(new Insets(10));
        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(6);
        int row = 0;
        form.addRow(row++, new Label("Data file"), field("unfold-data", vm.data), browse("unfold-data-browse", vm.data));
        form.addRow(row++, new Label("Simulation file"), field("unfold-mc", vm.mc), browse("unfold-mc-browse", vm.mc));
        Button lookUp = new Button("Find observables");
        lookUp.setId("unfold-find-observables");
        lookUp.setOnAction(e -> vm.lookUpObservables());
        form.addRow(row++, new Label("Observables (a,b,…)"), field("unfold-observables", vm.observables), lookUp);
        form.addRow(row++, new Label("Iterations"), spinner("unfold-iterations", vm.iterations, 1, 50));
        form.addRow(row++, new Label("Ensemble members"), spinner("unfold-ensemble", vm.ensemble, 0, 1000));
        form.addRow(row++, new Label("Data bootstraps"), spinner("unfold-bootstrap-data", vm.bootstrapData, 0, 1000));
        form.addRow(row++, new Label("Simulation bootstraps"), spinner("unfold-bootstrap-mc", vm.bootstrapMc, 0, 1000));
        form.addRow(row++, new Label("Epochs per training"), spinner("unfold-epochs", vm.epochs, 1, 1000));
        form.addRow(row++, new Label("Network (layers x width)"), field("unfold-network", vm.network));
        form.addRow(row++, new Label("Output (.parquet or .h5)"), field("unfold-output", vm.output));

        Button start = new Button("Start");
        start.setId("unfold-start");
        start.disableProperty().bind(vm.runningProperty());
        start.setOnAction(e -> vm.start());
        Button cancel = new Button("Cancel");
        cancel.setId("unfold-cancel");
        cancel.disableProperty().bind(vm.runningProperty().not());
        cancel.setOnAction(e -> vm.cancel());
        Button cluster = new Button("Run on cluster…");
        cluster.setId("unfold-cluster");
        cluster.disableProperty().bind(vm.runningProperty());
        cluster.setOnAction(e -> {
            List<String> command;
            try {
                command = vm.commandLine();
            } catch (RuntimeException ex) {
                vm.statusProperty().set(ex.getMessage());
                return;
            }
            org.nuisance.app.cluster.ClusterRunDialog.offer(getScene() == null ? null : getScene().getWindow(),
                    command, vm::acceptMerged);
        });
        ProgressBar bar = new ProgressBar();
        bar.setId("unfold-progress");
        bar.progressProperty().bind(vm.progressProperty());
        bar.setPrefWidth(220);
        Label status = new Label();
        status.setId("unfold-status");
        status.textProperty().bind(vm.statusProperty());
        status.setWrapText(true);
        ListView<String> log = new ListView<>(vm.log());
        log.setId("unfold-log");
        log.setPrefHeight(110);

        closureChart = new LineChart<>(new NumberAxis(), new NumberAxis());
        closureChart.setId("unfold-closure");
        closureChart.setTitle("Closure at reco level: data vs reweighted simulation");
        closureChart.setCreateSymbols(false);
        closureChart.setAnimated(false);
        closureChart.setPrefHeight(260);
        vm.closureProperty().addListener((o, a, c) -> drawClosure(c));
        VBox.setVgrow(closureChart, Priority.ALWAYS);
        getChildren().addAll(form, new HBox(8, start, cancel, cluster, bar), status, log, closureChart);
    }

    /** The panel's state (what "Start" and "Run on cluster…" run, and the result handed to the window). */
    public UnfoldViewModel viewModel() {
        return vm;
    }

    /** Opens the panel in its own window; {@code open} receives each written result. */
    public static Stage showWindow(Window owner, Consumer<Path> open) {
        UnfoldViewModel vm = new UnfoldViewModel();
        vm.resultProperty().addListener((o, a, file) -> {
            if (file != null) {
                open.accept(file);
            }
        });
        Stage stage = new Stage();
        stage.setTitle("Unfold (OmniFold)");
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setScene(new Scene(new UnfoldPanel(vm), 720, 820));
        stage.setOnHidden(e -> vm.cancel());
        stage.show();
        return stage;
    }

    /** The series drawn: "data" and one "iteration k" (0 = prior) per closure entry. */
    List<XYChart.Series<Number, Number>> closureSeries() {
        return closureChart.getData();
    }

    private void drawClosure(List<UnfoldRuns.Closure> closure) {
        closureChart.getData().clear();
        if (closure == null || closure.isEmpty()) {
            return;
        }
        UnfoldRuns.Closure first = closure.get(0);
        closureChart.getData().add(steps("data", first.edges(), first.data()));
        for (UnfoldRuns.Closure c : closure) {
            closureChart.getData().add(steps(c.iteration() == 0 ? "simulation (prior)" : "simulation, iteration "
                    + c.iteration(), c.edges(), c.simulation()));
        }
    }

    private static XYChart.Series<Number, Number> steps(String name, double[] edges, double[] counts) {
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        s.setName(name);
        for (int b = 0; b < counts.length; b++) {
            s.getData().add(new XYChart.Data<>(edges[b], counts[b]));
            s.getData().add(new XYChart.Data<>(edges[b + 1], counts[b]));
        }
        return s;
    }

    private static TextField field(String id, StringProperty p) {
        TextField f = new TextField();
        f.setId(id);
        f.setPrefColumnCount(28);
        f.textProperty().bindBidirectional(p);
        return f;
    }

    private Button browse(String id, StringProperty p) {
        Button b = new Button("Browse…");
        b.setId(id);
        b.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Events", "*.parquet", "*.h5", "*.hdf5",
                    "*.csv"), new FileChooser.ExtensionFilter("All files", "*"));
            File f = fc.showOpenDialog(getScene() == null ? null : getScene().getWindow());
            if (f != null) {
                p.set(f.toString());
            }
        });
        return b;
    }

    private static Spinner<Integer> spinner(String id, IntegerProperty p, int min, int max) {
        Spinner<Integer> s = new Spinner<>(min, max, p.get());
        s.setId(id);
        s.setEditable(true);
        s.valueProperty().addListener((o, a, v) -> p.set(v));
        p.addListener((o, a, v) -> s.getValueFactory().setValue(v.intValue()));
        return s;
    }
}
