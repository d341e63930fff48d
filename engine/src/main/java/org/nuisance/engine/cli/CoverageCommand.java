package org.nuisance.engine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.nuisance.engine.data.EventTable;
import org.nuisance.engine.higgsml.PreparedEvents;
import org.nuisance.engine.hist.Axis;
import org.nuisance.engine.stats.histfactory.Model;
import org.nuisance.engine.stats.toys.CoveragePart;
import org.nuisance.engine.stats.toys.HiggsTemplates;
import org.nuisance.engine.stats.toys.PseudoExperiments;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code coverage}: the challenge's pseudo-experiments on a binned model of one observable. */
@Command(name = "coverage", mixinStandardHelpOptions = true,
        description = "FAIR Universe pseudo-experiments (Poisson bootstrap, random NPs and mu): coverage of the "
                + "68%% profile-likelihood interval of mu, mean width, challenge score.")
final class CoverageCommand implements Callable<Integer> {

    @Mixin
    ObservableOptions observable;

    @Option(names = "--toys", paramLabel = "N", description = "Pseudo-experiments (0 ... N-1); or --first/--count.")
    Integer toys;

    @Option(names = "--first", paramLabel = "K", description = "Run pseudo-experiments K ... K+N-1 of the run "
            + "(with --count N): each one's random numbers derive from the seed and its index alone, so parts "
            + "merged with 'merge' equal the whole run.")
    Integer first;

    @Option(names = "--count", paramLabel = "N", description = "How many pseudo-experiments from --first (default 0).")
    Integer count;

    @Option(names = "--output", paramLabel = "PART.json", description = "Also write the settings, seed and every "
            + "pseudo-experiment's truth and interval as a part file for 'merge'.")
    java.nio.file.Path output;

    @Option(names = "--width-scale", paramLabel = "K", defaultValue = "1",
            description = "Multiply the constraint widths (1: the challenge's sampling widths; default: ${DEFAULT-VALUE}).")
    double widthScale;

    @Option(names = "--shapes", paramLabel = "KIND", defaultValue = "GRID",
            description = "Shape interpolation of tes/jes/soft_met: LINEAR (histosys +-1 sigma), POLYNOMIAL (degree 4 "
                    + "over -3..3 sigma) or GRID (cubic every 0.1 sigma; default).")
    HiggsTemplates.Shapes shapes;

    @Option(names = "--no-interpolation-error", description = "Leave out the per-bin uncertainty of the tabulated "
            + "shapes (a staterror sized from the templates' staircase and from how the shape parameters combine "
            + "when shifted together; with GRID shapes).")
    boolean noInterpolationError;

    @Option(names = "--event-bootstrap", description = "Draw a Poisson count per event (the harness literally) instead "
            + "of per bin (equal in law, much faster).")
    boolean eventBootstrap;

    @Option(names = "--json", description = "Write JSON instead of text.")
    boolean json;

    @Option(names = "--model", paramLabel = "MODEL_DIR",
            description = "A classifier saved by 'train': --column then names its score, recomputed on the shifted "
                    + "events of every template and pseudo-experiment.")
    java.nio.file.Path modelDir;

    @Mixin
    EventSource source;

    @Mixin
    org.nuisance.engine.cluster.ShardOptions shard;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Axis axis = observable.axis();
        int from;
        int n;
        org.nuisance.engine.cluster.Shard.Range range = null;
        if (shard.active()) {
            // --shard I/N is --first/--count of this shard's slice of --toys, its part a folder for 'merge'
            if (toys == null || first != null || count != null || output == null) {
                throw new IllegalArgumentException("--shard needs --toys N and --output PART, and no --first/--count");
            }
            range = shard.range(toys);
            if (range.size() < 1) {
                throw new IllegalArgumentException("--shard " + shard.shard() + ": no pseudo-experiments left for it of --toys " + toys);
            }
            from = range.first();
            n = range.size();
        } else if (count != null) {
            from = first == null ? 0 : first;
            n = count;
            if (toys != null && from + n > toys) {
                throw new IllegalArgumentException("--first " + from + " --count " + n + " goes past --toys " + toys);
            }
        } else if (toys != null) {
            if (first != null) {
                throw new IllegalArgumentException("--first needs --count");
            }
            from = 0;
            n = toys;
        } else {
            throw new IllegalArgumentException("give --toys N, or --first K --count N");
        }
        if (n < 1) {
            throw new IllegalArgumentException((count != null ? "--count" : "--toys") + " must be >= 1, got " + n);
        }
        if (from < 0) {
            throw new IllegalArgumentException("--first must be >= 0, got " + from);
        }
        if (!(widthScale > 0)) {
            throw new IllegalArgumentException("--width-scale must be > 0, got " + widthScale);
        }
        EventTable table = source.load(observable.input);
        org.nuisance.engine.ml.EventScorer scorer = null;
        if (modelDir != null) {
            scorer = org.nuisance.engine.ml.EventScorer.load(modelDir, org.nuisance.engine.ml.ComputeDevice.Choice.AUTO);
            org.nuisance.engine.ml.EventScorer model = scorer;
            org.nuisance.engine.higgsml.ShiftKernel.registerComputedColumn(observable.column, model::score, model.features(), true);
        }
        HiggsTemplates templates = new HiggsTemplates(PreparedEvents.of(table), observable.column, axis, source.seed(), widthScale);
        org.nuisance.engine.stats.histfactory.Workspace ws = templates.workspace();
        if (!noInterpolationError && shapes == HiggsTemplates.Shapes.GRID) {
            ws = templates.withInterpolationUncertainty(ws);
        }
        Model model = templates.model(ws, shapes);
        Model smooth = shapes == HiggsTemplates.Shapes.GRID ? templates.model(ws, HiggsTemplates.Shapes.POLYNOMIAL) : null;
        PseudoExperiments.Summary s = new PseudoExperiments(templates, model, smooth,
                eventBootstrap ? PseudoExperiments.Bootstrap.EVENT : PseudoExperiments.Bootstrap.BINNED)
                .run(from, n, source.seed(), done -> { }, () -> false);
        if (scorer != null) {
            org.nuisance.engine.higgsml.ShiftKernel.unregisterComputedColumn(observable.column);
            try {
                scorer.close();
            } catch (Exception ignored) {
                // the result is computed; a failure to free native memory at exit changes nothing
            }
        }
        if (range != null) {
            java.nio.file.Path part = org.nuisance.engine.cluster.ShardPart.prepare(output);
            new CoveragePart(settings(), source.seed(), from, s.seconds(), s.results())
                    .write(part.resolve(org.nuisance.engine.cluster.CoverageShards.PART_FILE));
            shard.part(spec, source.seed(), org.nuisance.engine.cluster.CoverageShards.KIND, range,
                    org.nuisance.engine.cluster.CoverageShards.payload()).write(part);
        } else if (output != null) {
            new CoveragePart(settings(), source.seed(), from, s.seconds(), s.results()).write(output);
        }
        print(spec.commandLine().getOut(), s, json, from);
        return 0;
    }

    /** The options that change a result: parts merge only when these are equal. */
    private ObjectNode settings() {
        ObjectNode o = new ObjectMapper().createObjectNode();
        o.put("command", "coverage");
        o.put("input", observable.input);
        if (EventSource.DEMO.equals(observable.input)) {
            o.put("events", source.events);
        }
        o.put("column", observable.column);
        o.put("bins", observable.bins);
        o.put("range", observable.range);
        o.put("width_scale", widthScale);
        o.put("shapes", shapes.name());
        o.put("interpolation_error", !noInterpolationError);
        o.put("bootstrap", eventBootstrap ? "event" : "binned");
        if (modelDir != null) {
            o.put("model", modelDir.toAbsolutePath().normalize().toString());
        }
        return o;
    }

    /** Prints a summary as text or JSON (the JSON keys are relied on by other tools). */
    static void print(PrintWriter out, PseudoExperiments.Summary s, boolean json, int first) {
        if (json) {
            ObjectNode root = new ObjectMapper().createObjectNode();
            root.put("toys", s.toys());
            if (first != 0) {
                root.put("first", first);
            }
            root.put("coverage", s.coverage());
            root.put("mean_width", s.meanWidth());
            root.put("score", s.score());
            root.put("mean_mu_hat_minus_true", s.meanBias());
            out.println(root.toPrettyString());
        } else {
            out.printf("pseudo-experiments: %d (%.1f s)%ncoverage: %.4f (target 0.6827 +- %.4f)%nmean width: %.4f%n"
                    + "score: %.4f%nmean mu-hat - mu: %.4f%nintervals reaching a bound: %d%n", s.toys(), s.seconds(),
                    s.coverage(), 2 * org.nuisance.engine.stats.toys.ChallengeScore.sigma68(s.toys()), s.meanWidth(),
                    s.score(), s.meanBias(), s.boundedIntervals());
        }
        out.flush();
    }
}
