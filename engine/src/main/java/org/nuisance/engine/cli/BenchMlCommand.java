package org.nuisance.engine.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nuisance.engine.data.EventTable;
import org.nuisance.engine.data.InputException;
import org.nuisance.engine.higgsml.DemoGenerator;
import org.nuisance.engine.ml.ClassifierConfig;
import org.nuisance.engine.ml.ComputeDevice;
import org.nuisance.engine.ml.TrainedClassifier;
import org.nuisance.engine.ml.TrainingSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench-ml}: training and inference throughput of the default classifier on generated events, per
 * PyTorch thread count (the JMH class MlThroughputBenchmark is the careful measurement).
 */
@Command(name = "bench-ml", mixinStandardHelpOptions = true,
        description = "Training throughput (events/s, median epoch after the first) and inference throughput "
                + "(events/s, median of repeats) of the default classifier on generated events.")
final class BenchMlCommand implements Callable<Integer> {

    @Option(names = "--events", paramLabel = "N", defaultValue = "200000", description = "Events (default: ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--features", paramLabel = "A,B,...", defaultValue = "PRI_*,DER_*",
            description = "Features (default: ${DEFAULT-VALUE}).")
    String features;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "4", description = "Training epochs, >= 3 (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "1024", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--repeats", paramLabel = "K", defaultValue = "5", description = "Timed scoring passes (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--threads", paramLabel = "T,...", defaultValue = "1,2",
            description = "PyTorch intra-op thread counts to compare (default: ${DEFAULT-VALUE}).")
    String threads;

    @Option(names = "--device", paramLabel = "auto|cpu|gpu", defaultValue = "cpu", description = "Device (default: ${DEFAULT-VALUE}).")
    String device;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (epochs < 3 || repeats < 1 || events < 1000) {
            throw new InputException("need --epochs >= 3, --repeats >= 1 and --events >= 1000");
        }
        PrintWriter out = spec.commandLine().getOut();
        EventTable table = DemoGenerator.generate(events, 31415);
        List<String> names = TrainingSet.expandFeatures(table, features);
        TrainingSet set = TrainingSet.signalVsBackground(table, names);
        ComputeDevice.Choice choice = ComputeDevice.Choice.parse(device);
        ClassifierConfig config = ClassifierConfig.defaults().toBuilder().device(choice).batchSize(batchSize)
                .maxEpochs(epochs).patience(0).validationFraction(0).build();
        out.printf(Locale.ROOT, "events: %d generated, %d features, network %d x %d %s, batch %d%n", events, names.size(),
                config.hiddenLayers(), config.width(), config.activation().id(), batchSize);
        for (String t : threads.split(",")) {
            ComputeDevice.setCpuThreads(Integer.parseInt(t.trim()));
            ComputeDevice.setTrainingThreads(Integer.parseInt(t.trim()));
            out.println("device: " + ComputeDevice.describe(choice));
            List<Long> epochEnds = new ArrayList<>();
            try (TrainedClassifier c = TrainedClassifier.train(set, config, p -> epochEnds.add(p.elapsedMillis()))) {
                double[] epochMs = new double[epochEnds.size() - 1];
                for (int e = 1; e < epochEnds.size(); e++) {
                    epochMs[e - 1] = epochEnds.get(e) - epochEnds.get(e - 1);
                }
                double trainRate = events / (median(epochMs) / 1000.0);
                double[] scoreMs = new double[repeats];
                c.score(table);
                for (int r = 0; r < repeats; r++) {
                    long a = System.nanoTime();
                    c.score(table);
                    scoreMs[r] = (System.nanoTime() - a) / 1e6;
                }
                double scoreRate = events / (median(scoreMs) / 1000.0);
                out.printf(Locale.ROOT, "training: median epoch %.0f ms, %.0f events/s%n", median(epochMs), trainRate);
                out.printf(Locale.ROOT, "inference: median %.0f ms for %d events, %.0f events/s%n", median(scoreMs), events,
                        scoreRate);
                out.printf(Locale.ROOT, "threads=%s train_events_per_s=%.0f score_events_per_s=%.0f%n", t.trim(), trainRate,
                        scoreRate);
                out.flush();
            }
        }
        return 0;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
    }
}
