package org.nuisance.app.training;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import javafx.scene.control.ProgressBar;
import org.nuisance.engine.ml.ClassifierConfig;
import org.nuisance.engine.ml.EpochProgress;
import org.nuisance.engine.ml.RocCurve;
import org.nuisance.engine.ml.TrainingProgressListener;
import org.nuisance.engine.ml.TrainingSummary;
import org.nuisance.engine.workbench.ClassifierTraining;
import org.nuisance.engine.workbench.EventsSource;

/**
 * State of the Train panel: the events to learn from (signal = the table's signal process, against all
 * others), which columns the network sees, its hyper-parameters, and a training in the background whose
 * progress arrives epoch by epoch. On success the input table with a {@code score} column goes to
 * {@link #setOnScored}; on cancel nothing does. All properties live on the FX thread.
 */
public final class TrainViewModel {

    /** Where a training stands. */
    public enum State { IDLE, RUNNING, SUCCEEDED, CANCELLED, FAILED }

    /** A column the network may read, ticked or not. */
    public static final class Feature {
        private final String name;
        private final BooleanProperty selected;

        Feature(String name, boolean selected) {
            this.name = name;
            this.selected = new SimpleBooleanProperty(selected);
        }

        public String name() {
            return name;
        }

        public BooleanProperty selectedProperty() {
            return selected;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Points of the ROC curve kept for the plot. */
    static final int ROC_POINTS = ClassifierTraining.ROC_POINTS;

    private static final ClassifierConfig DEFAULTS = ClassifierConfig.defaults();
    /** {@link #startFromProperty()}: train from scratch. */
    public static final String SCRATCH = ClassifierTraining.SCRATCH;
    /** {@link #startFromProperty()}: fine-tune the pretrained trunk shipped with the workbench. */
    public static final String BUILTIN = ClassifierTraining.BUILTIN;

    private final ObjectProperty<EventsSource> input = new SimpleObjectProperty<>();
    private final ObservableList<Feature> features = FXCollections.observableArrayList(
            f -> new javafx.beans.Observable[] {f.selectedProperty()});
    private final IntegerProperty hiddenLayers = new SimpleIntegerProperty(DEFAULTS.hiddenLayers());
    private final IntegerProperty width = new SimpleIntegerProperty(DEFAULTS.width());
    private final ObjectProperty<ClassifierConfig.ActivationFunction> activation =
            new SimpleObjectProperty<>(DEFAULTS.activation());
    private final DoubleProperty learningRate = new SimpleDoubleProperty(DEFAULTS.learningRate());
    private final IntegerProperty batchSize = new SimpleIntegerProperty(DEFAULTS.batchSize());
    private final IntegerProperty epochs = new SimpleIntegerProperty(DEFAULTS.maxEpochs());
    private final IntegerProperty patience = new SimpleIntegerProperty(DEFAULTS.patience());
    private final DoubleProperty validationFraction = new SimpleDoubleProperty(DEFAULTS.validationFraction());
    private final IntegerProperty seed = new SimpleIntegerProperty((int) DEFAULTS.seed());

    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.IDLE);
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final StringProperty status = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty();
    private final StringProperty device = new SimpleStringProperty("Device: checking...");
    private final ObservableList<EpochProgress> history = FXCollections.observableArrayList();
    private final DoubleProperty auc = new SimpleDoubleProperty(Double.NaN);
    private final DoubleProperty weightedAuc = new SimpleDoubleProperty(Double.NaN);
    /** Where training starts: {@link #SCRATCH}, {@link #BUILTIN} (the shipped pretrained trunk) or a model folder. */
    private final javafx.beans.property.StringProperty startFrom =
            new javafx.beans.property.SimpleStringProperty(SCRATCH);
    private final javafx.beans.property.DoubleProperty trunkRateFactor =
            new javafx.beans.property.SimpleDoubleProperty(0.1);
    private final ObjectProperty<RocCurve> roc = new SimpleObjectProperty<>();
    private final ObjectProperty<TrainingSummary> summary = new SimpleObjectProperty<>();
    private final BooleanBinding canStart;

    private Consumer<EventsSource> onScored = t -> { };
    private Task<?> task;
    private final ObjectProperty<javafx.scene.image.Image> scalingPlot = new SimpleObjectProperty<>();
    private int[] scalingSizes = {100, 300, 1000, 3000};
    private int scalingSeeds = 3;
    /** Counts trainings; progress from an older one is dropped. */
    private long run;

    public TrainViewModel() {
        input.addListener((o, a, t) -> refreshFeatures(t));
        canStart = Bindings.createBooleanBinding(() -> state.get() != State.RUNNING && input.get() != null
                && features.stream().anyMatch(f -> f.selectedProperty().get()), state, input, features);
        probeDevice();
    }

    /** Asks DJL for the device off the FX thread (its first call loads the PyTorch natives, about a second). */
    private void probeDevice() {
        Thread t = new Thread(() -> {
            String text;
            try {
                text = "Device: " + ClassifierTraining.describeDevice();
            } catch (RuntimeException | LinkageError e) {
                text = "Device: unavailable (" + e.getMessage() + ")";
            }
            String shown = text;
            Platform.runLater(() -> device.set(shown));
        }, "compute-device-probe");
        t.setDaemon(true);
        t.start();
    }

    /** Lists the table's numeric columns; ticks those ticked before, else all PRI_* and DER_* columns. */
    private void refreshFeatures(EventsSource source) {
        Set<String> before = new LinkedHashSet<>(selectedFeatures());
        features.clear();
        if (source == null) {
            return;
        }
        List<String> names = ClassifierTraining.candidateFeatures(source);
        boolean keep = names.stream().anyMatch(before::contains);
        List<Feature> items = new ArrayList<>();
        for (String c : names) {
            items.add(new Feature(c, keep ? before.contains(c) : isPhysicsFeature(c)));
        }
        features.setAll(items);
    }

    /** The challenge's primary (measured) and derived quantities: the default inputs. */
    static boolean isPhysicsFeature(String column) {
        return column.startsWith("PRI_") || column.startsWith("DER_");
    }

    /** Ticks exactly the named features (others unticked). */
    public void selectOnly(List<String> names) {
        for (Feature f : features) {
            f.selectedProperty().set(names.contains(f.name()));
        }
    }

    /** Ticks every PRI_* and DER_* column and nothing else. */
    public void selectPhysicsFeatures() {
        for (Feature f : features) {
            f.selectedProperty().set(isPhysicsFeature(f.name()));
        }
    }

    public List<String> selectedFeatures() {
        List<String> out = new ArrayList<>();
        for (Feature f : features) {
            if (f.selectedProperty().get()) {
                out.add(f.name());
            }
        }
        return out;
    }

    /** The hyper-parameters as set; throws IllegalArgumentException naming a bad value. */
    public ClassifierConfig config() {
        return DEFAULTS.toBuilder()
                .hiddenLayers(hiddenLayers.get())
                .width(width.get())
                .activation(activation.get())
                .learningRate((float) learningRate.get())
                .batchSize(batchSize.get())
                .maxEpochs(epochs.get())
                .patience(patience.get())
                .validationFraction(validationFraction.get())
                .seed(seed.get())
                .build();
    }

    /** The settings to start with, or null (nothing runs) while a run is on or the settings are invalid (said in error). */
    private ClassifierConfig startableConfig() {
        if (!canStart.get()) {
            return null;
        }
        try {
            return config();
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return null;
        }
    }

    /** Starts a training in the background; does nothing while one runs. */
    public void start() {
        ClassifierConfig config = startableConfig();
        if (config == null) {
            return;
        }
        EventsSource table = input.get();
        List<String> chosen = selectedFeatures();
        String start = startFrom.get() == null ? SCRATCH : startFrom.get();
        float factor = (float) trunkRateFactor.get();
        long id = ++run;
        history.clear();
        roc.set(null);
        summary.set(null);
        auc.set(Double.NaN);
        weightedAuc.set(Double.NaN);
        progress.set(0);
        error.set(null);
        status.set(String.format(Locale.ROOT, "%s on %,d events, %d features...",
                SCRATCH.equals(start) ? "Training" : "Fine-tuning the pretrained trunk", table.rows(), chosen.size()));
        state.set(State.RUNNING);

        TrainingProgressListener listener = new TrainingProgressListener() {
            @Override
            public void onEpoch(EpochProgress p) {
                Platform.runLater(() -> showEpoch(id, p));
            }

            @Override
            public void onBatches(int member, int epoch, int eventsDone, int eventsTotal) {
                double f = (epoch - 1 + (double) eventsDone / eventsTotal) / config.maxEpochs();
                Platform.runLater(() -> {
                    if (id == run && state.get() == State.RUNNING) {
                        progress.set(f);
                    }
                });
            }
        };
        Task<ClassifierTraining.Trained> t = new Task<>() {
            @Override
            protected ClassifierTraining.Trained call() {
                // the model stays open after success: the window recomputes its score on shifted events
                return ClassifierTraining.train(table, chosen, config, start, factor, listener, this::isCancelled);
            }
        };
        t.setOnSucceeded(e -> finish(id, t.getValue()));
        t.setOnFailed(e -> {
            if (id == run) {
                Throwable ex = t.getException();
                state.set(State.FAILED);
                error.set(ex == null ? "training failed" : ex.getMessage());
                status.set("Training failed");
            }
        });
        t.setOnCancelled(e -> {
            if (id == run) {
                state.set(State.CANCELLED);
                status.set("Cancelled after " + history.size() + (history.size() == 1 ? " epoch" : " epochs")
                        + "; nothing was added");
            }
        });
        task = t;
        Thread thread = new Thread(t, "classifier-training");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * The data-scaling measurement on the current events: a seeded 30% held out, then for each size and seed a
     * classifier from scratch and one fine-tuned from the pretrained trunk (the chosen one, else the built-in),
     * judged on the held-out events; the plot of held-out weighted AUC against training events arrives in
     * {@link #scalingPlotProperty()}. Runs in the background; Cancel stops it.
     */
    public void startScaling() {
        ClassifierConfig config = startableConfig();
        if (config == null) {
            return;
        }
        EventsSource table = input.get();
        List<String> chosen = selectedFeatures();
        String trunkSpec = SCRATCH.equals(startFrom.get()) || startFrom.get() == null ? BUILTIN : startFrom.get();
        float factor = (float) trunkRateFactor.get();
        int[] sizes = scalingSizes.clone();
        int seeds = scalingSeeds;
        long id = ++run;
        error.set(null);
        progress.set(ProgressBar.INDETERMINATE_PROGRESS);
        status.set(String.format(Locale.ROOT, "Data scaling: %d trainings on up to %,d events...",
                2 * sizes.length * seeds, ClassifierTraining.scalingPool(table)));
        state.set(State.RUNNING);
        Task<javafx.scene.image.Image> t = new Task<>() {
            @Override
            protected javafx.scene.image.Image call() throws Exception {
                byte[] png = ClassifierTraining.dataScalingPng(table, chosen, sizes, seeds, trunkSpec, factor, config);
                return new javafx.scene.image.Image(new java.io.ByteArrayInputStream(png));
            }
        };
        t.setOnSucceeded(e -> {
            if (id == run) {
                scalingPlot.set(t.getValue());
                progress.set(1);
                state.set(State.IDLE);
                status.set("Data scaling done: held-out weighted AUC against training events, on the right");
            }
        });
        t.setOnFailed(e -> {
            if (id == run) {
                state.set(State.FAILED);
                Throwable ex = t.getException();
                error.set(ex == null ? "the data-scaling measurement failed" : ex.getMessage());
                status.set("Data scaling failed");
            }
        });
        t.setOnCancelled(e -> {
            if (id == run) {
                state.set(State.CANCELLED);
                status.set("Data scaling cancelled");
            }
        });
        task = t;
        Thread thread = new Thread(t, "classifier-data-scaling");
        thread.setDaemon(true);
        thread.start();
    }

    /** Sizes and seeds of the data-scaling measurement (smaller in tests). */
    void setScaling(int[] sizes, int seeds) {
        this.scalingSizes = sizes.clone();
        this.scalingSeeds = seeds;
    }

    public ObjectProperty<javafx.scene.image.Image> scalingPlotProperty() {
        return scalingPlot;
    }

    /** Stops the running training: the trainer sees the interrupt at its next batch and frees its native memory. */
    public void cancel() {
        Task<?> t = task;
        if (t != null && t.isRunning()) {
            t.cancel(true);
        }
    }

    private void showEpoch(long id, EpochProgress p) {
        if (id != run || state.get() != State.RUNNING) {
            return;
        }
        history.add(p);
        progress.set((double) p.epoch() / p.maxEpochs());
        auc.set(p.validationAuc());
        weightedAuc.set(p.validationWeightedAuc());
        status.set(String.format(Locale.ROOT, "Epoch %d/%d: loss %.4f, validation loss %.4f, %.0f events/s",
                p.epoch(), p.maxEpochs(), p.trainLoss(), p.validationLoss(), p.eventsPerSecond()));
    }

    private void finish(long id, ClassifierTraining.Trained o) {
        if (o != null && id != run) {
            o.close();
        }
        if (id != run || o == null) {
            return;
        }
        TrainingSummary s = o.summary();
        summary.set(s);
        auc.set(s.validationAuc());
        weightedAuc.set(s.validationWeightedAuc());
        roc.set(o.roc());
        progress.set(1);
        state.set(State.SUCCEEDED);
        status.set(String.format(Locale.ROOT, "Done: %d epochs%s, kept epoch %d, %.1f s; the score column was added",
                s.epochsRun(), s.stoppedEarly() ? " (stopped early)" : "", s.bestEpoch(), s.seconds()));
        // the classifier stays open in the new source: every shifted histogram and fit recomputes the score
        onScored.accept(o.scoredSource());
    }

    /**
     * The training as set, as {@code train --ensemble members} for a cluster; IllegalArgumentException says why
     * not (no events, a table made in the window, an invalid setting).
     */
    public List<String> clusterCommand(int members) {
        if (input.get() == null) {
            throw new IllegalArgumentException("Choose events to train on first");
        }
        if (!SCRATCH.equals(startFrom.get() == null ? SCRATCH : startFrom.get())) {
            throw new IllegalArgumentException("A cluster ensemble trains from scratch; set 'Start from' to scratch");
        }
        return org.nuisance.engine.workbench.ClusterCommands.ensemble(input.get(), selectedFeatures(), config(),
                members, null);
    }

    /**
     * Loads an ensemble trained elsewhere (merged from a cluster's shards) in the background and adds its score
     * to the input as a training here does (the ensemble's mean score; it stays open for shifted events).
     */
    public void adoptEnsemble(java.nio.file.Path merged) {
        EventsSource events = input.get();
        if (events == null) {
            return;
        }
        long id = ++run;
        status.set("Loading the ensemble trained on the cluster...");
        Task<org.nuisance.engine.workbench.ClusterCommands.Ensemble> t = new Task<>() {
            @Override
            protected org.nuisance.engine.workbench.ClusterCommands.Ensemble call() {
                return org.nuisance.engine.workbench.ClusterCommands.ensembleResult(events, merged);
            }
        };
        t.setOnSucceeded(e -> {
            var ens = t.getValue();
            if (id != run) {
                ens.close();
                return;
            }
            auc.set(ens.validationAuc());
            weightedAuc.set(ens.validationWeightedAuc());
            progress.set(1);
            state.set(State.SUCCEEDED);
            status.set(String.format(Locale.ROOT, "Done on the cluster: an ensemble of %d members (%s); the score column "
                    + "was added", ens.members(), merged));
            onScored.accept(ens.scoredSource());
        });
        t.setOnFailed(e -> {
            if (id == run) {
                error.set("the cluster's ensemble: " + t.getException().getMessage());
                status.set("Loading the ensemble failed");
            }
        });
        Thread thread = new Thread(t, "cluster-ensemble-load");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Receives the input events plus a {@code score} column, named "input + score", after each successful training
     * (on the FX thread); the score is recomputed on shifted events.
     */
    public void setOnScored(Consumer<EventsSource> onScored) {
        this.onScored = onScored == null ? t -> { } : onScored;
    }

    /** The selected dataset's events; set by the window. */
    public ObjectProperty<EventsSource> inputProperty() {
        return input;
    }

    public ObservableList<Feature> features() {
        return features;
    }

    public IntegerProperty hiddenLayersProperty() {
        return hiddenLayers;
    }

    public IntegerProperty widthProperty() {
        return width;
    }

    public ObjectProperty<ClassifierConfig.ActivationFunction> activationProperty() {
        return activation;
    }

    public DoubleProperty learningRateProperty() {
        return learningRate;
    }

    public IntegerProperty batchSizeProperty() {
        return batchSize;
    }

    public IntegerProperty epochsProperty() {
        return epochs;
    }

    public IntegerProperty patienceProperty() {
        return patience;
    }

    public DoubleProperty validationFractionProperty() {
        return validationFraction;
    }

    public IntegerProperty seedProperty() {
        return seed;
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** 0 to 1 over the configured epochs (a training that stops early jumps to 1). */
    public DoubleProperty progressProperty() {
        return progress;
    }

    public StringProperty statusProperty() {
        return status;
    }

    /** The last error message, or null. */
    public StringProperty errorProperty() {
        return error;
    }

    /** E.g. "Device: cpu (PyTorch 2.7.1 via DJL 0.36.0, 1 intra-op thread, offline)", for the panel and status bar. */
    public StringProperty deviceProperty() {
        return device;
    }

    /** One entry per finished epoch of the current training. */
    public ObservableList<EpochProgress> history() {
        return history;
    }

    /** Unweighted validation AUC: of the last epoch while training, of the kept epoch when done; NaN before. */
    public DoubleProperty aucProperty() {
        return auc;
    }

    public DoubleProperty weightedAucProperty() {
        return weightedAuc;
    }

    /** The validation ROC curve of the kept network, once a training succeeded. */
    public javafx.beans.property.StringProperty startFromProperty() {
        return startFrom;
    }

    public javafx.beans.property.DoubleProperty trunkRateFactorProperty() {
        return trunkRateFactor;
    }

    public ObjectProperty<RocCurve> rocProperty() {
        return roc;
    }

    public ObjectProperty<TrainingSummary> summaryProperty() {
        return summary;
    }

    public BooleanBinding canStartProperty() {
        return canStart;
    }
}
