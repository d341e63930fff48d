package org.nuisance.engine.ml;

import java.util.List;

/**
 * The JSON written next to the DJL parameter file: everything needed to rebuild the network and prepare
 * its inputs, plus how it was trained. Read and written with Jackson; no Java serialisation.
 */
record ModelCard(String format, List<String> features, StandardisationJson standardisation,
                 ArchitectureJson architecture, String parameters, double densityRatioPriorFactor,
                 TrainingJson training) {

    static final String FORMAT = "nuisance-classifier/1";

    /** masked: features always fed as undefined (absent in cards written before fine-tuning existed: none). */
    record StandardisationJson(double[] mean, double[] std, boolean[] definedIndicator, boolean[] masked) {
    }

    record ArchitectureJson(int inputs, int hiddenLayers, int width, String activation, String output) {
    }

    record TrainingJson(long seed, float learningRate, int batchSize, int maxEpochs, int patience,
                        double validationFraction, boolean eventWeights, boolean balanceClasses, int epochsRun, int bestEpoch,
                        Double validationLoss, Double validationAuc, Double validationWeightedAuc, int trainingEvents, int validationEvents,
                        double seconds, String device, boolean stoppedEarly) {
    }
}
