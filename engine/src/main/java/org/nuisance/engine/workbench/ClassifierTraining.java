package org.nuisance.engine.workbench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import org.nuisance.engine.data.EventTable;
import org.nuisance.engine.ml.ClassifierConfig;
import org.nuisance.engine.ml.ClassifierTrainer;
import org.nuisance.engine.ml.ComputeDevice;
import org.nuisance.engine.ml.PretrainedModel;
import org.nuisance.engine.ml.RocCurve;
import org.nuisance.engine.ml.ScalingPlot;
import org.nuisance.engine.ml.TrainedClassifier;
import org.nuisance.engine.ml.TrainingProgressListener;
import org.nuisance.engine.ml.TrainingScaling;
import org.nuisance.engine.ml.TrainingSet;
import org.nuisance.engine.ml.TrainingSummary;

/**
 * The Train tab's door to the engine: a signal-against-background classifier trained on an events source
 * (from scratch or fine-tuned from a pretrained trunk), its ROC curve on the validation split, the scored
 * table as a new source whose score is recomputed on shifted events, and the data-scaling measurement.
 */
public final class ClassifierTraining {

    /** {@link #train}'s start: from scratch; any other value names a pretrained trunk ("builtin" or a folder). */
    public static final String SCRATCH = "scratch";
    /** The pretrained trunk shipped with the workbench. */
    public static final String BUILTIN = "builtin";

    private ClassifierTraining() {
    }

    /** The compute device DJL would train on, in words; the first call loads the PyTorch natives (about a second). */
    public static String describeDevice() {
        return ComputeDevice.describe();
    }

    /** The numeric columns a classifier may read: all but the event weight and the truth label. */
    public static List<String> candidateFeatures(EventsSource source) {
        EventTable table = source.table();
        List<String> names = new ArrayList<>();
        for (String c : table.numericColumns()) {
            // the label would give the answer away; the weight is not an input
            if (!c.equals(table.weightColumn()) && !c.equals("labels")) {
                names.add(c);
            }
        }
        return names;
    }

    /**
     * A finished training: its summary and ROC curve, and the classifier, open (it owns native memory) until
     * {@link #close()}, so that the window can recompute its score on shifted events.
     */
    public static final class Trained implements AutoCloseable {
        private final EventsSource input;
        private final TrainedClassifier model;
        private final RocCurve roc;

        private Trained(EventsSource input, TrainedClassifier model, RocCurve roc) {
            this.input = input;
            this.model = model;
            this.roc = roc;
        }

        public TrainingSummary summary() {
            return model.summary();
        }

        public RocCurve roc() {
            return roc;
        }

        /**
         * The input events plus a {@code score} column, named "input + score"; every shifted histogram, template
         * and pseudo-experiment recomputes the score on the shifted events (as {@code coverage --model}).
         */
        public EventsSource scoredSource() {
            return EventsSource.scored(input.name() + " + score", model.withScore(input.table()), "score", model);
        }

        @Override
        public void close() {
            model.close();
        }
    }

    /**
     * Trains on the ticked features; {@code start} is {@link #SCRATCH} or a trunk ({@link #BUILTIN} or a model
     * folder) fine-tuned with its learning rate times {@code trunkRateFactor}. Returns null if {@code cancelled}
     * says so once the training is over (the model is then closed).
     */
    public static Trained train(EventsSource input, List<String> features, ClassifierConfig config, String start,
                                float trunkRateFactor, TrainingProgressListener listener, BooleanSupplier cancelled) {
        EventTable table = input.table();
        TrainingSet set = TrainingSet.signalVsBackground(table, features);
        TrainedClassifier model;
        if (SCRATCH.equals(start)) {
            model = new ClassifierTrainer(config).addListener(listener).train(set);
        } else {
            try (PretrainedModel trunk = PretrainedModel.open(start, config.device())) {
                TrainingSet onTrunk = TrainingSet.signalVsBackground(trunk.restrictedTo(table, features),
                        trunk.features());
                model = new ClassifierTrainer(config).startFrom(trunk, trunkRateFactor, features).addListener(listener)
                        .train(onTrunk);
            }
            // the same events, labels and weights in the fine-tuned classifier's own feature order
            set = TrainingSet.signalVsBackground(table, model.features());
        }
        try {
            if (cancelled.getAsBoolean()) {
                model.close();
                return null;
            }
            return new Trained(input, model, RocCurve.onValidationSplit(model, set, ROC_POINTS));
        } catch (RuntimeException ex) {
            model.close();
            throw ex;
        }
    }

    /** Points of the ROC curve kept for the plot. */
    public static final int ROC_POINTS = 400;

    /** Events a data-scaling measurement trains on at most: the 70% not held out. */
    public static int scalingPool(EventsSource input) {
        return (int) Math.round(input.table().rows() * 0.7);
    }

    /**
     * The data-scaling measurement as a PNG: a seeded 30% held out, then for each size and seed a classifier from
     * scratch and one fine-tuned from {@code trunkSpec}, judged on the held-out events by weighted AUC.
     */
    public static byte[] dataScalingPng(EventsSource input, List<String> features, int[] sizes, int seeds,
                                        String trunkSpec, float trunkRateFactor, ClassifierConfig config) {
        EventTable[] split = TrainingScaling.heldOutSplit(input.table(), 0.3, config.seed() + 2014);
        EventTable test = split[0];
        EventTable pool = split[1];
        TrainingScaling.Result result;
        try (PretrainedModel trunk = PretrainedModel.open(trunkSpec, config.device())) {
            result = TrainingScaling.run(pool, test, features, sizes, seeds, trunk, trunkRateFactor, config, 0,
                    TrainingProgressListener.NONE);
        }
        try {
            Path png = Files.createTempFile("nuisance-scaling", ".png");
            try {
                ScalingPlot.write(result.rows(), String.format(Locale.ROOT,
                        "%,d held-out events, %d seeds, trunk learning-rate factor %s", test.rows(), seeds,
                        trunkRateFactor), png);
                return Files.readAllBytes(png);
            } finally {
                Files.deleteIfExists(png);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
