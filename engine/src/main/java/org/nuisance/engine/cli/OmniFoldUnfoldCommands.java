package org.nuisance.engine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nuisance.engine.data.InputException;
import org.nuisance.engine.hist.Axis;
import org.nuisance.engine.ml.ClassifierConfig;
import org.nuisance.engine.ml.ComputeDevice;
import org.nuisance.engine.omnifold.Binning;
import org.nuisance.engine.omnifold.WeightScheme;
import org.nuisance.engine.omnifold.unfold.Ibu;
import org.nuisance.engine.omnifold.unfold.MemberWeightsFile;
import org.nuisance.engine.omnifold.unfold.NeuralReweighter;
import org.nuisance.engine.omnifold.unfold.OmniFoldUnfolding;
import org.nuisance.engine.omnifold.unfold.TableFiles;
import org.nuisance.engine.omnifold.unfold.ToyGenerator;
import org.nuisance.engine.omnifold.unfold.UnfoldingInputs;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code omnifold toy|unfold|ibu}: producing unfolded results (the other omnifold commands read them). */
final class OmniFoldUnfoldCommands {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OmniFoldUnfoldCommands() {
    }

    /** {@code omnifold toy}: toy inputs with known truths. */
    @Command(name = "toy", mixinStandardHelpOptions = true,
            description = "Write toy unfolding inputs with known truths: DIR/data.parquet and DIR/mc.parquet "
                    + "(zjets also DIR/background.parquet).")
    static final class Toy implements Callable<Integer> {

        @Option(names = "--kind", required = true, paramLabel = "gaussian|zjets", description = "Which toy.")
        String kind;

        @Option(names = "--events", paramLabel = "N", defaultValue = "100000", description = "Events per sample (default: ${DEFAULT-VALUE}).")
        int events;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--data-mean", paramLabel = "M", defaultValue = "0", description = "Gaussian: data truth mean (default: ${DEFAULT-VALUE}).")
        double dataMean;

        @Option(names = "--data-sigma", paramLabel = "S", defaultValue = "1", description = "Gaussian: data truth sd (default: ${DEFAULT-VALUE}).")
        double dataSigma;

        @Option(names = "--mc-mean", paramLabel = "M", defaultValue = "0.2", description = "Gaussian: simulation truth mean (default: ${DEFAULT-VALUE}).")
        double mcMean;

        @Option(names = "--mc-sigma", paramLabel = "S", defaultValue = "0.8", description = "Gaussian: simulation truth sd (default: ${DEFAULT-VALUE}).")
        double mcSigma;

        @Option(names = "--smearing", paramLabel = "R", defaultValue = "0.5", description = "Gaussian: detector resolution (default: ${DEFAULT-VALUE}).")
        double smearing;

        @Option(names = "--closure", description = "zjets: data follow the simulation's truth, no background (a closure test).")
        boolean closure;

        @Option(names = "--output", required = true, paramLabel = "DIR", description = "Output folder.")
        Path output;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            if (events < 1) {
                throw new InputException("--events must be >= 1, got " + events);
            }
            ToyGenerator.Toy toy = switch (kind.toLowerCase(Locale.ROOT)) {
                case "gaussian" -> ToyGenerator.gaussian(events, seed,
                        new ToyGenerator.Gaussian(dataMean, dataSigma, mcMean, mcSigma, smearing));
                case "zjets" -> ToyGenerator.zjets(events, seed, closure);
                default -> throw new InputException("--kind must be gaussian or zjets, got '" + kind + "'");
            };
            ToyGenerator.write(toy, output);
            ObjectNode root = JSON.createObjectNode();
            root.put("data", output.resolve("data.parquet").toString());
            root.put("mc", output.resolve("mc.parquet").toString());
            if (toy.background() != null) {
                root.put("background", output.resolve("background.parquet").toString());
            }
            root.put("data_events", toy.data().rows());
            root.put("mc_events", toy.mc().rows());
            PrintWriter out = spec.commandLine().getOut();
            out.println(root.toPrettyString());
            out.flush();
            return 0;
        }
    }

    /** {@code omnifold unfold}: MultiFold with DJL classifiers, output in the published layout. */
    @Command(name = "unfold", mixinStandardHelpOptions = true,
            description = "Unbinned unfolding (OmniFold/MultiFold) of all observables at once; writes weights_nominal, "
                    + "weights_ensemble_k, weights_bootstrap_data_k, weights_bootstrap_mc_k, the generator-level "
                    + "observables and weight_mc (Parquet, or pandas HDF5 for .h5). A JSON summary goes to stdout. With --shard I/N "
                    + "only that slice of the members runs and --output is a part folder for 'merge'.")
    static final class Unfold implements Callable<Integer> {

        @Option(names = "--data", required = true, paramLabel = "FILE", description = "Measured events: one column per observable, optional 'weight'.")
        Path data;

        @Option(names = "--mc", required = true, paramLabel = "FILE",
                description = "Simulation: <obs>_reco, <obs>_gen, weight_mc, optional pass_reco and pass_gen (0/1).")
        Path mc;

        @Option(names = "--background", paramLabel = "FILE",
                description = "Background simulation (reco columns and 'weight'), subtracted in step 1 with negative weights.")
        Path background;

        @Option(names = "--observables", required = true, paramLabel = "a,b,...", split = ",", description = "Observables to unfold.")
        List<String> observables;

        @Option(names = "--iterations", paramLabel = "N", defaultValue = "3", description = "Iterations (default: ${DEFAULT-VALUE}).")
        int iterations;

        @Option(names = "--ensemble", paramLabel = "K", defaultValue = "0",
                description = "Independently seeded unfoldings; their mean is weights_nominal (default: ${DEFAULT-VALUE}: one run).")
        int ensemble;

        @Option(names = "--bootstrap-data", paramLabel = "B", defaultValue = "0", description = "Data bootstraps (default: ${DEFAULT-VALUE}).")
        int bootstrapData;

        @Option(names = "--bootstrap-mc", paramLabel = "B", defaultValue = "0", description = "Simulation bootstraps (default: ${DEFAULT-VALUE}).")
        int bootstrapMc;

        @Option(names = "--epochs", paramLabel = "E", defaultValue = "10",
                description = "Epochs per training at most (early stopping after 3 without a better validation loss; default: ${DEFAULT-VALUE}).")
        int epochs;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Run seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--device", paramLabel = "cpu|gpu", defaultValue = "cpu", description = "Where the networks train (default: ${DEFAULT-VALUE}).")
        String device;

        @Option(names = "--network", paramLabel = "LAYERSxWIDTH", defaultValue = "3x64",
                description = "Hidden layers x units of the ReLU network (default: ${DEFAULT-VALUE}).")
        String network;

        @Option(names = "--batch-size", paramLabel = "B", defaultValue = "1024", description = "Events per gradient step (default: ${DEFAULT-VALUE}).")
        int batchSize;

        @Option(names = "--output", required = true, paramLabel = "OUT.parquet|OUT.h5|PART",
                description = "Output file (pandas HDF5 for .h5/.hdf5, else Parquet); with --shard a part folder for 'merge'.")
        Path output;

        @CommandLine.Mixin
        org.nuisance.engine.cluster.ShardOptions shard;

        @Option(names = "--progress", description = "Print each training step on stderr (the default at a terminal).")
        boolean progress;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            ComputeDevice.Choice choice = switch (device.toLowerCase(Locale.ROOT)) {
                case "cpu" -> ComputeDevice.Choice.CPU;
                case "gpu" -> ComputeDevice.Choice.GPU;
                default -> throw new InputException("--device must be cpu or gpu, got '" + device + "'");
            };
            if (epochs < 1) {
                throw new InputException("--epochs must be >= 1, got " + epochs);
            }
            output = org.nuisance.engine.util.AtomicOutput.checkTarget(output, "--output");
            UnfoldingInputs in = UnfoldingInputs.read(data, mc, background, trimmed(observables));
            // One training at a time: DJL's PyTorch engine allows one gradient collector per process;
            // members spread over processes instead (each is an independent job).
            OmniFoldUnfolding.Settings s = new OmniFoldUnfolding.Settings(iterations, ensemble, bootstrapData, bootstrapMc,
                    seed, 1);
            String[] lw = network.toLowerCase(Locale.ROOT).split("x");
            ClassifierConfig config;
            try {
                config = NeuralReweighter.defaultConfig(epochs, seed).toBuilder().hiddenLayers(Integer.parseInt(lw[0].trim()))
                        .width(Integer.parseInt(lw[1].trim())).batchSize(batchSize).device(choice).build();
            } catch (RuntimeException e) {
                throw new InputException("--network must be LAYERSxWIDTH (e.g. 3x64) and --batch-size >= 1, got '" + network
                        + "' and " + batchSize);
            }
            PrintWriter err = spec.commandLine().getErr();
            // stderr keeps to the one-line error unless progress is wanted (a terminal, or --progress)
            boolean report = Progress.wanted(progress);
            NeuralReweighter reweighter = new NeuralReweighter(config, null);
            List<OmniFoldUnfolding.Job> all = s.jobs();
            org.nuisance.engine.cluster.Shard.Range range = shard.range(all.size());
            if (shard.active() && range.size() == 0) {
                throw new InputException("--shard " + shard.shard() + ": no members left for it of " + all.size());
            }
            OmniFoldUnfolding.Members m = OmniFoldUnfolding.runMembers(in, s, all.subList(range.first(), range.end()),
                    w -> reweighter, (job, it, step, sec, ev) -> {
                        if (report) {
                            err.printf(Locale.ROOT, "%s iteration %d step %s: %d events, %.1f s%n", job.column(), it, step, ev, sec);
                            err.flush();
                        }
                    }, () -> false);
            OmniFoldUnfolding.Result r;
            if (shard.active()) {
                // a part folder: the members' weights in double, so that 'merge' equals one process bit for bit
                Path part = org.nuisance.engine.cluster.ShardPart.prepare(output);
                java.util.LinkedHashMap<String, float[]> base = OmniFoldUnfolding.baseColumns(in);
                MemberWeightsFile.write(part.resolve(MemberWeightsFile.FILE), base, m.jobs(), m.rowWeights());
                shard.part(spec, seed, org.nuisance.engine.cluster.OmniFoldUnfoldShards.KIND, range,
                        org.nuisance.engine.cluster.OmniFoldUnfoldShards.payload(m.jobs())).write(part);
                r = new OmniFoldUnfolding.Result(OmniFoldUnfolding.table(base, m.jobs(), m.rowWeights()), m.timing(),
                        m.seconds());
            } else {
                r = new OmniFoldUnfolding.Result(OmniFoldUnfolding.table(OmniFoldUnfolding.baseColumns(in), m.jobs(),
                        m.rowWeights()), m.timing(), m.seconds());
                TableFiles.write(r.table(), output);
            }
            ObjectNode root = JSON.createObjectNode();
            root.put("output", output.toString());
            root.put("events", r.table().rows());
            root.put("columns", r.table().columnNames().size());
            root.put("members", m.jobs().size());
            if (shard.active()) {
                root.put("shard", shard.shard().toString());
                root.put("members_total", all.size());
            }
            root.put("sum_nominal_weights", r.table().sum(WeightScheme.NOMINAL));
            root.put("seconds", r.seconds());
            root.put("device", ComputeDevice.describe(choice));
            ObjectNode split = root.putObject("time_split");
            split.put("training_seconds", reweighter.trainingSeconds());
            split.put("scoring_seconds", reweighter.scoringSeconds());
            split.put("other_seconds", Math.max(0, r.seconds() - reweighter.trainingSeconds() - reweighter.scoringSeconds()));
            ObjectNode steps = root.putObject("steps");
            r.timing().forEach((k, v) -> {
                ObjectNode n = steps.putObject(k);
                n.put("seconds", v.seconds());
                n.put("training_events", v.events());
                OmniFoldCommand.putNumber(n, "events_per_second", v.eventsPerSecond());
            });
            PrintWriter out = spec.commandLine().getOut();
            out.println(root.toPrettyString());
            out.flush();
            return 0;
        }
    }

    /** {@code omnifold ibu}: D'Agostini's iterative Bayesian unfolding of one observable. */
    @Command(name = "ibu", mixinStandardHelpOptions = true,
            description = "Iterative Bayesian unfolding (D'Agostini) of one observable from the same inputs; JSON to stdout.")
    static final class IbuCommand implements Callable<Integer> {

        @Option(names = "--data", required = true, paramLabel = "FILE", description = "Measured events.")
        Path data;

        @Option(names = "--mc", required = true, paramLabel = "FILE", description = "Simulation.")
        Path mc;

        @Option(names = "--background", paramLabel = "FILE", description = "Background simulation, subtracted from the data.")
        Path background;

        @Option(names = "--observable", required = true, paramLabel = "a", description = "The observable.")
        String observable;

        @Option(names = "--bins", required = true, paramLabel = "EDGES|N,LO,HI", description = "Bins (reco and truth alike).")
        String bins;

        @Option(names = "--iterations", paramLabel = "N", defaultValue = "3", description = "Iterations (default: ${DEFAULT-VALUE}).")
        int iterations;

        @Option(names = "--json", description = "JSON output (the only format; accepted for symmetry).")
        boolean json;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Axis axis = Binning.parse(bins);
            UnfoldingInputs in = UnfoldingInputs.read(data, mc, background, List.of(observable.trim()));
            Ibu.Result r = Ibu.unfold(in, 0, axis, iterations);
            ObjectNode root = JSON.createObjectNode();
            root.put("observable", observable.trim());
            root.put("iterations", iterations);
            root.set("edges", OmniFoldCommand.array(r.edges()));
            root.set("unfolded", OmniFoldCommand.array(r.unfolded()));
            root.set("prior", OmniFoldCommand.array(r.prior()));
            root.set("response", OmniFoldCommand.matrix(r.response()));
            root.put("response_convention", "response[i][j] = P(reco in bin i | truth in bin j)");
            root.set("efficiency", OmniFoldCommand.array(r.efficiency()));
            root.set("measured", OmniFoldCommand.array(r.measured()));
            PrintWriter out = spec.commandLine().getOut();
            out.println(root.toPrettyString());
            out.flush();
            return 0;
        }
    }

    private static List<String> trimmed(List<String> names) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            if (!n.isBlank()) {
                out.add(n.trim());
            }
        }
        return out;
    }
}
