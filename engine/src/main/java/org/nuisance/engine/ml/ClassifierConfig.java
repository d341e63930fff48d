package org.nuisance.engine.ml;

import java.util.Locale;

/**
 * Hyper-parameters of the weighted binary classifier: a multilayer perceptron with {@code hiddenLayers}
 * hidden layers of {@code width} units, trained with Adam on the weighted cross-entropy.
 *
 * @param hiddenLayers       number of hidden layers (>= 1)
 * @param width              units per hidden layer
 * @param activation         hidden-layer non-linearity
 * @param learningRate       Adam step size
 * @param batchSize          events per gradient step
 * @param maxEpochs          passes over the training split at most
 * @param patience           epochs without a better validation loss before stopping early (0 = never stop early)
 * @param validationFraction share of the events held out for validation (0 = none: no early stopping)
 * @param seed               seeds initialisation, the split and the shuffling
 * @param eventWeights       use the events' own weights (false: every event counts 1, e.g. to optimise an
 *                           unweighted ROC AUC)
 * @param balanceClasses     scale each class's weights to equal sums (else one common factor, keeping the priors)
 * @param device             where to train and score
 */
public record ClassifierConfig(int hiddenLayers, int width, ActivationFunction activation, float learningRate,
                               int batchSize, int maxEpochs, int patience, double validationFraction, long seed,
                               boolean eventWeights, boolean balanceClasses, ComputeDevice.Choice device) {

    /** The hidden-layer non-linearities on offer. */
    public enum ActivationFunction {
        RELU, TANH, GELU, SILU;

        public static ActivationFunction parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("activation must be relu, tanh, gelu or silu, got '" + text + "'");
            }
        }

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ClassifierConfig {
        if (hiddenLayers < 1) {
            throw new IllegalArgumentException("hidden layers must be >= 1, got " + hiddenLayers);
        }
        if (width < 1) {
            throw new IllegalArgumentException("width must be >= 1, got " + width);
        }
        if (!(learningRate > 0) || !Float.isFinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be > 0, got " + learningRate);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        if (maxEpochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + maxEpochs);
        }
        if (patience < 0) {
            throw new IllegalArgumentException("patience must be >= 0, got " + patience);
        }
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in [0, 1), got " + validationFraction);
        }
        if (activation == null || device == null) {
            throw new IllegalArgumentException("activation and device must be given");
        }
    }

    /**
     * 4 x 64 tanh, Adam 1e-3, batch 1024, up to 100 epochs, patience 10, 20% validation, event weights used
     * and classes balanced, seed 1, auto device. Chosen on the HiggsML 2014 sample (see MlHiggsAcceptanceTest).
     */
    public static ClassifierConfig defaults() {
        return new ClassifierConfig(4, 64, ActivationFunction.TANH, 1e-3f, 1024, 100, 10, 0.2, 1L, true, true,
                ComputeDevice.Choice.AUTO);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public ClassifierConfig withArchitecture(int layers, int units, ActivationFunction act) {
        return toBuilder().hiddenLayers(layers).width(units).activation(act).build();
    }

    public ClassifierConfig withLearningRate(float lr) {
        return toBuilder().learningRate(lr).build();
    }

    public ClassifierConfig withBatchSize(int b) {
        return toBuilder().batchSize(b).build();
    }

    public ClassifierConfig withEpochs(int epochs) {
        return toBuilder().maxEpochs(epochs).build();
    }

    public ClassifierConfig withPatience(int p) {
        return toBuilder().patience(p).build();
    }

    public ClassifierConfig withValidationFraction(double f) {
        return toBuilder().validationFraction(f).build();
    }

    public ClassifierConfig withSeed(long s) {
        return toBuilder().seed(s).build();
    }

    public ClassifierConfig withEventWeights(boolean use) {
        return toBuilder().eventWeights(use).build();
    }

    public ClassifierConfig withBalanceClasses(boolean b) {
        return toBuilder().balanceClasses(b).build();
    }

    public ClassifierConfig withDevice(ComputeDevice.Choice d) {
        return toBuilder().device(d).build();
    }

    /** A mutable copy for forms (the app's Train panel): set what changed, then {@link #build()}. */
    public static final class Builder {
        private int hiddenLayers;
        private int width;
        private ActivationFunction activation;
        private float learningRate;
        private int batchSize;
        private int maxEpochs;
        private int patience;
        private double validationFraction;
        private long seed;
        private boolean eventWeights;
        private boolean balanceClasses;
        private ComputeDevice.Choice device;

        private Builder(ClassifierConfig c) {
            hiddenLayers = c.hiddenLayers;
            width = c.width;
            activation = c.activation;
            learningRate = c.learningRate;
            batchSize = c.batchSize;
            maxEpochs = c.maxEpochs;
            patience = c.patience;
            validationFraction = c.validationFraction;
            seed = c.seed;
            eventWeights = c.eventWeights;
            balanceClasses = c.balanceClasses;
            device = c.device;
        }

        public Builder hiddenLayers(int v) {
            hiddenLayers = v;
            return this;
        }

        public Builder width(int v) {
            width = v;
            return this;
        }

        public Builder activation(ActivationFunction v) {
            activation = v;
            return this;
        }

        public Builder learningRate(float v) {
            learningRate = v;
            return this;
        }

        public Builder batchSize(int v) {
            batchSize = v;
            return this;
        }

        public Builder maxEpochs(int v) {
            maxEpochs = v;
            return this;
        }

        public Builder patience(int v) {
            patience = v;
            return this;
        }

        public Builder validationFraction(double v) {
            validationFraction = v;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        public Builder eventWeights(boolean v) {
            eventWeights = v;
            return this;
        }

        public Builder balanceClasses(boolean v) {
            balanceClasses = v;
            return this;
        }

        public Builder device(ComputeDevice.Choice v) {
            device = v;
            return this;
        }

        /** Validates and builds; a bad value throws IllegalArgumentException naming it. */
        public ClassifierConfig build() {
            return new ClassifierConfig(hiddenLayers, width, activation, learningRate, batchSize, maxEpochs, patience,
                    validationFraction, seed, eventWeights, balanceClasses, device);
        }
    }
}
