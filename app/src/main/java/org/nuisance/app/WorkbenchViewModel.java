package org.nuisance.app;

import java.nio.file.Path;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import org.nuisance.app.nuisance.NuisanceViewModel;
import org.nuisance.app.plots.HistogramViewModel;
import org.nuisance.app.sources.Dataset;
import org.nuisance.app.sources.LoadTasks;
import org.nuisance.engine.util.Parallel;

/** The whole window's state: loaded datasets, the selected one, the sliders, the histogram view. */
public final class WorkbenchViewModel {

    /** Events in the built-in demo (override with -Dnuisance.demo.events=N). */
    public static final int DEMO_EVENTS = Integer.getInteger("nuisance.demo.events", 1_000_000);

    private final ObservableList<Dataset> datasets = FXCollections.observableArrayList();
    private final ObjectProperty<Dataset> selected = new SimpleObjectProperty<>();
    private final NuisanceViewModel nuisance = new NuisanceViewModel();
    private final HistogramViewModel histogram = new HistogramViewModel();
    private final ObjectProperty<Task<Dataset>> loading = new SimpleObjectProperty<>();
    private final StringProperty lastError = new SimpleStringProperty();

    public WorkbenchViewModel() {
        histogram.valuesProperty().bind(nuisance.currentProperty());
        selected.addListener((o, a, d) -> histogram.tableProperty().set(d == null ? null : d.table()));
    }

    public void loadDemo() {
        start(LoadTasks.demo(DEMO_EVENTS, 42));
    }

    public void open(Path file) {
        start(LoadTasks.file(file));
    }

    private void start(Task<Dataset> task) {
        Task<Dataset> previous = loading.get();
        if (previous != null && previous.isRunning()) {
            previous.cancel();
        }
        task.setOnSucceeded(e -> {
            Dataset d = task.getValue();
            if (d != null) {
                datasets.add(d);
                selected.set(d);
            }
            loading.set(null);
        });
        task.setOnFailed(e -> {
            Throwable ex = task.getException();
            lastError.set(null);
            lastError.set(ex == null ? "loading failed" : ex.getMessage());
            loading.set(null);
        });
        task.setOnCancelled(e -> loading.set(null));
        loading.set(task);
        Thread t = new Thread(task, "dataset-loader");
        t.setDaemon(true);
        t.start();
    }

    public void cancelLoading() {
        Task<Dataset> t = loading.get();
        if (t != null) {
            t.cancel();
        }
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

    public ObjectProperty<Task<Dataset>> loadingProperty() {
        return loading;
    }

    /** The message of the last failed load (set anew for every failure), for the error dialog. */
    public StringProperty lastErrorProperty() {
        return lastError;
    }
}
