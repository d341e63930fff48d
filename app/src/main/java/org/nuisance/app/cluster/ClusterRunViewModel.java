package org.nuisance.app.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.nuisance.engine.workbench.ClusterRuns;

/**
 * The "Run on cluster…" dialog's state: the sbatch settings (remembered between sessions), the submission's
 * per-shard progress, and the merged result's text. Calls the engine only through {@link ClusterRuns}, off
 * the FX thread.
 */
public final class ClusterRunViewModel {

    private static final String NODE = "org/nuisance/app/cluster";
    /** Why Slurm cannot be used here, or null; replaceable by tests (a machine without sbatch). */
    static java.util.function.Supplier<String> availability = ClusterRuns::unavailableReason;
    /** Where the settings are remembered; replaceable by tests (a node of their own). */
    static java.util.function.Supplier<Preferences> preferences = () -> Preferences.userRoot().node(NODE);

    private final List<String> command;
    final IntegerProperty shards = new SimpleIntegerProperty(4);
    final StringProperty partition = new SimpleStringProperty("");
    final StringProperty time = new SimpleStringProperty("01:00:00");
    final StringProperty cpusPerTask = new SimpleStringProperty("");
    final StringProperty mem = new SimpleStringProperty("");
    final StringProperty gpus = new SimpleStringProperty("");
    final StringProperty account = new SimpleStringProperty("");
    final StringProperty extra = new SimpleStringProperty("");
    final StringProperty workdir = new SimpleStringProperty("");
    final StringProperty message = new SimpleStringProperty("");
    final StringProperty result = new SimpleStringProperty("");
    final BooleanProperty available = new SimpleBooleanProperty(false);
    final BooleanProperty submitted = new SimpleBooleanProperty(false);
    final ObservableList<String> progress = FXCollections.observableArrayList();
    private final Preferences prefs;
    private java.util.function.Consumer<Path> onMerged = p -> { };
    private boolean delivered;
    /** The submission's own folder under the chosen one (each submission gets a fresh one). */
    private Path runDir;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "cluster-run");
        t.setDaemon(true);
        return t;
    });

    /** For the command line after {@code nuisance}, e.g. {@code coverage --input demo ... --toys 1000}. */
    public ClusterRunViewModel(List<String> command) {
        this(command, preferences.get());
    }

    ClusterRunViewModel(List<String> command, Preferences prefs) {
        this.command = List.copyOf(command);
        this.prefs = prefs;
        shards.set(prefs.getInt("shards", 4));
        partition.set(prefs.get("partition", ""));
        time.set(prefs.get("time", "01:00:00"));
        cpusPerTask.set(prefs.get("cpusPerTask", ""));
        mem.set(prefs.get("mem", ""));
        gpus.set(prefs.get("gpus", ""));
        account.set(prefs.get("account", ""));
        extra.set(prefs.get("extra", ""));
        workdir.set(prefs.get("workdir", Path.of(System.getProperty("user.home"), "nuisance-runs", command.get(0)).toString()));
    }

    public String commandLine() {
        return "nuisance " + String.join(" ", command);
    }

    /** Looks for sbatch (off the FX thread); the dialog says why when it is missing. */
    void probe() {
        worker.execute(() -> {
            String why = availability.get();
            Platform.runLater(() -> {
                available.set(why == null);
                message.set(why == null ? "Slurm answers here: submit when ready." : why);
            });
        });
    }

    void remember() {
        prefs.putInt("shards", shards.get());
        prefs.put("partition", partition.get());
        prefs.put("time", time.get());
        prefs.put("cpusPerTask", cpusPerTask.get());
        prefs.put("mem", mem.get());
        prefs.put("gpus", gpus.get());
        prefs.put("account", account.get());
        prefs.put("extra", extra.get());
        prefs.put("workdir", workdir.get());
    }

    ClusterRuns.Settings settings() {
        Integer cpus = cpusPerTask.get().isBlank() ? null : Integer.valueOf(cpusPerTask.get().strip());
        List<String> extras = new ArrayList<>(Arrays.asList(extra.get().split("\\R|;")));
        extras.removeIf(String::isBlank);
        return new ClusterRuns.Settings(shards.get(), partition.get(), time.get(), cpus, mem.get(), gpus.get(), account.get(),
                extras);
    }

    /** Remembers the settings and submits; progress then refreshes with {@link #refresh()}. */
    void submit() {
        remember();
        ClusterRuns.Settings s;
        try {
            s = settings();
        } catch (NumberFormatException e) {
            message.set("CPUs per task: not a whole number: " + cpusPerTask.get());
            return;
        }
        Path dir = Path.of(workdir.get()).resolve(command.get(0) + "-" + java.time.LocalDateTime.now()
                .format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        runDir = dir;
        message.set("submitting…");
        worker.execute(() -> {
            try {
                String job = ClusterRuns.submit(s, dir, command);
                Platform.runLater(() -> {
                    submitted.set(true);
                    message.set("submitted: array job " + job + " (" + s.shards() + " shards) and its merge job");
                });
            } catch (RuntimeException e) {
                Platform.runLater(() -> message.set(e.getMessage()));
            }
        });
    }

    /** Reads the per-shard states; once merged, the result text. */
    void refresh() {
        if (!submitted.get()) {
            return;
        }
        Path dir = runDir;
        worker.execute(() -> {
            try {
                ClusterRuns.Progress p = ClusterRuns.progress(dir);
                List<String> lines = new ArrayList<>();
                for (ClusterRuns.ShardLine l : p.shards()) {
                    lines.add("shard " + l.shard() + ": " + l.state() + (l.detail().isEmpty() ? "" : " (" + l.detail() + ")"));
                    l.logTail().forEach(t -> lines.add("    " + t));
                }
                lines.add("merge: " + p.mergeState());
                String merged = p.merged() ? ClusterRuns.mergedText(dir) : "";
                Path output = p.merged() ? ClusterRuns.output(dir) : null;
                Platform.runLater(() -> {
                    progress.setAll(lines);
                    if (!merged.isEmpty()) {
                        result.set(merged);
                        message.set("merged: " + output);
                        if (!delivered) {
                            delivered = true;
                            onMerged.accept(output);
                        }
                    }
                });
            } catch (RuntimeException e) {
                Platform.runLater(() -> message.set(e.getMessage()));
            }
        });
    }

    /** Called once, on the FX thread, with the merged result's path when the merge job has finished. */
    void setOnMerged(java.util.function.Consumer<Path> onMerged) {
        this.onMerged = onMerged == null ? p -> { } : onMerged;
    }

    /** The submission's folder (scripts, logs, parts, submission.json); null before Submit. */
    Path runDir() {
        return runDir;
    }

    void cancel() {
        Path dir = runDir;
        worker.execute(() -> {
            try {
                ClusterRuns.cancel(dir);
                Platform.runLater(() -> message.set("cancelled"));
            } catch (RuntimeException e) {
                Platform.runLater(() -> message.set(e.getMessage()));
            }
        });
    }
}
