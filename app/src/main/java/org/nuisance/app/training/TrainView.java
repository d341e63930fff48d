package org.nuisance.app.training;

import java.util.Locale;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TextFormatter;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.CheckBoxListCell;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.jfree.chart.fx.ChartViewer;
import org.nuisance.engine.ml.ClassifierConfig;
import org.nuisance.engine.ml.TrainingSummary;

/**
 * The Train panel: which columns a neural network reads, its size and training settings, Start and
 * Cancel, and the learning curves and ROC curve as the training goes.
 */
public final class TrainView extends BorderPane {

    private final TrainViewModel vm;
    private final LossChart lossChart = new LossChart();
    private final RocChart rocChart = new RocChart();
    private final ListView<TrainViewModel.Feature> featureList = new ListView<>();
    private final Label auc = new Label();
    private boolean redrawPending;

    public TrainView(TrainViewModel vm) {
        this.vm = vm;
        setLeft(controls());
        setCenter(charts());
        vm.history().addListener((ListChangeListener<Object>) c -> requestRedraw());
        vm.summaryProperty().addListener((o, a, s) -> {
            requestRedraw();
            showAuc();
        });
        vm.rocProperty().addListener((o, a, r) -> rocChart.show(r));
        vm.aucProperty().addListener((o, a, b) -> showAuc());
        vm.weightedAucProperty().addListener((o, a, b) -> showAuc());
        showAuc();
    }

    /**
     * "scratch", "pretrained (built in)" or "a model folder…" (asks for the folder; cancelled, it goes back).
     * A pretrained trunk brings its own architecture: the layer and width settings then do not apply.
     */
    private ComboBox<String> startFromChoice() {
        String scratch = "scratch";
        String builtin = "pretrained (built in)";
        String folder = "a model folder…";
        ComboBox<String> box = new ComboBox<>(FXCollections.observableArrayList(scratch, builtin, folder));
        box.setId("start-from-choice");
        box.setValue(scratch);
        box.setTooltip(new Tooltip("Train from scratch, or fine-tune a pretrained trunk (a new head on its hidden "
                + "layers; the trunk's architecture replaces the layer and width settings)"));
        box.valueProperty().addListener((o, old, v) -> {
            if (scratch.equals(v)) {
                vm.startFromProperty().set(TrainViewModel.SCRATCH);
            } else if (builtin.equals(v)) {
                vm.startFromProperty().set(TrainViewModel.BUILTIN);
            } else if (folder.equals(v)) {
                javafx.stage.DirectoryChooser chooser = new javafx.stage.DirectoryChooser();
                chooser.setInitialDirectory(org.nuisance.app.UserDirectories.exportFolder().toFile());
                chooser.setTitle("Pretrained model folder (written by 'nuisance pretrain')");
                java.io.File dir = chooser.showDialog(box.getScene() == null ? null : box.getScene().getWindow());
                if (dir == null) {
                    javafx.application.Platform.runLater(() -> box.setValue(old));
                } else {
                    vm.startFromProperty().set(dir.getAbsolutePath());
                }
            }
        });
        return box;
    }

    private VBox controls() {
        Label featuresTitle = new Label("Features");
        featuresTitle.setStyle("-fx-font-weight: bold;");
        featureList.setId("feature-list");
        featureList.setItems(vm.features());
        featureList.setCellFactory(CheckBoxListCell.forListView(TrainViewModel.Feature::selectedProperty));
        featureList.setPrefHeight(250);
        featureList.setTooltip(new Tooltip("Columns the network reads as inputs; PRI are measured, DER derived"
                + " quantities. Signal is the table's signal process, background everything else"));
        VBox.setVgrow(featureList, Priority.ALWAYS);
        Button physics = new Button("PRI + DER");
        physics.setId("features-physics");
        physics.setTooltip(new Tooltip("Tick every primary (PRI_*) and derived (DER_*) column, untick the rest"));
        physics.setOnAction(e -> vm.selectPhysicsFeatures());
        Button none = new Button("None");
        none.setId("features-none");
        none.setTooltip(new Tooltip("Untick every column"));
        none.setOnAction(e -> vm.selectOnly(java.util.List.of()));
        Label count = new Label();
        count.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> vm.selectedFeatures().size() + " of " + vm.features().size() + " ticked", vm.features()));
        HBox featureButtons = new HBox(6, physics, none, count);
        featureButtons.setAlignment(Pos.CENTER_LEFT);

        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(5);
        int row = 0;
        grid.addRow(row++, new Label("Start from"), startFromChoice());
        javafx.scene.control.Spinner<Double> trunkRate = new javafx.scene.control.Spinner<>(0.0, 1.0, 0.1, 0.05);
        trunkRate.setId("trunk-rate-spinner");
        trunkRate.setEditable(true);
        trunkRate.setPrefWidth(110);
        trunkRate.getValueFactory().valueProperty().addListener((o, a, b) -> vm.trunkRateFactorProperty().set(b));
        trunkRate.disableProperty().bind(vm.startFromProperty().isEqualTo(TrainViewModel.SCRATCH));
        trunkRate.setTooltip(new Tooltip("Fine-tuning: the pretrained trunk's learning rate as a fraction of the new "
                + "head's (0.1 in the paper; 0.3 measured best on the real HiggsML 2014 events)"));
        grid.addRow(row++, new Label("Trunk rate ×"), trunkRate);
        grid.addRow(row++, new Label("Hidden layers"), intSpinner("layers-spinner", 1, 16, 1, vm.hiddenLayersProperty(),
                "Number of hidden layers of the multilayer perceptron: more can learn subtler correlations, but train slower"));
        grid.addRow(row++, new Label("Width"), intSpinner("width-spinner", 1, 1024, 16, vm.widthProperty(),
                "Units (neurons) per hidden layer"));
        ComboBox<ClassifierConfig.ActivationFunction> activation = new ComboBox<>(
                FXCollections.observableArrayList(ClassifierConfig.ActivationFunction.values()));
        activation.setId("activation-choice");
        activation.valueProperty().bindBidirectional(vm.activationProperty());
        activation.setConverter(new StringConverter<>() {
            @Override
            public String toString(ClassifierConfig.ActivationFunction f) {
                return f == null ? "" : f.id();
            }

            @Override
            public ClassifierConfig.ActivationFunction fromString(String s) {
                return ClassifierConfig.ActivationFunction.parse(s);
            }
        });
        activation.setTooltip(new Tooltip("Non-linearity after each hidden layer (tanh, relu, gelu, silu)"));
        grid.addRow(row++, new Label("Activation"), activation);
        grid.addRow(row++, new Label("Learning rate"), learningRateField());
        grid.addRow(row++, new Label("Batch size"), intSpinner("batch-spinner", 1, 65536, 256, vm.batchSizeProperty(),
                "Events per gradient step: smaller batches take more, noisier steps per epoch"));
        grid.addRow(row++, new Label("Epochs"), intSpinner("epochs-spinner", 1, 10000, 1, vm.epochsProperty(),
                "At most this many passes over the training events"));
        grid.addRow(row++, new Label("Patience"), intSpinner("patience-spinner", 0, 1000, 1, vm.patienceProperty(),
                "Early stopping: stop after this many epochs without a lower validation loss (0 = never stop early)"));
        grid.addRow(row++, new Label("Validation split"), validationSpinner());
        grid.addRow(row++, new Label("Seed"), intSpinner("seed-spinner", 0, Integer.MAX_VALUE, 1, vm.seedProperty(),
                "Seeds the initial weights, the validation split and the shuffling: the same seed gives the same network"));

        Button start = new Button("Start");
        start.setId("train-start");
        start.setTooltip(new Tooltip("Train a classifier of signal against background on the ticked columns"));
        start.disableProperty().bind(vm.canStartProperty().not());
        start.setOnAction(e -> vm.start());
        Button cancel = new Button("Cancel");
        cancel.setId("train-cancel");
        cancel.setTooltip(new Tooltip("Stop the training at the next batch; nothing is added"));
        cancel.disableProperty().bind(vm.stateProperty().isNotEqualTo(TrainViewModel.State.RUNNING));
        cancel.setOnAction(e -> vm.cancel());
        Button scaling = new Button("Data scaling");
        scaling.setId("train-scaling");
        scaling.setTooltip(new Tooltip("Held-out AUC against the number of training events, from scratch and "
                + "fine-tuned from the pretrained trunk (30% of the events held out; 3 seeds per size)"));
        scaling.disableProperty().bind(vm.canStartProperty().not());
        scaling.setOnAction(e -> vm.startScaling());
        // one row that fits the panel's 330 px without cutting a word: the cluster button says it short
        javafx.scene.control.Labeled cluster = org.nuisance.app.cluster.EnsembleOnCluster.button(vm);
        cluster.setText("On cluster\u2026");
        HBox buttons = new HBox(5, start, cluster, cancel, scaling);
        for (javafx.scene.Node b : buttons.getChildren()) {
            ((javafx.scene.control.Control) b).setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }

        ProgressBar progress = new ProgressBar();
        progress.setId("train-progress");
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.progressProperty().bind(vm.progressProperty());
        progress.setTooltip(new Tooltip("Share of the configured epochs done"));

        Label status = new Label();
        status.setId("train-status");
        status.setWrapText(true);
        status.textProperty().bind(vm.statusProperty());
        auc.setId("auc-label");
        auc.setStyle("-fx-font-weight: bold; -fx-font-size: 13px;");
        auc.setWrapText(true);
        auc.setTooltip(new Tooltip("AUC: the probability that a random signal event scores higher than a random"
                + " background event (0.5 = guessing, 1 = perfect), on the validation events; weighted: each event"
                + " counts with its weight"));
        Label error = new Label();
        error.setId("train-error");
        error.setWrapText(true);
        error.setStyle("-fx-text-fill: #b00020;");
        error.textProperty().bind(vm.errorProperty());
        Label device = new Label();
        device.setId("device-label");
        device.setWrapText(true);
        device.setStyle("-fx-text-fill: #555555; -fx-font-size: 11px;");
        device.textProperty().bind(vm.deviceProperty());
        device.setTooltip(new Tooltip("Where the network trains: PyTorch through Deep Java Library, on a GPU when"
                + " one is found, else the CPU"));

        // wrapped lines keep their full height: the feature list gives way first when the window is short
        for (Label l : java.util.List.of(status, auc, error, device)) {
            l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        VBox box = new VBox(6, featuresTitle, featureList, featureButtons, grid, buttons, progress, status, auc, error,
                device);
        box.setPadding(new Insets(8));
        box.setPrefWidth(330);
        box.setMinWidth(300);
        return box;
    }

    private SplitPane charts() {
        ChartViewer loss = new ChartViewer(lossChart.chart());
        loss.setId("loss-chart");
        Tooltip.install(loss, new Tooltip("Loss per epoch on the training events and on the validation events held"
                + " out from training; validation rising while training falls means overfitting"));
        ChartViewer roc = new ChartViewer(rocChart.chart());
        roc.setId("roc-chart");
        Tooltip.install(roc, new Tooltip("ROC curve: the signal kept against the background kept for every cut on"
                + " the score; the further above the diagonal, the better"));
        javafx.scene.image.ImageView scalingView = new javafx.scene.image.ImageView();
        scalingView.setId("scaling-plot");
        scalingView.setPreserveRatio(true);
        scalingView.imageProperty().bind(vm.scalingPlotProperty());
        javafx.scene.layout.StackPane scalingPane = new javafx.scene.layout.StackPane(scalingView);
        scalingView.fitWidthProperty().bind(scalingPane.widthProperty());
        scalingView.fitHeightProperty().bind(scalingPane.heightProperty());
        scalingPane.setMinSize(0, 0);
        SplitPane split = new SplitPane(loss, roc);
        split.setDividerPositions(0.5);
        // the data-scaling plot takes a third of the width once there is one
        vm.scalingPlotProperty().addListener((o, a, img) -> {
            if (img != null && !split.getItems().contains(scalingPane)) {
                split.getItems().add(scalingPane);
                split.setDividerPositions(0.34, 0.67);
            }
        });
        return split;
    }

    private Spinner<Integer> intSpinner(String id, int min, int max, int step, IntegerProperty p, String tip) {
        Spinner<Integer> s = new Spinner<>();
        SpinnerValueFactory.IntegerSpinnerValueFactory f =
                new SpinnerValueFactory.IntegerSpinnerValueFactory(min, max, p.get(), step);
        s.setValueFactory(f);
        s.setId(id);
        s.setEditable(true);
        s.setPrefWidth(110);
        s.setTooltip(new Tooltip(tip));
        ObjectProperty<Integer> boxed = p.asObject();
        s.getProperties().put("bound", boxed); // the view keeps the adapter alive for the bidirectional binding
        f.valueProperty().bindBidirectional(boxed);
        commitOnFocusLost(s);
        return s;
    }

    private Spinner<Double> validationSpinner() {
        Spinner<Double> s = new Spinner<>();
        SpinnerValueFactory.DoubleSpinnerValueFactory f =
                new SpinnerValueFactory.DoubleSpinnerValueFactory(0, 0.9, vm.validationFractionProperty().get(), 0.05);
        s.setValueFactory(f);
        s.setId("validation-spinner");
        s.setEditable(true);
        s.setPrefWidth(110);
        s.setTooltip(new Tooltip("Validation split: the share of events held out from training to measure the loss"
                + " and AUC honestly, pick the best epoch and stop early"));
        DoubleProperty p = vm.validationFractionProperty();
        ObjectProperty<Double> boxed = p.asObject();
        s.getProperties().put("bound", boxed);
        f.valueProperty().bindBidirectional(boxed);
        commitOnFocusLost(s);
        return s;
    }

    /** A typed value counts when the field loses focus (e.g. to Start), not only on Enter; bad text is reverted. */
    private static <T> void commitOnFocusLost(Spinner<T> s) {
        s.getEditor().focusedProperty().addListener((o, was, is) -> {
            if (!is) {
                SpinnerValueFactory<T> f = s.getValueFactory();
                try {
                    T v = f.getConverter().fromString(s.getEditor().getText().trim());
                    if (v != null) {
                        f.setValue(v);
                    }
                } catch (RuntimeException e) {
                    // not a number: fall through to showing the current value again
                }
                s.getEditor().setText(f.getConverter().toString(f.getValue()));
            }
        });
    }

    private TextField learningRateField() {
        TextField field = new TextField();
        field.setId("learning-rate-field");
        field.setPrefWidth(110);
        StringConverter<Double> converter = new StringConverter<>() {
            @Override
            public String toString(Double v) {
                return v == null ? "" : String.format(Locale.ROOT, "%.3g", v).replaceAll("\\.?0+(e|$)", "$1");
            }

            @Override
            public Double fromString(String s) {
                try {
                    double v = Double.parseDouble(s.trim());
                    return v > 0 && Double.isFinite(v) ? v : vm.learningRateProperty().get();
                } catch (NumberFormatException e) {
                    return vm.learningRateProperty().get();
                }
            }
        };
        TextFormatter<Double> formatter = new TextFormatter<>(converter, vm.learningRateProperty().get());
        field.setTextFormatter(formatter);
        ObjectProperty<Double> boxed = vm.learningRateProperty().asObject();
        field.getProperties().put("bound", boxed);
        formatter.valueProperty().bindBidirectional(boxed);
        field.setTooltip(new Tooltip("Adam step size (e.g. 0.001): too large and the loss jumps about, too small and"
                + " it barely falls; press Enter to apply"));
        return field;
    }

    /** Redraws the learning curves at most once per pass of the FX queue. */
    private void requestRedraw() {
        if (!redrawPending) {
            redrawPending = true;
            javafx.application.Platform.runLater(() -> {
                redrawPending = false;
                TrainingSummary s = vm.summaryProperty().get();
                lossChart.show(vm.history(), s == null ? 0 : s.bestEpoch());
            });
        }
    }

    private void showAuc() {
        double a = vm.aucProperty().get();
        if (Double.isNaN(a)) {
            auc.setText("AUC: -");
            return;
        }
        double w = vm.weightedAucProperty().get();
        TrainingSummary s = vm.summaryProperty().get();
        int last = vm.history().isEmpty() ? 0 : vm.history().get(vm.history().size() - 1).epoch();
        String kind = s != null ? "on validation, kept epoch " + s.bestEpoch() : "on validation, epoch " + last;
        auc.setText(String.format(Locale.ROOT, "AUC %.4f (weighted %.4f)%n%s", a, w, kind));
    }

    LossChart lossChart() {
        return lossChart;
    }

    RocChart rocChart() {
        return rocChart;
    }

    ListView<TrainViewModel.Feature> featureList() {
        return featureList;
    }
}
