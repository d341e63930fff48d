package org.nuisance.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javafx.animation.PauseTransition;
import javafx.beans.Observable;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import javafx.util.Duration;
import org.nuisance.app.nuisance.NuisanceViewModel;
import org.nuisance.app.plots.HistogramResult;
import org.nuisance.app.plots.HistogramViewModel;
import org.nuisance.app.session.Session;
import org.nuisance.app.session.SessionStore;
import org.nuisance.app.sources.Dataset;
import org.nuisance.app.sources.LoadTasks;
import org.nuisance.engine.hist.HistogramCsv;
import org.nuisance.engine.higgsml.NuisanceParameter;
import org.nuisance.engine.util.Parallel;

/**
 * The whole window's state: loaded datasets, the selected one, the sliders, the histogram view; and
 * the session around them (save, reopen, autosave after every change, recent files).
 */
public final class WorkbenchViewModel {

    /** Events in the built-in demo: 1M, or -Dnuisance.demo.events=N. */
    public static int demoEvents() {
        return Integer.getInteger("nuisance.demo.events", 1_000_000);
    }

    public static final long DEMO_SEED = 42;
    private static final int RECENT = 8;

    private final ObservableList<Dataset> datasets = FXCollections.observableArrayList();
    private final ObjectProperty<Dataset> selected = new SimpleObjectProperty<>();
    private final NuisanceViewModel nuisance = new NuisanceViewModel();
    private final HistogramViewModel histogram = new HistogramViewModel();
    private final org.nuisance.app.workspace.WorkspaceViewModel workspace =
            new org.nuisance.app.workspace.WorkspaceViewModel();
    private final org.nuisance.app.training.TrainViewModel train = new org.nuisance.app.training.TrainViewModel();
    private final org.nuisance.app.unfolded.UnfoldedViewModel unfolded = new org.nuisance.app.unfolded.UnfoldedViewModel();
    private final ObjectProperty<Path> unfoldedOpened = new SimpleObjectProperty<>();
    private final org.nuisance.app.likelihood.LikelihoodViewModel likelihood =
            new org.nuisance.app.likelihood.LikelihoodViewModel(histogram, nuisance, workspace);
    private final ObjectProperty<Task<?>> loading = new SimpleObjectProperty<>();
    private final StringProperty lastError = new SimpleStringProperty();
    private final ObservableList<Path> recentFiles = FXCollections.observableArrayList();
    private final PauseTransition autosaveDelay = new PauseTransition(Duration.millis(800));
    private final ExecutorService io = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "session-autosave");
        t.setDaemon(true);
        return t;
    });
    private boolean restoring;

    public WorkbenchViewModel() {
        histogram.valuesProperty().bind(nuisance.currentProperty());
        selected.addListener((o, a, d) -> {
            boolean ws = d != null && d.isWorkspace();
            likelihood.workspaceModeProperty().set(ws);
            workspace.show(ws ? d.workspace() : null);
            histogram.tableProperty().set(d == null || ws ? null : d.table());
            train.inputProperty().set(d == null || ws ? null : d.table());
            if (!ws) {
                histogram.refresh();
            }
        });
        workspace.resultProperty().addListener((o, a, r) -> {
            if (r != null && selected.get() != null && selected.get().isWorkspace()) {
                histogram.resultProperty().set(r);
            }
        });
        autosaveDelay.setOnFinished(e -> autosave());
        Observable[] watched = {nuisance.currentProperty(), selected, histogram.columnProperty(),
            histogram.binsProperty(), histogram.loProperty(), histogram.hiProperty(), histogram.logYProperty(),
            histogram.dataChoiceProperty(), histogram.dataSeedProperty()};
        for (Observable o : watched) {
            o.addListener(x -> scheduleAutosave());
        }
        for (NuisanceParameter p : NuisanceParameter.values()) {
            nuisance.fixed(p).addListener(x -> scheduleAutosave());
        }
        datasets.addListener((javafx.collections.ListChangeListener<Dataset>) c -> scheduleAutosave());
        recentFiles.setAll(readRecent());
        // a trained classifier's score becomes a column of a new dataset, shown by every view at once
        train.setOnScored(scored -> {
            Dataset from = selected.get();
            String name = (from == null ? "events" : from.name()) + " + score";
            add(new Dataset(name, null, scored, null));
            histogram.columnProperty().set("score");
            histogram.loProperty().set(0);
            histogram.hiProperty().set(1);
        });
    }

    /** Opens the last autosaved session if there is one, else the built-in demo. */
    public void startUp() {
        Path auto = SessionStore.autosaveFile();
        if (Files.isRegularFile(auto)) {
            try {
                restore(SessionStore.read(auto));
                return;
            } catch (RuntimeException e) {
                lastError.set("The last session could not be restored: " + e.getMessage());
            }
        }
        loadDemo();
    }

    public void loadDemo() {
        start(LoadTasks.demo(demoEvents(), DEMO_SEED), this::add);
    }

    /**
     * Opens a file: a published unfolded (OmniFold) result goes to the unfolded view, anything else is
     * read as events or a workspace. The format probe can start DuckDB, so it runs off the FX thread.
     */
    public void open(Path file) {
        Thread probe = new Thread(() -> {
            boolean unfoldedResult = org.nuisance.app.unfolded.UnfoldedViewModel.looksLikeOmniFold(file);
            javafx.application.Platform.runLater(() -> {
                if (unfoldedResult) {
                    unfoldedOpened.set(null);
                    unfoldedOpened.set(file);
                    unfolded.open(file);
                    remember(file);
                } else {
                    start(LoadTasks.file(file), d -> {
                        add(d);
                        remember(file);
                    });
                }
            });
        }, "format-probe");
        probe.setDaemon(true);
        probe.start();
    }

    public org.nuisance.app.unfolded.UnfoldedViewModel unfolded() {
        return unfolded;
    }

    /** Set to each unfolded-result file as it is opened, so the window can show its view. */
    public ObjectProperty<Path> unfoldedOpenedProperty() {
        return unfoldedOpened;
    }

    private void add(Dataset d) {
        if (d != null) {
            datasets.add(d);
            selected.set(d);
        }
    }

    private <T> void start(Task<T> task, Consumer<T> onSuccess) {
        Task<?> previous = loading.get();
        if (previous != null && previous.isRunning()) {
            previous.cancel();
        }
        task.setOnSucceeded(e -> {
            loading.set(null);
            onSuccess.accept(task.getValue());
        });
        task.setOnFailed(e -> {
            Throwable ex = task.getException();
            loading.set(null);
            lastError.set(null);
            lastError.set(ex == null ? "loading failed" : ex.getMessage());
        });
        task.setOnCancelled(e -> loading.set(null));
        loading.set(task);
        Thread t = new Thread(task, "dataset-loader");
        t.setDaemon(true);
        t.start();
    }

    public void cancelLoading() {
        Task<?> t = loading.get();
        if (t != null) {
            t.cancel();
        }
    }

    /** The current state as a session. */
    public Session snapshot() {
        List<Session.Source> sources = new ArrayList<>();
        int selectedIndex = -1;
        for (Dataset d : datasets) {
            // datasets made in the window (a scored table) have no source to reload and are not saved
            if (d.source() != null) {
                if (d == selected.get()) {
                    selectedIndex = sources.size();
                }
                sources.add(d.source());
            }
        }
        Map<String, Double> values = new LinkedHashMap<>();
        Map<String, Boolean> fixed = new LinkedHashMap<>();
        for (NuisanceParameter p : NuisanceParameter.values()) {
            values.put(p.key(), nuisance.value(p).get());
            fixed.put(p.key(), nuisance.fixed(p).get());
        }
        Session.View view = new Session.View(histogram.columnProperty().get(), histogram.binsProperty().get(),
                histogram.loProperty().get(), histogram.hiProperty().get(), histogram.logYProperty().get(),
                histogram.dataChoiceProperty().get().name(), histogram.dataSeedProperty().get());
        return new Session(Session.VERSION, sources, selectedIndex, values, fixed, view);
    }

    /** Replaces the current state by a session's: sliders and view at once, sources in the background. */
    public void restore(Session s) {
        restoring = true;
        try {
            for (NuisanceParameter p : NuisanceParameter.values()) {
                Double v = s.parameters() == null ? null : s.parameters().get(p.key());
                nuisance.value(p).set(v == null ? p.nominal() : v);
                Boolean f = s.fixed() == null ? null : s.fixed().get(p.key());
                nuisance.fixed(p).set(f != null && f);
            }
            if (s.view() != null) {
                histogram.binsProperty().set(s.view().bins());
                histogram.loProperty().set(s.view().lo());
                histogram.hiProperty().set(s.view().hi());
                histogram.logYProperty().set(s.view().logY());
                if (s.view().data() != null) {
                    histogram.dataChoiceProperty().set(HistogramViewModel.DataChoice.valueOf(s.view().data()));
                }
                if (s.view().dataSeed() != null) {
                    histogram.dataSeedProperty().set(s.view().dataSeed());
                }
                if (s.view().column() != null) {
                    histogram.columnProperty().set(s.view().column());
                }
            }
        } finally {
            restoring = false;
        }
        List<Session.Source> sources = s.sources() == null || s.sources().isEmpty()
                ? List.of(Session.Source.demo(demoEvents(), DEMO_SEED)) : s.sources();
        start(LoadTasks.all(sources), list -> {
            datasets.setAll(list);
            int i = s.selected() >= 0 && s.selected() < list.size() ? s.selected() : 0;
            selected.set(list.isEmpty() ? null : list.get(i));
        });
    }

    public void saveSession(Path file) throws IOException {
        SessionStore.write(snapshot(), file);
    }

    public void openSession(Path file) {
        restore(SessionStore.read(file));
    }

    private void scheduleAutosave() {
        if (!restoring && loading.get() == null) {
            autosaveDelay.playFromStart();
        }
    }

    private void autosave() {
        Session s = snapshot();
        io.execute(() -> {
            try {
                SessionStore.write(s, SessionStore.autosaveFile());
            } catch (IOException e) {
                // autosave is best effort; the user's explicit saves report their errors
            }
        });
    }

    /** Histogram contents (per process at nominal, and the shifted total) as CSV. */
    public void exportHistogramCsv(Path file) throws IOException {
        HistogramResult r = histogram.resultProperty().get();
        if (r == null) {
            throw new IOException("no histogram has been computed yet");
        }
        HistogramCsv.write(r.nominal(), r.shiftedTotal(), file);
    }

    private void remember(Path file) {
        Path abs = file.toAbsolutePath();
        recentFiles.remove(abs);
        recentFiles.add(0, abs);
        while (recentFiles.size() > RECENT) {
            recentFiles.remove(recentFiles.size() - 1);
        }
        List<String> lines = new ArrayList<>();
        for (Path p : recentFiles) {
            lines.add(p.toString());
        }
        io.execute(() -> {
            try {
                Path f = SessionStore.autosaveFile().resolveSibling("recent-files.txt");
                Files.createDirectories(f.getParent());
                Files.write(f, lines);
            } catch (IOException e) {
                // best effort
            }
        });
    }

    private static List<Path> readRecent() {
        Path f = SessionStore.autosaveFile().resolveSibling("recent-files.txt");
        List<Path> out = new ArrayList<>();
        try {
            if (Files.isRegularFile(f)) {
                for (String line : Files.readAllLines(f)) {
                    if (!line.isBlank()) {
                        out.add(Path.of(line.trim()));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // a damaged list is simply empty
        }
        return out;
    }

    public String deviceDescription() {
        return "CPU (" + Parallel.threads() + " threads)";
    }

    public ObservableList<Dataset> datasets() {
        return datasets;
    }

    public ObjectProperty<Dataset> selectedProperty() {
        return selected;
    }

    public NuisanceViewModel nuisance() {
        return nuisance;
    }

    public HistogramViewModel histogram() {
        return histogram;
    }

    public org.nuisance.app.training.TrainViewModel train() {
        return train;
    }

    public org.nuisance.app.workspace.WorkspaceViewModel workspace() {
        return workspace;
    }

    public org.nuisance.app.likelihood.LikelihoodViewModel likelihood() {
        return likelihood;
    }

    /** The binned model of the current column and binning as a HistFactory (pyhf) workspace. */
    public void exportWorkspace(Path file) throws IOException {
        Dataset d = selected.get();
        if (d != null && d.isWorkspace()) {
            d.workspace().write(file);
            return;
        }
        if (d == null || !org.nuisance.engine.higgsml.EventHistograms.hasHiggsColumns(d.table())) {
            throw new IOException("the selected dataset has no HiggsML events to build a model from");
        }
        org.nuisance.engine.hist.Axis axis = org.nuisance.engine.hist.Axis.regular(histogram.binsProperty().get(),
                histogram.loProperty().get(), histogram.hiProperty().get());
        new org.nuisance.engine.stats.toys.HiggsTemplates(org.nuisance.engine.higgsml.PreparedEvents.of(d.table()),
                histogram.columnProperty().get(), axis, HistogramViewModel.SEED, 1.0).workspace().write(file);
    }

    public ObjectProperty<Task<?>> loadingProperty() {
        return loading;
    }

    public ObservableList<Path> recentFiles() {
        return recentFiles;
    }

    /** The message of the last failed load (set anew for every failure), for the error dialog. */
    public StringProperty lastErrorProperty() {
        return lastError;
    }
}
