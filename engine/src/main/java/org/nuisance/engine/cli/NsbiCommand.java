package org.nuisance.engine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nuisance.engine.data.EventTable;
import org.nuisance.engine.data.InputException;
import org.nuisance.engine.higgsml.Systematics;
import org.nuisance.engine.ml.ClassifierConfig;
import org.nuisance.engine.ml.ComputeDevice;
import org.nuisance.engine.ml.TrainingSet;
import org.nuisance.engine.nsbi.NsbiClosure;
import org.nuisance.engine.nsbi.NsbiModel;
import org.nuisance.engine.nsbi.UnbinnedLikelihood;
import org.nuisance.engine.stats.fit.FitResult;
import org.nuisance.engine.stats.fit.Fitter;
import org.nuisance.engine.stats.fit.ProfileScan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nsbi}: the unbinned neural likelihood (train, fit, scan, closure). */
@Command(name = "nsbi", mixinStandardHelpOptions = true,
        description = "Unbinned neural simulation-based inference: per-process density-ratio ensembles with joint "
                + "tes/jes/soft_met systematics (GOLLUM's form), fitted as an extended unbinned likelihood.",
        subcommands = {NsbiCommand.Train.class, NsbiCommand.Fit.class, NsbiCommand.Scan.class,
            NsbiCommand.Closure.class})
final class NsbiCommand implements Runnable {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The observed events of an input: its events after the nominal shifts and cuts, weighted (an Asimov-like dataset at mu = 1). */
    static EventTable observed(EventSource source, String input) {
        return Systematics.apply(source.load(input), NsbiModel.nominal(), source.seed());
    }

    @Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Train the per-process ratio ensembles, the joint systematic networks and the rate "
                    + "parametrisation; writes the model folder atomically with a JSON card.")
    static final class Train implements Callable<Integer> {
        @Option(names = "--input", required = true, paramLabel = "FILE|demo", description = "Event file, or 'demo'.")
        String input;

        @Mixin
        EventSource source;

        @Option(names = "--features", required = true, paramLabel = "F1,F2,...",
                description = "Feature columns, comma-separated; '*' globs allowed.")
        String features;

        @Option(names = "--ensemble", paramLabel = "K", defaultValue = "3",
                description = "Seeded networks per process ratio (default: ${DEFAULT-VALUE}).")
        int ensemble;

        @Option(names = "--epochs", paramLabel = "E", defaultValue = "20", description = "Maximum epochs (default: ${DEFAULT-VALUE}).")
        int epochs;

        @Option(names = "--device", paramLabel = "cpu|gpu", defaultValue = "cpu", description = "Where to train (default: ${DEFAULT-VALUE}).")
        String device;

        @Option(names = "--layers", paramLabel = "N", defaultValue = "3", description = "Hidden layers (default: ${DEFAULT-VALUE}).")
        int layers;

        @Option(names = "--width", paramLabel = "N", defaultValue = "64", description = "Units per layer (default: ${DEFAULT-VALUE}).")
        int width;

        @Option(names = "--design-points", paramLabel = "J", defaultValue = "24",
                description = "Shifted samples for the systematic networks and rates (default: ${DEFAULT-VALUE}).")
        int designPoints;

        @Option(names = "--events-per-point", paramLabel = "N", defaultValue = "8000",
                description = "Events per design point and process for the systematic networks (default: ${DEFAULT-VALUE}).")
        int perPoint;

        @Option(names = "--output", required = true, paramLabel = "DIR", description = "Model folder to write.")
        Path output;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        org.nuisance.engine.cluster.ShardOptions shard;

        @Override
        public Integer call() {
            if (shard.active()) {
                return trainShard(spec.commandLine().getOut());
            }
            return train(NsbiModel.TRAIN_HERE, spec.commandLine().getOut());
        }

        private void check() {
            if (ensemble < 1 || epochs < 1 || designPoints < 10 || perPoint < 10) {
                throw new InputException("--ensemble and --epochs must be >= 1, --design-points and --events-per-point >= 10");
            }
        }

        private NsbiModel.Options options(EventTable raw) {
            List<String> feats = TrainingSet.expandFeatures(raw, features);
            ClassifierConfig cfg = ClassifierConfig.defaults().withArchitecture(layers, width,
                    ClassifierConfig.ActivationFunction.TANH).withEpochs(epochs).withPatience(5).withSeed(source.seed())
                    .withDevice(ComputeDevice.Choice.parse(device));
            return NsbiModel.Options.defaults(feats).withConfig(cfg).withEnsemble(ensemble)
                    .withDesign(designPoints, perPoint).withSoftSeed(source.seed());
        }

        /** Trains the whole model, the ratio ensembles from {@code ratios} (trained here, or the shards' members). */
        int train(NsbiModel.RatioSource ratios, PrintWriter out) {
            check();
            EventTable raw = source.load(input);
            NsbiModel.Options o = options(raw);
            try (NsbiModel m = EventSource.naming(input, () -> NsbiModel.train(raw, o, null, s -> {
                out.println(s);
                out.flush();
            }, ratios))) {
                m.save(output);
                out.printf(Locale.ROOT, "trained in %.1f s; calibration chi2 (raw) per process %s; saved to %s%n",
                        m.card().seconds(), Arrays.toString(m.card().calibrationChi2()), output);
            }
            out.flush();
            return 0;
        }

        /** Members [first, end) of every process's ratio ensemble, saved under ratio-PROCESS/member-KK in the part. */
        private int trainShard(PrintWriter out) {
            check();
            EventTable raw = source.load(input);
            NsbiModel.Options o = options(raw);
            org.nuisance.engine.cluster.Shard.Range range = shard.range(ensemble);
            Path part = org.nuisance.engine.cluster.ShardPart.prepare(output);
            List<String> processes = new java.util.ArrayList<>();
            EventSource.naming(input, () -> {
                NsbiModel.trainRatioMembers(raw, o, range.first(), range.end(), null, s -> {
                    out.println(s);
                    out.flush();
                }, (p, name, first, members) -> {
                    try {
                        for (int i = 0; i < members.size(); i++) {
                            members.get(i).save(NsbiShards.memberFolder(part, name, first + i));
                        }
                    } finally {
                        members.forEach(org.nuisance.engine.ml.TrainedClassifier::close);
                    }
                    processes.add(name);
                });
                return null;
            });
            shard.part(spec, source.seed(), NsbiShards.KIND, range, NsbiShards.payload(processes)).write(part);
            out.printf(Locale.ROOT, "shard %s: members [%d, %d) of %d of each of %d ratio ensembles saved in part %s%n",
                    shard.shard(), range.first(), range.end(), ensemble, processes.size(), part);
            out.flush();
            return 0;
        }
    }

    @Command(name = "fit", mixinStandardHelpOptions = true,
            description = "Maximum-likelihood fit of the unbinned model to the input's events (after the nominal "
                    + "shifts and cuts, weighted): best-fit values, Hessian errors, correlations.")
    static final class Fit implements Callable<Integer> {
        @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model folder from 'nsbi train'.")
        Path model;

        @Option(names = "--input", required = true, paramLabel = "FILE|demo", description = "Event file, or 'demo'.")
        String input;

        @Mixin
        EventSource source;

        @Option(names = "--json", description = "Write JSON instead of a table.")
        boolean json;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            FitResult r;
            UnbinnedLikelihood like;
            // the events first: a bad event file is named before the model is read
            EventTable events = EventSource.naming(input, () -> observed(source, input));
            EventSource.requirePositiveYields(events, input);
            try (NsbiModel m = NsbiModel.load(model, ComputeDevice.Choice.AUTO)) {
                like = m.likelihood(events);
            }
            r = new Fitter(like).fit();
            PrintWriter out = spec.commandLine().getOut();
            List<String> names = r.names();
            if (json) {
                ObjectNode root = new ObjectMapper().createObjectNode();
                root.put("converged", r.converged());
                WorkspaceOptions.put(root, "nll", r.nll());
                ObjectNode params = root.putObject("parameters");
                for (int i = 0; i < names.size(); i++) {
                    ObjectNode p = params.putObject(names.get(i));
                    WorkspaceOptions.put(p, "value", r.values()[i]);
                    WorkspaceOptions.put(p, "error", r.errors()[i]);
                }
                double[][] corr = r.correlation();
                ObjectNode c = root.putObject("correlation");
                for (int i = 0; i < names.size(); i++) {
                    ObjectNode row = c.putObject(names.get(i));
                    for (int j = 0; j < names.size(); j++) {
                        WorkspaceOptions.put(row, names.get(j), corr[i][j]);
                    }
                }
                WorkspaceOptions.status(root, r.status());
                out.println(root.toPrettyString());
            } else {
                out.printf("converged: %s (%s)%n-ln L: %.10g%n", r.converged(), r.reason(), r.nll());
                for (int i = 0; i < names.size(); i++) {
                    out.printf("%-32s %14.6g +- %s%n", names.get(i), r.values()[i],
                            WorkspaceOptions.text(r.errors()[i], "undefined"));
                }
                out.println("(tes, jes: alpha = (theta - 1) / 0.01; soft_met: alpha = ln(soft_met / GeV))");
                WorkspaceOptions.warn(out, r.status());
            }
            out.flush();
            return WorkspaceOptions.exitCode(spec, r.status());
        }
    }

    @Command(name = "scan", mixinStandardHelpOptions = true,
            description = "Profile-likelihood scan of mu with the unbinned model: -2 Delta ln L and 68%%/95%% intervals.")
    static final class Scan implements Callable<Integer> {
        @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model folder from 'nsbi train'.")
        Path model;

        @Option(names = "--input", required = true, paramLabel = "FILE|demo", description = "Event file, or 'demo'.")
        String input;

        @Mixin
        EventSource source;

        @Option(names = "--range", required = true, paramLabel = "LO,HI", description = "Scan range.")
        String range;

        @Option(names = "--points", required = true, paramLabel = "N", description = "Number of scan points (>= 2).")
        int points;

        @Option(names = "--json", description = "Write JSON instead of a table.")
        boolean json;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            double[] lohi = ScanCommand.parseRange(range);
            if (points < 2) {
                throw new InputException("--points must be >= 2, got " + points);
            }
            UnbinnedLikelihood like;
            EventTable events = EventSource.naming(input, () -> observed(source, input));
            EventSource.requirePositiveYields(events, input);
            try (NsbiModel m = NsbiModel.load(model, ComputeDevice.Choice.AUTO)) {
                like = m.likelihood(events);
            }
            ProfileScan.Result r = new ProfileScan(new Fitter(like), like.poi(), new int[0]).scan(lohi[0], lohi[1], points);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                ObjectNode root = new ObjectMapper().createObjectNode();
                root.put("poi", r.parameter());
                WorkspaceOptions.array(root, "values", r.values());
                WorkspaceOptions.array(root, "twice_delta_nll", r.twiceDeltaNll());
                WorkspaceOptions.put(root, "best", r.best());
                WorkspaceOptions.array(root, "interval68", r.interval68());
                WorkspaceOptions.array(root, "interval95", r.interval95());
                out.println(root.toPrettyString());
            } else {
                out.printf("%-14s %14s%n", r.parameter(), "-2 Delta ln L");
                for (int i = 0; i < r.values().length; i++) {
                    out.printf("%-14.6g %14s%n", r.values()[i], WorkspaceOptions.text(r.twiceDeltaNll()[i], "undefined"));
                }
                String beyond = "not reached in the scan range";
                out.printf("best: %s%n68%%: [%s, %s]%n95%%: [%s, %s]%n", WorkspaceOptions.text(r.best(), "undefined"),
                        WorkspaceOptions.text(r.interval68()[0], beyond), WorkspaceOptions.text(r.interval68()[1], beyond),
                        WorkspaceOptions.text(r.interval95()[0], beyond), WorkspaceOptions.text(r.interval95()[1], beyond));
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "closure", mixinStandardHelpOptions = true,
            description = "Closure on weighted (Asimov-like) pseudo-data from independent demo samples at random truths "
                    + "drawn from the priors: mu-hat - mu in units of sigma(mu) per truth and on average.")
    static final class Closure implements Callable<Integer> {
        @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model folder from 'nsbi train'.")
        Path model;

        @Option(names = "--events", paramLabel = "N", defaultValue = "1000000", description = "Demo events per truth (default: ${DEFAULT-VALUE}).")
        int events;

        @Option(names = "--truths", paramLabel = "N", defaultValue = "20", description = "Random truths (default: ${DEFAULT-VALUE}).")
        int truths;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "777", description = "Seed of truths and samples (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--json", description = "Write JSON instead of text.")
        boolean json;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            NsbiClosure.Summary s;
            try (NsbiModel m = NsbiModel.load(model, ComputeDevice.Choice.AUTO)) {
                // the model first: a bad model folder is named before the options are judged
                if (truths < 1 || events < 1000) {
                    throw new InputException("--truths must be >= 1 and --events >= 1000");
                }
                s = NsbiClosure.run(m, events, truths, seed, json ? null : line -> {
                    out.println(line);
                    out.flush();
                });
            }
            if (json) {
                ObjectNode root = new ObjectMapper().createObjectNode();
                root.put("truths", truths);
                WorkspaceOptions.put(root, "mean_pull", s.meanPull());
                WorkspaceOptions.put(root, "pull_standard_error", s.pullStandardError());
                WorkspaceOptions.put(root, "mean_abs_pull", s.meanAbsPull());
                WorkspaceOptions.put(root, "mean_sigma_mu", s.meanSigma());
                WorkspaceOptions.array(root, "mu_true", s.muTrue());
                WorkspaceOptions.array(root, "mu_hat", s.muHat());
                WorkspaceOptions.array(root, "sigma_mu", s.sigma());
                out.println(root.toPrettyString());
            } else {
                out.printf(Locale.ROOT, "mean (mu-hat - mu) / sigma: %.3f +- %.3f; mean |pull| %.3f; mean sigma(mu) %.4f%n",
                        s.meanPull(), s.pullStandardError(), s.meanAbsPull(), s.meanSigma());
            }
            out.flush();
            return 0;
        }
    }
}
