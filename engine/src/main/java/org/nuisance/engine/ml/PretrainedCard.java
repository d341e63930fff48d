package org.nuisance.engine.ml;

import java.util.List;

/**
 * The JSON card of a {@link PretrainedModel}: inputs and their standardisation, the architecture, the two
 * objectives (classes; regression targets with the mean and width they were standardised by), how it was
 * trained, its own held-out scores, and the command that regenerates it.
 */
public record PretrainedCard(String format, List<String> features, double[] mean, double[] std,
                             boolean[] definedIndicator, int hiddenLayers, int width, String activation,
                             List<String> classes, List<String> targets, double[] targetMean, double[] targetStd,
                             float regressionWeight, long seed, double validationFraction, double heldOutFraction,
                             int trainingEvents, int heldOutEvents, int epochs,
                             float learningRate, int batchSize, double seconds, String device,
                             double heldOutAccuracy, double heldOutSignalAuc, double[] heldOutTargetRms,
                             String regenerate) {

    public static final String FORMAT = "nuisance-pretrained/1";

    public PretrainedCard {
        features = List.copyOf(features);
        classes = List.copyOf(classes);
        targets = List.copyOf(targets);
    }
}
