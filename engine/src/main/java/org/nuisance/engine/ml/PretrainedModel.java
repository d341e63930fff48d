package org.nuisance.engine.ml;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.nn.SequentialBlock;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.nuisance.engine.data.EventTable;
import org.nuisance.engine.data.InputException;

/**
 * A pretrained event network: a trunk (hidden layers) shared by a multi-class head (which process) and a
 * regression head (kinematic truth the generator knows), with the standardisation of its inputs and a card
 * saying how it was made. Its trunk is the starting point for fine-tuning a binary classifier
 * ({@link ClassifierTrainer#startFrom}). One is shipped with the workbench ({@link #builtin}).
 */
public final class PretrainedModel implements AutoCloseable {

    /** The card's file name inside a model folder. */
    public static final String CARD_FILE = "pretrained.json";
    static final String PARAMETER_PREFIX = "pretrained";
    /** Where the shipped model lies on the classpath (copied from assets/pretrained by the build). */
    static final String BUILTIN_RESOURCE = "/org/nuisance/engine/ml/pretrained/";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Model model;
    private final Standardisation standardisation;
    private final PretrainedCard card;

    PretrainedModel(Model model, Standardisation standardisation, PretrainedCard card) {
        this.model = model;
        this.standardisation = standardisation;
        this.card = card;
    }

    public List<String> features() {
        return standardisation.features();
    }

    public Standardisation standardisation() {
        return standardisation;
    }

    public PretrainedCard card() {
        return card;
    }

    public int hiddenLayers() {
        return card.hiddenLayers();
    }

    public int width() {
        return card.width();
    }

    public ClassifierConfig.ActivationFunction activation() {
        return ClassifierConfig.ActivationFunction.parse(card.activation());
    }

    ai.djl.ndarray.NDManager manager() {
        return model.getNDManager();
    }

    SequentialBlock block() {
        return (SequentialBlock) model.getBlock();
    }

    /** Copies the trunk's weights and biases into the first layers of a block of the same trunk shape. */
    void copyTrunkInto(SequentialBlock target) {
        var from = block().getParameters();
        var to = target.getParameters();
        for (int k = 0; k < 2 * hiddenLayers(); k++) {
            float[] v = from.get(k).getValue().getArray().toFloatArray();
            to.get(k).getValue().getArray().set(v);
        }
    }

    /**
     * The table with every trunk feature it lacks added as undefined ({@link EventTable#UNDEFINED}), the way
     * the standardisation already treats an absent jet: fine-tuning on a subset of the trunk's features.
     */
    public EventTable withMissingFeatures(EventTable table) {
        EventTable t = table;
        for (String f : features()) {
            if (!t.hasColumn(f)) {
                float[] undefined = new float[t.rows()];
                java.util.Arrays.fill(undefined, EventTable.UNDEFINED);
                t = t.withColumn(f, undefined);
            }
        }
        return t;
    }

    /**
     * The table the trunk should see when a classifier uses only the given features: every trunk feature not
     * among them (or absent from the table) undefined. A feature the trunk does not know is an error.
     */
    public EventTable restrictedTo(EventTable table, List<String> selected) {
        for (String f : selected) {
            if (!features().contains(f)) {
                throw new InputException("feature '" + f + "' is not one the pretrained trunk knows; it knows "
                        + String.join(",", features()));
            }
        }
        EventTable t = table;
        for (String f : features()) {
            if (!selected.contains(f) || !t.hasColumn(f)) {
                float[] undefined = new float[t.rows()];
                java.util.Arrays.fill(undefined, EventTable.UNDEFINED);
                t = t.withColumn(f, undefined);
            }
        }
        return t;
    }

    /** Outputs per event (rows x (classes + targets), row-major): class logits, then standardised regression. */
    public float[] outputs(EventTable table) {
        float[][] columns = standardisation.columnsOf(withMissingFeatures(table));
        int rows = table.rows();
        float[] x = new float[rows * standardisation.inputs()];
        standardisation.transform(columns, null, 0, rows, x);
        return Mlp.outputs(model.getBlock(), model.getNDManager(), x, rows, standardisation.inputs(),
                card.classes().size() + card.targets().size());
    }

    /** The trunk's last hidden layer per event (rows x width, row-major), for representation similarity. */
    public float[] hidden(EventTable table) {
        return hiddenOf(block(), model.getNDManager(), standardisation, withMissingFeatures(table));
    }

    static float[] hiddenOf(SequentialBlock block, ai.djl.ndarray.NDManager manager, Standardisation st,
                            EventTable table) {
        float[][] columns = st.columnsOf(table);
        int rows = table.rows();
        float[] x = new float[rows * st.inputs()];
        st.transform(columns, null, 0, rows, x);
        return Mlp.hidden(block, manager, x, rows, st.inputs());
    }

    /**
     * Writes the model folder: parameters and card into a temporary sibling folder, then renamed into
     * place, so the folder is visible only complete. An existing folder of that name is replaced.
     */
    public void save(Path dir) {
        Path target = dir.toAbsolutePath();
        Path tmp = null;
        try {
            Files.createDirectories(target.getParent());
            tmp = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".tmp");
            model.setProperty("Epoch", "0");
            model.save(tmp, PARAMETER_PREFIX);
            JSON.writeValue(tmp.resolve(CARD_FILE).toFile(), card);
            if (Files.isDirectory(target)) {
                for (String f : List.of(CARD_FILE, PARAMETER_PREFIX + "-0000.params")) {
                    Files.deleteIfExists(target.resolve(f));
                }
                Files.delete(target);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
        } catch (IOException e) {
            throw new InputException(dir + ": cannot save the pretrained model (" + e.getMessage() + ")", e);
        } finally {
            if (tmp != null) {
                try (var files = Files.list(tmp)) {
                    for (Path f : files.toList()) {
                        Files.deleteIfExists(f);
                    }
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the temporary folder is hidden and named after its target
                }
            }
        }
    }

    /** Loads a folder written by {@link #save}. */
    public static PretrainedModel load(Path dir, ComputeDevice.Choice device) {
        PretrainedCard card;
        try {
            card = JSON.readValue(dir.resolve(CARD_FILE).toFile(), PretrainedCard.class);
        } catch (IOException e) {
            throw new InputException(dir.resolve(CARD_FILE) + ": not a readable pretrained-model card ("
                    + e.getMessage().lines().findFirst().orElse("") + ")", e);
        }
        if (!PretrainedCard.FORMAT.equals(card.format())) {
            throw new InputException(dir.resolve(CARD_FILE) + ": format is '" + card.format() + "', expected '"
                    + PretrainedCard.FORMAT + "'");
        }
        Standardisation st = new Standardisation(card.features(), card.mean(), card.std(), card.definedIndicator());
        SequentialBlock block = Mlp.build(card.hiddenLayers(), card.width(),
                ClassifierConfig.ActivationFunction.parse(card.activation()),
                card.classes().size() + card.targets().size());
        Model model = Model.newInstance(PARAMETER_PREFIX, ComputeDevice.resolve(device), ComputeDevice.ENGINE);
        try {
            model.setBlock(block);
            model.load(dir, PARAMETER_PREFIX);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new InputException(dir + ": cannot load the pretrained network's parameters ("
                    + e.getMessage() + ")", e);
        }
        return new PretrainedModel(model, st, card);
    }

    /** The model shipped with the workbench (assets/pretrained), loaded offline from the classpath. */
    public static PretrainedModel builtin(ComputeDevice.Choice device) {
        try {
            Path dir = Files.createTempDirectory("nuisance-pretrained");
            for (String f : List.of(CARD_FILE, PARAMETER_PREFIX + "-0000.params")) {
                try (InputStream in = PretrainedModel.class.getResourceAsStream(BUILTIN_RESOURCE + f)) {
                    if (in == null) {
                        throw new InputException("the built-in pretrained model is missing from this build ("
                                + BUILTIN_RESOURCE + f + "); rebuild with 'mvn package'");
                    }
                    Files.copy(in, dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            try {
                return load(dir, device);
            } finally {
                for (String f : List.of(CARD_FILE, PARAMETER_PREFIX + "-0000.params")) {
                    Files.deleteIfExists(dir.resolve(f));
                }
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new InputException("cannot unpack the built-in pretrained model (" + e.getMessage() + ")", e);
        }
    }

    /** 'builtin' or a model folder. */
    public static PretrainedModel open(String spec, ComputeDevice.Choice device) {
        return "builtin".equals(spec) ? builtin(device) : load(Path.of(spec), device);
    }

    @Override
    public void close() {
        model.close();
    }
}
