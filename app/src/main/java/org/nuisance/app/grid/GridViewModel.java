package org.nuisance.app.grid;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import org.nuisance.engine.workbench.GridResults;
import org.nuisance.engine.workbench.PublishedSource;
import org.nuisance.engine.workbench.PublishedSources;
import org.nuisance.engine.workbench.Source;
import org.nuisance.engine.workbench.WorkspaceSource;

/**
 * The signal-grid view's state: the published likelihood shown, its points (with CLs once computed),
 * the plane (two value indices and a slice of the others) with the engine's contours, and the
 * background work (computing points, switching region, opening a point's signal workspace), each
 * cancellable and reporting progress. No physics here: every number comes from {@link PublishedSources}.
 */
public final class GridViewModel {

    /** A row of the point list: the point, and its CLs once computed (else null). */
    public record Row(PublishedSources.Point point, PublishedSources.Computed computed) {
        public String name() {
            return point.name();
        }
    }

    /** Points computed per step: results reach the plot this often. */
    static final int STEP = 8;

    private final ObjectProperty<PublishedSource> source = new SimpleObjectProperty<>();
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final Map<String, PublishedSources.Computed> computed = new LinkedHashMap<>();
    private final IntegerProperty xAxis = new SimpleIntegerProperty(0);
    private final IntegerProperty yAxis = new SimpleIntegerProperty(1);
    /** The slice "I=V" of the values not drawn, or null for all points. */
    private final StringProperty slice = new SimpleStringProperty();
    private final ObjectProperty<PublishedSources.Plane> plane = new SimpleObjectProperty<>();
    private final ObjectProperty<Task<?>> running = new SimpleObjectProperty<>();
    private final DoubleProperty progress = new SimpleDoubleProperty();
    private final StringProperty message = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty();
    private final BooleanProperty showing = new SimpleBooleanProperty();
    private Consumer<Source> onOpened = s -> { };
    private PointOpened onPointOpened = (archive, point, ws) -> { };

    /** Told which point of which published likelihood a signal workspace was built from (for sessions). */
    public interface PointOpened {
        void opened(PublishedSource archive, String point, WorkspaceSource workspace);
    }

    public GridViewModel() {
        xAxis.addListener(o -> redraw());
        yAxis.addListener(o -> redraw());
        slice.addListener(o -> redraw());
    }

    /** Shows a published likelihood: its points, no CLs yet, the first two varying values as the plane. */
    public void show(PublishedSource s) {
        if (s == source.get()) {
            return;
        }
        cancel();
        computed.clear();
        source.set(s);
        showing.set(s != null);
        if (s == null) {
            rows.clear();
            plane.set(null);
            return;
        }
        int dims = s.points().get(0).values().length;
        int[] axes = firstVarying(s, dims);
        xAxis.set(axes[0]);
        yAxis.set(axes[1]);
        slice.set(defaultSlice(s, axes[0], axes[1], dims));
        refreshRows();
        redraw();
    }

    private static int[] firstVarying(PublishedSource s, int dims) {
        List<Integer> v = new ArrayList<>();
        for (int d = 0; d < dims && v.size() < 2; d++) {
            if (PublishedSources.valuesOf(s, d).size() > 1) {
                v.add(d);
            }
        }
        return new int[] {v.isEmpty() ? 0 : v.get(0), v.size() < 2 ? Math.min(1, dims - 1) : v.get(1)};
    }

    /** The other value with most distinct values at its most frequent value (m(N1) = 60 GeV for the sbottom grid). */
    static String defaultSlice(PublishedSource s, int x, int y, int dims) {
        for (int d = 0; d < dims; d++) {
            if (d != x && d != y && PublishedSources.valuesOf(s, d).size() > 1) {
                return d + "=" + format(PublishedSources.mostFrequent(s, d));
            }
        }
        return null;
    }

    static String format(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    /** The index of the value the slice holds fixed, or -1. */
    public int sliceIndex() {
        return slice.get() == null ? -1 : Integer.parseInt(slice.get().split("=")[0]);
    }

    private void refreshRows() {
        List<Row> out = new ArrayList<>();
        for (PublishedSources.Point p : source.get().points()) {
            out.add(new Row(p, computed.get(p.name())));
        }
        rows.setAll(out);
    }

    private void redraw() {
        PublishedSource s = source.get();
        if (s == null || xAxis.get() == yAxis.get()) {
            return;
        }
        String sl = slice.get();
        if (sl != null) {
            int i = Integer.parseInt(sl.split("=")[0]);
            if (i == xAxis.get() || i == yAxis.get()) {
                slice.set(null);
                return;
            }
        }
        plane.set(PublishedSources.plane(s, new ArrayList<>(computed.values()), xAxis.get(), yAxis.get(), sl));
    }

    /** Computes the points of the plane shown (all points of its slice). */
    public void computePlane() {
        PublishedSources.Plane p = plane.get();
        if (p != null) {
            compute(p.points().stream().map(PublishedSources.Point::name).toList());
        }
    }

    /**
     * Computes CLs for the named points on all cores, STEP points at a time so that the plot fills as
     * they finish; Cancel keeps those finished.
     */
    public void compute(List<String> names) {
        PublishedSource s = source.get();
        if (s == null || names.isEmpty()) {
            return;
        }
        int threads = Runtime.getRuntime().availableProcessors();
        Task<Void> task = new Task<>() {
            @Override
            protected Void call() {
                int n = names.size();
                updateProgress(0, n);
                updateMessage(String.format("Computing CLs: 0 of %d points", n));
                for (int from = 0; from < n && !isCancelled(); from += STEP) {
                    int base = from;
                    List<PublishedSources.Computed> part = PublishedSources.compute(s, names.subList(from,
                            Math.min(n, from + STEP)), threads, done -> {
                                updateProgress(base + done, n);
                                updateMessage(String.format("Computing CLs: %d of %d points", base + done, n));
                            }, this::isCancelled);
                    Platform.runLater(() -> accept(s, part));
                }
                return null;
            }
        };
        start(task, v -> message.set(String.format("Computed %d of %d points", computed.size(), s.points().size())));
    }

    private void accept(PublishedSource s, List<PublishedSources.Computed> part) {
        if (s != source.get()) {
            return;
        }
        for (PublishedSources.Computed c : part) {
            computed.put(c.name(), c);
        }
        refreshRows();
        redraw();
    }

    /**
     * Takes the points of a grid JSON written for {@code submittedFor} (a cluster run's merged {@code grid} file)
     * as if computed here: the rows get their CLs and the plane its contours. The file is read in the
     * background; nothing changes if another likelihood is shown by the time it arrives (the message says so).
     */
    public void acceptMerged(PublishedSource submittedFor, java.nio.file.Path file) {
        if (file == null) {
            return;
        }
        Thread t = new Thread(() -> {
            List<PublishedSources.Computed> read;
            try {
                read = GridResults.read(file);
            } catch (RuntimeException e) {
                String m = e.getMessage() == null ? e.toString() : e.getMessage();
                Platform.runLater(() -> {
                    say(m.lines().findFirst().orElse(m));
                    error.set(null);
                    error.set(m);
                });
                return;
            }
            Platform.runLater(() -> {
                PublishedSource s = source.get();
                if (s == null || s != submittedFor) {
                    say("The cluster's grid " + file + " is for another likelihood than the one shown: not loaded");
                    return;
                }
                java.util.Set<String> known = new java.util.HashSet<>();
                s.points().forEach(p -> known.add(p.name()));
                List<PublishedSources.Computed> ours = read.stream().filter(c -> known.contains(c.name())).toList();
                accept(s, ours);
                say(String.format("Merged from the cluster: %d points (%s)%s", ours.size(), file,
                        ours.size() < read.size() ? String.format("; %d not in this grid", read.size() - ours.size())
                                : ""));
            });
        }, "signal-grid-merged");
        t.setDaemon(true);
        t.start();
    }

    /** Sets the message unless a running task reports into it. */
    private void say(String text) {
        if (!message.isBound()) {
            message.set(text);
        }
    }

    /** Opens another region of the archive shown (in the background); the points computed so far are dropped. */
    public void region(String region) {
        PublishedSource s = source.get();
        if (s == null || region == null || region.equals(s.region())) {
            return;
        }
        Task<PublishedSource> task = new Task<>() {
            @Override
            protected PublishedSource call() {
                updateProgress(-1, 1);
                return PublishedSources.openArchive(s.file(), region, this::updateMessage);
            }
        };
        start(task, loaded -> {
            show(loaded);
            onOpened.accept(loaded);
        });
    }

    /** Loads a point's signal workspace (background + its patch) into the usual views. */
    public void openPoint(String name) {
        PublishedSource s = source.get();
        if (s == null) {
            return;
        }
        Task<WorkspaceSource> task = new Task<>() {
            @Override
            protected WorkspaceSource call() {
                updateProgress(-1, 1);
                updateMessage("Applying the patch of " + name);
                return PublishedSources.signal(s, name);
            }
        };
        start(task, ws -> {
            message.set("Opened " + ws.name());
            onPointOpened.opened(s, name, ws);
            onOpened.accept(ws);
        });
    }

    private <T> void start(Task<T> task, Consumer<T> done) {
        cancel();
        progress.bind(task.progressProperty());
        message.bind(task.messageProperty());
        task.setOnSucceeded(e -> {
            finish();
            done.accept(task.getValue());
        });
        task.setOnFailed(e -> {
            finish();
            Throwable ex = task.getException();
            String m = ex == null ? "failed" : ex.getMessage() == null ? ex.toString() : ex.getMessage();
            message.set(m.lines().findFirst().orElse(m));
            error.set(null);
            error.set(m);
        });
        task.setOnCancelled(e -> {
            finish();
            message.set(String.format("Cancelled; %d points computed", computed.size()));
        });
        running.set(task);
        Thread t = new Thread(task, "signal-grid-view");
        t.setDaemon(true);
        t.start();
    }

    private void finish() {
        progress.unbind();
        message.unbind();
        running.set(null);
    }

    public void cancel() {
        Task<?> t = running.get();
        if (t != null) {
            t.cancel();
        }
    }

    /** The cluster command line for the plane shown. */
    public List<String> gridCommand() {
        return PublishedSources.gridCommand(source.get(), xAxis.get(), yAxis.get(), slice.get());
    }

    /** Called with each source this view opens (a point's signal workspace, another region). */
    public void setOnOpened(Consumer<Source> c) {
        onOpened = c;
    }

    /** Called with each point's signal workspace this view opens, before {@link #setOnOpened}'s callback. */
    public void setOnPointOpened(PointOpened c) {
        onPointOpened = c;
    }

    public ObjectProperty<PublishedSource> sourceProperty() {
        return source;
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    public IntegerProperty xAxisProperty() {
        return xAxis;
    }

    public IntegerProperty yAxisProperty() {
        return yAxis;
    }

    public StringProperty sliceProperty() {
        return slice;
    }

    public ObjectProperty<PublishedSources.Plane> planeProperty() {
        return plane;
    }

    public ObjectProperty<Task<?>> runningProperty() {
        return running;
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    public StringProperty messageProperty() {
        return message;
    }

    /** The message of the last failure (set anew each time), for the error dialog. */
    public StringProperty errorProperty() {
        return error;
    }

    public BooleanProperty showingProperty() {
        return showing;
    }

    /** The computed point of that name, or null. */
    public PublishedSources.Computed computed(String name) {
        return computed.get(name);
    }
}
