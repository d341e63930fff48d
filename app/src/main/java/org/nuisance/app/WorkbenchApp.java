package org.nuisance.app;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Locale;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import org.nuisance.app.nuisance.NuisancePanel;
import org.nuisance.app.plots.ChartExport;
import org.nuisance.app.plots.HistogramView;
import org.nuisance.app.sources.Dataset;

/** The workbench window: sources and sliders on the left, the histogram in the middle, status below. */
public final class WorkbenchApp extends Application {

    private WorkbenchViewModel vm;
    private HistogramView histogramView;
    private Stage stage;

    @Override
    public void start(Stage stage) {
        this.stage = stage;
        vm = new WorkbenchViewModel();
        histogramView = new HistogramView(vm.histogram());

        ListView<Dataset> sources = new ListView<>(vm.datasets());
        sources.setId("sources-list");
        sources.setPrefHeight(110);
        sources.setTooltip(new Tooltip("Loaded datasets: pick one to histogram; drop files here or use File > Open"));
        sources.getSelectionModel().selectedItemProperty().addListener((o, a, d) -> {
            if (d != null) {
                vm.selectedProperty().set(d);
            }
        });
        vm.selectedProperty().addListener((o, a, d) -> sources.getSelectionModel().select(d));
        Label sourcesTitle = new Label("Sources");
        sourcesTitle.setStyle("-fx-font-weight: bold; -fx-font-size: 13px;");
        VBox left = new VBox(4, sourcesTitle, sources, new Separator(), new NuisancePanel(vm.nuisance()));
        left.setPadding(new Insets(8, 0, 0, 8));
        left.setMinWidth(440);

        SplitPane split = new SplitPane(left, histogramView);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.32);

        BorderPane root = new BorderPane();
        root.setTop(menuBar());
        root.setCenter(split);
        root.setBottom(statusBar());

        Scene scene = new Scene(root, 1400, 820);
        scene.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        scene.setOnDragDropped(e -> {
            boolean ok = false;
            if (e.getDragboard().hasFiles()) {
                for (File f : e.getDragboard().getFiles()) {
                    vm.open(f.toPath());
                }
                ok = true;
            }
            e.setDropCompleted(ok);
            e.consume();
        });
        vm.lastErrorProperty().addListener((o, a, msg) -> {
            if (msg != null) {
                showError("The file could not be opened.", msg);
            }
        });
        vm.histogram().errorProperty().addListener((o, a, msg) -> {
            // histogram problems show inline next to the controls; nothing else to do here
        });
        stage.setTitle("Nuisance Workbench");
        stage.setScene(scene);
        stage.show();
        vm.loadDemo();
        // tests call start() directly, without launch(): then there are no parameters
        SmokeTest.startIfRequested(this, getParameters() == null ? java.util.List.of() : getParameters().getRaw());
    }

    private MenuBar menuBar() {
        MenuItem open = new MenuItem("Open events…");
        open.setAccelerator(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN));
        open.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.setTitle("Open events (Parquet, CSV, HDF5)");
            fc.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Event files", "*.parquet", "*.csv", "*.h5", "*.hdf5"),
                    new FileChooser.ExtensionFilter("All files", "*"));
            File f = fc.showOpenDialog(stage);
            if (f != null) {
                vm.open(f.toPath());
            }
        });
        MenuItem demo = new MenuItem("New demo dataset");
        demo.setOnAction(e -> vm.loadDemo());
        MenuItem export = new MenuItem("Export plot…");
        export.setAccelerator(new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN));
        export.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.setTitle("Export plot");
            fc.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("PNG image", "*.png"),
                    new FileChooser.ExtensionFilter("SVG drawing", "*.svg"), new FileChooser.ExtensionFilter("PDF", "*.pdf"));
            fc.setInitialFileName("histogram.png");
            File f = fc.showSaveDialog(stage);
            if (f != null) {
                exportPlot(f.toPath());
            }
        });
        MenuItem quit = new MenuItem("Quit");
        quit.setAccelerator(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN));
        quit.setOnAction(e -> Platform.exit());
        Menu file = new Menu("File", null, open, demo, export, quit);
        MenuItem reset = new MenuItem("Reset all parameters");
        reset.setAccelerator(new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN));
        reset.setOnAction(e -> vm.nuisance().resetAll());
        Menu edit = new Menu("Edit", null, reset);
        MenuItem about = new MenuItem("About");
        about.setOnAction(e -> AboutDialog.show(stage));
        return new MenuBar(file, edit, new Menu("Help", null, about));
    }

    /** Writes the histogram plot; the format follows the extension (png, svg, pdf). */
    public void exportPlot(Path file) {
        try {
            ChartExport.write(histogramView.chart().chart(), file, 1200, 800);
        } catch (IOException | RuntimeException ex) {
            showError("The plot could not be exported.", file + ": " + ex.getMessage());
        }
    }

    private HBox statusBar() {
        Label events = new Label();
        events.setId("status-events");
        vm.selectedProperty().addListener((o, a, d) -> events.setText(d == null ? "no events"
                : String.format(Locale.ROOT, "%s: %,d events", d.name(), d.table().rows())));
        Label device = new Label("compute: " + vm.deviceDescription());
        device.setTooltip(new Tooltip("Event kernels run in plain Java on all CPU cores"));
        Label timing = new Label();
        timing.setId("status-timing");
        vm.histogram().resultProperty().addListener((o, a, r) -> timing.setText(
                String.format(Locale.ROOT, "last update %.1f ms", r.computeMs())));
        ProgressBar progress = new ProgressBar();
        progress.setPrefWidth(160);
        Label loadingText = new Label();
        Button cancel = new Button("Cancel");
        cancel.setId("cancel-loading");
        cancel.setOnAction(e -> vm.cancelLoading());
        HBox loadingBox = new HBox(6, loadingText, progress, cancel);
        loadingBox.setAlignment(Pos.CENTER_LEFT);
        loadingBox.setVisible(false);
        vm.loadingProperty().addListener((o, a, task) -> {
            loadingBox.setVisible(task != null);
            progress.progressProperty().unbind();
            loadingText.textProperty().unbind();
            if (task != null) {
                progress.progressProperty().bind(task.progressProperty());
                loadingText.textProperty().bind(task.messageProperty());
            }
        });
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(16, events, new Separator(Orientation.VERTICAL), device, new Separator(Orientation.VERTICAL),
                timing, spacer, loadingBox);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 8, 4, 8));
        bar.setStyle("-fx-background-color: #f0f0f0; -fx-border-color: #cccccc; -fx-border-width: 1 0 0 0;");
        return bar;
    }

    /** One clear sentence, and the details behind an expander; nothing loaded is lost. */
    void showError(String sentence, String details) {
        Alert a = new Alert(Alert.AlertType.ERROR);
        a.initOwner(stage);
        a.setTitle("Nuisance Workbench");
        a.setHeaderText(sentence);
        a.setContentText(details.lines().findFirst().orElse(details));
        TextArea more = new TextArea(details);
        more.setEditable(false);
        more.setWrapText(true);
        a.getDialogPane().setExpandableContent(more);
        a.show();
    }

    public Stage stage() {
        return stage;
    }

    public WorkbenchViewModel viewModel() {
        return vm;
    }

    public HistogramView histogramView() {
        return histogramView;
    }

    static String stackTrace(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }
}
