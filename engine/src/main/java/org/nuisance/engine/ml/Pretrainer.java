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
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import org.nuisance.engine.data.EventTable;

/**
 * Pretrains a {@link PretrainedModel} on a large, labelled sample (the demo generator's events with their
 * truth): multi-class (which process, class-balanced softmax cross-entropy) and multi-label regression of
 * standardised kinematic truth, one shared trunk. Events are split by a seeded permutation into training,
 * validation (picks the best epoch) and held-out (the card's scores, seen by neither). Seeded like
 * {@link ClassifierTrainer}: the same seed gives the same network on the CPU.
 */
public final class Pretrainer {

    /** How to pretrain; {@link #defaults()} is the architecture the classifier uses by default (4 x 64, tanh). */
    public record Settings(int hiddenLayers, int width, ClassifierConfig.ActivationFunction activation,
                           float learningRate, int batchSize, int epochs, long seed, double validationFraction,
                           double heldOutFraction, float regressionWeight, ComputeDevice.Choice device) {
        public static Settings defaults() {
            ClassifierConfig c = ClassifierConfig.defaults();
            return new Settings(c.hiddenLayers(), c.width(), c.activation(), 1e-3f, 512, 8, 1L, 0.05, 0.05, 0.5f,
                    ComputeDevice.Choice.CPU);
        }

        public Settings withEpochs(int e) {
            return new Settings(hiddenLayers, width, activation, learningRate, batchSize, e, seed, validationFraction,
                    heldOutFraction, regressionWeight, device);
        }

        public Settings withDevice(ComputeDevice.Choice d) {
            return new Settings(hiddenLayers, width, activation, learningRate, batchSize, epochs, seed, validationFraction,
                    heldOutFraction, regressionWeight, d);
        }

        public Settings withSeed(long s) {
            return new Settings(hiddenLayers, width, activation, learningRate, batchSize, epochs, s, validationFraction,
                    heldOutFraction, regressionWeight, device);
        }
    }

    private final Settings settings;
    private final TrainingProgressListener listener;

    public Pretrainer(Settings settings, TrainingProgressListener listener) {
        this.settings = settings;
        this.listener = listener;
    }

    /**
     * Pretrains on table's features, its process column as the classes and the target columns as regression
     * outputs; regenerate is the command that reproduces the model, recorded in its card.
     */
    public PretrainedModel train(EventTable table, List<String> features, List<String> targets, String regenerate) {
        long start = System.nanoTime();
        int n = table.rows();
        List<String> classes = table.processNames();
        byte[] codes = table.processCodes();
        int k = classes.size();
        int r = targets.size();
        if (k < 2) {
            throw new IllegalArgumentException("pretraining needs at least two processes, the table has " + classes);
        }
        SplittableRandom random = new SplittableRandom(settings.seed());
        int[][] split = split(n, random, settings.heldOutFraction(), settings.validationFraction());
        int[] heldRows = split[0];
        int[] valRows = split[1];
        int[] trainRows = split[2];
        int nHeld = heldRows.length;
        int nTrain = trainRows.length;

        float[][] columns = Standardisation.columnsOf(table, features);
        Standardisation st = Standardisation.fit(features, columns, trainRows, nTrain);
        int inputs = st.inputs();
        float[][] targetColumns = new float[r][];
        double[] tMean = new double[r];
        double[] tStd = new double[r];
        for (int t = 0; t < r; t++) {
            targetColumns[t] = table.column(targets.get(t));
            double s = 0;
            double s2 = 0;
            for (int e : trainRows) {
                s += targetColumns[t][e];
                s2 += (double) targetColumns[t][e] * targetColumns[t][e];
            }
            tMean[t] = s / nTrain;
            tStd[t] = Math.sqrt(Math.max(s2 / nTrain - tMean[t] * tMean[t], 1e-12));
        }
        float[] weights = table.weights();
        double[] classSum = new double[k];
        for (int e : trainRows) {
            classSum[codes[e]] += weights[e];
        }
        double[] factor = new double[k];
        for (int c = 0; c < k; c++) {
            if (!(classSum[c] > 0)) {
                throw new IllegalArgumentException("process '" + classes.get(c) + "' has no positive sum of weights in "
                        + "the training split");
            }
            factor[c] = nTrain / (k * classSum[c]);
        }
        Rows train = rows(trainRows, columns, st, codes, targetColumns, tMean, tStd, weights, factor);
        Rows val = rows(valRows, columns, st, codes, targetColumns, tMean, tStd, weights, factor);

        Device device = ComputeDevice.resolve(settings.device());
        SequentialBlock block = Mlp.build(settings.hiddenLayers(), settings.width(), settings.activation(), k + r);
        Model model = Model.newInstance(PretrainedModel.PARAMETER_PREFIX, device, ComputeDevice.ENGINE);
        boolean handedOver = false;
        int threadsBefore = ComputeDevice.cpuThreads();
        boolean setThreads = !device.isGpu() && threadsBefore != ComputeDevice.trainingThreads();
        try {
            model.setBlock(block);
            DefaultTrainingConfig tc = new DefaultTrainingConfig(new MultiTaskLoss(k, r, settings.regressionWeight()))
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(settings.learningRate())).build())
                    .optDevices(new Device[] {device})
                    .optInitializer(new Mlp.SeededInitializer(random.nextLong(), settings.activation()),
                            Parameter.Type.WEIGHT)
                    .optInitializer(Initializer.ZEROS, Parameter.Type.BIAS);
            if (setThreads) {
                ComputeDevice.setCpuThreads(ComputeDevice.trainingThreads());
            }
            double bestLoss = Double.POSITIVE_INFINITY;
            List<float[]> best = null;
            int epochs = settings.epochs();
            try (Trainer trainer = model.newTrainer(tc)) {
                trainer.initialize(new Shape(1, inputs));
                int batch = Math.min(settings.batchSize(), nTrain);
                float[] xb = new float[batch * inputs];
                float[] yb = new float[batch * k];
                float[] tb = new float[batch * Math.max(r, 1)];
                float[] wb = new float[batch];
                int[] order = new int[nTrain];
                for (int i = 0; i < nTrain; i++) {
                    order[i] = i;
                }
                for (int epoch = 1; epoch <= epochs; epoch++) {
                    ClassifierTrainer.shuffle(order, random);
                    double lossSum = 0;
                    for (int from = 0; from < nTrain; from += batch) {
                        if (Thread.currentThread().isInterrupted()) {
                            throw new CancellationException("pretraining cancelled at epoch " + epoch);
                        }
                        int b = Math.min(batch, nTrain - from);
                        Arrays.fill(yb, 0f);
                        for (int i = 0; i < b; i++) {
                            int row = order[from + i];
                            System.arraycopy(train.x, row * inputs, xb, i * inputs, inputs);
                            yb[i * k + train.label[row]] = 1f;
                            if (r > 0) {
                                System.arraycopy(train.target, row * r, tb, i * r, r);
                            }
                            wb[i] = train.weight[row];
                        }
                        lossSum += b * step(trainer, xb, yb, tb, wb, b, inputs, k, r);
                        int done = from + b;
                        if (done * 20L / nTrain != from * 20L / nTrain) {
                            listener.onBatches(0, epoch, done, nTrain);
                        }
                    }
                    float[] out = Mlp.outputs(block, trainer.getManager(), val.x, val.label.length, inputs, k + r);
                    double valLoss = MultiTaskLoss.value(out, val.label, val.target, val.weight, k, r,
                            settings.regressionWeight());
                    boolean isBest = valLoss < bestLoss;
                    if (isBest) {
                        bestLoss = valLoss;
                        best = ClassifierTrainer.snapshot(block);
                    }
                    listener.onEpoch(new EpochProgress(0, epoch, epochs, lossSum / nTrain, valLoss, Double.NaN,
                            Double.NaN, isBest, (System.nanoTime() - start) / 1_000_000, (long) epoch * nTrain));
                }
                if (best != null) {
                    ClassifierTrainer.restore(block, best);
                }
            }
            // The card's scores come from the held-out events, which neither training nor the epoch choice saw.
            Rows held = rows(heldRows, columns, st, codes, targetColumns, tMean, tStd, weights, factor);
            float[] out = Mlp.outputs(block, model.getNDManager(), held.x, nHeld, inputs, k + r);
            Scores scores = scores(out, held, heldRows, codes, classes, weights, k, r, tStd);
            PretrainedCard card = new PretrainedCard(PretrainedCard.FORMAT, features, st.mean(), st.std(),
                    st.definedIndicator(), settings.hiddenLayers(), settings.width(), settings.activation().id(), classes,
                    targets, tMean, tStd, settings.regressionWeight(), settings.seed(), settings.validationFraction(),
                    settings.heldOutFraction(), nTrain, nHeld, epochs,
                    settings.learningRate(), settings.batchSize(), (System.nanoTime() - start) / 1e9,
                    ComputeDevice.describe(settings.device()), scores.accuracy, scores.signalAuc, scores.targetRms,
                    regenerate);
            PretrainedModel result = new PretrainedModel(model, st, card);
            handedOver = true;
            return result;
        } finally {
            if (setThreads) {
                ComputeDevice.setCpuThreads(threadsBefore);
            }
            if (!handedOver) {
                model.close();
            }
        }
    }

    /** Held-out, validation and training rows: the first draws of the seeded stream, so a card's split can be remade. */
    private static int[][] split(int n, SplittableRandom random, double heldOutFraction, double validationFraction) {
        int[] perm = ClassifierTrainer.permutation(n, random);
        int nHeld = (int) Math.round(n * heldOutFraction);
        int nVal = (int) Math.round(n * validationFraction);
        return new int[][] {Arrays.copyOfRange(perm, 0, nHeld), Arrays.copyOfRange(perm, nHeld, nHeld + nVal),
                Arrays.copyOfRange(perm, nHeld + nVal, n)};
    }

    /**
     * Recomputes a model's held-out scores (accuracy, signal AUC, target RMS) on the events it was pretrained
     * on, regenerated by the caller: the card's seed and fractions give the same held-out rows.
     */
    public static double[] heldOutScores(PretrainedModel model, EventTable table) {
        PretrainedCard c = model.card();
        int[] heldRows = split(table.rows(), new SplittableRandom(c.seed()), c.heldOutFraction(),
                c.validationFraction())[0];
        List<String> classes = table.processNames();
        if (!classes.equals(c.classes())) {
            throw new IllegalArgumentException("the table's processes " + classes + " are not the model's " + c.classes());
        }
        int k = classes.size();
        int r = c.targets().size();
        float[][] targetColumns = new float[r][];
        for (int t = 0; t < r; t++) {
            targetColumns[t] = table.column(c.targets().get(t));
        }
        double[] factor = new double[k];
        Arrays.fill(factor, 1);
        float[][] columns = Standardisation.columnsOf(table, c.features());
        Rows held = rows(heldRows, columns, model.standardisation(), table.processCodes(), targetColumns,
                c.targetMean(), c.targetStd(), table.weights(), factor);
        float[] out = Mlp.outputs(model.block(), model.manager(), held.x, heldRows.length,
                model.standardisation().inputs(), k + r);
        Scores s = scores(out, held, heldRows, table.processCodes(), classes, table.weights(), k, r, c.targetStd());
        double[] v = new double[2 + r];
        v[0] = s.accuracy;
        v[1] = s.signalAuc;
        System.arraycopy(s.targetRms, 0, v, 2, r);
        return v;
    }

    /** Standardised inputs, class codes, standardised targets and loss weights of a set of rows. */
    private record Rows(float[] x, int[] label, float[] target, float[] weight) {
    }

    private static Rows rows(int[] rows, float[][] columns, Standardisation st, byte[] codes, float[][] targets,
                             double[] tMean, double[] tStd, float[] weights, double[] factor) {
        int m = rows.length;
        int r = targets.length;
        float[] x = new float[m * st.inputs()];
        st.transform(columns, rows, 0, m, x);
        int[] label = new int[m];
        float[] target = new float[m * r];
        float[] w = new float[m];
        for (int i = 0; i < m; i++) {
            int e = rows[i];
            label[i] = codes[e];
            for (int t = 0; t < r; t++) {
                target[i * r + t] = (float) ((targets[t][e] - tMean[t]) / tStd[t]);
            }
            w[i] = (float) (weights[e] * factor[codes[e]]);
        }
        return new Rows(x, label, target, w);
    }

    private record Scores(double accuracy, double signalAuc, double[] targetRms) {
    }

    /**
     * Held-out scores: the weighted fraction of events whose most probable class is their process, the
     * weighted ROC AUC of the signal class's softmax probability against every other process (the events'
     * own weights), and each target's RMS error in its own units.
     */
    private static Scores scores(float[] out, Rows held, int[] heldRows, byte[] codes, List<String> classes,
                                 float[] weights, int k, int r, double[] tStd) {
        int m = held.label.length;
        int signal = -1;
        for (int c = 0; c < k; c++) {
            if (EventTable.isSignalProcess(classes.get(c))) {
                signal = c;
            }
        }
        double right = 0;
        double all = 0;
        float[] signalProb = new float[m];
        boolean[] isSignal = new boolean[m];
        float[] w = new float[m];
        double[] rms = new double[r];
        for (int i = 0; i < m; i++) {
            int o = i * (k + r);
            int arg = 0;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                if (out[o + c] > max) {
                    max = out[o + c];
                    arg = c;
                }
            }
            double norm = 0;
            for (int c = 0; c < k; c++) {
                norm += Math.exp(out[o + c] - max);
            }
            double we = weights[heldRows[i]];
            w[i] = (float) we;
            all += we;
            if (arg == held.label[i]) {
                right += we;
            }
            if (signal >= 0) {
                signalProb[i] = (float) (Math.exp(out[o + signal] - max) / norm);
                isSignal[i] = held.label[i] == signal;
            }
            for (int t = 0; t < r; t++) {
                double d = (out[o + k + t] - held.target[i * r + t]) * tStd[t];
                rms[t] += d * d / m;
            }
        }
        for (int t = 0; t < r; t++) {
            rms[t] = Math.sqrt(rms[t]);
        }
        double auc = signal >= 0 ? RocAuc.auc(signalProb, isSignal, w) : Double.NaN;
        return new Scores(right / all, auc, rms);
    }

    private static float step(Trainer trainer, float[] xb, float[] yb, float[] tb, float[] wb, int b, int inputs,
                              int k, int r) {
        try (NDManager scope = trainer.getManager().newSubManager()) {
            NDArray x = scope.create(FloatBuffer.wrap(xb, 0, b * inputs), new Shape(b, inputs));
            NDArray y = scope.create(FloatBuffer.wrap(yb, 0, b * k), new Shape(b, k));
            NDArray w = scope.create(FloatBuffer.wrap(wb, 0, b), new Shape(b, 1));
            NDList labels = r > 0 ? new NDList(y, scope.create(FloatBuffer.wrap(tb, 0, b * r), new Shape(b, r)), w)
                    : new NDList(y, w);
            float loss;
            try (GradientCollector gc = trainer.newGradientCollector()) {
                NDList out = trainer.forward(new NDList(x));
                NDArray l = trainer.getLoss().evaluate(labels, out);
                gc.backward(l);
                loss = l.getFloat();
            }
            trainer.step();
            return loss;
        }
    }
}
