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
import org.nuisance.engine.workbench.EventsSource;
import org.nuisance.engine.workbench.Source;
import org.nuisance.engine.workbench.WorkspaceSource;

/** The workbench window: sources and sliders on the left, the histogram in the middle, status below. */
public final class WorkbenchApp extends Application {

    private WorkbenchViewModel vm;
    private HistogramView histogramView;
    private org.nuisance.app.likelihood.LikelihoodView likelihoodView;
    private javafx.scene.control.TabPane tabs;
    private org.nuisance.app.root.RootBrowserView rootView;
    private Stage stage;

    @Override
    public void start(Stage stage) {
        this.stage = stage;
        vm = new WorkbenchViewModel();
        histogramView = new HistogramView(vm.histogram());

        ListView<Source> sources = new ListView<>(vm.datasets());
        sources.setId("sources-list");
        sources.setPrefHeight(96);
        sources.setMinHeight(72);
        sources.setTooltip(new Tooltip("Loaded datasets: pick one to histogram; drop files here or use File > Open"));
        sources.getSelectionModel().selectedItemProperty().addListener((o, a, d) -> {
            if (d != null) {
                vm.selectedProperty().set(d);
            }
        });
        vm.selectedProperty().addListener((o, a, d) -> sources.getSelectionModel().select(d));
        Label sourcesTitle = new Label("Sources");
        sourcesTitle.setStyle("-fx-font-weight: bold; -fx-font-size: 13px;");
        NuisancePanel nuisancePanel = new NuisancePanel(vm.nuisance());
        org.nuisance.app.workspace.WorkspaceParameterPanel workspacePanel =
                new org.nuisance.app.workspace.WorkspaceParameterPanel(vm.workspace());
        workspacePanel.setId("workspace-panel");
        javafx.scene.layout.StackPane parameters = new javafx.scene.layout.StackPane(nuisancePanel, workspacePanel);
        workspacePanel.setVisible(false);
        vm.selectedProperty().addListener((o, a, d) -> {
            boolean ws = d instanceof WorkspaceSource;
            workspacePanel.setVisible(ws);
            nuisancePanel.setVisible(!ws && !(d instanceof org.nuisance.engine.workbench.PublishedSource));
        });
        ListView<String> columns = new ListView<>();
        columns.setId("columns-list");
        columns.setPrefHeight(120);
        columns.setTooltip(new Tooltip("The selected dataset's columns: PRI are measured, DER derived from them;"
                + " double-click one to histogram it"));
        vm.selectedProperty().addListener((o, a, d) -> columns.getItems().setAll(
                d instanceof EventsSource e ? e.columns() : java.util.List.of()));
        columns.setOnMouseClicked(e -> {
            String c = columns.getSelectionModel().getSelectedItem();
            if (e.getClickCount() == 2 && c != null) {
                vm.histogram().columnProperty().set(c);
                tabs.getSelectionModel().select(0);
            }
        });
        Label columnsTitle = new Label("Columns");
        columnsTitle.setStyle("-fx-font-weight: bold;");
        VBox left = new VBox(4, sourcesTitle, sources, columnsTitle, columns, new Separator(), parameters);
        left.setPadding(new Insets(8, 0, 0, 8));

        likelihoodView = new org.nuisance.app.likelihood.LikelihoodView(vm.likelihood());
        javafx.scene.control.Tab histTab = new javafx.scene.control.Tab("Histogram", histogramView);
        histTab.setClosable(false);
        histTab.setId("histogram-tab");
        javafx.scene.control.Tab likeTab = new javafx.scene.control.Tab("Likelihood", likelihoodView);
        likeTab.setClosable(false);
        likeTab.setId("likelihood-tab");
        javafx.scene.control.Tab trainTab = new javafx.scene.control.Tab("Train",
                new org.nuisance.app.training.TrainView(vm.train()));
        trainTab.setClosable(false);
        trainTab.setId("train-tab");
        javafx.scene.control.Tab unfoldedTab = new javafx.scene.control.Tab("Unfolded result",
                new org.nuisance.app.unfolded.UnfoldedView(vm.unfolded()));
        unfoldedTab.setClosable(false);
        unfoldedTab.setId("unfolded-tab");
        rootView = new org.nuisance.app.root.RootBrowserView(vm.root());
        javafx.scene.control.Tab rootTab = new javafx.scene.control.Tab("ROOT file", rootView);
        rootTab.setClosable(false);
        rootTab.setId("root-tab");
        rootView.setOnUseAsEvents(p -> {
            vm.open(p);
            tabs.getSelectionModel().select(histTab);
        });
        vm.root().sourceProperty().addListener((o, a, s) -> tabs.getSelectionModel().select(rootTab));
        vm.root().errorProperty().addListener((o, a, msg) -> {
            if (msg != null) {
                showError("This object of the ROOT file cannot be drawn; the plot keeps the last one.", msg);
            }
        });
        javafx.scene.control.Tab gridTab = new javafx.scene.control.Tab("Signal grid",
                new org.nuisance.app.grid.GridView(vm.grid()));
        gridTab.setClosable(false);
        gridTab.setId("grid-tab");
        tabs = new javafx.scene.control.TabPane(histTab, likeTab, trainTab, unfoldedTab, gridTab, rootTab);
        // a published likelihood opens on its grid; a point opened there opens on the likelihood
        vm.selectedProperty().addListener((o, a, d) -> tabs.getSelectionModel().select(
                d instanceof org.nuisance.engine.workbench.PublishedSource ? gridTab
                : d instanceof WorkspaceSource && gridTab.isSelected() ? likeTab : tabs.getSelectionModel().getSelectedItem()));
        vm.unfolded().openFailedProperty().addListener((o, a, msg) -> {
            if (msg != null) {
                showError("The file could not be opened as an unfolded result; what was open stays.", msg);
            }
        });
        vm.grid().errorProperty().addListener((o, a, msg) -> {
            if (msg != null) {
                showError("The signal grid could not do that; what it showed stays.", msg);
            }
        });
        vm.unfoldedOpenedProperty().addListener((o, a, file) -> {
            if (file != null) {
                tabs.getSelectionModel().select(unfoldedTab);
            }
        });
        tabs.setId("view-tabs");
        // the tab shown is part of the session: the view model holds its id, both ways
        tabs.getSelectionModel().selectedItemProperty().addListener((o, a, t) ->
                vm.tabProperty().set(t == null ? null : t.getId()));
        vm.tabProperty().addListener((o, a, id) -> tabs.getTabs().stream()
                .filter(t -> id != null && id.equals(t.getId()))
                .findFirst().ifPresent(t -> tabs.getSelectionModel().select(t)));
        vm.tabProperty().set(tabs.getSelectionModel().getSelectedItem().getId());
        // the sliders do nothing on the Unfolded tab, which has its own
        parameters.visibleProperty().bind(unfoldedTab.selectedProperty().not());
        columns.visibleProperty().bind(unfoldedTab.selectedProperty().not());
        // without them the left side needs only the sources: the Unfolded tab gets the room for its own sliders
        left.minWidthProperty().bind(javafx.beans.binding.Bindings.when(unfoldedTab.selectedProperty()).then(200)
                .otherwise(560));
        vm.likelihood().activeProperty().bind(likeTab.selectedProperty());
        org.nuisance.app.data.DataBar dataBar = new org.nuisance.app.data.DataBar(vm.data(), vm.selectedProperty());
        dataBar.setId("data-bar");
        // the data drawn and fitted matter on the Histogram and Likelihood tabs only, and only with a source
        dataBar.visibleProperty().bind(histTab.selectedProperty().or(likeTab.selectedProperty())
                .and(vm.selectedProperty().isNotNull()));
        dataBar.managedProperty().bind(dataBar.visibleProperty());
        VBox right = new VBox(dataBar, tabs);
        VBox.setVgrow(tabs, Priority.ALWAYS);
        SplitPane split = new SplitPane(left, right);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.32);
        unfoldedTab.selectedProperty().addListener((o, was, on) -> split.setDividerPositions(on ? 0.18 : 0.32));

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
                vm.open(e.getDragboard().getFiles().stream().map(File::toPath).toList());
                ok = true;
            }
            e.setDropCompleted(ok);
            e.consume();
        });
        vm.lastErrorProperty().addListener((o, a, msg) -> {
            if (msg != null) {
                showError(msg.startsWith("The ") ? msg.lines().findFirst().orElse(msg) : "The file could not be opened.", msg);
            }
        });
        vm.histogram().errorProperty().addListener((o, a, msg) -> {
            if (msg != null) {
                showError("The histogram cannot be drawn with these settings; it keeps the last one.", msg);
            }
        });
        vm.likelihood().errorProperty().addListener((o, a, msg) -> {
            if (msg != null) {
                showError("The fit failed; the sliders and data are unchanged.", msg);
            }
        });
        stage.setTitle("Nuisance Workbench");
        try (java.io.InputStream icon = WorkbenchApp.class.getResourceAsStream("/icons/nuisance-workbench.png")) {
            if (icon != null) {
                stage.getIcons().add(new javafx.scene.image.Image(icon));
            }
        } catch (IOException ignored) {
            // a window without its icon is still a window
        }
        stage.setScene(scene);
        stage.show();
        java.util.List<String> args = getParameters() == null ? java.util.List.of() : getParameters().getRaw();
        if (SmokeTest.requested(args)) {
            vm.loadDemo();
            SmokeTest.startIfRequested(this, args);
            return;
        }
        // a file given on the command line (a double-clicked .nuisance session, or an event file) wins over the autosave
        java.util.List<Path> files = args.stream().filter(a -> !a.startsWith("--")).map(Path::of)
                .filter(java.nio.file.Files::isRegularFile).toList();
        Path session = files.stream().filter(f -> f.getFileName().toString().endsWith(".nuisance")).findFirst().orElse(null);
        if (session != null) {
            openSessionFile(session);
        } else if (!files.isEmpty()) {
            vm.open(files.get(0));
        } else {
            vm.startUp();
        }
    }

    private MenuBar menuBar() {
        MenuItem open = new MenuItem("Open events, workspace or ROOT file…");
        open.setAccelerator(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN));
        open.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.setInitialDirectory(UserDirectories.exportFolder().toFile());
            fc.setTitle("Open events (Parquet, CSV, HDF5, ROOT)");
            fc.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Events and workspaces", "*.parquet", "*.csv",
                    "*.h5", "*.hdf5", "*.json", "*.root"),
                    new FileChooser.ExtensionFilter("Published likelihoods (HEPData .tar.gz, patch, patchset, HistFactory XML)",
                            "*.tar.gz", "*.tgz", "*.json", "*.xml"),
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
            fc.setInitialDirectory(UserDirectories.exportFolder().toFile());
            fc.setTitle("Export plot");
            fc.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("PNG image", "*.png"),
                    new FileChooser.ExtensionFilter("SVG drawing", "*.svg"), new FileChooser.ExtensionFilter("PDF", "*.pdf"));
            fc.setInitialFileName("histogram.png");
            File f = fc.showSaveDialog(stage);
            if (f != null) {
                exportPlot(f.toPath());
            }
        });
        MenuItem csv = new MenuItem("Export histogram contents as CSV…");
        csv.setOnAction(e -> {
            File f = chooser("Export histogram contents", "histogram.csv", "CSV", "*.csv").showSaveDialog(stage);
            if (f != null) {
                try {
                    vm.exportHistogramCsv(f.toPath());
                } catch (IOException ex) {
                    showError("The histogram could not be exported.", f + ": " + ex.getMessage());
                }
            }
        });
        MenuItem workspace = new MenuItem("Export binned model (HistFactory JSON)…");
        workspace.setOnAction(e -> {
            File f = chooser("Export binned model", "workspace.json", "HistFactory workspace", "*.json").showSaveDialog(stage);
            if (f != null) {
                try {
                    vm.exportWorkspace(f.toPath());
                } catch (IOException | RuntimeException ex) {
                    showError("The binned model could not be exported.", f + ": " + ex.getMessage());
                }
            }
        });
        MenuItem scanCsv = new MenuItem("Export scan points as CSV…");
        scanCsv.setOnAction(e -> {
            File f = chooser("Export scan points", "scan.csv", "CSV", "*.csv").showSaveDialog(stage);
            if (f != null) {
                try {
                    vm.likelihood().exportScanCsv(f.toPath());
                } catch (IOException ex) {
                    showError("The scan could not be exported.", f + ": " + ex.getMessage());
                }
            }
        });
        MenuItem saveSession = new MenuItem("Save session…");
        saveSession.setAccelerator(new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN));
        saveSession.setOnAction(e -> {
            File f = chooser("Save session", "analysis.nuisance", "Workbench session", "*.nuisance").showSaveDialog(stage);
            if (f != null) {
                try {
                    vm.saveSession(f.toPath());
                } catch (IOException ex) {
                    showError("The session could not be saved.", f + ": " + ex.getMessage());
                }
            }
        });
        MenuItem openSession = new MenuItem("Open session…");
        openSession.setOnAction(e -> {
            File f = chooser("Open session", null, "Workbench session", "*.nuisance").showOpenDialog(stage);
            if (f != null) {
                openSessionFile(f.toPath());
            }
        });
        Menu recent = new Menu("Recent files");
        Runnable fillRecent = () -> {
            recent.getItems().clear();
            for (Path p : vm.recentFiles()) {
                MenuItem item = new MenuItem(p.toString());
                item.setOnAction(e -> vm.open(p));
                recent.getItems().add(item);
            }
            recent.setDisable(recent.getItems().isEmpty());
        };
        fillRecent.run();
        vm.recentFiles().addListener((javafx.collections.ListChangeListener<Path>) c -> fillRecent.run());
        MenuItem quit = new MenuItem("Quit");
        quit.setAccelerator(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN));
        quit.setOnAction(e -> Platform.exit());
        MenuItem unfold = new MenuItem("Unfold…");
        unfold.setOnAction(e -> org.nuisance.app.unfold.UnfoldPanel.showWindow(stage, vm::open));
        Menu file = new Menu("File", null, open, recent, demo, unfold, new javafx.scene.control.SeparatorMenuItem(),
                openSession, saveSession, new javafx.scene.control.SeparatorMenuItem(), export, csv, scanCsv, workspace,
                new javafx.scene.control.SeparatorMenuItem(), quit);
        MenuItem reset = new MenuItem("Reset all parameters");
        reset.setAccelerator(new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN));
        reset.setOnAction(e -> {
            vm.nuisance().resetAll();
            vm.workspace().resetAll();
        });
        MenuItem fit = new MenuItem("Fit and move the sliders");
        fit.setAccelerator(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN));
        fit.setOnAction(e -> {
            tabs.getSelectionModel().select(1);
            vm.likelihood().fitAndMoveSliders();
        });
        Menu edit = new Menu("Edit", null, reset, fit);
        MenuItem about = new MenuItem("About");
        about.setOnAction(e -> AboutDialog.show(stage));
        return new MenuBar(file, edit, new Menu("Help", null, about));
    }

    private static FileChooser chooser(String title, String initialName, String kind, String pattern) {
        FileChooser fc = new FileChooser();
        fc.setInitialDirectory(UserDirectories.exportFolder().toFile());
        fc.setTitle(title);
        fc.getExtensionFilters().addAll(new FileChooser.ExtensionFilter(kind, pattern),
                new FileChooser.ExtensionFilter("All files", "*"));
        if (initialName != null) {
            fc.setInitialFileName(initialName);
        }
        return fc;
    }

    /** Opens a saved session; a bad file gets the error dialog and the current state stays. */
    public void openSessionFile(Path file) {
        try {
            vm.openSession(file);
        } catch (RuntimeException ex) {
            showError("The session could not be opened.", ex.getMessage());
        }
    }

    /** Writes the plot of the view shown (histogram, or the likelihood scan); the format follows the extension. */
    public void exportPlot(Path file) {
        try {
            boolean likelihood = tabs != null && tabs.getSelectionModel().getSelectedIndex() == 1;
            ChartExport.write(likelihood ? likelihoodView.scanChart() : histogramView.chart().chart(), file, 1200, 800);
        } catch (IOException | RuntimeException ex) {
            showError("The plot could not be exported.", file + ": " + ex.getMessage());
        }
    }

    private HBox statusBar() {
        Label events = new Label();
        events.setId("status-events");
        vm.selectedProperty().addListener((o, a, d) -> events.setText(d == null ? "no events"
                : d instanceof EventsSource e ? String.format(Locale.ROOT, "%s: %,d events", d.name(), e.rows())
                : d instanceof org.nuisance.engine.workbench.PublishedSource p
                ? String.format(Locale.ROOT, "%s: %d signal points", d.name(), p.points().size())
                : String.format(Locale.ROOT, "%s: workspace, %d parameters", d.name(), vm.workspace().rows().size())));
        Label device = new Label("events: " + vm.deviceDescription() + " | networks: …");
        device.setId("status-device");
        device.setTooltip(new Tooltip("Event kernels run in plain Java on all CPU cores; neural networks run through"
                + " Deep Java Library on a GPU when it finds one, else on the CPU"));
        Thread probe = new Thread(() -> {
            String nn;
            try {
                nn = org.nuisance.engine.workbench.Machine.networks();
            } catch (RuntimeException | Error e) {
                nn = "unavailable (" + e.getMessage() + ")";
            }
            String full = "events: " + vm.deviceDescription() + " | networks: " + nn;
            // the status bar keeps the device and engine; the tooltip has the whole line
            String text = "events: " + vm.deviceDescription() + " | networks: " + nn.replaceFirst(" via .*", ")");
            Platform.runLater(() -> {
                device.setText(text);
                device.setTooltip(new Tooltip(full));
            });
        }, "compute-device-probe");
        probe.setDaemon(true);
        probe.setPriority(Thread.MIN_PRIORITY);
        probe.start();
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

    public org.nuisance.app.likelihood.LikelihoodView likelihoodView() {
        return likelihoodView;
    }

    public javafx.scene.control.TabPane tabs() {
        return tabs;
    }

    public org.nuisance.app.root.RootBrowserView rootView() {
        return rootView;
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
