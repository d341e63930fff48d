package org.nuisance.engine.ml;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Trains the weighted binary classifier ({@link ClassifierConfig}) on a {@link TrainingSet}:
 * <ol>
 *   <li>a seeded random split into training and validation events;</li>
 *   <li>{@link Standardisation} fitted on the training split (undefined values become 0 plus an
 *       "is defined" input);</li>
 *   <li>weights (the events' own, or 1 each without eventWeights): with balanceClasses each class's weights are scaled to sum to n_train / 2, else all
 *       by one factor to sum to n_train (the class priors are kept and corrected for in
 *       {@link DensityRatio}); a class whose weights sum to <= 0 is an error, single negative weights
 *       are fine;</li>
 *   <li>Adam on {@link WeightedBinaryCrossEntropy}, batches drawn from a seeded shuffle each epoch;</li>
 *   <li>after each epoch the validation loss and AUC are reported; the parameters of the epoch with the
 *       lowest validation loss are kept, and training stops after {@code patience} epochs without one.</li>
 * </ol>
 * On the CPU the same seed gives identical scores: initialisation, split and shuffle come from Java
 * random streams, and PyTorch's CPU kernels gave bit-identical results with 1 and 2 threads (MlClassifierTest).
 * CPU training runs with {@link ComputeDevice#trainingThreads()} intra-op threads (default 1, measured faster).
 */
public final class ClassifierTrainer {

    private final ClassifierConfig config;
    private final List<TrainingProgressListener> listeners = new CopyOnWriteArrayList<>();
    private volatile NDManager liveManager;
    private PretrainedModel pretrained;
    private float trunkRateFactor = 1f;
    private List<String> usedFeatures = List.of();
    private float finalRateFactor = 1f;
    private boolean spreadBiases;

    public ClassifierTrainer(ClassifierConfig config) {
        this.config = config;
    }

    /**
     * Fine-tunes instead of training from scratch: the pretrained model's standardisation and trunk (its
     * architecture replaces the configured one), a fresh seeded head, and the trunk trained at
     * trunkRateFactor times the learning rate. The training set's features must be the trunk's, in its order
     * ({@link PretrainedModel#withMissingFeatures} supplies the ones a table lacks as undefined).
     */
    public ClassifierTrainer startFrom(PretrainedModel trunk, float trunkRateFactor) {
        return startFrom(trunk, trunkRateFactor, trunk.features());
    }

    /** As {@link #startFrom(PretrainedModel, float)}, the classifier reading only the used features (the rest masked). */
    public ClassifierTrainer startFrom(PretrainedModel trunk, float trunkRateFactor, List<String> used) {
        this.usedFeatures = List.copyOf(used);
        if (!(trunkRateFactor >= 0) || !Float.isFinite(trunkRateFactor)) {
            throw new IllegalArgumentException("the trunk's learning-rate factor must be >= 0, got " + trunkRateFactor);
        }
        this.pretrained = trunk;
        this.trunkRateFactor = trunkRateFactor;
        return this;
    }

    /**
     * Cosine decay of the learning rate over the configured epochs, from the configured rate to
     * {@code finalFactor} times it (1: fixed, the default). The last epochs then average out the minibatch
     * noise instead of jittering at full rate: a ratio read from the logit exp(z) (OmniFold, NSBI) needs it.
     */
    public ClassifierTrainer decayLearningRate(float finalFactor) {
        if (!(finalFactor > 0 && finalFactor <= 1)) {
            throw new IllegalArgumentException("the final learning-rate factor must be in (0, 1], got " + finalFactor);
        }
        this.finalRateFactor = finalFactor;
        return this;
    }

    /**
     * Seeded uniform biases in [-1, 1] instead of zeros. With zero biases every first-layer ReLU of a
     * one-dimensional input bends at the same point (the standardised 0), so the network starts as a function
     * with a single kink and learns the tails of a density ratio slowly; spread biases spread the kinks.
     */
    public ClassifierTrainer spreadBiases(boolean spread) {
        this.spreadBiases = spread;
        return this;
    }

    public ClassifierTrainer addListener(TrainingProgressListener listener) {
        listeners.add(listener);
        return this;
    }

    public ClassifierConfig config() {
        return config;
    }

    public TrainedClassifier train(TrainingSet set) {
        return train(set, 0);
    }

    /** Native arrays currently held by the model being trained (0 when none); the leak test watches this. */
    int nativeArrayCount() {
        NDManager m = liveManager;
        return m == null || !m.isOpen() ? 0 : countArrays(m);
    }

    private static int countArrays(NDManager m) {
        return ((ai.djl.ndarray.BaseNDManager) m).getManagedArrays().size();
    }

    TrainedClassifier train(TrainingSet set, int member) {
        long start = System.nanoTime();
        int n = set.size();
        SplittableRandom random = new SplittableRandom(config.seed());
        int[] perm = permutation(n, random);
        int nVal = (int) Math.round(n * config.validationFraction());
        int nTrain = n - nVal;
        if (nTrain < 2) {
            throw new IllegalArgumentException("too few events to train: " + n);
        }
        int[] valRows = java.util.Arrays.copyOfRange(perm, 0, nVal);
        int[] trainRows = java.util.Arrays.copyOfRange(perm, nVal, n);

        if (pretrained != null && !pretrained.features().equals(set.features())) {
            throw new IllegalArgumentException("fine-tuning needs the pretrained trunk's features in its order "
                    + pretrained.features() + ", got " + set.features());
        }
        ClassifierConfig config = pretrained == null ? this.config
                : this.config.withArchitecture(pretrained.hiddenLayers(), pretrained.width(), pretrained.activation());
        Standardisation standardisation = pretrained != null ? pretrained.standardisation().usingOnly(usedFeatures)
                : Standardisation.fit(set.features(), set.columns(), trainRows, nTrain);
        int inputs = standardisation.inputs();
        boolean[] labels = set.labels();
        float[] raw = config.eventWeights() ? set.weights() : ones(set.size());
        double sum1 = 0;
        double sum0 = 0;
        for (int e : trainRows) {
            if (labels[e]) {
                sum1 += raw[e];
            } else {
                sum0 += raw[e];
            }
        }
        if (!(sum1 > 0) || !(sum0 > 0)) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "each class needs a positive sum of weights in the training split; class 1 (signal) sums to %.6g, "
                            + "class 0 (background) to %.6g", sum1, sum0));
        }
        double factor1 = config.balanceClasses() ? 0.5 * nTrain / sum1 : nTrain / (sum0 + sum1);
        double factor0 = config.balanceClasses() ? 0.5 * nTrain / sum0 : nTrain / (sum0 + sum1);
        // Optimal score s = W1 p1 / (W1 p1 + W0 p0) with Wc the class weight sums used in the loss.
        double priorFactor = (factor0 * sum0) / (factor1 * sum1);

        if ((long) n * inputs > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException(n + " events x " + inputs + " inputs exceed one Java array; train on a "
                    + "sample of at most " + (Integer.MAX_VALUE - 16) / inputs + " events");
        }
        float[] xTrain = new float[nTrain * inputs];
        standardisation.transform(set.columns(), trainRows, 0, nTrain, xTrain);
        float[] yTrain = new float[nTrain];
        float[] wTrain = new float[nTrain];
        for (int k = 0; k < nTrain; k++) {
            int e = trainRows[k];
            yTrain[k] = labels[e] ? 1f : 0f;
            wTrain[k] = (float) (raw[e] * (labels[e] ? factor1 : factor0));
        }
        float[] xVal = new float[nVal * inputs];
        standardisation.transform(set.columns(), valRows, 0, nVal, xVal);
        boolean[] yVal = new boolean[nVal];
        float[] wVal = new float[nVal];
        for (int k = 0; k < nVal; k++) {
            int e = valRows[k];
            yVal[k] = labels[e];
            wVal[k] = (float) (raw[e] * (labels[e] ? factor1 : factor0));
        }

        boolean valBothClasses = false;
        for (int k = 1; k < nVal; k++) {
            if (yVal[k] != yVal[0]) {
                valBothClasses = true;
                break;
            }
        }
        Device device = ComputeDevice.resolve(config.device());
        SequentialBlock block = Mlp.build(config.hiddenLayers(), config.width(), config.activation());
        Model model = Model.newInstance("classifier", device, ComputeDevice.ENGINE);
        boolean handedOver = false;
        try {
            model.setBlock(block);
            java.util.Set<String> trunkIds = new java.util.HashSet<>();
            var params = block.getParameters();
            for (int k = 0; pretrained != null && k < 2 * config.hiddenLayers(); k++) {
                trunkIds.add(params.get(k).getValue().getId());
            }
            int updates = config.maxEpochs() * ((nTrain + Math.min(config.batchSize(), nTrain) - 1)
                    / Math.min(config.batchSize(), nTrain));
            Tracker rate = finalRateFactor == 1f ? Tracker.fixed(config.learningRate())
                    : Tracker.cosine().setBaseValue(config.learningRate())
                            .optFinalValue(config.learningRate() * finalRateFactor).setMaxUpdates(updates).build();
            Optimizer optimizer = pretrained == null
                    ? Optimizer.adam().optLearningRateTracker(rate).build()
                    : new LayerwiseAdam(trunkIds, config.learningRate(), config.learningRate() * trunkRateFactor);
            DefaultTrainingConfig tc = new DefaultTrainingConfig(new WeightedBinaryCrossEntropy())
                    .optOptimizer(optimizer)
                    .optDevices(new Device[] {device})
                    .optInitializer(new Mlp.SeededInitializer(random.nextLong(), config.activation()), Parameter.Type.WEIGHT)
                    .optInitializer(spreadBiases ? new Mlp.SeededBiasInitializer(random.nextLong()) : Initializer.ZEROS,
                            Parameter.Type.BIAS);
            int epochsRun = 0;
            int bestEpoch = 0;
            double bestLoss = Double.POSITIVE_INFINITY;
            double bestAuc = Double.NaN;
            double bestWeightedAuc = Double.NaN;
            boolean stoppedEarly = false;
            List<float[]> bestParameters = null;
            int threadsBefore = ComputeDevice.cpuThreads();
            boolean setThreads = !device.isGpu() && threadsBefore != ComputeDevice.trainingThreads();
            if (setThreads) {
                ComputeDevice.setCpuThreads(ComputeDevice.trainingThreads());
            }
            String deviceText = ComputeDevice.describe(config.device());
            try (Trainer trainer = model.newTrainer(tc)) {
                trainer.initialize(new Shape(1, inputs));
                if (pretrained != null) {
                    pretrained.copyTrunkInto(block);
                }
                liveManager = model.getNDManager();
                int batch = Math.min(config.batchSize(), nTrain);
                float[] xb = new float[batch * inputs];
                float[] yb = new float[batch];
                float[] wb = new float[batch];
                int[] order = new int[nTrain];
                for (int k = 0; k < nTrain; k++) {
                    order[k] = k;
                }
                for (int epoch = 1; epoch <= config.maxEpochs(); epoch++) {
                    shuffle(order, random);
                    double lossSum = 0;
                    for (int from = 0; from < nTrain; from += batch) {
                        if (Thread.currentThread().isInterrupted()) {
                            throw new CancellationException("training cancelled at epoch " + epoch);
                        }
                        int b = Math.min(batch, nTrain - from);
                        for (int k = 0; k < b; k++) {
                            int r = order[from + k];
                            System.arraycopy(xTrain, r * inputs, xb, k * inputs, inputs);
                            yb[k] = yTrain[r];
                            wb[k] = wTrain[r];
                        }
                        lossSum += b * step(trainer, xb, yb, wb, b, inputs);
                        int done = from + b;
                        if (done * 20L / nTrain != from * 20L / nTrain) {
                            for (TrainingProgressListener l : listeners) {
                                l.onBatches(member, epoch, done, nTrain);
                            }
                        }
                    }
                    epochsRun = epoch;
                    double trainLoss = lossSum / nTrain;
                    double valLoss = Double.NaN;
                    double valAuc = Double.NaN;
                    double valWeightedAuc = Double.NaN;
                    boolean best;
                    if (nVal > 0) {
                        float[] z = Mlp.logits(block, trainer.getManager(), xVal, nVal, inputs);
                        valLoss = WeightedBinaryCrossEntropy.value(z, yVal, wVal);
                        valAuc = valBothClasses ? RocAuc.auc(z, yVal) : Double.NaN;
                        valWeightedAuc = valBothClasses ? RocAuc.auc(z, yVal, wVal) : Double.NaN;
                        best = valLoss < bestLoss;
                    } else {
                        best = true;
                    }
                    if (best) {
                        bestLoss = nVal > 0 ? valLoss : trainLoss;
                        bestAuc = valAuc;
                        bestWeightedAuc = valWeightedAuc;
                        bestEpoch = epoch;
                        bestParameters = nVal > 0 ? snapshot(block) : null;
                    }
                    EpochProgress p = new EpochProgress(member, epoch, config.maxEpochs(), trainLoss, valLoss, valAuc,
                            valWeightedAuc, best, (System.nanoTime() - start) / 1_000_000, (long) epoch * nTrain);
                    for (TrainingProgressListener l : listeners) {
                        l.onEpoch(p);
                    }
                    if (nVal > 0 && config.patience() > 0 && epoch - bestEpoch >= config.patience()) {
                        stoppedEarly = epoch < config.maxEpochs();
                        break;
                    }
                }
                if (bestParameters != null && bestEpoch != epochsRun) {
                    restore(block, bestParameters);
                }
            } finally {
                liveManager = null;
                if (setThreads) {
                    ComputeDevice.setCpuThreads(threadsBefore);
                }
            }
            TrainingSummary summary = new TrainingSummary(epochsRun, bestEpoch, nVal > 0 ? bestLoss : Double.NaN,
                    bestAuc, bestWeightedAuc, nTrain, nVal, (System.nanoTime() - start) / 1e9, deviceText, stoppedEarly);
            TrainedClassifier result = new TrainedClassifier(model, standardisation, config, priorFactor, summary);
            handedOver = true;
            return result;
        } finally {
            if (!handedOver) {
                model.close();
            }
        }
    }

    /** One Adam step on a batch; returns the batch loss. All per-step arrays die with the scope. */
    private static float step(Trainer trainer, float[] xb, float[] yb, float[] wb, int b, int inputs) {
        try (NDManager scope = trainer.getManager().newSubManager()) {
            NDArray x = scope.create(FloatBuffer.wrap(xb, 0, b * inputs), new Shape(b, inputs));
            NDArray y = scope.create(FloatBuffer.wrap(yb, 0, b), new Shape(b, 1));
            NDArray w = scope.create(FloatBuffer.wrap(wb, 0, b), new Shape(b, 1));
            float loss;
            try (GradientCollector gc = trainer.newGradientCollector()) {
                NDList out = trainer.forward(new NDList(x));
                NDArray l = trainer.getLoss().evaluate(new NDList(y, w), out);
                gc.backward(l);
                loss = l.getFloat();
            }
            trainer.step();
            return loss;
        }
    }

    static List<float[]> snapshot(SequentialBlock block) {
        List<float[]> values = new ArrayList<>();
        for (var p : block.getParameters()) {
            values.add(p.getValue().getArray().toFloatArray());
        }
        return values;
    }

    static void restore(SequentialBlock block, List<float[]> values) {
        int k = 0;
        for (var p : block.getParameters()) {
            p.getValue().getArray().set(values.get(k++));
        }
    }

    private static float[] ones(int n) {
        float[] w = new float[n];
        java.util.Arrays.fill(w, 1f);
        return w;
    }

    static int[] permutation(int n, SplittableRandom random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        shuffle(p, random);
        return p;
    }

    /** Fisher-Yates. */
    static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
