package org.nuisance.app.sources;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.concurrent.Task;
import org.nuisance.app.session.Session;
import org.nuisance.engine.workbench.PublishedSource;
import org.nuisance.engine.workbench.PublishedSources;
import org.nuisance.engine.workbench.Source;
import org.nuisance.engine.workbench.Sources;

/**
 * Loads sources in the background through the facade's one detector, one load at a time (a new one
 * cancels the one in flight, which leaves what was loaded before untouched). Results and failures
 * arrive on the FX thread.
 */
public final class SourceLoader {

    public static final long DEMO_SEED = 42;

    private final ObjectProperty<Task<?>> loading = new SimpleObjectProperty<>();

    /** Events in the built-in demo: 1M, or -Dnuisance.demo.events=N. */
    public static int demoEvents() {
        return Integer.getInteger("nuisance.demo.events", 1_000_000);
    }

    public void demo(Consumer<Source> onLoaded, Consumer<String> onFailed) {
        int n = demoEvents();
        start(task(m -> Sources.demo(n, DEMO_SEED, m)), onLoaded, onFailed);
    }

    public void file(Path file, Consumer<Source> onLoaded, Consumer<String> onFailed) {
        start(task(m -> Sources.open(file, m)), onLoaded, onFailed);
    }

    /**
     * Files opened together (a drop, or one file): workspaces and the rest first, then JSON Patches and
     * patchsets, each applied to the last workspace opened here, else to background (the selected source).
     */
    public void files(List<Path> files, Source background, Consumer<List<Source>> onLoaded, Consumer<String> onFailed) {
        start(task(m -> {
            List<Path> ordered = new ArrayList<>(files);
            ordered.sort(java.util.Comparator.comparing(f -> isPatch(f) ? 1 : 0));
            List<Source> out = new ArrayList<>();
            Source bkg = background;
            for (Path f : ordered) {
                Source s = Sources.open(f, bkg, m);
                if (s instanceof org.nuisance.engine.workbench.WorkspaceSource && s.file() != null) {
                    bkg = s;
                }
                out.add(s);
            }
            return out;
        }), onLoaded, onFailed);
    }

    private static boolean isPatch(Path f) {
        try {
            Sources.Format k = Sources.detect(f);
            return k == Sources.Format.PATCH || k == Sources.Format.PATCHSET;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** A session's sources, one after the other; the first that fails fails the whole load. */
    public void all(List<Session.Source> sources, Consumer<List<Source>> onLoaded, Consumer<String> onFailed) {
        start(task(m -> {
            List<Source> out = new ArrayList<>();
            for (Session.Source s : sources) {
                out.add(load(s, m, out));
            }
            return out;
        }), onLoaded, onFailed);
    }

    /** One saved source: the demo again (same events and seed) or the file again. */
    public static Source load(Session.Source s, Consumer<String> progress) {
        return load(s, progress, List.of());
    }

    /**
     * One saved source, as {@link #load(Session.Source, Consumer)}; a published archive reopens on the region
     * saved, and a signal point's workspace is rebuilt from its region (one of earlier when already loaded).
     */
    static Source load(Session.Source s, Consumer<String> progress, List<Source> earlier) {
        if ("demo".equals(s.kind())) {
            return Sources.demo(s.events() == null ? demoEvents() : s.events(),
                    s.seed() == null ? DEMO_SEED : s.seed(), progress);
        }
        if (s.path() == null) {
            throw new IllegalArgumentException("a saved source of kind '" + s.kind() + "' has no path");
        }
        Path file = Path.of(s.path());
        if ("published".equals(s.kind()) && s.region() != null) {
            return PublishedSources.openArchive(file, s.region(), progress);
        }
        if ("point".equals(s.kind())) {
            if (s.point() == null || s.region() == null) {
                throw new IllegalArgumentException("a saved signal point of " + file.getFileName()
                        + " names no region or point");
            }
            PublishedSource archive = earlier.stream()
                    .filter(e -> e instanceof PublishedSource p && file.equals(p.file()) && s.region().equals(p.region()))
                    .map(PublishedSource.class::cast).findFirst()
                    .orElseGet(() -> PublishedSources.openArchive(file, s.region(), progress));
            return PublishedSources.signal(archive, s.point());
        }
        return Sources.open(file, progress);
    }

    private interface Work<T> {
        T run(Consumer<String> progress);
    }

    private static <T> Task<T> task(Work<T> work) {
        return new Task<>() {
            @Override
            protected T call() {
                updateProgress(-1, 1);
                return work.run(this::updateMessage);
            }
        };
    }

    private <T> void start(Task<T> task, Consumer<T> onSuccess, Consumer<String> onFailed) {
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
            onFailed.accept(ex == null ? "loading failed" : ex.getMessage() == null ? ex.toString() : ex.getMessage());
        });
        task.setOnCancelled(e -> loading.set(null));
        loading.set(task);
        Thread t = new Thread(task, "source-loader");
        t.setDaemon(true);
        t.start();
    }

    public void cancel() {
        Task<?> t = loading.get();
        if (t != null) {
            t.cancel();
        }
    }

    public ObjectProperty<Task<?>> loadingProperty() {
        return loading;
    }
}
