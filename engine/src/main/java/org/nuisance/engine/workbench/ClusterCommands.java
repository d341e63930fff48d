package org.nuisance.engine.workbench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nuisance.engine.hist.Axis;
import org.nuisance.engine.ml.ClassifierConfig;
import org.nuisance.engine.ml.ClassifierEnsemble;
import org.nuisance.engine.ml.ComputeDevice;
import org.nuisance.engine.stats.toys.CoveragePart;

/**
 * The command lines the window hands to "Run on cluster…" (the same words as on the command line, after
 * {@code nuisance}) for what it runs here, and the merged results read back as the window shows a local run.
 */
public final class ClusterCommands {

    private ClusterCommands() {
    }

    /**
     * {@code coverage} for the window's pseudo-experiments: the same events (the file, or the demo regenerated
     * from its seed), column, regular binning and number of pseudo-experiments, drawn from the template events
     * as the window does ({@code --pseudo-data same-events}), the merged part written to {@code output} (null: the
     * submission folder's {@code merged.json}).
     *
     * @throws IllegalArgumentException naming why the run cannot go to a cluster (a table made in the window,
     *                                  a variable binning)
     */
    public static List<String> coverage(EventsSource e, String column, Axis axis, int toys, Path output) {
        List<String> c = new ArrayList<>(List.of("coverage"));
        input(e, c, "Pseudo-experiments");
        if (!e.computed().names().isEmpty()) {
            throw new IllegalArgumentException("Pseudo-experiments on a cluster need the events in a file: this table "
                    + "has columns computed in the window (a classifier's score)");
        }
        if (!axis.isRegular()) {
            throw new IllegalArgumentException("Pseudo-experiments on a cluster take a regular binning (--bins, --range)");
        }
        c.addAll(List.of("--column", column, "--bins", Integer.toString(axis.bins()), "--range",
                num(axis.lo()) + "," + num(axis.hi()), "--toys", Integer.toString(toys), "--pseudo-data", "same-events",
                "--output"));
        return output(c, output);
    }

    /**
     * {@code train --ensemble K} for the Train tab: the same events, features and hyper-parameters, K members
     * seeded seed, seed + 1, ...; the merged ensemble saved in {@code output}. A demo table is regenerated from
     * the training seed ({@code train}'s {@code --seed} seeds both). {@code output} null: the submission folder's
     * {@code merged}.
     */
    public static List<String> ensemble(EventsSource e, List<String> features, ClassifierConfig c, int members,
                                        Path output) {
        if (features.isEmpty()) {
            throw new IllegalArgumentException("Tick at least one feature");
        }
        List<String> cmd = new ArrayList<>(List.of("train"));
        input(e, cmd, "A training");
        if (e.demoEvents() != null) {
            cmd.set(cmd.indexOf("--seed") + 1, Long.toString(c.seed()));
        } else {
            cmd.addAll(List.of("--seed", Long.toString(c.seed())));
        }
        cmd.addAll(List.of("--features", String.join(",", features), "--ensemble", Integer.toString(members),
                "--epochs", Integer.toString(c.maxEpochs()), "--layers", Integer.toString(c.hiddenLayers()),
                "--width", Integer.toString(c.width()), "--activation", c.activation().id(),
                "--learning-rate", num(c.learningRate()), "--batch-size", Integer.toString(c.batchSize()),
                "--patience", Integer.toString(c.patience()), "--validation-fraction", num(c.validationFraction()),
                "--device", c.device() == ComputeDevice.Choice.GPU ? "gpu" : "cpu", "--output"));
        return output(cmd, output);
    }

    /** Ends the command with {@code --output OUT}, or drops the trailing --output when null (the submission's folder). */
    private static List<String> output(List<String> c, Path output) {
        if (output == null) {
            c.remove(c.size() - 1);
        } else {
            c.add(output.toString());
        }
        return c;
    }

    private static void input(EventsSource e, List<String> c, String what) {
        if (e.demoEvents() != null) {
            c.addAll(List.of("--input", "demo", "--events", Integer.toString(e.demoEvents()), "--seed",
                    Long.toString(e.demoSeed())));
        } else if (e.file() != null) {
            c.addAll(List.of("--input", e.file().toAbsolutePath().toString()));
        } else {
            throw new IllegalArgumentException(what + " on a cluster need" + (what.startsWith("A ") ? "s" : "")
                    + " the events in a file: this table was made in the window (save it first)");
        }
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
    }

    /** The merged coverage part of a cluster run, as the window shows a local run's result. */
    public static EventsWorkbench.Coverage coverageResult(Path merged) {
        return EventsWorkbench.Coverage.of(CoveragePart.read(merged).summary());
    }

    /**
     * A merged ensemble loaded back: the input events plus its mean score (named "input + score", recomputed on
     * shifted events as a local training's), and its members' mean validation AUCs. Holds the ensemble open:
     * close it when the source is dropped.
     */
    public record Ensemble(EventsSource scoredSource, int members, double validationAuc, double validationWeightedAuc,
                           ClassifierEnsemble model) implements AutoCloseable {
        @Override
        public void close() {
            model.close();
        }
    }

    /** The merged ensemble of a cluster run, loaded on the CPU, scoring {@code input} as a local training does. */
    public static Ensemble ensembleResult(EventsSource input, Path merged) {
        ClassifierEnsemble e = ClassifierEnsemble.load(merged, ComputeDevice.Choice.CPU);
        try {
            EventsSource scored = EventsSource.scored(input.name() + " + score", e.withScore(input.table()), "score", e);
            return new Ensemble(scored, e.members().size(),
                    e.members().stream().mapToDouble(m -> m.summary().validationAuc()).average().orElse(Double.NaN),
                    e.members().stream().mapToDouble(m -> m.summary().validationWeightedAuc()).average().orElse(Double.NaN),
                    e);
        } catch (RuntimeException ex) {
            e.close();
            throw ex;
        }
    }
}
