package org.nuisance.engine.ml;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import java.nio.FloatBuffer;
import java.util.SplittableRandom;

/** The classifier network: Linear-activation blocks and a single output logit, and batched forward passes. */
public final class Mlp {

    /** Rows per forward pass when scoring: large enough to amortise the JNI calls, small enough for memory. */
    public static final int INFERENCE_BATCH = 8192;

    private Mlp() {
    }

    public static SequentialBlock build(int hiddenLayers, int width, ClassifierConfig.ActivationFunction activation) {
        return build(hiddenLayers, width, activation, 1);
    }

    /**
     * The same hidden layers (the trunk) with {@code outputs} linear outputs (e.g. the coefficients of a
     * systematic model, or class logits and regression outputs); the trunk's parameters are the first
     * 2 x hiddenLayers of the block's parameter list (weight, bias per layer).
     */
    public static SequentialBlock build(int hiddenLayers, int width, ClassifierConfig.ActivationFunction activation,
                                        int outputs) {
        SequentialBlock net = new SequentialBlock();
        for (int l = 0; l < hiddenLayers; l++) {
            net.add(Linear.builder().setUnits(width).build());
            net.add(switch (activation) {
                case RELU -> Activation.reluBlock();
                case TANH -> Activation.tanhBlock();
                case GELU -> Activation.geluBlock();
                case SILU -> Activation.swishBlock(1f);
            });
        }
        net.add(Linear.builder().setUnits(outputs).build());
        return net;
    }

    /**
     * The last hidden layer's activations (rows x width, row-major) for standardised inputs x: every child
     * block but the head, in batches.
     */
    static float[] hidden(SequentialBlock block, NDManager parent, float[] x, int rows, int inputs) {
        java.util.List<Block> children = block.getChildren().values();
        int width = -1;
        float[] out = null;
        for (int from = 0; from < rows; from += INFERENCE_BATCH) {
            int b = Math.min(INFERENCE_BATCH, rows - from);
            try (NDManager scope = parent.newSubManager()) {
                NDList h = new NDList(scope.create(FloatBuffer.wrap(x, from * inputs, b * inputs), new Shape(b, inputs)));
                ParameterStore ps = new ParameterStore(scope, false);
                for (int c = 0; c < children.size() - 1; c++) {
                    h = children.get(c).forward(ps, h, false);
                }
                float[] z = h.singletonOrThrow().toFloatArray();
                if (out == null) {
                    width = z.length / b;
                    out = new float[rows * width];
                }
                System.arraycopy(z, 0, out, from * width, b * width);
            }
        }
        return out == null ? new float[0] : out;
    }

    /**
     * Logits of row-major inputs x (rows x inputs), in batches; every native array lives in a scope
     * that closes with the batch.
     */
    public static float[] logits(Block block, NDManager parent, float[] x, int rows, int inputs) {
        return outputs(block, parent, x, rows, inputs, 1);
    }

    /** The network's outputs (rows x outputs, row-major) for row-major inputs x, in batches. */
    public static float[] outputs(Block block, NDManager parent, float[] x, int rows, int inputs, int outputs) {
        float[] out = new float[rows * outputs];
        for (int from = 0; from < rows; from += INFERENCE_BATCH) {
            int b = Math.min(INFERENCE_BATCH, rows - from);
            try (NDManager scope = parent.newSubManager()) {
                NDArray in = scope.create(FloatBuffer.wrap(x, from * inputs, b * inputs), new Shape(b, inputs));
                NDList result = block.forward(new ParameterStore(scope, false), new NDList(in), false);
                float[] z = result.singletonOrThrow().toFloatArray();
                System.arraycopy(z, 0, out, from * outputs, b * outputs);
            }
        }
        return out;
    }

    /**
     * Weight initialisation from a Java random stream, so a seed fixes the network without touching
     * PyTorch's global generator: He-uniform (bound sqrt(6 / fan_in)) for the ReLU family, Glorot-uniform
     * (sqrt(6 / (fan_in + fan_out))) for tanh. Parameters are initialised in block order, so the
     * sequence of draws is fixed.
     */
    public static final class SeededInitializer implements Initializer {
        private final SplittableRandom random;
        private final boolean glorot;

        public SeededInitializer(long seed, ClassifierConfig.ActivationFunction activation) {
            this.random = new SplittableRandom(seed);
            this.glorot = activation == ClassifierConfig.ActivationFunction.TANH;
        }

        @Override
        public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
            long fanOut = shape.get(0);
            long fanIn = shape.dimension() > 1 ? shape.size() / fanOut : 1;
            double bound = glorot ? Math.sqrt(6.0 / (fanIn + fanOut)) : Math.sqrt(6.0 / fanIn);
            float[] v = new float[Math.toIntExact(shape.size())];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) ((2 * random.nextDouble() - 1) * bound);
            }
            return manager.create(v, shape).toType(dataType, false);
        }
    }

    /** Biases uniform in [-1, 1] from a Java random stream (see {@link ClassifierTrainer#spreadBiases}). */
    public static final class SeededBiasInitializer implements Initializer {
        private final SplittableRandom random;

        public SeededBiasInitializer(long seed) {
            this.random = new SplittableRandom(seed);
        }

        @Override
        public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
            float[] v = new float[Math.toIntExact(shape.size())];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (2 * random.nextDouble() - 1);
            }
            return manager.create(v, shape).toType(dataType, false);
        }
    }
}
