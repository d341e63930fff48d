package org.nuisance.engine.ml;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.nuisance.engine.data.EventTable;
import org.nuisance.engine.data.InputException;

/**
 * A trained classifier: the DJL network, the input standardisation and how it was trained. Scores are
 * sigmoid(logit) in (0, 1); higher is more signal-like (class 1). Holds native memory: close it.
 * Scoring may run on several threads at once.
 */
public final class TrainedClassifier implements EventScorer {

    /** The JSON card's file name inside a model folder. */
    public static final String CARD_FILE = "model.json";
    static final String PARAMETER_PREFIX = "classifier";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Model model;
    private final Standardisation standardisation;
    private final ClassifierConfig config;
    private final double priorFactor;
    private final TrainingSummary summary;
    /** The parameter file a loaded classifier came from (DJL cannot save a block it loaded but did not build); else null. */
    private final Path loadedParameters;

    TrainedClassifier(Model model, Standardisation standardisation, ClassifierConfig config, double priorFactor,
                      TrainingSummary summary) {
        this(model, standardisation, config, priorFactor, summary, null);
    }

    private TrainedClassifier(Model model, Standardisation standardisation, ClassifierConfig config, double priorFactor,
                              TrainingSummary summary, Path loadedParameters) {
        this.model = model;
        this.standardisation = standardisation;
        this.config = config;
        this.priorFactor = priorFactor;
        this.summary = summary;
        this.loadedParameters = loadedParameters;
    }

    /** Trains with the given settings; a shorthand for {@code new ClassifierTrainer(config).addListener(l).train(set)}. */
    public static TrainedClassifier train(TrainingSet set, ClassifierConfig config, TrainingProgressListener listener) {
        return new ClassifierTrainer(config).addListener(listener).train(set);
    }

    /** The features the classifier reads (a fine-tuned one's trunk may know more, fed as undefined). */
    @Override
    public List<String> features() {
        return standardisation.usedFeatures();
    }

    public Standardisation standardisation() {
        return standardisation;
    }

    public ClassifierConfig config() {
        return config;
    }

    public TrainingSummary summary() {
        return summary;
    }

    /** W0 / W1, the background-to-signal ratio of class weight sums in the loss (1 when balanced); see {@link DensityRatio}. */
    public double priorFactor() {
        return priorFactor;
    }

    /** Network outputs before the sigmoid, one per event. */
    public float[] logits(EventTable table) {
        return logitsOfAll(standardisation.columnsOf(table), table.rows());
    }

    /** Logits for feature-major raw columns in this classifier's {@link #features()} order. */
    public float[] logits(float[][] columns, int rows) {
        List<String> used = features();
        if (used.size() != standardisation.features().size()) {
            // a fine-tuned trunk: the features it was told not to use go in as undefined
            float[][] all = new float[standardisation.features().size()][];
            float[] undefined = new float[rows];
            java.util.Arrays.fill(undefined, org.nuisance.engine.data.EventTable.UNDEFINED);
            for (int f = 0, u = 0; f < all.length; f++) {
                all[f] = standardisation.masked()[f] ? undefined : columns[u++];
            }
            columns = all;
        }
        return logitsOfAll(columns, rows);
    }

    private float[] logitsOfAll(float[][] columns, int rows) {
        int inputs = standardisation.inputs();
        float[] out = new float[rows];
        // Standardise a chunk at a time so a large table never needs a full copy of its inputs.
        int chunk = Mlp.INFERENCE_BATCH * 8;
        float[] x = new float[Math.min(chunk, Math.max(rows, 1)) * inputs];
        for (int from = 0; from < rows; from += chunk) {
            int to = Math.min(rows, from + chunk);
            standardisation.transform(columns, null, from, to, x);
            float[] z = Mlp.logits(model.getBlock(), model.getNDManager(), x, to - from, inputs);
            System.arraycopy(z, 0, out, from, to - from);
        }
        return out;
    }

    @Override
    public float[] score(EventTable table) {
        float[] z = logits(table);
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) (1.0 / (1.0 + Math.exp(-z[i])));
        }
        return z;
    }

    @Override
    public EventTable withScore(EventTable table) {
        return withScore(table, SCORE_COLUMN);
    }

    public EventTable withScore(EventTable table, String column) {
        return table.withColumn(column, score(table));
    }

    /** The last hidden layer's activations per event (rows x width, row-major), for representation similarity. */
    public float[] hidden(EventTable table) {
        return PretrainedModel.hiddenOf((ai.djl.nn.SequentialBlock) model.getBlock(), model.getNDManager(),
                standardisation, table);
    }

    /** The density ratio p1(x) / p0(x) per event, with the class-prior correction; see {@link DensityRatio}. */
    public float[] densityRatio(EventTable table) {
        return DensityRatio.fromLogits(logits(table), priorFactor);
    }

    @Override
    public void save(Path dir) {
        // the folder appears only complete; an earlier model (or ensemble) there is replaced as a whole
        org.nuisance.engine.util.AtomicOutput.writeFolder(dir, "--output", TrainedClassifier::isModelFolder, tmp -> {
            if (loadedParameters != null) {
                // a loaded network is saved as the file it came from, byte for byte (the same parameters)
                Files.copy(loadedParameters, tmp.resolve(loadedParameters.getFileName().toString()));
            } else {
                model.setProperty("Epoch", "0");
                model.save(tmp, PARAMETER_PREFIX);
            }
            JSON.writeValue(tmp.resolve(CARD_FILE).toFile(), card());
        });
    }

    /** A folder a model or an ensemble was saved to (and so may be replaced by a new one). */
    static boolean isModelFolder(Path dir) {
        return Files.isRegularFile(dir.resolve(CARD_FILE)) || Files.isRegularFile(dir.resolve(ClassifierEnsemble.FILE));
    }

    private ModelCard card() {
        TrainingSummary s = summary;
        return new ModelCard(ModelCard.FORMAT, standardisation.features(),
                new ModelCard.StandardisationJson(standardisation.mean(), standardisation.std(),
                        standardisation.definedIndicator(), standardisation.masked()),
                new ModelCard.ArchitectureJson(standardisation.inputs(), config.hiddenLayers(), config.width(),
                        config.activation().id(), "logit"),
                PARAMETER_PREFIX + "-0000.params", priorFactor,
                new ModelCard.TrainingJson(config.seed(), config.learningRate(), config.batchSize(), config.maxEpochs(),
                        config.patience(), config.validationFraction(), config.eventWeights(), config.balanceClasses(), s.epochsRun(),
                        s.bestEpoch(), finiteOrNull(s.validationLoss()), finiteOrNull(s.validationAuc()),
                        finiteOrNull(s.validationWeightedAuc()),
                        s.trainingEvents(), s.validationEvents(), s.seconds(), s.device(), s.stoppedEarly()));
    }

    private static Double finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** Loads a folder written by {@link #save}. */
    /** Reads and checks the model card of a model folder without loading the network (fuzzing, validation). */
    public static void checkCard(Path dir) {
        readCard(dir);
    }

    private static ModelCard readCard(Path dir) {
        ModelCard card;
        try {
            card = JSON.readValue(dir.resolve(CARD_FILE).toFile(), ModelCard.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw new InputException(dir.resolve(CARD_FILE) + ": not a readable model card" + where + " ("
                    + org.nuisance.engine.data.Hdf5EventReader.oneLine(new RuntimeException(e.getOriginalMessage())) + ")", e);
        } catch (IOException e) {
            throw new InputException(dir.resolve(CARD_FILE) + ": not a readable model card ("
                    + org.nuisance.engine.util.AtomicOutput.describe(e) + ")", e);
        }
        if (card == null) {
            throw new InputException(dir.resolve(CARD_FILE) + ": holds no model card (null)");
        }
        if (!ModelCard.FORMAT.equals(card.format())) {
            throw new InputException(dir.resolve(CARD_FILE) + ": format is '" + card.format() + "', expected '"
                    + ModelCard.FORMAT + "'");
        }
        requireComplete(card, dir.resolve(CARD_FILE));
        return card;
    }

    public static TrainedClassifier load(Path dir, ComputeDevice.Choice device) {
        ModelCard card = readCard(dir);
        Standardisation st = new Standardisation(card.features(), card.standardisation().mean(),
                card.standardisation().std(), card.standardisation().definedIndicator(), card.standardisation().masked());
        ModelCard.ArchitectureJson a = card.architecture();
        ModelCard.TrainingJson t = card.training();
        ClassifierConfig config = new ClassifierConfig(a.hiddenLayers(), a.width(),
                ClassifierConfig.ActivationFunction.parse(a.activation()), t.learningRate(), t.batchSize(),
                t.maxEpochs(), t.patience(), t.validationFraction(), t.seed(), t.eventWeights(), t.balanceClasses(),
                device);
        TrainingSummary summary = new TrainingSummary(t.epochsRun(), t.bestEpoch(),
                t.validationLoss() == null ? Double.NaN : t.validationLoss(),
                t.validationAuc() == null ? Double.NaN : t.validationAuc(),
                t.validationWeightedAuc() == null ? Double.NaN : t.validationWeightedAuc(), t.trainingEvents(), t.validationEvents(),
                t.seconds(), t.device(), t.stoppedEarly());
        Block block = Mlp.build(a.hiddenLayers(), a.width(), config.activation());
        Model model = Model.newInstance(PARAMETER_PREFIX, ComputeDevice.resolve(device), ComputeDevice.ENGINE);
        try {
            model.setBlock(block);
            model.load(dir, PARAMETER_PREFIX);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new InputException(dir + ": cannot load the network parameters ("
                    + org.nuisance.engine.data.Hdf5EventReader.oneLine(e) + ")", e);
        }
        try {
            requireShapes(block, st.inputs(), a, dir);
        } catch (InputException e) {
            model.close();
            throw e;
        }
        return new TrainedClassifier(model, st, config, card.densityRatioPriorFactor(), summary,
                dir.resolve(PARAMETER_PREFIX + "-0000.params"));
    }

    /** Every field the card needs is there and consistent, else one line naming the field. */
    private static void requireComplete(ModelCard card, Path file) {
        String missing = card.features() == null || card.features().isEmpty() ? "features"
                : card.standardisation() == null ? "standardisation"
                : card.standardisation().mean() == null || card.standardisation().std() == null ? "standardisation.mean/std"
                : card.architecture() == null ? "architecture"
                : card.training() == null ? "training"
                : card.architecture().activation() == null ? "architecture.activation" : null;
        if (missing != null) {
            throw new InputException(file + ": field '" + missing + "' is missing or empty");
        }
        int n = card.features().size();
        if (card.standardisation().mean().length != n || card.standardisation().std().length != n) {
            throw new InputException(file + ": standardisation has " + card.standardisation().mean().length
                    + " means and " + card.standardisation().std().length + " widths for " + n + " features");
        }
        for (int i = 0; i < n; i++) {
            double m = card.standardisation().mean()[i];
            double sd = card.standardisation().std()[i];
            if (!Double.isFinite(m) || !(sd > 0) || !Double.isFinite(sd)) {
                throw new InputException(file + ": standardisation of feature '" + card.features().get(i)
                        + "' is mean " + m + ", std " + sd + "; expected finite numbers and std > 0");
            }
        }
        ModelCard.ArchitectureJson a = card.architecture();
        if (a.hiddenLayers() < 1 || a.hiddenLayers() > 64 || a.width() < 1 || a.width() > 65_536) {
            throw new InputException(file + ": architecture has " + a.hiddenLayers() + " hidden layers of width "
                    + a.width() + "; expected 1..64 layers of 1..65536 units");
        }
    }

    /**
     * The loaded parameters must be those of the card's architecture: DJL takes the shapes from the
     * parameter file, so a card that does not match would otherwise score with another network.
     */
    private static void requireShapes(Block block, int inputs, ModelCard.ArchitectureJson a, Path dir) {
        List<ai.djl.ndarray.types.Shape> weights = new java.util.ArrayList<>();
        for (ai.djl.util.Pair<String, ai.djl.nn.Parameter> p : block.getParameters()) {
            if (p.getKey().endsWith("weight") && p.getValue().getArray() != null) {
                weights.add(p.getValue().getArray().getShape());
            }
        }
        List<ai.djl.ndarray.types.Shape> expected = new java.util.ArrayList<>();
        expected.add(new ai.djl.ndarray.types.Shape(a.width(), inputs));
        for (int k = 1; k < a.hiddenLayers(); k++) {
            expected.add(new ai.djl.ndarray.types.Shape(a.width(), a.width()));
        }
        expected.add(new ai.djl.ndarray.types.Shape(1, a.width()));
        if (!weights.equals(expected)) {
            throw new InputException(dir + ": the parameter file holds layers " + weights + " but " + CARD_FILE
                    + " describes " + expected + " (" + inputs + " inputs); the card does not belong to these parameters");
        }
    }

    /** The native memory manager holding the parameters (for tests of resource use). */
    NDManager manager() {
        return model.getNDManager();
    }

    @Override
    public void close() {
        model.close();
    }
}
