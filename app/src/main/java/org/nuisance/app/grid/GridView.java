package org.nuisance.app.grid;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.jfree.chart.entity.XYItemEntity;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.fx.interaction.ChartMouseEventFX;
import org.jfree.chart.fx.interaction.ChartMouseListenerFX;
import org.nuisance.app.cluster.ClusterRunDialog;
import org.nuisance.engine.workbench.PublishedSource;
import org.nuisance.engine.workbench.PublishedSources;

/**
 * The signal-grid tab: the exclusion plane of a published likelihood (choosers for the two mass values
 * and the slice of the others, when there are more than two), the point list with CLs, Compute with
 * progress and Cancel, and "Run on cluster…". Clicking a point, or double-clicking its row (Enter on
 * it), loads its signal workspace into the usual views.
 */
public final class GridView extends BorderPane {

    private final GridViewModel vm;
    private final GridChart chart = new GridChart();
    private final ChartViewer viewer;
    private final TableView<GridViewModel.Row> table = new TableView<>();
    private final ComboBox<String> region = new ComboBox<>();
    private final ComboBox<String> xChoice = new ComboBox<>();
    private final ComboBox<String> yChoice = new ComboBox<>();
    private final ComboBox<String> sliceChoice = new ComboBox<>();
    private final List<String> sliceKeys = new ArrayList<>();
    private boolean updating;

    public GridView(GridViewModel vm) {
        this.vm = vm;
        viewer = new ChartViewer(chart.chart());
        viewer.setId("grid-chart");
        viewer.addChartMouseListener(new ChartMouseListenerFX() {
            @Override
            public void chartMouseClicked(ChartMouseEventFX e) {
                if (e.getEntity() instanceof XYItemEntity item) {
                    int index = chart.chart().getXYPlot().indexOf(item.getDataset());
                    String name = chart.pointAt(index, item.getItem());
                    if (name != null) {
                        vm.openPoint(name);
                    }
                }
            }

            @Override
            public void chartMouseMoved(ChartMouseEventFX e) {
            }
        });
        region.setId("grid-region");
        xChoice.setId("grid-x");
        yChoice.setId("grid-y");
        sliceChoice.setId("grid-slice");
        region.setTooltip(new Tooltip("The archive's signal regions; each has its own background-only workspace"));
        sliceChoice.setTooltip(new Tooltip("The value not drawn: one scenario of the grid, or all points"));
        region.valueProperty().addListener((o, a, r) -> {
            if (!updating && r != null) {
                vm.region(r);
            }
        });
        xChoice.getSelectionModel().selectedIndexProperty().addListener((o, a, i) -> {
            if (!updating && i.intValue() >= 0) {
                vm.xAxisProperty().set(i.intValue());
            }
        });
        yChoice.getSelectionModel().selectedIndexProperty().addListener((o, a, i) -> {
            if (!updating && i.intValue() >= 0) {
                vm.yAxisProperty().set(i.intValue());
            }
        });
        sliceChoice.getSelectionModel().selectedIndexProperty().addListener((o, a, i) -> {
            if (!updating && i.intValue() >= 0) {
                vm.sliceProperty().set(sliceKeys.get(i.intValue()));
            }
        });

        Button compute = new Button("Compute plane");
        compute.setId("grid-compute");
        compute.setTooltip(new Tooltip("CLs at mu = 1 (qtilde, asymptotic; code4/code4p as pyhf) for every point of the"
                + " plane shown, on all cores"));
        compute.setOnAction(e -> vm.computePlane());
        Button computeSelected = new Button("Compute selected");
        computeSelected.setId("grid-compute-selected");
        computeSelected.setOnAction(e -> vm.compute(table.getSelectionModel().getSelectedItems().stream()
                .map(GridViewModel.Row::name).toList()));
        Button cancel = new Button("Cancel");
        cancel.setId("grid-cancel");
        cancel.setOnAction(e -> vm.cancel());
        Button cluster = new Button("Run on cluster…");
        cluster.setId("grid-cluster");
        cluster.setTooltip(new Tooltip("Submit the same grid as sharded `nuisance grid` jobs to a Slurm cluster"));
        cluster.setOnAction(e -> {
            PublishedSource shown = vm.sourceProperty().get();
            ClusterRunDialog.offer(getScene() == null ? null : getScene().getWindow(), vm.gridCommand(),
                    merged -> vm.acceptMerged(shown, merged));
        });
        ProgressBar progress = new ProgressBar(0);
        progress.setPrefWidth(160);
        progress.progressProperty().bind(vm.progressProperty());
        Label message = new Label();
        message.setId("grid-message");
        message.textProperty().bind(vm.messageProperty());
        compute.disableProperty().bind(vm.runningProperty().isNotNull().or(vm.showingProperty().not()));
        computeSelected.disableProperty().bind(compute.disableProperty());
        cancel.disableProperty().bind(vm.runningProperty().isNull());
        progress.visibleProperty().bind(vm.runningProperty().isNotNull());
        cluster.disableProperty().bind(vm.showingProperty().not());
        Label regionLabel = new Label("Region");
        Label xLabel = new Label("x");
        Label yLabel = new Label("y");
        Label sliceLabel = new Label("slice");
        regionLabel.visibleProperty().bind(region.visibleProperty());
        regionLabel.managedProperty().bind(region.visibleProperty());
        region.managedProperty().bind(region.visibleProperty());
        for (var n : List.of(xLabel, yLabel, yChoice)) {
            n.visibleProperty().bind(xChoice.visibleProperty());
            n.managedProperty().bind(xChoice.visibleProperty());
        }
        xChoice.managedProperty().bind(xChoice.visibleProperty());
        sliceLabel.visibleProperty().bind(sliceChoice.visibleProperty());
        sliceLabel.managedProperty().bind(sliceChoice.visibleProperty());
        sliceChoice.managedProperty().bind(sliceChoice.visibleProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox choosers = new HBox(6, regionLabel, region, xLabel, xChoice, yLabel, yChoice, sliceLabel, sliceChoice,
                spacer, cluster);
        HBox actions = new HBox(6, compute, computeSelected, cancel, progress, message);
        for (HBox b : List.of(choosers, actions)) {
            b.setAlignment(Pos.CENTER_LEFT);
            for (var n : b.getChildren()) {
                if (n instanceof javafx.scene.control.Control c && !(n instanceof Label && n == message)) {
                    c.setMinWidth(Region.USE_PREF_SIZE);
                }
            }
        }
        javafx.scene.layout.VBox bar = new javafx.scene.layout.VBox(4, choosers, actions);
        bar.setPadding(new Insets(6));

        table.setId("grid-points");
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setItems(vm.rows());
        table.setRowFactory(t -> {
            TableRow<GridViewModel.Row> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    vm.openPoint(row.getItem().name());
                }
            });
            return row;
        });
        table.setOnKeyPressed(e -> {
            GridViewModel.Row r = table.getSelectionModel().getSelectedItem();
            if (e.getCode() == javafx.scene.input.KeyCode.ENTER && r != null) {
                vm.openPoint(r.name());
            }
        });
        SplitPane split = new SplitPane(viewer, table);
        split.setDividerPositions(0.66);
        Label hint = new Label("Click a point, or double-click its row, to open its signal workspace (background +"
                + " patch) in the Histogram and Likelihood tabs.");
        hint.setPadding(new Insets(2, 6, 4, 6));
        hint.setWrapText(true);
        hint.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        setTop(bar);
        setCenter(split);
        setBottom(hint);

        vm.sourceProperty().addListener((o, a, s) -> sourceChanged(s));
        vm.planeProperty().addListener((o, a, p) -> {
            if (p != null && vm.sourceProperty().get() != null) {
                chart.show(vm.sourceProperty().get(), p);
                syncChoices();
            }
        });
        sourceChanged(vm.sourceProperty().get());
    }

    private void sourceChanged(PublishedSource s) {
        updating = true;
        try {
            table.getColumns().clear();
            if (s == null) {
                return;
            }
            region.getItems().setAll(s.regions());
            region.setValue(s.region());
            region.setVisible(s.regions().size() > 1);
            xChoice.getItems().setAll(s.labels());
            yChoice.getItems().setAll(s.labels());
            xChoice.setVisible(s.labels().size() > 2);
            TableColumn<GridViewModel.Row, String> name = new TableColumn<>("Point");
            name.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().name()));
            name.setPrefWidth(170);
            table.getColumns().add(name);
            for (int d = 0; d < s.labels().size(); d++) {
                int dd = d;
                TableColumn<GridViewModel.Row, String> v = new TableColumn<>(s.labels().get(d));
                v.setCellValueFactory(c -> new ReadOnlyStringWrapper(GridViewModel.format(c.getValue().point().values()[dd])));
                v.setPrefWidth(80);
                table.getColumns().add(v);
            }
            table.getColumns().add(number("CLs obs", r -> r.computed() == null ? null : r.computed().clsObs()));
            table.getColumns().add(number("CLs exp", r -> r.computed() == null ? null : r.computed().clsExp()[2]));
            TableColumn<GridViewModel.Row, String> status = new TableColumn<>("Fit");
            status.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().computed() == null ? ""
                    : c.getValue().computed().status()));
            table.getColumns().add(status);
        } finally {
            updating = false;
        }
        syncChoices();
    }

    private static TableColumn<GridViewModel.Row, String> number(String title,
                                                                 java.util.function.Function<GridViewModel.Row, Double> f) {
        TableColumn<GridViewModel.Row, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> {
            Double v = f.apply(cell.getValue());
            return new ReadOnlyStringWrapper(v == null ? "" : String.format(Locale.ROOT, "%.4f", v));
        });
        return c;
    }

    /** The choosers show the view model's plane; the slice offers every value of each value not drawn. */
    private void syncChoices() {
        PublishedSource s = vm.sourceProperty().get();
        if (s == null) {
            return;
        }
        updating = true;
        try {
            xChoice.getSelectionModel().select(vm.xAxisProperty().get());
            yChoice.getSelectionModel().select(vm.yAxisProperty().get());
            sliceKeys.clear();
            List<String> items = new ArrayList<>();
            sliceKeys.add(null);
            items.add("all points");
            for (int d = 0; d < s.labels().size(); d++) {
                if (d == vm.xAxisProperty().get() || d == vm.yAxisProperty().get()) {
                    continue;
                }
                String what = s.labels().get(d).replace(" [GeV]", "");
                for (double v : PublishedSources.valuesOf(s, d)) {
                    sliceKeys.add(d + "=" + GridViewModel.format(v));
                    items.add(what + " = " + GridViewModel.format(v) + " GeV");
                }
            }
            sliceChoice.getItems().setAll(items);
            sliceChoice.getSelectionModel().select(Math.max(0, sliceKeys.indexOf(vm.sliceProperty().get())));
            sliceChoice.setVisible(items.size() > 1);
        } finally {
            updating = false;
        }
    }

    public TableView<GridViewModel.Row> table() {
        return table;
    }

    GridChart gridChart() {
        return chart;
    }

    public ChartViewer viewer() {
        return viewer;
    }
}
