package org.nuisance.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nuisance.engine.data.CsvEventWriter;
import org.nuisance.engine.data.EventTable;
import org.nuisance.engine.higgsml.DemoGenerator;
import org.nuisance.engine.omnifold.SyntheticOmniFold;
import org.nuisance.engine.util.AtomicOutput;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The bad-input sweep (issue 18): generated corrupt, truncated and degenerate inputs and out-of-range
 * options over every registered subcommand (found from the CLI's own command tree, so commands added
 * later are swept too), each run in-process with a time bound. Asserts: no stack trace, no hang, every
 * failure one line on stderr with exit 2, no exit-0 result with NaN or Inf on stdout or in its output
 * file; and, for the writers, no partial or mixed output on a full disk or with concurrent writers.
 * The kill cases (SIGTERM, SIGKILL mid-write) run a separate JVM in {@link CliKillTest}.
 */
class CliSweepTest {

    @TempDir
    static Path dir;

    private static final Map<String, List<Path>> FILES = new LinkedHashMap<>();
    private static Path validEvents;
    private static Path validWorkspace;
    private static Path validOmniFold;
    private static Path validNsbiModel;
    private static Path validModel;
    private static Path validPart;
    private static ExecutorService runner;

    /** Commands that measure speed or need a trained model on purpose: swept for options only. */
    private static final List<String> SKIP = List.of("bench", "bench-ml", "help");

    @BeforeAll
    static void makeInputs() throws Exception {
        runner = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "sweep");
            t.setDaemon(true);
            return t;
        });
        EventTable demo = DemoGenerator.generate(400, 7);
        validEvents = dir.resolve("events.csv");
        CsvEventWriter.write(demo, validEvents);
        String csv = Files.readString(validEvents);
        String header = csv.substring(0, csv.indexOf('\n'));
        List<String> cols = List.of(header.split(","));
        int w = cols.indexOf("weights");
        List<Path> events = new ArrayList<>();
        events.add(write("empty.csv", ""));
        events.add(write("header-only.csv", header + "\n"));
        events.add(write("semicolon.csv", csv.replace(',', ';')));
        events.add(write("tab.csv", csv.replace(',', '\t')));
        events.add(write("ragged.csv", csv + "1,2,3\n"));
        events.add(write("text-in-number.csv", replaceField(csv, 3, 0, "true")));
        for (String bad : new String[] {"NaN", "Infinity", "-Infinity", "1e39", "9".repeat(400)}) {
            events.add(write("value-" + bad.length() + bad.charAt(0) + ".csv", replaceField(csv, 5, 1, bad)));
            events.add(write("weight-" + bad.length() + bad.charAt(0) + ".csv", replaceField(csv, 7, w, bad)));
        }
        events.add(write("weights-zero.csv", setColumn(csv, w, i -> "0")));
        events.add(write("weights-negative.csv", setColumn(csv, w, i -> "-1.5")));
        events.add(write("weights-cancel.csv", setColumn(csv, w, i -> i % 2 == 0 ? "1" : "-1")));
        events.add(writeBytes("latin1.csv", (header + "\n").getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xe9, ',', '1', '\n'}));
        events.add(writeBytes("binary.csv", new byte[] {1, 2, 3, 0, 0, 9, 8, 7}));
        events.add(write("dup-2014-2024.csv", csv.replace(header, header + ",PRI_tau_pt").replaceAll("(?m)^(-?[0-9].*)$", "$1,30")));
        events.add(dir.resolve("missing.csv"));
        events.add(Files.createDirectories(dir.resolve("a-folder")));
        Path fifo = dir.resolve("pipe.csv");
        try {
            if (new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0) {
                events.add(fifo);
            }
        } catch (IOException e) {
            // no mkfifo on this system: the pipe case is skipped
        }
        Path h5 = dir.resolve("events.h5");
        try (WritableHdfFile out = HdfFile.write(h5)) {
            for (String c : demo.numericColumns()) {
                out.putDataset(c, demo.column(c));
            }
        }
        events.addAll(corruptions(h5, "events"));
        FILES.put("events", events);

        validWorkspace = dir.resolve("ws.json");
        assertEquals(0, CliRun.of("build-workspace", "--input", validEvents.toString(), "--column", "DER_mass_vis",
                "--bins", "5", "--range", "0,200", "--output", validWorkspace.toString()).code());
        String ws = Files.readString(validWorkspace);
        List<Path> workspaces = new ArrayList<>();
        workspaces.add(write("ws-truncated.json", ws.substring(0, ws.length() / 2)));
        workspaces.add(write("ws-empty-object.json", "{}"));
        workspaces.add(write("ws-array.json", "[1, 2]"));
        workspaces.add(write("ws-negative-obs.json", ws.replaceFirst("(?s)(\"observations\".*?\"data\"\\s*:\\s*\\[)\\s*[0-9.eE+-]+",
                "$1-5")));
        workspaces.add(write("ws-string-number.json", ws.replaceFirst("(\"data\"\\s*:\\s*\\[)\\s*[0-9.eE+-]+", "$1\"x\"")));
        workspaces.add(write("ws-huge-number.json", ws.replaceFirst("(\"data\"\\s*:\\s*\\[)\\s*[0-9.eE+-]+", "$11e400")));
        workspaces.add(write("ws-no-poi.json", ws.replaceAll("\"poi\"\\s*:\\s*\"[^\"]*\"", "\"poi\": \"nope\"")));
        workspaces.add(writeBytes("ws-binary.json", new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1}));
        workspaces.add(dir.resolve("missing.json"));
        FILES.put("workspace", workspaces);
        List<Path> json = new ArrayList<>();
        json.add(write("part-truncated.json", "{\"command\": \"coverage\", \"toys\": ["));
        json.add(write("part-array.json", "[]"));
        json.add(write("part-empty.json", ""));
        json.add(write("part-wrong-types.json", "{\"command\": 3, \"settings\": \"x\", \"toys\": {\"a\": 1}}"));
        json.add(writeBytes("part-binary.json", new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1}));
        json.add(dir.resolve("part-missing.json"));
        FILES.put("json", json);
        validPart = dir.resolve("part.json");
        CliRun part = CliRun.of("coverage", "--input", validEvents.toString(), "--column", "DER_mass_vis", "--bins", "5",
                "--range", "0,200", "--toys", "2", "--output", validPart.toString());
        if (part.code() != 0) {
            validPart = write("part.json", "{}"); // coverage cannot write parts (yet): parts are then swept as bad files only
        }

        validOmniFold = dir.resolve("unfolded.h5");
        SyntheticOmniFold.writeHdf5(SyntheticOmniFold.generate(new SyntheticOmniFold.Config(300, 1, 3, 2),
                SyntheticOmniFold.Variant.NOMINAL), validOmniFold);
        List<Path> omnifold = new ArrayList<>(corruptions(validOmniFold, "unfolded"));
        omnifold.add(write("unfolded-empty.csv", ""));
        omnifold.add(writeBytes("unfolded-binary.h5", new byte[] {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n', 0, 0}));
        FILES.put("omnifold", omnifold);

        List<Path> mappings = new ArrayList<>();
        mappings.add(write("mapping-truncated.json", "{\"families\": [{\"name\": "));
        mappings.add(write("mapping-wrong.json", "{\"families\": 3}"));
        mappings.add(write("mapping-empty.json", ""));
        mappings.add(write("mapping-yaml-tab.yaml", "families:\n\t- x\n"));
        FILES.put("mapping", mappings);

        validModel = dir.resolve("model-valid");
        CliRun trained = CliRun.of("train", "--input", validEvents.toString(), "--features", "DER_mass_vis,PRI_had_pt",
                "--epochs", "1", "--device", "cpu", "--output", validModel.toString());
        assertEquals(0, trained.code(), trained.err());
        validNsbiModel = dir.resolve("nsbi-valid");
        CliRun nsbi = CliRun.of("nsbi", "train", "--input", validEvents.toString(), "--features", "DER_mass_vis,PRI_had_pt",
                "--epochs", "1", "--device", "cpu", "--output", validNsbiModel.toString());
        assertEquals(0, nsbi.code(), nsbi.err());
        List<Path> models = new ArrayList<>();
        models.add(Files.createDirectories(dir.resolve("model-empty")));
        Path badCard = Files.createDirectories(dir.resolve("model-badcard"));
        Files.writeString(badCard.resolve("model.json"), "{\"format\": \"nuisance-classifier/1\", \"features\": 3}");
        models.add(badCard);
        Path noParams = Files.createDirectories(dir.resolve("model-noparams"));
        Files.writeString(noParams.resolve("model.json"), "{\"format\": \"nuisance-classifier/1\", \"features\": [\"DER_mass_vis\"],"
                + " \"architecture\": {\"inputs\": 1, \"hiddenLayers\": 1, \"width\": 4, \"activation\": \"tanh\", \"output\": \"logit\"}}");
        models.add(noParams);
        models.add(dir.resolve("model-missing"));
        FILES.put("model", models);
    }

    @AfterAll
    static void stop() {
        runner.shutdownNow();
        AtomicOutput.simulateDiskFullAfter(-1);
    }

    private static Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static Path writeBytes(String name, byte[]... parts) throws IOException {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.write(p);
        }
        return Files.write(dir.resolve(name), b.toByteArray());
    }

    /** Truncations at several lengths and corrupted bytes of a binary file. */
    private static List<Path> corruptions(Path file, String stem) throws IOException {
        byte[] b = Files.readAllBytes(file);
        List<Path> out = new ArrayList<>();
        for (double f : new double[] {0.05, 0.3, 0.6, 0.9, 0.99}) {
            out.add(writeBytes(stem + "-cut" + (int) (100 * f) + ".h5", java.util.Arrays.copyOf(b, (int) (b.length * f))));
        }
        for (double f : new double[] {0.02, 0.1, 0.5}) {
            byte[] c = b.clone();
            int at = (int) (c.length * f);
            for (int i = at; i < Math.min(c.length, at + 64); i++) {
                c[i] = (byte) (c[i] ^ 0x5a);
            }
            out.add(writeBytes(stem + "-flip" + (int) (100 * f) + ".h5", c));
        }
        return out;
    }

    private static String replaceField(String csv, int row, int col, String value) {
        String[] lines = csv.split("\n", -1);
        String[] f = lines[row].split(",", -1);
        f[col] = value;
        lines[row] = String.join(",", f);
        return String.join("\n", lines);
    }

    private static String setColumn(String csv, int col, java.util.function.IntFunction<String> value) {
        String[] lines = csv.split("\n", -1);
        for (int r = 1; r < lines.length; r++) {
            if (lines[r].isEmpty()) {
                continue;
            }
            String[] f = lines[r].split(",", -1);
            f[col] = value.apply(r);
            lines[r] = String.join(",", f);
        }
        return String.join("\n", lines);
    }

    // ------------------------------------------------------------------ the command tree

    /** Every leaf subcommand with its qualified name path, e.g. [omnifold, hist]. */
    private static List<List<String>> commands() {
        List<List<String>> out = new ArrayList<>();
        collect(new CommandLine(new NuisanceCli()), new ArrayList<>(), out);
        return out;
    }

    private static void collect(CommandLine cl, List<String> path, List<List<String>> out) {
        for (Map.Entry<String, CommandLine> e : cl.getSubcommands().entrySet()) {
            if (SKIP.contains(e.getKey()) || !e.getValue().getCommandSpec().name().equals(e.getKey())) {
                continue;
            }
            List<String> p = new ArrayList<>(path);
            p.add(e.getKey());
            if (e.getValue().getSubcommands().isEmpty()) {
                out.add(p);
            } else {
                collect(e.getValue(), p, out);
            }
        }
    }

    private static CommandSpec spec(List<String> path) {
        CommandLine cl = new CommandLine(new NuisanceCli());
        for (String p : path) {
            cl = cl.getSubcommands().get(p);
        }
        return cl.getCommandSpec();
    }

    /** The kind of file an argument takes ("events", "workspace", ...), "output", or null for a plain value. */
    private static String kind(List<String> path, ArgSpec a) {
        String name = a instanceof OptionSpec o ? o.longestName() : "";
        String label = a.paramLabel() == null ? "" : a.paramLabel();
        boolean omni = path.get(0).equals("omnifold");
        return switch (name) {
            case "--output", "--csv", "--save" -> "output";
            case "--workspace" -> "workspace";
            case "--mapping" -> "mapping";
            case "--model" -> "model";
            case "--input", "--prediction" -> omni ? "omnifold" : "events";
            default -> label.toLowerCase(java.util.Locale.ROOT).endsWith(".json") && !label.startsWith("WS") ? "json"
                    : !(a instanceof OptionSpec) && label.contains("FILE") ? (omni ? "omnifold" : "events")
                    : label.contains("FILE") || label.contains("DIR") ? "output" : null;
        };
    }

    /** A valid value for an option the sweep does not vary, by name, for small and fast runs. */
    private static String valid(List<String> path, ArgSpec a, String kind) throws IOException {
        if (kind != null) {
            return switch (kind) {
                case "events" -> validEvents.toString();
                case "workspace" -> validWorkspace.toString();
                case "omnifold" -> validOmniFold.toString();
                case "model" -> path.get(0).equals("nsbi") ? validNsbiModel.toString() : validModel.toString();
                case "json" -> validPart.toString();
                case "output" -> {
                    Path o = Files.createTempDirectory(dir, "out").resolve(path.get(0).equals("train") ? "model"
                            : path.contains("generate") ? "out.h5" : "out.csv");
                    yield o.toString();
                }
                default -> null;
            };
        }
        String name = a instanceof OptionSpec o ? o.longestName() : "";
        return switch (name) {
            case "--column" -> "DER_mass_vis";
            case "--bins" -> path.get(0).equals("omnifold") ? "5,0,300" : "5";
            case "--range" -> path.get(0).equals("scan") ? "0,3" : "0,200";
            case "--points" -> "5";
            case "--toys" -> "2";
            case "--events" -> "300";
            case "--observable" -> "pT_ll";
            case "--features" -> "DER_mass_vis,PRI_had_pt";
            case "--epochs" -> "1";
            case "--sizes" -> "20";
            case "--seeds" -> "1";
            default -> a.required() ? "1" : null;
        };
    }

    private List<String> baseline(List<String> path, String variedName, String variedValue) throws IOException {
        CommandSpec spec = spec(path);
        List<String> args = new ArrayList<>(path);
        for (OptionSpec o : spec.options()) {
            if (o.usageHelp() || o.versionHelp()) {
                continue;
            }
            String n = o.longestName();
            if (n.equals(variedName)) {
                args.add(n);
                args.add(variedValue);
                continue;
            }
            String k = kind(path, o);
            boolean needed = o.required() || "output".equals(k) && o.required();
            String v = needed || n.equals("--events") || n.equals("--epochs") || n.equals("--toys") || n.equals("--seeds")
                    ? valid(path, o, k) : null;
            if (v != null && o.arity().min() > 0) {
                args.add(n);
                args.add(v);
            }
        }
        for (CommandLine.Model.PositionalParamSpec p : spec.positionalParameters()) {
            String k = kind(path, p);
            args.add("@positional".equals(variedName) ? variedValue : valid(path, p, k));
        }
        int column = args.indexOf("--column");
        if (column >= 0 && args.contains("--model")) {
            args.set(column + 1, "nn_score"); // with a model, --column names the score column to add
        }
        return args;
    }

    // ------------------------------------------------------------------ the checks

    private record Outcome(String args, CliRun run, boolean hung) {
    }

    private Outcome run(List<String> args) {
        Future<CliRun> f = runner.submit(() -> CliRun.of(args.toArray(new String[0])));
        try {
            return new Outcome(String.join(" ", args), f.get(60, TimeUnit.SECONDS), false);
        } catch (TimeoutException e) {
            f.cancel(true);
            return new Outcome(String.join(" ", args), null, true);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The problems of one run, empty if it kept every promise. */
    private static List<String> problems(Outcome o, Path output) throws IOException {
        List<String> p = new ArrayList<>();
        if (o.hung()) {
            p.add("hang: " + o.args());
            return p;
        }
        CliRun r = o.run();
        String all = r.out() + r.err();
        if (all.contains("\tat ") || all.contains("Exception in thread") || all.matches("(?s).*\\b[a-z]+\\.[a-z]+\\.[A-Za-z.]*Exception\\b.*")) {
            p.add("stack trace or exception class: " + o.args() + " -> " + firstLines(all));
        }
        if (r.code() == 0) {
            if (hasNonFinite(r.out())) {
                p.add("exit 0 with NaN/Inf on stdout: " + o.args() + " -> " + firstLines(r.out()));
            }
            if (output != null && Files.isRegularFile(output) && Files.size(output) < 50_000_000
                    && hasNonFinite(Files.readString(output, StandardCharsets.ISO_8859_1))) {
                p.add("exit 0 with NaN/Inf in " + output.getFileName() + ": " + o.args());
            }
        } else {
            // "INFO: Instrumented ..." lines come from the Jazzer agent when ReaderFuzzTest ran earlier in this JVM
            List<String> errLines = r.err().lines().filter(l -> !l.isBlank() && !l.startsWith("warning:")
                    && !l.startsWith("INFO: ")).toList();
            if (errLines.size() != 1) {
                p.add(errLines.size() + " error lines: " + o.args() + " -> " + firstLines(r.err()));
            }
            if (r.code() != 2 && !nonConvergence(r.err())) {
                p.add("exit " + r.code() + " (expected 2): " + o.args() + " -> " + firstLines(r.err()));
            }
        }
        return p;
    }

    private static boolean nonConvergence(String err) {
        return err.contains("did not converge");
    }

    private static boolean hasNonFinite(String s) {
        return s.matches("(?s).*(\\bNaN\\b|\\bInfinity\\b|\\b-?inf\\b).*");
    }

    private static String firstLines(String s) {
        String t = s.strip();
        return t.length() > 300 ? t.substring(0, 300) + "..." : t;
    }

    private static Path outputOf(List<String> args) {
        int i = args.indexOf("--output");
        return i >= 0 && i + 1 < args.size() ? Path.of(args.get(i + 1)) : null;
    }

    @Test
    void everyCommandRefusesEveryBadFileWithOneLineAndExit2() throws Exception {
        List<String> problems = new ArrayList<>();
        int cases = 0;
        int refused = 0;
        List<String> accepted = new ArrayList<>();
        for (List<String> path : commands()) {
            CommandSpec spec = spec(path);
            List<ArgSpec> fileArgs = new ArrayList<>();
            for (OptionSpec o : spec.options()) {
                String k = kind(path, o);
                if (k != null && !k.equals("output") && FILES.containsKey(k)) {
                    fileArgs.add(o);
                }
            }
            for (CommandLine.Model.PositionalParamSpec p : spec.positionalParameters()) {
                if (FILES.containsKey(String.valueOf(kind(path, p)))) {
                    fileArgs.add(p);
                }
            }
            long t0 = System.nanoTime();
            for (ArgSpec a : fileArgs) {
                String name = a instanceof OptionSpec o ? o.longestName() : "@positional";
                for (Path bad : FILES.get(kind(path, a))) {
                    List<String> args = baseline(path, name, bad.toString());
                    Outcome o = run(args);
                    cases++;
                    refused += !o.hung() && o.run().code() != 0 ? 1 : 0;
                    problems.addAll(problems(o, outputOf(args)));
                    if (!o.hung() && o.run().code() == 2 && !o.run().err().contains(bad.getFileName().toString())) {
                        problems.add("the message does not name " + bad.getFileName() + ": " + o.args() + " -> "
                                + firstLines(o.run().err()));
                    }
                    if (!o.hung() && o.run().code() == 0) {
                        accepted.add(String.join(" ", path) + " " + name + " " + bad.getFileName());
                    }
                }
            }
            System.out.printf("  %s: %.1f s%n", String.join(" ", path), (System.nanoTime() - t0) / 1e9);
        }
        System.out.printf("bad-file sweep: %d cases, %d refused, %d problems; accepted: %s%n", cases, refused,
                problems.size(), accepted);
        assertTrue(cases > 100, "the sweep found " + cases + " cases");
        assertTrue(problems.isEmpty(), problems.size() + " problems:\n" + String.join("\n", problems));
    }

    @Test
    void everyNumericOptionRefusesNonsenseWithOneLineAndExit2() throws Exception {
        List<String> problems = new ArrayList<>();
        int cases = 0;
        for (List<String> path : commands()) {
            for (OptionSpec o : spec(path).options()) {
                Class<?> t = o.type();
                boolean numeric = t == int.class || t == long.class || t == double.class || t == Integer.class
                        || t == Double.class || t == Long.class;
                if (!numeric && !List.of("--range", "--bins").contains(o.longestName())) {
                    continue;
                }
                List<String> values = new ArrayList<>(List.of("NaN", "abc", "1e400", "-1"));
                if (o.longestName().equals("--range")) {
                    values = List.of("5,5", "NaN,1", "1", "a,b", "-Infinity,1");
                } else if (List.of("--bins", "--events", "--points", "--toys").contains(o.longestName())) {
                    values.add("2000000000");
                    values.add("0");
                } else if (o.longestName().equals("--seed") || o.longestName().equals("--threads")) {
                    continue;
                }
                for (String v : values) {
                    List<String> args = baseline(path, o.longestName(), v);
                    Outcome out = run(args);
                    cases++;
                    problems.addAll(problems(out, outputOf(args)));
                }
            }
        }
        System.out.printf("option sweep: %d cases, %d problems%n", cases, problems.size());
        assertTrue(problems.isEmpty(), problems.size() + " problems:\n" + String.join("\n", problems));
    }

    @Test
    void aFullDiskLeavesThePreviousOutputAndNoTemporary() throws Exception {
        List<String> problems = new ArrayList<>();
        for (List<String> path : commands()) {
            CommandSpec spec = spec(path);
            OptionSpec output = spec.findOption("--output");
            if (output == null || path.get(0).equals("train")) {
                continue;
            }
            Path folder = Files.createTempDirectory(dir, "full");
            Path target = folder.resolve(path.contains("generate") ? "out.h5" : "out.csv");
            Files.writeString(target, "previous\n");
            List<String> args = baseline(path, "--output", target.toString());
            AtomicOutput.simulateDiskFullAfter(100);
            Outcome o;
            try {
                o = run(args);
            } finally {
                AtomicOutput.simulateDiskFullAfter(-1);
            }
            problems.addAll(problems(o, null));
            if (o.run() != null && o.run().code() == 0) {
                problems.add("exit 0 on a full disk: " + o.args());
            }
            if (!"previous\n".equals(Files.readString(target, StandardCharsets.ISO_8859_1))) {
                problems.add("the previous output was changed on a full disk: " + o.args());
            }
            try (Stream<Path> s = Files.list(folder)) {
                long n = s.count();
                if (n != 1) {
                    problems.add(n + " files after a failed write (a temporary left?): " + o.args());
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void concurrentShiftsToOneFileLeaveOneWholeResult() throws Exception {
        Path folder = Files.createTempDirectory(dir, "concurrent");
        Path a = folder.resolve("a.csv");
        Path b = folder.resolve("b.csv");
        Path same = folder.resolve("same.csv");
        assertEquals(0, NuisanceCli.run("shift", "--input", validEvents.toString(), "--tes", "0.95", "--output", a.toString()));
        assertEquals(0, NuisanceCli.run("shift", "--input", validEvents.toString(), "--tes", "1.05", "--output", b.toString()));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                Future<Integer> x = pool.submit(() -> NuisanceCli.run("shift", "--input", validEvents.toString(), "--tes", "0.95",
                        "--output", same.toString()));
                Future<Integer> y = pool.submit(() -> NuisanceCli.run("shift", "--input", validEvents.toString(), "--tes", "1.05",
                        "--output", same.toString()));
                assertEquals(0, x.get());
                assertEquals(0, y.get());
                String got = Files.readString(same);
                assertTrue(got.equals(Files.readString(a)) || got.equals(Files.readString(b)),
                        "the file is one writer's whole output, not a mix");
            }
        } finally {
            pool.shutdown();
        }
        try (Stream<Path> s = Files.list(folder)) {
            assertEquals(3, s.count(), "no temporaries left");
        }
    }
}
