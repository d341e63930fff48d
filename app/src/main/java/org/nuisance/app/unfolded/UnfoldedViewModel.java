package org.nuisance.app.unfolded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import javafx.concurrent.Worker;
import org.nuisance.app.LatestWins;
import org.nuisance.engine.hist.Axis;
import org.nuisance.engine.omnifold.Chi2Test;
import org.nuisance.engine.omnifold.UnfoldedResult;
import org.nuisance.engine.workbench.Unfolding;

/**
 * The unfolded-result view's state: the loaded result (opened by a background {@link Task} with
 * progress and cancel), optional alternative files, the observable expression and its binning, the
 * latest {@link UnfoldedResult} with its {@link Unfolding.Shift}, one theta per systematic variation,
 * and the distribution at those thetas with its chi-square against the prior. Histogramming runs off
 * the FX thread, latest request wins; a slider move re-evaluates the engine's linear shift at once
 * (bins x variations multiply-adds), so the curve follows the thumb.
 */
public final class UnfoldedViewModel {

    /** Events of the synthetic demo: as many as the ATLAS Z+jets result. */
    public static final int DEMO_EVENTS = Unfolding.DEMO_EVENTS;

    /** Slider range of each theta, in units of the variation (theta = 1 reproduces it). */
    public static final double THETA_MIN = -3;
    public static final double THETA_MAX = 3;

    /** One systematic variation as a slider: its weight column, a short label, its band (group) and theta. */
    public record Theta(String column, String label, String group, DoubleProperty value) {
    }

    /** What the view draws: a result for one observable and binning, and the shift behind its sliders. */
    public record Computed(String observable, String binning, UnfoldedResult result, Unfolding.Shift shift,
                           double computeMs) {
        public Axis axis() {
            return result.axis();
        }
    }

    private final ObjectProperty<Unfolding> explorer = new SimpleObjectProperty<>();
    private final ObjectProperty<Path> file = new SimpleObjectProperty<>();
    private final StringProperty sourceName = new SimpleStringProperty("");
    private final ObservableList<String> observables = FXCollections.observableArrayList();
    private final ObservableList<String> alternatives = FXCollections.observableArrayList();
    private final StringProperty observable = new SimpleStringProperty();
    private final StringProperty binning = new SimpleStringProperty("");
    private final ObjectProperty<Computed> computed = new SimpleObjectProperty<>();
    private final ObservableList<Theta> thetas = FXCollections.observableArrayList();
    private final ObjectProperty<double[]> shiftedDsigmaDx = new SimpleObjectProperty<>();
    private final ObjectProperty<Chi2Test.Result> priorChi2 = new SimpleObjectProperty<>();
    private final ObjectProperty<Chi2Test.Result> shiftedPriorChi2 = new SimpleObjectProperty<>();
    private final StringProperty error = new SimpleStringProperty();
    private final ReadOnlyObjectWrapper<Task<?>> task = new ReadOnlyObjectWrapper<>();
    private final LatestWins worker = new LatestWins("unfolded-worker");
    /** True while this class itself writes observable/binning (a published result), so no new request starts. */
    private boolean publishing;

    public UnfoldedViewModel() {
        observable.addListener((o, a, b) -> {
            if (!publishing) {
                request(b, null);
            }
        });
        binning.addListener((o, a, b) -> {
            if (!publishing) {
                request(observable.get(), b);
            }
        });
    }

    /** True if the file is an unbinned unfolded result this view reads (pandas HDF5, or a weights_nominal column). */
    public static boolean looksLikeOmniFold(Path path) {
        return Unfolding.looksLikeOmniFold(path);
    }

    /**
     * Reads the file in the background and then shows its first observable (pT_ll if present). The task is
     * also in {@link #taskProperty()} while it runs, for a progress bar and a Cancel button; cancelling keeps
     * whatever was shown before. Call on the FX thread.
     */
    public Task<Unfolding> open(Path path) {
        return load("Reading " + path.getFileName(), () -> Unfolding.open(path), path,
                path.getFileName().toString());
    }

    /**
     * Generates a synthetic result in memory ({@link Unfolding#demo}, the ATLAS Z+jets column names, 100
     * ensembles and 25 bootstraps) with its Sherpa-prior alternative, and shows it; as {@link #open(Path)}.
     */
    public Task<Unfolding> openDemo(int events, long seed) {
        return load(String.format(java.util.Locale.ROOT, "Generating %,d synthetic events", events), () -> {
            return Unfolding.demo(events, seed);
        }, null, "synthetic demo (" + events + " events)");
    }

    private Task<Unfolding> load(String what, java.util.function.Supplier<Unfolding> reader, Path path,
                                        String name) {
        Task<Unfolding> t = new Task<>() {
            @Override
            protected Unfolding call() {
                updateMessage(what);
                updateProgress(0, 2);
                Unfolding ex = reader.get();
                if (isCancelled()) {
                    return null;
                }
                updateMessage("Recognised " + ex.weightColumnCount() + " weight columns, "
                        + ex.observables().size() + " observables");
                updateProgress(2, 2);
                return ex;
            }
        };
        t.setOnSucceeded(e -> {
            Unfolding ex = t.getValue();
            if (ex != null) {
                install(ex, path);
                sourceName.set(name);
            }
        });
        t.setOnFailed(e -> error.set(oneLine(t.getException())));
        start(t, "unfolded-open");
        return t;
    }

    /** Shows an explorer that is already loaded (e.g. built in memory); call on the FX thread. */
    public void install(Unfolding ex, Path source) {
        error.set(null);
        file.set(source);
        sourceName.set(source == null ? "" : source.getFileName().toString());
        explorer.set(ex);
        alternatives.setAll(ex.alternatives());
        List<String> obs = ex.observables();
        observables.setAll(obs);
        String first = obs.contains(observable.get()) ? observable.get()
                : obs.contains("pT_ll") ? "pT_ll" : obs.isEmpty() ? null : obs.get(0);
        computed.set(null);
        thetas.clear();
        if (first != null) {
            publishing = true;
            observable.set(first);
            publishing = false;
            request(first, null);
        }
    }

    /** Loads an alternative result (another prior, nonDY) in the background; it becomes a band and a curve. */
    public Task<String> addAlternative(Path path) {
        Unfolding ex = explorer.get();
        if (ex == null) {
            throw new IllegalStateException("open a result before adding alternatives");
        }
        Task<String> t = new Task<>() {
            @Override
            protected String call() {
                updateMessage("Reading alternative " + path.getFileName());
                updateProgress(-1, 1);
                return ex.addAlternative(path);
            }
        };
        t.setOnSucceeded(e -> {
            if (explorer.get() == ex) {
                alternatives.setAll(ex.alternatives());
                refresh();
            }
        });
        t.setOnFailed(e -> error.set(oneLine(t.getException())));
        start(t, "unfolded-alternative");
        return t;
    }

    private void start(Task<?> t, String name) {
        task.set(t);
        t.stateProperty().addListener((o, a, s) -> {
            if ((s == Worker.State.SUCCEEDED || s == Worker.State.FAILED || s == Worker.State.CANCELLED)
                    && task.get() == t) {
                task.set(null);
            }
        });
        Thread th = new Thread(t, name);
        th.setDaemon(true);
        th.start();
    }

    /** Cancels the running load, if any. */
    public void cancel() {
        Task<?> t = task.get();
        if (t != null) {
            t.cancel();
        }
    }

    /** Recomputes the current observable and binning (e.g. after an alternative was added). */
    public void refresh() {
        request(observable.get(), binning.get());
    }

    /** binningText null: the engine suggests one for the observable. */
    private void request(String expr, String binningText) {
        Unfolding ex = explorer.get();
        if (ex == null || expr == null || expr.isBlank()) {
            return;
        }
        try {
            Unfolding.checkExpression(expr);
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return;
        }
        Axis axis = null;
        if (binningText != null) {
            try {
                axis = Unfolding.parseBinning(binningText);
            } catch (IllegalArgumentException e) {
                error.set(e.getMessage().replace("--bins", "binning"));
                return;
            }
        }
        Axis given = axis;
        worker.submit(() -> compute(ex, expr.trim(), binningText, given), this::publish,
                e -> error.set(oneLine(e)));
    }

    /** Runs on the worker thread only. */
    private static Computed compute(Unfolding ex, String expr, String binningText, Axis given) {
        long t0 = System.nanoTime();
        Unfolding.Binned b = ex.bin(expr, given, binningText);
        return new Computed(expr, b.binning(), b.result(), b.shift(), (System.nanoTime() - t0) / 1e6);
    }

    private void publish(Computed c) {
        error.set(null);
        publishing = true;
        try {
            observable.set(c.observable());
            binning.set(c.binning());
        } finally {
            publishing = false;
        }
        Computed before = computed.get();
        if (before == null || !before.shift().parameters().equals(c.shift().parameters())) {
            List<Theta> rows = new ArrayList<>();
            Unfolding ex = explorer.get();
            for (String col : c.shift().parameters()) {
                DoubleProperty v = new SimpleDoubleProperty(0);
                v.addListener((o, a, b) -> updateShifted());
                String group = ex == null ? "" : ex.familyOf(col);
                rows.add(new Theta(col, label(col), group, v));
            }
            thetas.setAll(rows);
        }
        computed.set(c);
        Map<String, double[]> cmp = c.result().comparisons();
        priorChi2.set(cmp.containsKey("prior") ? c.result().chi2(cmp.get("prior")) : null);
        updateShifted();
    }

    /** The distribution at the sliders' thetas, and its chi-square against the prior. */
    private void updateShifted() {
        Computed c = computed.get();
        if (c == null) {
            shiftedDsigmaDx.set(null);
            shiftedPriorChi2.set(null);
            return;
        }
        double[] th = theta();
        double[] shifted = c.shift().shiftedDsigmaDx(th);
        double[] prior = c.result().comparisons().get("prior");
        shiftedPriorChi2.set(prior == null || allZero(th) ? priorChi2.get()
                : Unfolding.chi2(shifted, prior, c.result().covariance()));
        shiftedDsigmaDx.set(shifted);
    }

    /** The sliders' values in {@link Unfolding.Shift#parameters()} order. */
    public double[] theta() {
        double[] th = new double[thetas.size()];
        for (int k = 0; k < th.length; k++) {
            th[k] = thetas.get(k).value().get();
        }
        return th;
    }

    /** Every slider back to its nominal 0. */
    public void resetThetas() {
        for (Theta t : thetas) {
            t.value().set(0);
        }
    }

    public boolean anyThetaMoved() {
        return !allZero(theta());
    }

    private static boolean allZero(double[] th) {
        for (double v : th) {
            if (v != 0) {
                return false;
            }
        }
        return true;
    }

    /** Writes the bins, dsigma/dx, every band, the comparisons and the shifted distribution (if moved) as CSV. */
    public void exportCsv(Path out) throws IOException {
        Computed c = computed.get();
        if (c == null) {
            throw new IllegalStateException("nothing to export yet");
        }
        double[] th = theta();
        String csv = Unfolding.csv(c.result(), "shifted_dsigma_dx", allZero(th) ? null : c.shift().shiftedDsigmaDx(th));
        Files.writeString(out, csv, StandardCharsets.UTF_8);
    }

    /** The unit of an observable expression, for the axis title ("GeV", or "" for angles and ratios). */
    public static String unit(String expression) {
        return Unfolding.unit(expression);
    }

    /** The slider's name: the variation column without its "weights_" prefix. */
    static String label(String column) {
        return column.startsWith("weights_") ? column.substring("weights_".length()) : column;
    }

    static String oneLine(Throwable e) {
        Throwable t = e;
        while (t.getMessage() == null && t.getCause() != null) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.toString() : t.getMessage();
        return m.lines().findFirst().orElse(m);
    }

    public ObjectProperty<Unfolding> explorerProperty() {
        return explorer;
    }

    /** Weight columns recognised in the open result; 0 before one is open. */
    public int weightColumnCount() {
        Unfolding ex = explorer.get();
        return ex == null ? 0 : ex.weightColumnCount();
    }

    /** What is shown: the file's name, or the demo's description. */
    public StringProperty sourceNameProperty() {
        return sourceName;
    }

    /** The loaded file, or null (a demo, or nothing yet). */
    public ObjectProperty<Path> fileProperty() {
        return file;
    }

    /** The loaded result's observables, for the chooser. */
    public ObservableList<String> observables() {
        return observables;
    }

    /** Labels of the alternative files loaded (generator_prior, non_dy, ...). */
    public ObservableList<String> alternatives() {
        return alternatives;
    }

    /** The observable, or an expression of observables such as pT_l1/pT_ll. */
    public StringProperty observableProperty() {
        return observable;
    }

    /** The binning text: N,LO,HI or edges; set by the engine's suggestion when the observable changes. */
    public StringProperty binningProperty() {
        return binning;
    }

    public ObjectProperty<Computed> computedProperty() {
        return computed;
    }

    /** One entry per systematic variation, in the engine's order; rebuilt when a file with others is opened. */
    public ObservableList<Theta> thetas() {
        return thetas;
    }

    /** dsigma/dx at the current thetas (equal to the result's at theta = 0). */
    public ObjectProperty<double[]> shiftedDsigmaDxProperty() {
        return shiftedDsigmaDx;
    }

    /** Chi-square of the prior (weight_mc) against the unfolded result with its full covariance; null without prior. */
    public ObjectProperty<Chi2Test.Result> priorChi2Property() {
        return priorChi2;
    }

    /** As {@link #priorChi2Property()} with the distribution at the current thetas in place of the nominal. */
    public ObjectProperty<Chi2Test.Result> shiftedPriorChi2Property() {
        return shiftedPriorChi2;
    }

    /** A one-line message when the last request failed, else null. */
    public StringProperty errorProperty() {
        return error;
    }

    /** The running load (open or alternative), or null: bind a progress bar to its progress, Cancel to {@link #cancel}. */
    public ReadOnlyObjectProperty<Task<?>> taskProperty() {
        return task.getReadOnlyProperty();
    }

    /** True while a load runs. */
    public BooleanBinding loadingProperty() {
        return Bindings.isNotNull(task);
    }

    @Override
    public String toString() {
        return "UnfoldedViewModel[" + file.get() + ", " + observable.get() + ", " + binning.get() + ", theta="
                + Arrays.toString(theta()) + "]";
    }
}
