package org.nuisance.app.unfolded;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.Slider;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.jfree.chart.fx.ChartViewer;
import org.nuisance.app.plots.ChartExport;
import org.nuisance.engine.omnifold.Chi2Test;

/**
 * The OmniFold result explorer: observable and binning above; the unfolded dsigma/dx with its total
 * band, the prior and alternatives, and the fractional uncertainty per source underneath, on the left;
 * the bin-to-bin correlation and one theta slider per systematic variation on the right. Draws what its
 * {@link UnfoldedViewModel} publishes and computes nothing itself.
 */
public final class UnfoldedView extends BorderPane {

    private final UnfoldedViewModel vm;
    private final UnfoldedChart chart = new UnfoldedChart();
    private final CorrelationChart correlation = new CorrelationChart();
    private final ChartViewer viewer;
    private final ChartViewer correlationViewer;
    private final ComboBox<String> observable = new ComboBox<>();
    private final TextField binning = new TextField();
    private final ToggleButton logY = new ToggleButton("log y");
    private final Label status = new Label();
    private final GridPane sliders = new GridPane();
    private boolean redrawPending;
    private UnfoldedViewModel.Computed lastCorrelation;

    public UnfoldedView(UnfoldedViewModel vm) {
        this.vm = vm;
        setTop(controls());
        viewer = new ChartViewer(chart.chart());
        viewer.setId("unfolded-chart");
        viewer.setMinSize(300, 250);
        correlationViewer = new ChartViewer(correlation.chart());
        correlationViewer.setId("correlation-chart");
        correlationViewer.setMinSize(200, 200);
        correlationViewer.setPrefSize(380, 330);

        Label slidersTitle = new Label("Systematic variations \u03b8\u2096 (0 = nominal, \u00b11 = the variation)");
        slidersTitle.setStyle("-fx-font-weight: bold;");
        slidersTitle.setWrapText(true);
        sliders.setHgap(6);
        sliders.setVgap(2);
        sliders.setPadding(new Insets(2, 4, 2, 4));
        ScrollPane scroll = new ScrollPane(sliders);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        // room for a name, a 200 px slider, its field and its 0 button: the split keeps this much
        scroll.setMinWidth(440);
        Button reset = new Button("Reset all \u03b8");
        reset.setId("reset-thetas");
        reset.setTooltip(new Tooltip("Every systematic back to its nominal, \u03b8 = 0"));
        reset.setOnAction(e -> vm.resetThetas());
        VBox right = new VBox(6, correlationViewer, new Separator(), slidersTitle, scroll, reset);
        right.setPadding(new Insets(4));
        VBox.setVgrow(scroll, Priority.ALWAYS);
        VBox.setVgrow(correlationViewer, Priority.SOMETIMES);
        SplitPane split = new SplitPane(viewer, right);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.64);
        setCenter(split);

        vm.thetas().addListener((ListChangeListener<UnfoldedViewModel.Theta>) c -> rebuildSliders());
        vm.computedProperty().addListener((o, a, b) -> requestRedraw());
        vm.shiftedDsigmaDxProperty().addListener((o, a, b) -> requestRedraw());
        logY.selectedProperty().addListener((o, a, b) -> requestRedraw());
        rebuildSliders();
    }

    private VBox controls() {
        Button open = new Button("Open\u2026");
        open.setId("open-unfolded");
        open.setTooltip(new Tooltip("Open an unbinned unfolded result: pandas HDF5 (key df), plain HDF5, Parquet or"
                + " CSV with a weights_nominal column"));
        open.setOnAction(e -> choose("Open unfolded result", false).ifPresent(vm::open));
        Label file = new Label();
        file.setId("unfolded-file");
        file.textProperty().bind(vm.sourceNameProperty());
        Button demo = new Button("Demo");
        demo.setId("unfolded-demo");
        demo.setTooltip(new Tooltip("Generate a synthetic result in memory with the ATLAS Z+jets columns (418,014 events,"
                + " 176 weight columns) and a Sherpa-prior alternative; its bands are known in closed form"));
        demo.setOnAction(e -> vm.openDemo(UnfoldedViewModel.DEMO_EVENTS, 1L));

        observable.setId("observable-choice");
        observable.setEditable(true);
        observable.setItems(vm.observables());
        observable.setPrefWidth(170);
        observable.setTooltip(new Tooltip("Observable to unfold: pick a column, or type an expression and press Enter,"
                + " e.g. pT_l1/pT_ll or abs(eta_l1 - eta_l2) (+ - * / ^, abs sqrt log exp sin cos tanh min max)"));
        observable.valueProperty().addListener((o, a, b) -> {
            if (b != null && !b.isBlank() && !b.equals(vm.observableProperty().get())) {
                vm.observableProperty().set(b.trim());
            }
        });
        vm.observableProperty().addListener((o, a, b) -> {
            if (b != null && !b.equals(observable.getValue())) {
                observable.setValue(b);
            }
        });

        binning.setId("binning-field");
        binning.setPrefColumnCount(20);
        binning.setTooltip(new Tooltip("Binning: N,LO,HI for N regular bins (20,200,1000), or edges"
                + " (200,250,300,400,1000); [a,b,c] forces three edges. Press Enter to apply"));
        binning.setOnAction(e -> vm.binningProperty().set(binning.getText().trim()));
        vm.binningProperty().addListener((o, a, b) -> binning.setText(b));

        logY.setId("unfolded-log-toggle");
        logY.setTooltip(new Tooltip("Logarithmic dsigma/dx axis, for falling spectra such as pT_ll"));

        Button alt = new Button("Add alternative\u2026");
        alt.setId("add-alternative");
        alt.setTooltip(new Tooltip("Load another unfolded result of the same measurement (e.g. multifold_sherpa.h5 ->"
                + " band generator_prior, multifold_nonDY.h5 -> non_dy): drawn as a curve and added as a band"));
        alt.disableProperty().bind(vm.explorerProperty().isNull());
        alt.setOnAction(e -> choose("Add alternative result", false).ifPresent(vm::addAlternative));

        Button exportPlot = new Button("Export plot\u2026");
        exportPlot.setId("export-plot");
        exportPlot.setTooltip(new Tooltip("Save the distribution and the uncertainty breakdown as PNG, SVG or PDF"));
        exportPlot.disableProperty().bind(vm.computedProperty().isNull());
        exportPlot.setOnAction(e -> choose("Export plot", true).ifPresent(p -> {
            try {
                ChartExport.write(chart.chart(), p, 1200, 900);
            } catch (IOException ex) {
                vm.errorProperty().set(p.getFileName() + ": " + ex.getMessage());
            }
        }));
        Button exportCsv = new Button("Export CSV\u2026");
        exportCsv.setId("export-csv");
        exportCsv.setTooltip(new Tooltip("Save per bin: edges, sigma [fb], dsigma/dx, total and every uncertainty band"
                + " (absolute), the prior and alternatives, and dsigma/dx at the sliders' \u03b8 if moved"));
        exportCsv.disableProperty().bind(vm.computedProperty().isNull());
        exportCsv.setOnAction(e -> chooseCsv().ifPresent(p -> {
            try {
                vm.exportCsv(p);
            } catch (IOException ex) {
                vm.errorProperty().set(p.getFileName() + ": " + ex.getMessage());
            }
        }));

        ProgressBar progress = new ProgressBar();
        progress.setId("unfolded-progress");
        progress.setPrefWidth(140);
        Label progressText = new Label();
        Button cancel = new Button("Cancel");
        cancel.setId("unfolded-cancel");
        cancel.setTooltip(new Tooltip("Stop loading; what is shown stays"));
        cancel.setOnAction(e -> vm.cancel());
        HBox loading = new HBox(6, progress, progressText, cancel);
        loading.setAlignment(Pos.CENTER_LEFT);
        loading.visibleProperty().bind(vm.loadingProperty());
        loading.managedProperty().bind(loading.visibleProperty());
        vm.taskProperty().addListener((o, a, t) -> {
            progress.progressProperty().unbind();
            progressText.textProperty().unbind();
            if (t != null) {
                progress.progressProperty().bind(t.progressProperty());
                progressText.textProperty().bind(t.messageProperty());
            }
        });

        Label err = new Label();
        err.setId("unfolded-error");
        err.setStyle("-fx-text-fill: #b00020;");
        err.textProperty().bind(vm.errorProperty());
        status.setId("unfolded-status");
        vm.shiftedPriorChi2Property().addListener((o, a, b) -> updateStatus());
        vm.computedProperty().addListener((o, a, b) -> updateStatus());

        // the toolbar wraps onto a second row in a narrow window rather than cutting its words to "..."
        javafx.scene.layout.FlowPane row1 = new javafx.scene.layout.FlowPane(6, 4, open, demo, file,
                new Separator(Orientation.VERTICAL), new Label("Observable"), observable, new Label("Binning"), binning,
                logY, new Separator(Orientation.VERTICAL), alt, exportPlot, exportCsv, loading);
        for (javafx.scene.Node n : row1.getChildren()) {
            if (n instanceof javafx.scene.control.Labeled l) {
                l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            }
        }
        row1.setAlignment(Pos.CENTER_LEFT);
        HBox row2 = new HBox(12, status, err);
        row2.setAlignment(Pos.CENTER_LEFT);
        VBox top = new VBox(4, row1, row2);
        top.setPadding(new Insets(6));
        return top;
    }

    private void updateStatus() {
        UnfoldedViewModel.Computed c = vm.computedProperty().get();
        if (c == null) {
            status.setText("");
            return;
        }
        StringBuilder sb = new StringBuilder();
        Chi2Test.Result prior = vm.shiftedPriorChi2Property().get();
        if (prior != null) {
            sb.append(String.format(Locale.ROOT, "Prior vs unfolded%s: \u03c7\u00b2/ndf = %.2f/%d, p = %.3g",
                    vm.anyThetaMoved() ? " (\u03b8 applied)" : "", prior.chi2(), prior.ndf(), prior.pValue()));
        } else {
            sb.append("No prior (weight_mc) in this file");
        }
        sb.append(String.format(Locale.ROOT, "   |   %d bins, %d weight columns, %.0f ms", c.axis().bins(),
                vm.weightColumnCount(),
                c.computeMs()));
        status.setText(sb.toString());
    }

    private void rebuildSliders() {
        sliders.getChildren().clear();
        int row = 0;
        String group = null;
        for (UnfoldedViewModel.Theta t : vm.thetas()) {
            if (!t.group().equals(group)) {
                group = t.group();
                Label header = new Label(group);
                header.setStyle("-fx-font-weight: bold; -fx-text-fill: #444;");
                header.setPadding(new Insets(row == 0 ? 0 : 6, 0, 0, 0));
                sliders.add(header, 0, row++, 4, 1);
            }
            Label name = new Label(t.label());
            name.setMinWidth(Region.USE_PREF_SIZE);
            name.setTooltip(new Tooltip(t.column() + " (band " + t.group() + "): \u03b8 = 1 gives this variation's"
                    + " weights, \u03b8 = -1 the mirrored shift; the distribution moves by \u03b8 (h_k - h_nom) / width"));
            Slider s = new Slider(UnfoldedViewModel.THETA_MIN, UnfoldedViewModel.THETA_MAX, t.value().get());
            s.setId("theta-" + t.label());
            s.setMajorTickUnit(3);
            s.setMinorTickCount(2);
            s.setShowTickMarks(true);
            s.setBlockIncrement(0.1);
            // at least 200 px: a 20 px drag is then at most 0.6 of a variation
            s.setMinWidth(200);
            s.setPrefWidth(220);
            // a thin red line through the middle of the track marks the nominal, theta = 0
            s.setStyle("-fx-background-color: linear-gradient(to right, transparent 49.4%, #c0392b 49.4%,"
                    + " #c0392b 50.6%, transparent 50.6%); -fx-background-insets: 2 0 2 0;");
            s.setTooltip(new Tooltip("\u03b8 for " + t.label() + " in [-3, 3]; the red mark is the nominal, 0"));
            s.valueProperty().bindBidirectional(t.value());
            TextField field = new TextField(fmt(t.value().get()));
            field.setId("theta-field-" + t.label());
            field.setPrefColumnCount(4);
            field.setTooltip(new Tooltip("Type a value of \u03b8 and press Enter"));
            t.value().addListener((o, a, b) -> field.setText(fmt(b.doubleValue())));
            field.setOnAction(e -> {
                try {
                    double v = Double.parseDouble(field.getText().trim());
                    t.value().set(Math.max(UnfoldedViewModel.THETA_MIN, Math.min(UnfoldedViewModel.THETA_MAX, v)));
                } catch (NumberFormatException ex) {
                    field.setText(fmt(t.value().get()));
                }
            });
            Button zero = new Button("0");
            zero.setTooltip(new Tooltip("Back to the nominal, \u03b8 = 0"));
            zero.setMinWidth(Region.USE_PREF_SIZE);
            zero.setOnAction(e -> t.value().set(0));
            sliders.addRow(row++, name, s, field, zero);
        }
    }

    /** Draws at most once per pass of the FX queue, however many updates arrived meanwhile. */
    private void requestRedraw() {
        if (!redrawPending) {
            redrawPending = true;
            Platform.runLater(() -> {
                redrawPending = false;
                redraw();
            });
        }
    }

    private void redraw() {
        UnfoldedViewModel.Computed c = vm.computedProperty().get();
        double[] shifted = vm.shiftedDsigmaDxProperty().get();
        if (c == null || shifted == null || shifted.length != c.axis().bins()) {
            return;
        }
        String unit = UnfoldedViewModel.unit(c.observable());
        chart.show(c.result(), c.observable(), unit, shifted, vm.anyThetaMoved(), vm.shiftedPriorChi2Property().get(),
                logY.isSelected());
        if (lastCorrelation != c) {
            correlation.show(c.result().correlation(), c.observable());
            lastCorrelation = c;
        }
    }

    private java.util.Optional<Path> choose(String title, boolean save) {
        FileChooser fc = new FileChooser();
        fc.setInitialDirectory(org.nuisance.app.UserDirectories.exportFolder().toFile());
        fc.setTitle(title);
        if (save) {
            fc.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("PNG image", "*.png"),
                    new FileChooser.ExtensionFilter("SVG drawing", "*.svg"), new FileChooser.ExtensionFilter("PDF", "*.pdf"));
            fc.setInitialFileName("unfolded-" + safe(vm.observableProperty().get()) + ".png");
        } else {
            fc.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Unfolded results", "*.h5", "*.hdf5",
                    "*.parquet", "*.csv"), new FileChooser.ExtensionFilter("All files", "*"));
        }
        File f = save ? fc.showSaveDialog(getScene().getWindow()) : fc.showOpenDialog(getScene().getWindow());
        return java.util.Optional.ofNullable(f).map(File::toPath);
    }

    private java.util.Optional<Path> chooseCsv() {
        FileChooser fc = new FileChooser();
        fc.setInitialDirectory(org.nuisance.app.UserDirectories.exportFolder().toFile());
        fc.setTitle("Export bins as CSV");
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
        fc.setInitialFileName("unfolded-" + safe(vm.observableProperty().get()) + ".csv");
        File f = fc.showSaveDialog(getScene().getWindow());
        return java.util.Optional.ofNullable(f).map(File::toPath);
    }

    private static String safe(String s) {
        return s == null ? "result" : s.replaceAll("[^A-Za-z0-9_.-]+", "_");
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3g", v).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
    }

    public UnfoldedChart chart() {
        return chart;
    }

    public CorrelationChart correlation() {
        return correlation;
    }

    public ChartViewer viewer() {
        return viewer;
    }

    /** The running task's Cancel is also the view model's {@link UnfoldedViewModel#cancel()}. */
    public UnfoldedViewModel viewModel() {
        return vm;
    }

    /** Convenience for a window: opens the file through the view model. */
    public Task<?> open(Path file) {
        return vm.open(file);
    }
}
