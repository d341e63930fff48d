package org.nuisance.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.animation.PauseTransition;
import javafx.beans.Observable;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import javafx.util.Duration;
import org.nuisance.app.data.DataViewModel;
import org.nuisance.app.likelihood.LikelihoodViewModel;
import org.nuisance.app.nuisance.NuisanceViewModel;
import org.nuisance.app.plots.HistogramViewModel;
import org.nuisance.app.session.Session;
import org.nuisance.app.session.SessionStore;
import org.nuisance.app.sources.SourceLoader;
import org.nuisance.app.training.TrainViewModel;
import org.nuisance.app.unfolded.UnfoldedViewModel;
import org.nuisance.app.workspace.WorkspaceViewModel;
import org.nuisance.engine.higgsml.NuisanceParameter;
import org.nuisance.engine.higgsml.NuisanceValues;
import org.nuisance.engine.hist.Axis;
import org.nuisance.engine.workbench.DataSpec;
import org.nuisance.engine.workbench.EventsSource;
import org.nuisance.engine.workbench.EventsWorkbench;
import org.nuisance.engine.workbench.Exports;
import org.nuisance.engine.workbench.Machine;
import org.nuisance.engine.workbench.Source;
import org.nuisance.engine.workbench.UnfoldedSource;
import org.nuisance.engine.workbench.WorkspaceSource;

/**
 * The window's root view model: composes the collaborators (source loading, the data choice, the
 * sliders, the histogram, workspace, likelihood, training and unfolded views, recent files) and keeps
 * the session around them (save, reopen, autosave after every change). It holds no physics: every
 * number comes from the engine's workbench facade.
 */
public final class WorkbenchViewModel {

    /** Events in the built-in demo: 1M, or -Dnuisance.demo.events=N. */
    public static int demoEvents() {
        return SourceLoader.demoEvents();
    }

    public static final long DEMO_SEED = SourceLoader.DEMO_SEED;

    private final ObservableList<Source> datasets = FXCollections.observableArrayList();
    private final ObjectProperty<Source> selected = new SimpleObjectProperty<>();
    private final NuisanceViewModel nuisance = new NuisanceViewModel();
    private final DataViewModel data = new DataViewModel();
    private final HistogramViewModel histogram = new HistogramViewModel();
    private final WorkspaceViewModel workspace = new WorkspaceViewModel();
    private final TrainViewModel train = new TrainViewModel();
    private final UnfoldedViewModel unfolded = new UnfoldedViewModel();
    private final org.nuisance.app.root.RootBrowserViewModel root = new org.nuisance.app.root.RootBrowserViewModel();
    private final ObjectProperty<Path> unfoldedOpened = new SimpleObjectProperty<>();
    private final LikelihoodViewModel likelihood = new LikelihoodViewModel();
    private final org.nuisance.app.grid.GridViewModel grid = new org.nuisance.app.grid.GridViewModel();
    private final SourceLoader loader = new SourceLoader();
    private final StringProperty lastError = new SimpleStringProperty();
    /** The id of the view tab shown, kept in step by the window. */
    private final StringProperty tab = new SimpleStringProperty();
    /** Sources with no file of their own and what rebuilds them: a signal point's workspace. */
    private final Map<Source, Session.Source> origins = new java.util.IdentityHashMap<>();
    private final PauseTransition autosaveDelay = new PauseTransition(Duration.millis(800));
    private final ExecutorService io = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "session-autosave");
        t.setDaemon(true);
        return t;
    });
    private final RecentFiles recent = new RecentFiles(
            SessionStore.autosaveFile().resolveSibling("recent-files.txt"), io);
    private boolean restoring;

    /** The likelihood worker's own facade object for the selected events (its caches are its own). */
    private EventsWorkbench fitBench;

    public WorkbenchViewModel() {
        histogram.valuesProperty().bind(nuisance.currentProperty());
        histogram.dataProperty().bind(data.specProperty());
        workspace.dataProperty().bind(data.specProperty());
        data.setSliders(this::sliders);
        grid.setOnOpened(this::add);
        grid.setOnPointOpened((archive, point, ws) -> {
            if (archive.file() != null && archive.region() != null) {
                origins.put(ws, Session.Source.point(archive.file().toString(), archive.region(), point));
            }
        });
        selected.addListener((o, a, d) -> {
            if (d instanceof org.nuisance.engine.workbench.PublishedSource p) {
                grid.show(p);
            }
            workspace.show(d instanceof WorkspaceSource w ? w : null);
            EventsSource events = d instanceof EventsSource e ? e : null;
            histogram.sourceProperty().set(events);
            train.inputProperty().set(events);
            if (!restoring && d != null && d != a) {
                // each kind of source starts on its natural data: a workspace's observations; events as a
                // seeded pseudo-dataset at the nominal truth
                data.specProperty().set(d instanceof WorkspaceSource ? new DataSpec.Observed()
                        : new DataSpec.PseudoData(EventsWorkbench.truthOf(NuisanceValues.NOMINAL), 1));
            }
        });
        workspace.resultProperty().addListener((o, a, r) -> {
            if (r != null && selected.get() instanceof WorkspaceSource) {
                histogram.resultProperty().set(r);
            }
        });
        List<Observable> fitTriggers = new ArrayList<>(List.of(nuisance.currentProperty(), selected,
                histogram.columnProperty(), histogram.binsProperty(), histogram.loProperty(), histogram.hiProperty(),
                data.specProperty(), workspace.pointProperty()));
        for (NuisanceParameter p : NuisanceParameter.values()) {
            fitTriggers.add(nuisance.fixed(p));
        }
        likelihood.resultProperty().addListener((o, a, r) -> histogram.totalBandProperty().set(
                r == null ? null : r.analysis().band()));
        likelihood.connect(this::fitRequest, this::moveSlidersTo, this::toyRunner,
                fitTriggers.toArray(new Observable[0]));
        autosaveDelay.setOnFinished(e -> autosave());
        Observable[] watched = {nuisance.currentProperty(), selected, histogram.columnProperty(),
            histogram.binsProperty(), histogram.loProperty(), histogram.hiProperty(), histogram.logYProperty(),
            data.specProperty(), tab, root.sourceProperty()};
        for (Observable o : watched) {
            o.addListener(x -> scheduleAutosave());
        }
        for (NuisanceParameter p : NuisanceParameter.values()) {
            nuisance.fixed(p).addListener(x -> scheduleAutosave());
        }
        datasets.addListener((ListChangeListener<Source>) c -> {
            while (c.next()) {
                c.getRemoved().forEach(origins::remove);
            }
            scheduleAutosave();
        });
        unfolded.fileProperty().addListener(x -> scheduleAutosave());
        // a trained classifier's score becomes a column of a new source, shown by every view at once
        train.setOnScored(scored -> {
            // the score is recomputed on shifted events: it moves with tes, and its fits have tes, jes, soft_met
            add(scored);
            histogram.columnProperty().set("score");
            histogram.loProperty().set(0);
            histogram.hiProperty().set(1);
        });
    }

    /** The sliders by parameter name, for the selected source (truth of new pseudo-data, fits). */
    private Map<String, Double> sliders() {
        if (selected.get() instanceof WorkspaceSource) {
            return workspace.values();
        }
        return EventsWorkbench.truthOf(nuisance.currentProperty().get());
    }

    private LikelihoodViewModel.Request fitRequest() {
        Source s = selected.get();
        if (s instanceof WorkspaceSource) {
            var w = workspace.workbenchProperty().get();
            return w == null ? null : new LikelihoodViewModel.Request(w.fitTarget(), data.specProperty().get(),
                    workspace.values(), workspace.fixedNames());
        }
        if (!(s instanceof EventsSource e) || !e.hasColumn(histogram.columnProperty().get())) {
            return null;
        }
        if (!e.isHiggsMl()) {
            throw new IllegalArgumentException("The likelihood view needs HiggsML events (the 16 PRI columns)");
        }
        Axis axis = histogram.axis();
        if (axis == null) {
            return null;
        }
        if (fitBench == null || fitBench.source() != e) {
            fitBench = new EventsWorkbench(e);
        }
        Set<String> fixed = new java.util.LinkedHashSet<>();
        for (NuisanceParameter p : NuisanceParameter.values()) {
            if (nuisance.fixed(p).get()) {
                fixed.add(p.key());
            }
        }
        return new LikelihoodViewModel.Request(fitBench.fitTarget(histogram.columnProperty().get(), axis),
                data.specProperty().get(), EventsWorkbench.asMap(nuisance.currentProperty().get()), fixed);
    }

    private void moveSlidersTo(Map<String, Double> best) {
        if (selected.get() instanceof WorkspaceSource) {
            workspace.setAll(best);
        } else {
            nuisance.setAll(EventsWorkbench.fromMap(best));
        }
    }

    private LikelihoodViewModel.ToyRunner toyRunner() {
        if (!(selected.get() instanceof EventsSource e) || !e.isHiggsMl()) {
            return null;
        }
        String column = histogram.columnProperty().get();
        Axis axis = histogram.axis();
        if (axis == null || !e.hasColumn(column)) {
            return null;
        }
        return new org.nuisance.app.cluster.CoverageRunner(e, column, axis);
    }

    /** Opens the last autosaved session if there is one, else the built-in demo. */
    public void startUp() {
        Path auto = SessionStore.autosaveFile();
        if (Files.isRegularFile(auto)) {
            try {
                restore(SessionStore.read(auto));
                return;
            } catch (RuntimeException e) {
                fail("The last session could not be restored, so the demo is shown: " + e.getMessage());
            }
        }
        loadDemo();
    }

    public void loadDemo() {
        loader.demo(this::add, this::fail);
    }

    private void fail(String message) {
        lastError.set(null);
        lastError.set(message);
    }

    /**
     * Opens a file through the facade's one detector: an unfolded result goes to the unfolded view,
     * events and workspaces become sources.
     */
    public void open(Path file) {
        open(List.of(file));
    }

    /**
     * Opens files together (a drop): as {@link #open(Path)}, with JSON Patches and patchsets applied to
     * the workspace among them, else to the selected one.
     */
    public void open(List<Path> files) {
        loader.files(files, selected.get(), list -> {
            for (Source s : list) {
                if (s instanceof UnfoldedSource) {
                    showUnfolded(s.file());
                } else {
                    add(s);
                }
            }
            files.forEach(recent::remember);
        }, this::fail);
    }

    /** The id of the view tab shown; the window follows it and sets it. */
    public StringProperty tabProperty() {
        return tab;
    }

    /** The signal-grid view of published likelihoods. */
    public org.nuisance.app.grid.GridViewModel grid() {
        return grid;
    }

    private void showUnfolded(Path file) {
        unfoldedOpened.set(null);
        unfoldedOpened.set(file);
        unfolded.open(file);
    }

    /** The ROOT tab's state; {@link #open} of a .root file shows it there. */
    public org.nuisance.app.root.RootBrowserViewModel root() {
        return root;
    }

    public UnfoldedViewModel unfolded() {
        return unfolded;
    }

    /** Set to each unfolded-result file as it is opened, so the window can show its view. */
    public ObjectProperty<Path> unfoldedOpenedProperty() {
        return unfoldedOpened;
    }

    private void add(Source d) {
        if (d instanceof org.nuisance.engine.workbench.RootSource r) {
            root.show(r); // a ROOT file is browsed in its tab; the sources loaded before stay
        } else if (d != null) {
            datasets.add(d);
            selected.set(d);
        }
    }

    public void cancelLoading() {
        loader.cancel();
    }

    /** The current state as a session. */
    public Session snapshot() {
        List<Session.Source> sources = new ArrayList<>();
        int selectedIndex = -1;
        for (Source d : datasets) {
            // sources made in the window (a scored table) have nothing to reload from and are not saved
            Session.Source saved = saved(d);
            if (saved != null) {
                if (d == selected.get()) {
                    selectedIndex = sources.size();
                }
                sources.add(saved);
            }
        }
        // the unfolded result open in its view comes back there (after the sources: the selected index holds)
        Path unfoldedFile = unfolded.fileProperty().get();
        if (unfoldedFile != null) {
            sources.add(Session.Source.file(unfoldedFile.toString()));
        }
        // so does the ROOT file browsed in its tab
        var rootShown = root.sourceProperty().get();
        if (rootShown != null && rootShown.file() != null) {
            sources.add(Session.Source.root(rootShown.file().toString()));
        }
        Map<String, Double> values = new LinkedHashMap<>();
        Map<String, Boolean> fixed = new LinkedHashMap<>();
        for (NuisanceParameter p : NuisanceParameter.values()) {
            values.put(p.key(), nuisance.value(p).get());
            fixed.put(p.key(), nuisance.fixed(p).get());
        }
        DataSpec spec = data.specProperty().get();
        Map<String, Double> truth = spec instanceof DataSpec.PseudoData p ? p.truth()
                : spec instanceof DataSpec.Asimov a ? a.truth() : null;
        Session.View view = new Session.View(histogram.columnProperty().get(), histogram.binsProperty().get(),
                histogram.loProperty().get(), histogram.hiProperty().get(), histogram.logYProperty().get(),
                DataViewModel.Kind.of(spec).name(), spec instanceof DataSpec.PseudoData p ? p.seed() : null, truth);
        return new Session(Session.VERSION, sources, selectedIndex, values, fixed, view, tab.get());
    }

    private Session.Source saved(Source d) {
        if (d instanceof EventsSource e && e.demoEvents() != null) {
            return Session.Source.demo(e.demoEvents(), e.demoSeed());
        }
        if (origins.containsKey(d)) {
            return origins.get(d);
        }
        if (d instanceof org.nuisance.engine.workbench.PublishedSource p && p.region() != null && p.file() != null) {
            return Session.Source.published(p.file().toString(), p.region());
        }
        return d.file() == null ? null : Session.Source.file(d.file().toString());
    }

    /**
     * Replaces the current state by a session's: sliders, view and data at once, sources in the
     * background. If a source cannot be loaded, the demo is shown instead and the error names what failed.
     */
    public void restore(Session s) {
        restoring = true;
        DataSpec spec;
        try {
            for (NuisanceParameter p : NuisanceParameter.values()) {
                Double v = s.parameters() == null ? null : s.parameters().get(p.key());
                nuisance.value(p).set(v == null ? p.nominal() : v);
                Boolean f = s.fixed() == null ? null : s.fixed().get(p.key());
                nuisance.fixed(p).set(f != null && f);
            }
            Session.View v = s.view();
            if (v != null) {
                histogram.binsProperty().set(v.bins());
                histogram.loProperty().set(v.lo());
                histogram.hiProperty().set(v.hi());
                histogram.logYProperty().set(v.logY());
                if (v.column() != null) {
                    histogram.columnProperty().set(v.column());
                }
            }
            spec = savedSpec(v);
        } finally {
            restoring = false;
        }
        List<Session.Source> sources = s.sources() == null || s.sources().isEmpty()
                ? List.of(Session.Source.demo(demoEvents(), DEMO_SEED)) : s.sources();
        loader.all(sources, list -> {
            restoring = true;
            try {
                List<Source> shown = new ArrayList<>();
                int index = 0;
                for (int k = 0; k < list.size(); k++) {
                    if (list.get(k) instanceof UnfoldedSource) {
                        showUnfolded(list.get(k).file());
                    } else if (list.get(k) instanceof org.nuisance.engine.workbench.RootSource r) {
                        root.show(r); // a session from before the ROOT tab may name a .root file
                    } else {
                        if (k == s.selected()) {
                            index = shown.size();
                        }
                        shown.add(list.get(k));
                    }
                }
                datasets.setAll(shown);
                for (int k = 0; k < list.size(); k++) {
                    if ("point".equals(sources.get(k).kind())) {
                        origins.put(list.get(k), sources.get(k));
                    }
                }
                data.specProperty().set(spec);
                selected.set(shown.isEmpty() ? null : shown.get(Math.min(index, shown.size() - 1)));
                // the grid shows the published likelihood last opened, also when a point of it is selected
                for (Source d : shown) {
                    if (d instanceof org.nuisance.engine.workbench.PublishedSource p
                            && !(selected.get() instanceof org.nuisance.engine.workbench.PublishedSource)) {
                        grid.show(p);
                    }
                }
                if (s.tab() != null) {
                    tab.set(s.tab());
                }
            } finally {
                restoring = false;
            }
            if (shown().isEmpty()) {
                loadDemo();
            }
        }, message -> {
            fail("The session could not be restored, so the demo is shown: " + message);
            loadDemo();
        });
    }

    private List<Source> shown() {
        return datasets;
    }

    private static DataSpec savedSpec(Session.View v) {
        if (v == null || v.data() == null) {
            return new DataSpec.Observed();
        }
        Map<String, Double> truth = v.truth() != null ? v.truth() : Map.of("mu", 1.0);
        long seed = v.dataSeed() == null ? 1 : v.dataSeed();
        switch (v.data()) {
            case "PSEUDO":
            case "POISSON":
                return new DataSpec.PseudoData(truth, seed);
            case "ASIMOV":
                return new DataSpec.Asimov(truth);
            default:
                return new DataSpec.Observed();
        }
    }

    public void saveSession(Path file) throws IOException {
        SessionStore.write(snapshot(), file);
    }

    /** Opens a saved session; one that cannot be read leaves the window as it is and says why. */
    public void openSession(Path file) {
        try {
            restore(SessionStore.read(file));
        } catch (RuntimeException e) {
            fail(e.getMessage());
        }
    }

    private void scheduleAutosave() {
        if (!restoring && loader.loadingProperty().get() == null) {
            autosaveDelay.playFromStart();
        }
    }

    private void autosave() {
        if (datasets.isEmpty()) {
            return;
        }
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
        var r = histogram.resultProperty().get();
        if (r == null) {
            throw new IOException("no histogram has been computed yet");
        }
        Exports.histogramCsv(r, file);
    }

    /** The binned model of the current column and binning as a HistFactory (pyhf) workspace. */
    public void exportWorkspace(Path file) throws IOException {
        Source d = selected.get();
        if (d instanceof WorkspaceSource && workspace.workbenchProperty().get() != null) {
            workspace.workbenchProperty().get().export(file);
            return;
        }
        if (!(d instanceof EventsSource e) || !e.isHiggsMl()) {
            throw new IOException("the selected source has no HiggsML events to build a model from");
        }
        Axis axis = histogram.axis();
        if (axis == null) {
            throw new IOException("the histogram's binning is not valid");
        }
        new EventsWorkbench(e).exportWorkspace(histogram.columnProperty().get(), axis, file);
    }

    public String deviceDescription() {
        return Machine.describe();
    }

    public ObservableList<Source> datasets() {
        return datasets;
    }

    public ObjectProperty<Source> selectedProperty() {
        return selected;
    }

    public NuisanceViewModel nuisance() {
        return nuisance;
    }

    public DataViewModel data() {
        return data;
    }

    public HistogramViewModel histogram() {
        return histogram;
    }

    public TrainViewModel train() {
        return train;
    }

    public WorkspaceViewModel workspace() {
        return workspace;
    }

    public LikelihoodViewModel likelihood() {
        return likelihood;
    }

    public ObjectProperty<Task<?>> loadingProperty() {
        return loader.loadingProperty();
    }

    public ObservableList<Path> recentFiles() {
        return recent.files();
    }

    /** The message of the last failure (set anew for every failure), for the error dialog. */
    public StringProperty lastErrorProperty() {
        return lastError;
    }
}
