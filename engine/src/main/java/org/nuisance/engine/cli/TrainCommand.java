package org.nuisance.engine.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nuisance.engine.data.EventReaders;
import org.nuisance.engine.data.EventTable;
import org.nuisance.engine.data.InputException;
import org.nuisance.engine.higgsml.DemoGenerator;
import org.nuisance.engine.ml.ClassifierConfig;
import org.nuisance.engine.ml.ClassifierEnsemble;
import org.nuisance.engine.ml.ClassifierTrainer;
import org.nuisance.engine.ml.PretrainedModel;
import org.nuisance.engine.ml.ComputeDevice;
import org.nuisance.engine.ml.EventScorer;
import org.nuisance.engine.ml.TrainedClassifier;
import org.nuisance.engine.ml.TrainingSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code train}: a weighted signal-vs-background classifier on an event file, saved to a model folder. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train a neural-network classifier of signal (htautau / s) against background on the "
                + "given features; prints one line per epoch and the final validation AUC, and saves the model.")
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "Event file, or 'demo'.")
    String input;

    @Option(names = "--features", required = true, paramLabel = "A,B,...",
            description = "Feature columns, comma-separated; '*' globs allowed, e.g. 'PRI_*,DER_*'.")
    String features;

    @Option(names = "--output", required = true, paramLabel = "MODEL_DIR", description = "Folder to save the model in.")
    Path output;

    @Option(names = "--epochs", paramLabel = "N", description = "Maximum epochs (default: 100).")
    Integer epochs;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Seed of initialisation, split and shuffling (and of 'demo' events) (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--device", paramLabel = "auto|cpu|gpu", defaultValue = "auto",
            description = "Where to train (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--events", paramLabel = "N", defaultValue = "100000",
            description = "Events to generate for 'demo' (default: ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--layers", paramLabel = "N", description = "Hidden layers (default: 4).")
    Integer layers;

    @Option(names = "--width", paramLabel = "N", description = "Units per hidden layer (default: 64).")
    Integer width;

    @Option(names = "--activation", paramLabel = "relu|tanh|gelu|silu", description = "Hidden activation (default: tanh).")
    String activation;

    @Option(names = "--learning-rate", paramLabel = "LR", description = "Adam learning rate (default: 0.001).")
    Float learningRate;

    @Option(names = "--batch-size", paramLabel = "N", description = "Events per step (default: 1024).")
    Integer batchSize;

    @Option(names = "--patience", paramLabel = "N", description = "Early stopping patience in epochs, 0 = off (default: 10).")
    Integer patience;

    @Option(names = "--validation-fraction", paramLabel = "F", description = "Held-out share for validation (default: 0.2).")
    Double validationFraction;

    @Option(names = "--ensemble", paramLabel = "N", defaultValue = "1",
            description = "Train N members with seeds S, S+1, ... and save them as an ensemble (default: ${DEFAULT-VALUE}).")
    int ensemble;

    @Option(names = "--no-event-weights", description = "Count every event once instead of using its weight.")
    boolean noEventWeights;

    @Option(names = "--no-balance", description = "Keep the class priors instead of balancing the classes' weight sums.")
    boolean noBalance;

    @Option(names = "--process-weight", paramLabel = "PROCESS=K", split = ",",
            description = "Multiply the training weight of a process's events by K, e.g. diboson=20: a small but "
                    + "poorly known background that the loss would otherwise neglect (repeatable).")
    java.util.Map<String, Double> processWeights = new java.util.LinkedHashMap<>();

    @Option(names = "--threads", paramLabel = "N", description = "PyTorch intra-op threads for training on the CPU (default: 1, measured fastest).")
    Integer threads;

    @Option(names = "--from-pretrained", paramLabel = "builtin|DIR",
            description = "Fine-tune the pretrained trunk (the one shipped, or a 'pretrain' folder) with a fresh head "
                    + "instead of training from scratch; features the trunk knows but --features leaves out are undefined.")
    String fromPretrained;

    @Option(names = "--trunk-lr-factor", paramLabel = "F", defaultValue = "0.1",
            description = "With --from-pretrained: the trunk's learning rate relative to the head's (default: ${DEFAULT-VALUE}).")
    float trunkLrFactor;

    @Option(names = "--max-events", paramLabel = "N",
            description = "Train on a random subset of N events (seeded by --seed).")
    Integer maxEvents;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        org.nuisance.engine.util.AtomicOutput.checkFolderTarget(output, "--output");
        PrintWriter out = spec.commandLine().getOut();
        ClassifierConfig config = config();
        if (ensemble < 1) {
            throw new InputException("--ensemble must be >= 1, got " + ensemble);
        }
        if (threads != null) {
            ComputeDevice.setTrainingThreads(threads);
        }
        ComputeDevice.resolve(config.device()); // a missing GPU is reported before the events are read
        EventTable table = load(input, events, seed);
        if (maxEvents != null) {
            if (maxEvents < 10) {
                throw new InputException("--max-events must be >= 10, got " + maxEvents);
            }
            table = subset(table, maxEvents, seed);
        }
        EventTable sample = table;
        List<String> names = EventSource.naming(input, () -> TrainingSet.expandFeatures(sample, features));
        if (fromPretrained != null && ensemble != 1) {
            throw new InputException("--from-pretrained trains one model; --ensemble " + ensemble + " is not supported with it");
        }
        if (fromPretrained != null && !(trunkLrFactor >= 0)) {
            throw new InputException("--trunk-lr-factor must be >= 0, got " + trunkLrFactor);
        }
        PretrainedModel trunk = fromPretrained == null ? null : PretrainedModel.open(fromPretrained, config.device());
        TrainingSet set = EventSource.naming(input, () -> trunk == null
                ? TrainingSet.signalVsBackground(sample, names, processWeights)
                : TrainingSet.signalVsBackground(trunk.restrictedTo(sample, names), trunk.features(), processWeights));
        out.printf(Locale.ROOT, "events: %d from %s; features (%d): %s%n", table.rows(), input, names.size(),
                String.join(",", names));
        out.flush();
        long t0 = System.nanoTime();
        EventScorer model;
        if (trunk != null) {
            try (PretrainedModel t = trunk) {
                model = EventSource.naming(input, () -> new ClassifierTrainer(config).startFrom(t, trunkLrFactor, names)
                        .addListener(p -> {
                            out.println(p.format());
                            out.flush();
                        }).train(set));
            }
        } else if (ensemble == 1) {
            model = EventSource.naming(input, () -> TrainedClassifier.train(set, config, p -> {
                out.println(p.format());
                out.flush();
            }));
        } else {
            model = EventSource.naming(input, () -> ClassifierEnsemble.train(set, config, ensemble, p -> {
                out.println(p.format());
                out.flush();
            }));
        }
        try (EventScorer m = model) {
            double seconds = (System.nanoTime() - t0) / 1e9;
            List<TrainedClassifier> members = m instanceof ClassifierEnsemble e ? e.members()
                    : List.of((TrainedClassifier) m);
            for (int k = 0; k < members.size(); k++) {
                var s = members.get(k).summary();
                out.printf(Locale.ROOT, "%sbest epoch %d of %d%s, %d training + %d validation events%n",
                        members.size() > 1 ? "member " + k + ": " : "", s.bestEpoch(), s.epochsRun(),
                        s.stoppedEarly() ? " (stopped early)" : "", s.trainingEvents(), s.validationEvents());
            }
            double auc = members.stream().mapToDouble(c -> c.summary().validationAuc()).average().orElse(Double.NaN);
            double wauc = members.stream().mapToDouble(c -> c.summary().validationWeightedAuc()).average()
                    .orElse(Double.NaN);
            out.printf(Locale.ROOT, "validation AUC: %.4f (weighted: %.4f)%s%n", auc, wauc,
                    members.size() > 1 ? " (means of members)" : "");
            out.printf(Locale.ROOT, "training time: %.1f s on %s%n", seconds, members.get(0).summary().device());
            m.save(output);
            out.println("saved: " + output);
            out.flush();
        }
        return 0;
    }

    private ClassifierConfig config() {
        ClassifierConfig.Builder b = ClassifierConfig.defaults().toBuilder().seed(seed)
                .device(ComputeDevice.Choice.parse(device)).eventWeights(!noEventWeights).balanceClasses(!noBalance);
        if (epochs != null) {
            b.maxEpochs(epochs);
        }
        if (layers != null) {
            b.hiddenLayers(layers);
        }
        if (width != null) {
            b.width(width);
        }
        if (activation != null) {
            b.activation(ClassifierConfig.ActivationFunction.parse(activation));
        }
        if (learningRate != null) {
            b.learningRate(learningRate);
        }
        if (batchSize != null) {
            b.batchSize(batchSize);
        }
        if (patience != null) {
            b.patience(patience);
        }
        if (validationFraction != null) {
            b.validationFraction(validationFraction);
        }
        return b.build();
    }

    /** A seeded random subset of n events (all of them when the table has no more). */
    static EventTable subset(EventTable table, int n, long seed) {
        if (n >= table.rows()) {
            return table;
        }
        int[] p = new int[table.rows()];
        for (int i = 0; i < p.length; i++) {
            p[i] = i;
        }
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            int j = i + r.nextInt(p.length - i);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return table.selectRows(p, n);
    }

    static EventTable load(String input, int events, long seed) {
        if (EventSource.DEMO.equals(input)) {
            if (events < 1) {
                throw new InputException("--events must be >= 1, got " + events);
            }
            return DemoGenerator.generate(events, seed);
        }
        return EventReaders.read(Path.of(input));
    }
}
