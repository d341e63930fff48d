/**
 * Neural networks on Deep Java Library (PyTorch engine): a weighted binary classifier of event tables, its
 * score as a new column, ensembles and density ratios.
 *
 * <p>For a user interface (the app's Train panel), off the UI thread:
 * <pre>{@code
 * ClassifierConfig config = ClassifierConfig.defaults().toBuilder()
 *         .hiddenLayers(4).width(64).maxEpochs(100).seed(1).device(ComputeDevice.Choice.AUTO).build();
 * TrainingSet set = TrainingSet.signalVsBackground(table, TrainingSet.expandFeatures(table, "PRI_*,DER_*"));
 * try (TrainedClassifier model = new ClassifierTrainer(config)
 *         .addListener(p -> Platform.runLater(() -> viewModel.show(p)))   // EpochProgress per epoch
 *         .train(set)) {                                                    // interrupt the thread to cancel
 *     EventTable scored = model.withScore(table);                          // adds the "score" column
 *     model.save(folder);                                                  // model.json + DJL parameters
 * }
 * String statusBar = ComputeDevice.describe();                              // e.g. "cpu (PyTorch 2.7.1 ...)"
 * }</pre>
 * {@link org.nuisance.engine.ml.ClassifierEnsemble} trains N seeds and adds "score" (mean) and "score_std";
 * {@link org.nuisance.engine.ml.EventScorer#load} opens either kind of saved folder;
 * {@link org.nuisance.engine.ml.DensityRatio} turns a classifier of two samples into p1(x) / p0(x).
 */
package org.nuisance.engine.ml;
