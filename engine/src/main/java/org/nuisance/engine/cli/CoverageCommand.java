package org.nuisance.engine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.nuisance.engine.data.EventReaders;
import org.nuisance.engine.data.EventTable;
import org.nuisance.engine.higgsml.DemoGenerator;
import org.nuisance.engine.higgsml.ShiftKernel;
import org.nuisance.engine.higgsml.ComputedColumns;
import org.nuisance.engine.higgsml.PreparedEvents;
import org.nuisance.engine.hist.Axis;
import org.nuisance.engine.stats.histfactory.Model;
import org.nuisance.engine.stats.toys.CoveragePart;
import org.nuisance.engine.stats.toys.HiggsTemplates;
import org.nuisance.engine.stats.toys.IndependentSample;
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

    @Option(names = "--sets", paramLabel = "N", description = "Sets as the challenge has them: a true mu per set, the "
            + "nuisance parameters per pseudo-experiment; N sets of --toys-per-set each (default 100).")
    Integer sets;

    @Option(names = "--toys-per-set", paramLabel = "M", description = "Pseudo-experiments per set (with --sets; "
            + "alone: 10 sets).")
    Integer toysPerSet;

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

    @Option(names = "--pseudo-data", paramLabel = "KIND", defaultValue = "independent",
            description = "independent (default: the model from one sample, pseudo-experiments drawn from a disjoint "
                    + "one, as the challenge does) or same-events (drawn from the template events themselves, the old "
                    + "behaviour, for comparison).")
    String pseudoData;

    @Option(names = "--test-seed", paramLabel = "S", description = "Seed of the independent sample: of the second "
            + "generated sample for 'demo', of the split for a file (default: derived from --seed).")
    Long testSeed;

    @Option(names = "--test-fraction", paramLabel = "F", defaultValue = "0.3", description = "For a file: the fraction "
            + "of its events held out for the pseudo-experiments, each part's weights scaled to the whole luminosity "
            + "(default: ${DEFAULT-VALUE}, as the challenge).")
    double testFraction;

    @Option(names = "--test-input", paramLabel = "FILE", description = "Draw the pseudo-experiments from these "
            + "events (a file, or 'demo' for a generated sample with --test-seed) instead.")
    String testInput;

    @Option(names = "--test-events", paramLabel = "N", description = "Events of a generated independent sample "
            + "(default: --events).")
    Integer testEvents;

    @Option(names = "--json", description = "Write JSON instead of text.")
    boolean json;

    @Option(names = "--model", paramLabel = "MODEL_DIR",
            description = "A classifier saved by 'train': --column then names its score, recomputed on the shifted "
                    + "events of every template and pseudo-experiment.")
    java.nio.file.Path modelDir;

    @Option(names = "--method", paramLabel = "binned|nsbi", defaultValue = "binned",
            description = "binned: templates of --column (default); nsbi: the unbinned model of 'nsbi train' in --model "
                    + "(--column, --bins and --range are then not used).")
    String method;

    @Mixin
    EventSource source;

    @Mixin
    org.nuisance.engine.cluster.ShardOptions shard;

    @Option(names = "--progress", description = "Print progress on stderr (the default at a terminal).")
    boolean showProgress;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Axis axis = observable.axis();
        int perSet = 0;
        if (sets != null || toysPerSet != null) {
            int nSets = sets != null ? sets : 10;
            perSet = toysPerSet != null ? toysPerSet : 100;
            if (nSets < 1 || perSet < 1) {
                throw new IllegalArgumentException("--sets and --toys-per-set must be >= 1, got " + nSets + " and " + perSet);
            }
            if (toys != null && toys != nSets * perSet) {
                throw new IllegalArgumentException("--toys " + toys + " is not --sets x --toys-per-set = " + nSets * perSet);
            }
            toys = nSets * perSet;
        }
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
        if (!(widthScale > 0) || !Double.isFinite(widthScale)) {
            throw new IllegalArgumentException("--width-scale must be a finite number > 0, got " + widthScale);
        }
        boolean independent = switch (pseudoData) {
            case "independent" -> true;
            case "same-events" -> false;
            default -> throw new IllegalArgumentException("--pseudo-data must be independent or same-events, got '"
                    + pseudoData + "'");
        };
        org.nuisance.engine.data.InputChecks.intOption(count != null ? "--count" : "--toys", n, 1, 1_000_000);
        EventTable table = source.load(observable.input);
        EventSource.requirePositiveYields(table, observable.input);
        if (modelDir != null && !"nsbi".equals(method) && table.hasColumn(observable.column)) {
            throw new IllegalArgumentException("--column " + observable.column + " is a column of " + observable.input
                    + "; with --model, --column names the score column to add: give a new name such as 'score'");
        }
        EventTable pseudoTable = null;
        if (independent) {
            long ts = testSeed();
            int nTest = testEvents != null ? testEvents : source.events;
            if (nTest < 1) {
                throw new IllegalArgumentException("--test-events must be >= 1, got " + nTest);
            }
            if (testInput != null) {
                pseudoTable = EventSource.DEMO.equals(testInput) ? DemoGenerator.generate(nTest, ts)
                        : EventReaders.read(java.nio.file.Path.of(testInput));
            } else if (EventSource.DEMO.equals(observable.input)) {
                pseudoTable = DemoGenerator.generate(nTest, ts);
            } else {
                IndependentSample split = IndependentSample.split(table, testFraction, ts);
                table = split.templates();
                pseudoTable = split.pseudoData();
            }
        }
        if ("nsbi".equals(method)) {
            // the network was trained elsewhere; its pseudo-experiments come from the independent sample when there is one
            return NsbiCoverage.run(modelDir, pseudoTable != null ? pseudoTable : table, from, n, source.seed(), json,
                    output, spec.commandLine().getOut(), pseudoTable != null ? "independent" : "same-events");
        } else if (!"binned".equals(method)) {
            throw new IllegalArgumentException("--method must be binned or nsbi, got '" + method + "'");
        }
        org.nuisance.engine.ml.EventScorer scorer = null;
        ComputedColumns computed = ComputedColumns.none();
        if (modelDir != null) {
            scorer = org.nuisance.engine.ml.EventScorer.load(modelDir, org.nuisance.engine.ml.ComputeDevice.Choice.AUTO);
            computed = computed.with(observable.column, scorer::score, scorer.features(), true);
        }
        Progress progress = new Progress(spec.commandLine().getErr(), Progress.wanted(showProgress));
        if (table.hasColumn(observable.column) || computed.isShifted(observable.column)) {
            // (bad input keeps its one-line error: nothing is printed before it)
            progress.step("building the templates of " + observable.column + (modelDir != null
                    ? " (the classifier scores every shifted sample: this takes minutes)" : ""));
        }
        HiggsTemplates templates = new HiggsTemplates(PreparedEvents.of(table), computed, observable.column, axis,
                source.seed(), widthScale);
        org.nuisance.engine.stats.histfactory.Workspace ws = templates.workspace();
        if (!noInterpolationError && shapes == HiggsTemplates.Shapes.GRID) {
            ws = templates.withInterpolationUncertainty(ws);
        }
        PreparedEvents pseudoEvents = templates.events();
        if (pseudoTable != null) {
            pseudoEvents = PreparedEvents.of(pseudoTable);
            // the templates' MC statistics and the pseudo-data sample's own, in the model (Barlow-Beeston-lite)
            ws = templates.withMcStatUncertainty(ws, new ShiftKernel(pseudoEvents, computed)
                    .fill(observable.column, axis, HiggsTemplates.nominal(), source.seed()));
        }
        Model model = templates.model(ws, shapes);
        Model smooth = shapes == HiggsTemplates.Shapes.GRID ? templates.model(ws, HiggsTemplates.Shapes.POLYNOMIAL) : null;
        progress.step("running " + n + " pseudo-experiments");
        PseudoExperiments.Summary s = new PseudoExperiments(templates, model, smooth,
                eventBootstrap ? PseudoExperiments.Bootstrap.EVENT : PseudoExperiments.Bootstrap.BINNED, pseudoEvents)
                .run(from, n, source.seed(), perSet, progress.counter("pseudo-experiments", n), () -> false);
        if (scorer != null) {
            try {
                scorer.close();
            } catch (Exception ignored) {
                // the result is computed; a failure to free native memory at exit changes nothing
            }
        }
        if (!Double.isFinite(s.coverage()) || !Double.isFinite(s.meanWidth())) {
            throw new IllegalArgumentException(observable.input + ": the pseudo-experiments gave no finite intervals "
                    + "(coverage " + s.coverage() + ", mean width " + s.meanWidth() + "); check the weights and --range");
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
        print(spec.commandLine().getOut(), s, json, from, independent ? "independent" : "same-events", perSet,
                source.seed());
        return 0;
    }

    private long testSeed() {
        return testSeed != null ? testSeed : IndependentSample.testSeed(source.seed());
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
        o.put("pseudo_data", pseudoData);
        if (sets != null || toysPerSet != null) {
            o.put("toys_per_set", toysPerSet != null ? toysPerSet : 100);
        }
        if ("independent".equals(pseudoData)) {
            o.put("test_seed", testSeed());
            if (testInput != null) {
                o.put("test_input", testInput);
            } else if (!EventSource.DEMO.equals(observable.input)) {
                o.put("test_fraction", testFraction);
            }
            if (testEvents != null) {
                o.put("test_events", testEvents);
            }
        }
        if (modelDir != null) {
            o.put("model", modelDir.toAbsolutePath().normalize().toString());
        }
        return o;
    }

    /** Prints a summary as text or JSON (the JSON keys are relied on by other tools). */
    static void print(PrintWriter out, PseudoExperiments.Summary s, boolean json, int first, String pseudoData,
                      int toysPerSet, long seed) {
        double scoreError = toysPerSet > 0 && first == 0
                ? PseudoExperiments.scoreUncertainty(s.results(), toysPerSet, 1000, seed) : Double.NaN;
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
            root.put("pseudo_data", pseudoData);
            if (toysPerSet > 0) {
                root.put("sets", s.toys() / toysPerSet);
                root.put("toys_per_set", toysPerSet);
                if (!Double.isNaN(scoreError)) {
                    root.put("score_uncertainty", scoreError);
                }
            }
            out.println(root.toPrettyString());
        } else {
            out.printf("pseudo-experiments: %d (%.1f s)%ncoverage: %.4f (target 0.6827 +- %.4f)%nmean width: %.4f%n"
                    + "score: %.4f%nmean mu-hat - mu: %.4f%nintervals reaching a bound: %d%npseudo-data: %s%n", s.toys(),
                    s.seconds(),
                    s.coverage(), 2 * org.nuisance.engine.stats.toys.ChallengeScore.sigma68(s.toys()), s.meanWidth(),
                    s.score(), s.meanBias(), s.boundedIntervals(), pseudoData);
            if (toysPerSet > 0 && !Double.isNaN(scoreError)) {
                out.printf("sets: %d of %d; score uncertainty (bootstrap over sets): %.4f%n", s.toys() / toysPerSet,
                        toysPerSet, scoreError);
            }
        }
        out.flush();
    }
}
