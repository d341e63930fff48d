package org.nuisance.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nuisance.engine.data.InputException;
import org.nuisance.engine.hist.Axis;
import org.nuisance.engine.omnifold.Binning;
import org.nuisance.engine.omnifold.Chi2Test;
import org.nuisance.engine.omnifold.OmniFoldExplorer;
import org.nuisance.engine.omnifold.OmniFoldReader;
import org.nuisance.engine.omnifold.OmniFoldTable;
import org.nuisance.engine.omnifold.SyntheticOmniFold;
import org.nuisance.engine.omnifold.UncertaintyRecipe;
import org.nuisance.engine.omnifold.UnfoldedResult;
import org.nuisance.engine.omnifold.WeightFamily;
import org.nuisance.engine.omnifold.WeightScheme;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code omnifold}: unbinned unfolded results (ATLAS Z+jets OmniFold format) to histograms with uncertainties. */
@Command(name = "omnifold", mixinStandardHelpOptions = true,
        description = "Unbinned unfolded (OmniFold) results: histograms with the full uncertainty breakdown.",
        subcommands = {OmniFoldCommand.Hist.class, OmniFoldCommand.Info.class, OmniFoldCommand.Generate.class,
            OmniFoldUnfoldCommands.Toy.class, OmniFoldUnfoldCommands.Unfold.class, OmniFoldUnfoldCommands.IbuCommand.class})
final class OmniFoldCommand implements Runnable {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code omnifold hist}: dsigma/dx, every band, total, covariance and correlation as JSON. */
    @Command(name = "hist", mixinStandardHelpOptions = true,
            description = "Histogram an observable (or expression such as pT_l1/pT_ll) with every uncertainty band; JSON to stdout.")
    static final class Hist implements Callable<Integer> {

        @Option(names = "--input", required = true, paramLabel = "FILE",
                description = "Result file: pandas HDF5 (fixed or table), plain HDF5, Parquet or CSV.")
        Path input;

        @Option(names = "--input-alt", paramLabel = "[LABEL=]FILE",
                description = "Alternative result (repeatable); band |h_alt - h_nom|. Label defaults to generator_prior "
                        + "for a Sherpa file, non_dy for a nonDY file, else the file name.")
        List<String> alternatives = new ArrayList<>();

        @Option(names = "--observable", required = true, paramLabel = "EXPR",
                description = "Column or expression: + - * / ^ ( ), numbers, abs sqrt log exp sin cos tanh min max.")
        String observable;

        @Option(names = "--bins", required = true, paramLabel = "EDGES|N,LO,HI",
                description = "N,LO,HI (e.g. 20,200,1000) or edges (e.g. 200,300,500,1000; [a,b,c] for three edges).")
        String bins;

        @Option(names = "--mapping", paramLabel = "FILE", description = "JSON/YAML file declaring the weight families.")
        Path mapping;

        @Option(names = "--key", paramLabel = "KEY", description = "pandas key in an HDF5 file (default: df, or the only one).")
        String key;

        @Option(names = "--prediction", paramLabel = "FILE",
                description = "JSON prediction to test: an array of dsigma/dx per bin, or an object with 'dsigma_dx'.")
        Path prediction;

        @Option(names = "--covariance", paramLabel = "C", defaultValue = "consistent",
                description = "consistent (diagonal = total^2; default) or reference (the analysis' covariance word "
                        + "for word: ensemble cov/N, no data-driven or alternative shifts).")
        String covariance;

        @Option(names = "--json", description = "JSON output (the only format; accepted for symmetry).")
        boolean json;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Axis axis = Binning.parse(bins);
            OmniFoldExplorer ex = OmniFoldExplorer.open(input, key, mapping);
            for (String alt : alternatives) {
                int eq = alt.indexOf('=');
                if (eq > 0 && !Path.of(alt).toFile().exists()) {
                    Path file = Path.of(alt.substring(eq + 1));
                    ex.addAlternative(alt.substring(0, eq), OmniFoldReader.read(file));
                } else {
                    ex.addAlternative(Path.of(alt));
                }
            }
            UncertaintyRecipe.Covariance convention = switch (covariance.toLowerCase(Locale.ROOT)) {
                case "consistent" -> UncertaintyRecipe.Covariance.CONSISTENT;
                case "reference" -> UncertaintyRecipe.Covariance.REFERENCE;
                default -> throw new InputException("--covariance must be consistent or reference, got '" + covariance + "'");
            };
            UnfoldedResult r = ex.result(observable, ex.histogramMatrix(observable, axis), convention);
            ObjectNode root = JSON.createObjectNode();
            root.put("input", input.toString());
            root.put("observable", observable);
            root.put("events", ex.table().rows());
            root.set("edges", array(axis.edges()));
            root.set("nominal", array(r.nominal()));
            root.set("dsigma_dx", array(r.dsigmaDx()));
            ObjectNode unc = root.putObject("uncertainties");
            for (Map.Entry<String, double[]> e : r.uncertainties().entrySet()) {
                unc.set(e.getKey(), array(e.getValue()));
            }
            unc.set("total", array(r.total()));
            ObjectNode rel = root.putObject("relative_uncertainties");
            for (String band : r.uncertainties().keySet()) {
                rel.set(band, array(r.relative(band)));
            }
            rel.set("total", array(r.relative("total")));
            root.put("uncertainty_units", "absolute, on dsigma_dx (weight unit per unit of the observable)");
            root.put("covariance_convention", covariance.toLowerCase(Locale.ROOT));
            root.set("covariance", matrix(r.covariance()));
            root.set("correlation", matrix(r.correlation()));
            ObjectNode cmp = root.putObject("comparisons");
            for (Map.Entry<String, double[]> e : r.comparisons().entrySet()) {
                cmp.set(e.getKey(), comparison(r, e.getValue()));
            }
            if (prediction != null) {
                cmp.set("prediction", comparison(r, readPrediction(prediction, axis.bins())));
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println(root.toPrettyString());
            out.flush();
            return 0;
        }

        private static ObjectNode comparison(UnfoldedResult r, double[] dsdx) {
            ObjectNode n = JSON.createObjectNode();
            n.set("dsigma_dx", array(dsdx));
            Chi2Test.Result c = r.chi2(dsdx);
            putNumber(n, "chi2", c.chi2());
            n.put("ndf", c.ndf());
            putNumber(n, "p_value", c.pValue());
            return n;
        }

        static double[] readPrediction(Path file, int bins) {
            String src = file.getFileName().toString();
            JsonNode node;
            try {
                node = JSON.readTree(file.toFile());
            } catch (IOException e) {
                String msg = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
                throw new InputException(src + ": not readable JSON (" + msg + ")", e);
            }
            if (node != null && node.isObject()) {
                node = node.get("dsigma_dx");
            }
            if (node == null || !node.isArray()) {
                throw new InputException(src + ": expected an array of dsigma/dx values or an object with 'dsigma_dx'");
            }
            if (node.size() != bins) {
                throw new InputException(src + ": dsigma_dx has " + node.size() + " values, the binning has " + bins + " bins");
            }
            double[] v = new double[bins];
            for (int i = 0; i < bins; i++) {
                if (!node.get(i).isNumber()) {
                    throw new InputException(src + ": dsigma_dx[" + i + "] is not a number");
                }
                v[i] = node.get(i).asDouble();
            }
            return v;
        }
    }

    /** {@code omnifold info FILE}: observables, weight families, events, sum of nominal weights. */
    @Command(name = "info", mixinStandardHelpOptions = true,
            description = "Observables, weight families, events and sum of nominal weights of a result file; JSON to stdout.")
    static final class Info implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "FILE", description = "Result file.")
        Path input;

        @Option(names = "--mapping", paramLabel = "FILE", description = "JSON/YAML file declaring the weight families.")
        Path mapping;

        @Option(names = "--key", paramLabel = "KEY", description = "pandas key in an HDF5 file (default: df, or the only one).")
        String key;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            OmniFoldExplorer ex = OmniFoldExplorer.open(input, key, mapping);
            OmniFoldTable t = ex.table();
            WeightScheme s = ex.scheme();
            ObjectNode root = JSON.createObjectNode();
            root.put("file", input.toString());
            root.put("events", t.rows());
            root.put("nominal", s.nominal());
            root.put("sum_nominal_weights", t.sum(s.nominal()));
            s.prior().ifPresent(p -> {
                root.put("prior", p);
                root.put("sum_prior_weights", t.sum(p));
            });
            ArrayNode obs = root.putArray("observables");
            s.observables().forEach(obs::add);
            ObjectNode fams = root.putObject("families");
            for (WeightFamily f : s.families()) {
                ObjectNode n = fams.putObject(f.name());
                n.put("combine", f.combination().key());
                n.put("count", f.columns().size());
                ArrayNode cols = n.putArray("columns");
                f.columns().forEach(cols::add);
            }
            ArrayNode unrec = root.putArray("unrecognised");
            s.unrecognised().forEach(unrec::add);
            ArrayNode notes = root.putArray("notes");
            t.notes().forEach(notes::add);
            PrintWriter out = spec.commandLine().getOut();
            out.println(root.toPrettyString());
            out.flush();
            return 0;
        }
    }

    /** {@code omnifold generate}: a synthetic result with closed-form uncertainties, for demos and tests. */
    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = "Write a synthetic OmniFold-style result (ATLAS column names, known spreads): .parquet, else plain HDF5.")
    static final class Generate implements Callable<Integer> {

        @Option(names = "--output", required = true, paramLabel = "FILE", description = "Output file (.h5 or .parquet).")
        Path output;

        @Option(names = "--events", paramLabel = "N", defaultValue = "418014",
                description = "Events (default: ${DEFAULT-VALUE}, the size of the ATLAS pseudodata).")
        int events;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--variant", paramLabel = "V", defaultValue = "nominal",
                description = "nominal, sherpa or nondy (default: ${DEFAULT-VALUE}); same seed, same events.")
        String variant;

        @Option(names = "--ensembles", paramLabel = "K", defaultValue = "100", description = "Ensemble members (default: ${DEFAULT-VALUE}).")
        int ensembles;

        @Option(names = "--bootstraps", paramLabel = "B", defaultValue = "25", description = "Bootstraps per family (default: ${DEFAULT-VALUE}).")
        int bootstraps;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            SyntheticOmniFold.Variant v = switch (variant.toLowerCase(Locale.ROOT)) {
                case "nominal" -> SyntheticOmniFold.Variant.NOMINAL;
                case "sherpa" -> SyntheticOmniFold.Variant.SHERPA;
                case "nondy", "non_dy" -> SyntheticOmniFold.Variant.NON_DY;
                default -> throw new InputException("--variant must be nominal, sherpa or nondy, got '" + variant + "'");
            };
            if (events < 1) {
                throw new InputException("--events must be >= 1, got " + events);
            }
            org.nuisance.engine.data.InputChecks.intOption("--ensembles", ensembles, 1, 10_000);
            org.nuisance.engine.data.InputChecks.intOption("--bootstraps", bootstraps, 0, 10_000);
            // one float32 per event for each weight column (ensembles, bootstraps of each family) and the observables
            org.nuisance.engine.data.InputChecks.requireMemory("--events " + events, events,
                    4 * (ensembles + 8L * bootstraps + 40) > Integer.MAX_VALUE ? Integer.MAX_VALUE
                            : (int) (4 * (ensembles + 8L * bootstraps + 40)), 1);
            org.nuisance.engine.util.AtomicOutput.checkTarget(output, "--output");
            OmniFoldTable t = SyntheticOmniFold.generate(new SyntheticOmniFold.Config(events, seed, ensembles, bootstraps), v);
            SyntheticOmniFold.write(t, output);
            ObjectNode root = JSON.createObjectNode();
            root.put("output", output.toString());
            root.put("events", t.rows());
            root.put("columns", t.columnNames().size());
            root.put("sum_nominal_weights", t.sum(WeightScheme.NOMINAL));
            PrintWriter out = spec.commandLine().getOut();
            out.println(root.toPrettyString());
            out.flush();
            return 0;
        }
    }

    /** JSON has no NaN or infinity: those become null. */
    static ArrayNode array(double[] v) {
        ArrayNode a = JSON.createArrayNode();
        for (double x : v) {
            if (Double.isFinite(x)) {
                a.add(x);
            } else {
                a.addNull();
            }
        }
        return a;
    }

    static void putNumber(ObjectNode n, String field, double v) {
        if (Double.isFinite(v)) {
            n.put(field, v);
        } else {
            n.putNull(field);
        }
    }

    static ArrayNode matrix(double[][] m) {
        ArrayNode a = JSON.createArrayNode();
        for (double[] row : m) {
            a.add(array(row));
        }
        return a;
    }
}
