package org.nuisance.engine.nsbi;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import org.nuisance.engine.data.InputException;
import org.nuisance.engine.ml.ClassifierConfig;
import org.nuisance.engine.ml.ComputeDevice;
import org.nuisance.engine.ml.Mlp;
import org.nuisance.engine.ml.Standardisation;
import org.nuisance.engine.ml.WeightedBinaryCrossEntropy;

/**
 * GOLLUM's systematic model of one process (arXiv:2505.05544, eq. 7): a network with K outputs Delta(x) such
 * that ln p(x | u) / p(x | 0) = Delta(x) . m(u), m the linear and quadratic monomials of the shape
 * parameters u. Trained as one classifier over design points u_j: events shifted exactly at u_j (class 1)
 * against the nominal events (class 0), both with the monomials m(u_j) as the logit's coefficients,
 * logit = Delta(x) . m(u_j), each design point's two classes balanced to equal weight sums. The optimum
 * logit is the log density ratio at every u_j at once. Holds native memory: close it.
 */
public final class ShapeNetwork implements AutoCloseable {

    static final String CARD = "shape.json";
    private static final String PREFIX = "shape";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Model model;
    private final Standardisation standardisation;
    private final int outputs;
    private final int hiddenLayers;
    private final int width;
    private final ClassifierConfig.ActivationFunction activation;

    private ShapeNetwork(Model model, Standardisation standardisation, int outputs, int hiddenLayers, int width,
                         ClassifierConfig.ActivationFunction activation) {
        this.model = model;
        this.standardisation = standardisation;
        this.outputs = outputs;
        this.hiddenLayers = hiddenLayers;
        this.width = width;
        this.activation = activation;
    }

    /** Training rows: feature-major columns, per-row monomials (row-major, K per row), labels and weights. */
    public record Rows(float[][] columns, float[] monomials, boolean[] labels, float[] weights) {
        public int size() {
            return labels.length;
        }
    }

    /**
     * Trains on rows (see {@link Rows}) for config.maxEpochs() epochs of Adam (architecture, learning rate,
     * batch size, seed and device from config; no validation split: the design points are the test).
     */
    public static ShapeNetwork train(List<String> features, Rows rows, int k, ClassifierConfig config) {
        int n = rows.size();
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        Standardisation st = Standardisation.fit(features, rows.columns(), all, n);
        int inputs = st.inputs();
        float[] x = new float[n * inputs];
        st.transform(rows.columns(), null, 0, n, x);
        // weights to a mean of 1, as the classifier trainer does
        double sw = 0;
        for (float w : rows.weights()) {
            sw += w;
        }
        float[] w = new float[n];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = (float) (rows.weights()[i] * n / sw);
            y[i] = rows.labels()[i] ? 1f : 0f;
        }
        SplittableRandom random = new SplittableRandom(config.seed());
        Block block = Mlp.build(config.hiddenLayers(), config.width(), config.activation(), k);
        Model model = Model.newInstance(PREFIX, ComputeDevice.resolve(config.device()), ComputeDevice.ENGINE);
        boolean handed = false;
        int threadsBefore = ComputeDevice.cpuThreads();
        try {
            model.setBlock(block);
            DefaultTrainingConfig tc = new DefaultTrainingConfig(new WeightedBinaryCrossEntropy())
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(config.learningRate())).build())
                    .optDevices(new ai.djl.Device[] {ComputeDevice.resolve(config.device())})
                    .optInitializer(new Mlp.SeededInitializer(random.nextLong(), config.activation()), Parameter.Type.WEIGHT)
                    .optInitializer(Initializer.ZEROS, Parameter.Type.BIAS);
            ComputeDevice.setCpuThreads(ComputeDevice.trainingThreads());
            try (Trainer trainer = model.newTrainer(tc)) {
                trainer.initialize(new Shape(1, inputs));
                int batch = Math.min(config.batchSize(), n);
                float[] xb = new float[batch * inputs];
                float[] mb = new float[batch * k];
                float[] yb = new float[batch];
                float[] wb = new float[batch];
                int[] order = all.clone();
                for (int epoch = 0; epoch < config.maxEpochs(); epoch++) {
                    for (int i = n - 1; i > 0; i--) {
                        int j = random.nextInt(i + 1);
                        int t = order[i];
                        order[i] = order[j];
                        order[j] = t;
                    }
                    for (int from = 0; from + batch <= n; from += batch) {
                        if (Thread.currentThread().isInterrupted()) {
                            throw new CancellationException("training cancelled");
                        }
                        for (int q = 0; q < batch; q++) {
                            int r = order[from + q];
                            System.arraycopy(x, r * inputs, xb, q * inputs, inputs);
                            System.arraycopy(rows.monomials(), r * k, mb, q * k, k);
                            yb[q] = y[r];
                            wb[q] = w[r];
                        }
                        step(trainer, xb, mb, yb, wb, batch, inputs, k);
                    }
                }
            }
            handed = true;
            return new ShapeNetwork(model, st, k, config.hiddenLayers(), config.width(), config.activation());
        } finally {
            ComputeDevice.setCpuThreads(threadsBefore);
            if (!handed) {
                model.close();
            }
        }
    }

    private static void step(Trainer trainer, float[] xb, float[] mb, float[] yb, float[] wb, int b, int inputs, int k) {
        try (NDManager scope = trainer.getManager().newSubManager()) {
            NDArray x = scope.create(FloatBuffer.wrap(xb, 0, b * inputs), new Shape(b, inputs));
            NDArray m = scope.create(FloatBuffer.wrap(mb, 0, b * k), new Shape(b, k));
            NDArray y = scope.create(FloatBuffer.wrap(yb, 0, b), new Shape(b, 1));
            NDArray w = scope.create(FloatBuffer.wrap(wb, 0, b), new Shape(b, 1));
            try (GradientCollector gc = trainer.newGradientCollector()) {
                NDArray delta = trainer.forward(new NDList(x)).singletonOrThrow();
                NDArray z = delta.mul(m).sum(new int[] {1}, true);
                NDArray l = trainer.getLoss().evaluate(new NDList(y, w), new NDList(z));
                gc.backward(l);
            }
            trainer.step();
        }
    }

    public List<String> features() {
        return standardisation.features();
    }

    public int outputs() {
        return outputs;
    }

    /** Delta(x) for events given as feature-major columns, row-major (K per event). */
    public float[] deltas(float[][] columns) {
        int n = columns[0].length;
        int inputs = standardisation.inputs();
        float[] out = new float[n * outputs];
        int chunk = Mlp.INFERENCE_BATCH;
        float[] x = new float[Math.min(chunk, Math.max(1, n)) * inputs];
        for (int from = 0; from < n; from += chunk) {
            int to = Math.min(n, from + chunk);
            standardisation.transform(columns, null, from, to, x);
            try (NDManager scope = model.getNDManager().newSubManager()) {
                NDArray in = scope.create(FloatBuffer.wrap(x, 0, (to - from) * inputs), new Shape(to - from, inputs));
                float[] d = model.getBlock().forward(new ParameterStore(scope, false), new NDList(in), false)
                        .singletonOrThrow().toFloatArray();
                System.arraycopy(d, 0, out, from * outputs, (to - from) * outputs);
            }
        }
        return out;
    }

    record Card(String format, List<String> features, double[] mean, double[] std, boolean[] definedIndicator,
                int outputs, int hiddenLayers, int width, String activation) {
    }

    public void save(Path dir) {
        try {
            Files.createDirectories(dir);
            model.setProperty("Epoch", "0");
            model.save(dir, PREFIX);
            JSON.writeValue(dir.resolve(CARD).toFile(), new Card("nuisance-nsbi-shape/1", standardisation.features(),
                    standardisation.mean(), standardisation.std(), standardisation.definedIndicator(), outputs,
                    hiddenLayers, width, activation.id()));
        } catch (IOException e) {
            throw new InputException(dir + ": cannot save the shape network (" + e.getMessage() + ")", e);
        }
    }

    public static ShapeNetwork load(Path dir, ComputeDevice.Choice device) {
        Card c;
        try {
            c = JSON.readValue(dir.resolve(CARD).toFile(), Card.class);
        } catch (IOException e) {
            throw new InputException(dir.resolve(CARD) + ": not a readable shape network card (" + e.getMessage() + ")", e);
        }
        ClassifierConfig.ActivationFunction act = ClassifierConfig.ActivationFunction.parse(c.activation());
        Model model = Model.newInstance(PREFIX, ComputeDevice.resolve(device), ComputeDevice.ENGINE);
        try {
            model.setBlock(Mlp.build(c.hiddenLayers(), c.width(), act, c.outputs()));
            model.load(dir, PREFIX);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new InputException(dir + ": cannot load the shape network (" + e.getMessage() + ")", e);
        }
        return new ShapeNetwork(model, new Standardisation(c.features(), c.mean(), c.std(), c.definedIndicator()),
                c.outputs(), c.hiddenLayers(), c.width(), act);
    }

    @Override
    public void close() {
        model.close();
    }
}
