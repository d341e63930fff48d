package org.nuisance.engine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nuisance.engine.data.EventTable;
import org.nuisance.engine.data.InputException;
import org.nuisance.engine.ml.ClassifierConfig;
import org.nuisance.engine.ml.ComputeDevice;
import org.nuisance.engine.ml.PretrainedModel;
import org.nuisance.engine.ml.TrainingProgressListener;
import org.nuisance.engine.ml.TrainingScaling;
import org.nuisance.engine.ml.TrainingSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code train-scaling}: held-out AUC against training-sample size, from scratch and fine-tuned. */
@Command(name = "train-scaling", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train from scratch and fine-tuned from a pretrained trunk on seeded subsamples of growing size; "
                + "print the held-out AUCs (weighted and unweighted), epochs and time to 99.9%% of the from-scratch "
                + "AUC, and the CKA similarity of the hidden representations.")
final class TrainScalingCommand implements Callable<Integer> {

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "Event file, or 'demo'.")
    String input;

    @Option(names = "--features", required = true, paramLabel = "A,B,...",
            description = "Feature columns, comma-separated; '*' globs allowed.")
    String features;

    @Option(names = "--sizes", required = true, split = ",", paramLabel = "N,N,...",
            description = "Training-sample sizes, e.g. 100,300,1000,3000,10000 (a size above the pool is the pool).")
    int[] sizes;

    @Option(names = "--seeds", paramLabel = "K", defaultValue = "3", description = "Seeds per size (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--from-pretrained", paramLabel = "builtin|DIR", defaultValue = "builtin",
            description = "The pretrained trunk (default: ${DEFAULT-VALUE}).")
    String pretrained;

    @Option(names = "--trunk-lr-factor", paramLabel = "F", defaultValue = "0.1",
            description = "The trunk's learning rate relative to the head's (default: ${DEFAULT-VALUE}).")
    float trunkFactor;

    @Option(names = "--test-fraction", paramLabel = "F", defaultValue = "0.3",
            description = "Share of the events held out for judging, never trained on (default: ${DEFAULT-VALUE}).")
    double testFraction;

    @Option(names = "--events", paramLabel = "N", defaultValue = "100000", description = "Events for 'demo'.")
    int events;

    @Option(names = "--cka-events", paramLabel = "N", defaultValue = "2000",
            description = "Held-out events for the CKA similarity, 0 = none (default: ${DEFAULT-VALUE}).")
    int ckaEvents;

    @Option(names = "--plot", paramLabel = "FILE.png",
            description = "Also draw held-out weighted AUC against training events, scratch and fine-tuned, as a PNG.")
    java.nio.file.Path plot;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (seeds < 1) {
            throw new InputException("--seeds must be >= 1, got " + seeds);
        }
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new InputException("--test-fraction must be in (0, 1), got " + testFraction);
        }
        PrintWriter out = spec.commandLine().getOut();
        // the events first: a bad file is named before the sizes are judged
        EventTable table = EventSource.naming(input, () -> TrainCommand.load(input, events, 2014));
        List<String> names = EventSource.naming(input, () -> TrainingSet.expandFeatures(table, features));
        EventSource.requirePositiveYields(table, input);
        for (int s : sizes) {
            if (s < 10) {
                throw new InputException("--sizes: each size must be >= 10, got " + s);
            }
        }
        // One seeded split, the same for every training: the held-out events are never trained on.
        EventTable[] split = TrainingScaling.heldOutSplit(table, testFraction, 2014);
        EventTable test = split[0];
        EventTable pool = split[1];
        ClassifierConfig base = ClassifierConfig.defaults().withDevice(ComputeDevice.Choice.CPU);
        TrainingScaling.Result result;
        try (PretrainedModel trunk = PretrainedModel.open(pretrained, ComputeDevice.Choice.CPU)) {
            result = TrainingScaling.run(pool, test, names, sizes, seeds, trunk, trunkFactor, base, ckaEvents,
                    TrainingProgressListener.NONE);
        }
        if (plot != null) {
            org.nuisance.engine.ml.ScalingPlot.write(result.rows(), String.format(Locale.ROOT,
                    "%s: %d held-out events, %d seeds, trunk learning-rate factor %s", input.replaceAll(".*/", ""),
                    test.rows(), seeds, trunkFactor), plot);
        }
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("input", input);
            m.put("features", names);
            m.put("pool_events", pool.rows());
            m.put("held_out_events", test.rows());
            m.put("pretrained", pretrained);
            m.put("trunk_lr_factor", trunkFactor);
            m.put("rows", result.rows());
            m.put("cka", result.similarities());
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m));
        } else {
            out.printf(Locale.ROOT, "%d pool events, %d held out; features: %d%n", pool.rows(), test.rows(), names.size());
            out.println("size    scratch wAUC (sd)   pretrained wAUC (sd)   gain    scratch AUC  pretrained AUC");
            for (int s : sizes) {
                double[] a = stats(result.rows(), s, "scratch", true);
                double[] b = stats(result.rows(), s, "pretrained", true);
                double[] ua = stats(result.rows(), s, "scratch", false);
                double[] ub = stats(result.rows(), s, "pretrained", false);
                out.printf(Locale.ROOT, "%-7d %.4f (%.4f)     %.4f (%.4f)        %+.4f  %.4f       %.4f%n", s, a[0], a[1],
                        b[0], b[1], b[0] - a[0], ua[0], ub[0]);
            }
            for (TrainingScaling.Similarity c : result.similarities()) {
                out.printf(Locale.ROOT, "CKA size %d seed %d: scratch-pretrained %.3f, fine-tuned-pretrained %.3f, "
                        + "scratch-fine-tuned %.3f%n", c.size(), c.seed(), c.scratchVsPretrained(),
                        c.fineTunedVsPretrained(), c.scratchVsFineTuned());
            }
        }
        out.flush();
        return 0;
    }

    private static double[] stats(List<TrainingScaling.Row> rows, int size, String start, boolean weighted) {
        double[] v = rows.stream().filter(r -> r.size() == size && r.start().equals(start))
                .mapToDouble(r -> weighted ? r.heldOutWeightedAuc() : r.heldOutAuc()).toArray();
        double mean = Arrays.stream(v).average().orElse(Double.NaN);
        double var = Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / Math.max(1, v.length - 1);
        return new double[] {mean, Math.sqrt(var)};
    }
}
