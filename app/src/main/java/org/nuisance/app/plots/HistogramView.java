package org.nuisance.app.plots;

import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.collections.FXCollections;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import org.controlsfx.control.textfield.AutoCompletionBinding;
import org.controlsfx.control.textfield.TextFields;
import org.jfree.chart.fx.ChartViewer;
import org.nuisance.engine.workbench.Plot;

/** Column and binning controls above the histogram chart; draws each new result of its view model. */
public final class HistogramView extends BorderPane {

    private final HistogramViewModel vm;
    private final HistogramChart chart = new HistogramChart();
    private final ChartViewer viewer;
    private final TextField column = new TextField();
    private AutoCompletionBinding<String> completion;
    private final Label warning = new Label();
    private boolean redrawPending;

    public HistogramView(HistogramViewModel vm) {
        this.vm = vm;
        column.setId("column-field");
        column.setPrefColumnCount(16);
        column.setText(vm.columnProperty().get());
        column.setTooltip(new Tooltip("Column to histogram: type to search; PRI are measured, DER derived quantities"));
        column.setOnAction(e -> applyColumn());
        column.focusedProperty().addListener((o, was, is) -> {
            if (!is) {
                applyColumn();
            }
        });
        vm.columnProperty().addListener((o, a, b) -> column.setText(b));

        Spinner<Integer> bins = new Spinner<>(1, 500, vm.binsProperty().get());
        bins.setId("bins-spinner");
        bins.setEditable(true);
        bins.setPrefWidth(80);
        bins.setMinWidth(80);
        bins.setTooltip(new Tooltip("Number of bins"));
        bins.valueProperty().addListener((o, a, b) -> vm.binsProperty().set(b));

        TextField lo = numberField("range-lo", vm.loProperty().get(), "Lower edge of the histogram range");
        TextField hi = numberField("range-hi", vm.hiProperty().get(), "Upper edge of the histogram range");
        lo.setOnAction(e -> parseInto(lo, vm.loProperty()));
        hi.setOnAction(e -> parseInto(hi, vm.hiProperty()));
        vm.loProperty().addListener((o, a, b) -> lo.setText(fmt(b.doubleValue())));
        vm.hiProperty().addListener((o, a, b) -> hi.setText(fmt(b.doubleValue())));

        ToggleButton log = new ToggleButton("Log y");
        log.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        log.setId("log-toggle");
        log.setTooltip(new Tooltip("Logarithmic vertical axis: shows small processes under large ones"));
        log.selectedProperty().bindBidirectional(vm.logYProperty());

        Label err = new Label();
        err.setStyle("-fx-text-fill: #b00020;");
        err.textProperty().bind(vm.errorProperty());

        err.setWrapText(true);
        err.setMinWidth(0);
        HBox.setHgrow(err, javafx.scene.layout.Priority.ALWAYS);
        HBox binning = new HBox(6, fixed(new Label("Column")), column, fixed(new Label("Bins")), bins,
                fixed(new Label("Range")), lo, fixed(new Label("to")), hi);
        binning.setAlignment(Pos.CENTER_LEFT);
        // the column and binning apply to events only; a workspace's channel is chosen beside its sliders
        binning.visibleProperty().bind(vm.sourceProperty().isNotNull());
        binning.managedProperty().bind(binning.visibleProperty());
        ComboBox<HistogramChart.RatioMode> ratio = new ComboBox<>(
                FXCollections.observableArrayList(HistogramChart.RatioMode.values()));
        ratio.setId("ratio-mode");
        ratio.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        ratio.valueProperty().bindBidirectional(vm.ratioModeProperty());
        ratio.setTooltip(new Tooltip("The ratio panel: data over the expectation with the sliders applied, or the"
                + " expectation with the sliders applied over the nominal"));
        HBox bar = new HBox(6, binning, log, fixed(new Label("Ratio")), ratio, err);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6));
        setTop(bar);

        viewer = new ChartViewer(chart.chart());
        viewer.setId("histogram-chart");
        setCenter(viewer);

        vm.resultProperty().addListener((o, a, r) -> requestRedraw());
        vm.logYProperty().addListener((o, a, b) -> requestRedraw());
        vm.totalBandProperty().addListener((o, a, b) -> requestRedraw());
        vm.ratioModeProperty().addListener((o, a, b) -> requestRedraw());
        vm.sourceProperty().addListener((o, a, t) -> updateCompletion());
        setBottom(warning);
        warning.setId("histogram-warning");
        warning.setWrapText(true);
        warning.setVisible(false);
        warning.setManaged(false);
        warning.setStyle("-fx-text-fill: #8a5300; -fx-padding: 4 8 4 8;");
    }

    /** Draws at most once per pass of the FX thread's queue, however many results arrived meanwhile. */
    private void requestRedraw() {
        if (!redrawPending) {
            redrawPending = true;
            javafx.application.Platform.runLater(() -> {
                redrawPending = false;
                redraw();
            });
        }
    }

    private void redraw() {
        Plot r = vm.shown();
        if (r != null) {
            chart.show(r, vm.logYProperty().get(), vm.ratioModeProperty().get());
            String w = String.join(" ", r.warnings());
            warning.setText(w.isEmpty() ? "" : "\u26a0 " + w);
            warning.setVisible(!w.isEmpty());
            warning.setManaged(!w.isEmpty());
        }
    }

    private void applyColumn() {
        String c = column.getText().trim();
        if (vm.hasColumn(c)) {
            vm.columnProperty().set(c);
            vm.errorProperty().set(null);
        } else if (vm.sourceProperty().get() != null) {
            vm.errorProperty().set(null);
            vm.errorProperty().set("unknown column '" + c + "'");
        }
    }

    private void updateCompletion() {
        if (completion != null) {
            completion.dispose();
        }
        if (vm.sourceProperty().get() != null) {
            completion = TextFields.bindAutoCompletion(column, vm.columns());
            completion.setOnAutoCompleted(e -> applyColumn());
            if (!vm.hasColumn(vm.columnProperty().get())) {
                vm.columnProperty().set(vm.columns().get(0));
            }
        }
    }

    private static Label fixed(Label l) {
        l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return l;
    }

    private static TextField numberField(String id, double v, String tip) {
        TextField f = new TextField(fmt(v));
        f.setId(id);
        f.setPrefColumnCount(6);
        f.setTooltip(new Tooltip(tip + "; press Enter to apply"));
        return f;
    }

    private static void parseInto(TextField f, javafx.beans.property.DoubleProperty p) {
        try {
            p.set(Double.parseDouble(f.getText().trim()));
        } catch (NumberFormatException e) {
            f.setText(fmt(p.get()));
        }
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6g", v).replaceAll("\\.?0+$", "");
    }

    public HistogramChart chart() {
        return chart;
    }

    public ChartViewer viewer() {
        return viewer;
    }
}
