package org.nuisance.engine.ml;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nuisance.engine.data.EventTable;
import org.nuisance.engine.data.InputException;

/**
 * N classifiers trained alike but for the seed (seed, seed + 1, ...: different initialisation, split and
 * shuffle). The ensemble score of an event is the mean of the members' scores; the spread is their
 * sample standard deviation, a measure of the training's own variance.
 */
public final class ClassifierEnsemble implements EventScorer {

    /** The ensemble's JSON file inside a model folder. */
    public static final String FILE = "ensemble.json";
    /** Column holding the members' standard deviation when scores are added to a table. */
    public static final String SPREAD_COLUMN = "score_std";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final List<TrainedClassifier> members;

    /** Mean and sample standard deviation of the members' scores per event. */
    public record Scores(float[] mean, float[] spread) {
    }

    record EnsembleJson(String format, List<String> members) {
    }

    public ClassifierEnsemble(List<TrainedClassifier> members) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("an ensemble needs at least one member");
        }
        for (TrainedClassifier m : members) {
            if (!m.features().equals(members.get(0).features())) {
                throw new IllegalArgumentException("ensemble members must share their features");
            }
        }
        this.members = List.copyOf(members);
    }

    /** Trains {@code size} members in turn; listeners see each member's epochs with its index. */
    public static ClassifierEnsemble train(TrainingSet set, ClassifierConfig config, int size,
                                           TrainingProgressListener listener) {
        if (size < 1) {
            throw new IllegalArgumentException("ensemble size must be >= 1, got " + size);
        }
        List<TrainedClassifier> trained = new ArrayList<>();
        try {
            for (int k = 0; k < size; k++) {
                ClassifierTrainer t = new ClassifierTrainer(config.withSeed(config.seed() + k)).addListener(listener);
                trained.add(t.train(set, k));
            }
        } catch (RuntimeException e) {
            trained.forEach(TrainedClassifier::close);
            throw e;
        }
        return new ClassifierEnsemble(trained);
    }

    public List<TrainedClassifier> members() {
        return members;
    }

    @Override
    public List<String> features() {
        return members.get(0).features();
    }

    public Scores scores(EventTable table) {
        int n = table.rows();
        double[] sum = new double[n];
        double[] sum2 = new double[n];
        for (TrainedClassifier m : members) {
            float[] s = m.score(table);
            for (int i = 0; i < n; i++) {
                sum[i] += s[i];
                sum2[i] += (double) s[i] * s[i];
            }
        }
        int k = members.size();
        float[] mean = new float[n];
        float[] spread = new float[n];
        for (int i = 0; i < n; i++) {
            double m = sum[i] / k;
            mean[i] = (float) m;
            spread[i] = k < 2 ? 0f : (float) Math.sqrt(Math.max(0, (sum2[i] - k * m * m) / (k - 1)));
        }
        return new Scores(mean, spread);
    }

    @Override
    public float[] score(EventTable table) {
        return scores(table).mean();
    }

    /** Adds {@value EventScorer#SCORE_COLUMN} (the mean) and {@value #SPREAD_COLUMN}. */
    @Override
    public EventTable withScore(EventTable table) {
        Scores s = scores(table);
        return table.withColumn(SCORE_COLUMN, s.mean()).withColumn(SPREAD_COLUMN, s.spread());
    }

    @Override
    public void save(Path dir) {
        // the folder appears only complete; an earlier model (or ensemble) there is replaced as a whole
        org.nuisance.engine.util.AtomicOutput.writeFolder(dir, "--output", TrainedClassifier::isModelFolder, tmp -> {
            List<String> names = new ArrayList<>();
            for (int k = 0; k < members.size(); k++) {
                String name = String.format(Locale.ROOT, "member-%02d", k);
                members.get(k).save(tmp.resolve(name));
                names.add(name);
            }
            JSON.writeValue(tmp.resolve(FILE).toFile(), new EnsembleJson("nuisance-ensemble/1", names));
        });
    }

    public static ClassifierEnsemble load(Path dir, ComputeDevice.Choice device) {
        EnsembleJson json;
        try {
            json = JSON.readValue(dir.resolve(FILE).toFile(), EnsembleJson.class);
        } catch (IOException e) {
            throw new InputException(dir.resolve(FILE) + ": not a readable ensemble file (" + e.getMessage() + ")", e);
        }
        List<TrainedClassifier> loaded = new ArrayList<>();
        try {
            for (String name : json.members()) {
                loaded.add(TrainedClassifier.load(dir.resolve(name), device));
            }
        } catch (RuntimeException e) {
            loaded.forEach(TrainedClassifier::close);
            throw e;
        }
        return new ClassifierEnsemble(loaded);
    }

    @Override
    public void close() {
        members.forEach(TrainedClassifier::close);
    }
}
