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
    private static Path validPatchset;
    private static Path validGridPart;
    private static Path validUnfoldData;
    private static Path validUnfoldMc;
    private static Path validRoot;
    private static Path validRootHist;
    private static Path validXml;
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
        json.add(write("part-wrong-types.json", "{\"command\": 3, \"settings\": \"x\", \"toys\": {\"a\": 1}}"));
        json.addAll(emptyBinaryMissing("part"));
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
        makePublishedLikelihoodInputs(ws);
        makeUnfoldInputs();
        makeSharedFileInputs();
    }

    /** A patchset and patch files over the valid workspace, a grid part made from them, and their corruptions. */
    private static void makePublishedLikelihoodInputs(String ws) throws IOException {
        // three points in a plane of two values, so that grid and grid-merge can draw contours (--png)
        String point = "{\"metadata\": {\"name\": \"p%d\", \"values\": [%s]}, \"patch\": [{\"op\": \"replace\", "
                + "\"path\": \"/observations/0/data/0\", \"value\": %d}]}";
        String set = "{\"metadata\": {\"name\": \"sweep\", \"references\": {}, \"digests\": {\"sha256\": \"0\"}, "
                + "\"labels\": [\"m1\", \"m2\"], \"description\": \"d\"}, \"version\": \"1.0.0\", \"patches\": ["
                + String.format(point, 1, "1, 1", 3) + ", " + String.format(point, 2, "2, 1", 4) + ", "
                + String.format(point, 3, "1, 2", 5) + "]}";
        // the benign points change an observed count of a well-filled bin by one or two
        long n2 = new com.fasterxml.jackson.databind.ObjectMapper().readTree(ws).path("observations").path(0).path("data")
                .path(2).asLong();
        String benign = set.replace("/observations/0/data/0", "/observations/0/data/2").replace("\"value\": 3", "\"value\": " + (n2 + 1))
                .replace("\"value\": 4", "\"value\": " + (n2 + 2)).replace("\"value\": 5", "\"value\": " + (n2 + 3));
        validPatchset = write("patchset.json", benign);
        List<Path> patchsets = new ArrayList<>();
        patchsets.add(write("patchset-truncated.json", set.substring(0, set.length() / 2)));
        patchsets.add(write("patchset-labels.json", set.replace("[\"m1\", \"m2\"]", "\"m\"")));
        patchsets.add(write("patchset-values.json", set.replace("\"values\": [1, 1]", "\"values\": [\"x\", 1]")));
        patchsets.add(write("patchset-badpath.json", set.replace("/observations/0/data/0", "/channels/9/samples/0")));
        patchsets.add(write("patchset-negative.json", set.replace("\"value\": 3", "\"value\": -5")));
        patchsets.add(write("patchset-nan.json", set.replace("\"value\": 3", "\"value\": \"NaN\"")));
        patchsets.add(write("patchset-counts-where-nothing-is-expected.json", set));
        patchsets.addAll(emptyBinaryMissing("patchset"));
        FILES.put("patchset", patchsets);
        List<Path> patches = new ArrayList<>();
        patches.add(write("patch-badpath.json", "[{\"op\": \"replace\", \"path\": \"/nope/0\", \"value\": 1}]"));
        patches.add(write("patch-object.json", "{\"op\": \"replace\", \"path\": \"/observations/0/data/0\", \"value\": 1}"));
        patches.add(write("patch-unknown-op.json", "[{\"op\": \"explode\", \"path\": \"/observations\"}]"));
        patches.add(write("patch-truncated.json", "[{\"op\": \"add\", \"path\": "));
        patches.add(write("patch-negative.json", "[{\"op\": \"replace\", \"path\": \"/observations/0/data/0\", \"value\": -5}]"));
        patches.add(write("patch-remove-channels.json", "[{\"op\": \"remove\", \"path\": \"/channels\"}]"));
        patches.addAll(emptyBinaryMissing("patch"));
        FILES.put("patch", patches);
        validGridPart = dir.resolve("grid-part.json");
        CliRun grid = CliRun.of("grid", "--workspace", validWorkspace.toString(), "--patchset", validPatchset.toString(),
                "--output", validGridPart.toString());
        assertEquals(0, grid.code(), grid.err());
        String part = Files.readString(validGridPart);
        List<Path> parts = new ArrayList<>();
        parts.add(write("gridpart-truncated.json", part.substring(0, part.length() / 2)));
        parts.add(write("gridpart-points.json", "{\"points\": 3}"));
        parts.add(write("gridpart-array.json", "[]"));
        parts.addAll(emptyBinaryMissing("gridpart"));
        FILES.put("gridpart", parts);
    }

    /** The Gaussian toy's data and simulation (omnifold ibu/unfold) and their corruptions. */
    private static void makeUnfoldInputs() throws IOException {
        Path toy = dir.resolve("toy");
        CliRun r = CliRun.of("omnifold", "toy", "--kind", "gaussian", "--events", "2000", "--output", toy.toString());
        assertEquals(0, r.code(), r.err());
        validUnfoldData = toy.resolve("data.parquet");
        validUnfoldMc = toy.resolve("mc.parquet");
        List<Path> unfold = new ArrayList<>(corruptions(validUnfoldMc, "mc"));
        unfold.add(write("unfold-empty.csv", ""));
        unfold.add(write("unfold-nan.csv", "x_reco,x_gen,weight_mc,x\n0.1,0.2,1,0.1\nNaN,0.3,1,NaN\n0.2,0.1,1,0.2\n"));
        unfold.add(write("unfold-inf-weight.csv", "x_reco,x_gen,weight_mc,x\n0.1,0.2,1,0.1\n0.3,0.3,Infinity,0.3\n0.2,0.1,1,0.2\n"));
        unfold.add(write("unfold-zero-weights.csv", "x_reco,x_gen,weight_mc,x\n0.1,0.2,0,0.1\n0.3,0.3,0,0.3\n"));
        unfold.add(write("unfold-wrong-columns.csv", "a,b\n1,2\n"));
        unfold.add(dir.resolve("unfold-missing.parquet"));
        FILES.put("unfold", unfold);
    }

    /** ROOT files and a HistFactory XML configuration from ../shared, with their corruptions (skipped without it). */
    private static void makeSharedFileInputs() throws IOException {
        Path shared;
        try {
            shared = org.nuisance.engine.SharedData.root();
        } catch (IllegalStateException e) {
            return;
        }
        validRoot = shared.resolve("data/root/uproot-Zmumu-uncompressed.root");
        validRootHist = shared.resolve("data/root/uproot-issue33.root");
        validXml = shared.resolve("reference/histfactory-xml/multichannel_histfactory/config/example.xml");
        if (!Files.isRegularFile(validRoot) || !Files.isRegularFile(validRootHist) || !Files.isRegularFile(validXml)) {
            validRoot = null;
            return;
        }
        List<Path> root = new ArrayList<>(corruptions(validRoot, "zmumu"));
        root.add(write("root-empty.root", ""));
        root.add(validEvents);
        root.add(dir.resolve("missing.root"));
        FILES.put("root", root);
        List<Path> rootHist = new ArrayList<>(corruptions(validRootHist, "issue33"));
        rootHist.add(validRoot);
        FILES.put("roothist", rootHist);
        String xml = Files.readString(validXml);
        List<Path> xmls = new ArrayList<>();
        xmls.add(write("config-truncated.xml", xml.substring(0, xml.length() / 2)));
        xmls.add(write("config-empty.xml", ""));
        xmls.add(write("config-missing-input.xml", "<Combination><Input>nope.xml</Input></Combination>"));
        xmls.add(write("config-wrong-root.xml", "<Channel Name=\"c\"/>"));
        xmls.add(write("config-entities.xml", "<?xml version=\"1.0\"?><!DOCTYPE c [<!ENTITY a \"aaaaaaaaaa\">"
                + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
                + "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\"><!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">"
                + "<!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\"><!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">]>"
                + "<Combination OutputFilePrefix=\"&g;\"/>"));
        xmls.add(writeBytes("config-binary.xml", new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1}));
        xmls.add(dir.resolve("config-missing.xml"));
        FILES.put("xml", xmls);
    }

    @AfterAll
    static void stop() {
        runner.shutdownNow();
        AtomicOutput.simulateDiskFullAfter(-1);
    }

    /** The three bad JSON files every JSON argument gets: empty, binary (a UTF-16 mark and bytes), missing. */
    private static List<Path> emptyBinaryMissing(String stem) throws IOException {
        return List.of(write(stem + "-empty.json", ""), writeBytes(stem + "-binary.json", new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1}),
                dir.resolve(stem + "-missing.json"));
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
        String cmd = String.join(" ", path);
        boolean omni = path.get(0).equals("omnifold");
        if (!(a instanceof OptionSpec)) {
            return switch (cmd) {
                case "root hist" -> validRoot == null ? null : "roothist";
                case "root ls", "root read" -> validRoot == null ? null : "root";
                case "import-xml" -> validXml == null ? null : "xml";
                case "grid-merge" -> "gridpart";
                case "merge" -> "json";
                case "omnifold hist", "omnifold info" -> "omnifold";
                default -> label.contains("FILE") ? "events" : label.contains("DIR") ? "output" : null;
            };
        }
        return switch (name) {
            case "--output", "--csv", "--save", "--png", "--plot" -> "output";
            case "--workspace" -> "workspace";
            case "--mapping" -> "mapping";
            case "--model", "--from-pretrained" -> "model";
            case "--patchset" -> "patchset";
            case "--patch" -> cmd.equals("grid") ? null : "patch";
            case "--data", "--mc", "--background" -> "unfold";
            case "--input", "--prediction", "--input-alt" -> omni ? "omnifold" : "events";
            default -> null;
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
                case "patchset" -> validPatchset.toString();
                case "patch" -> "p1";
                case "gridpart" -> validGridPart.toString();
                case "unfold" -> (a instanceof OptionSpec o && o.longestName().equals("--data") ? validUnfoldData : validUnfoldMc).toString();
                case "root" -> validRoot.toString();
                case "roothist" -> validRootHist.toString();
                case "xml" -> validXml.toString();
                case "output" -> Files.createTempDirectory(dir, "out").resolve(outputName(path, a)).toString();
                default -> null;
            };
        }
        String name = a instanceof OptionSpec o ? o.longestName() : "";
        String cmd = String.join(" ", path);
        String special = switch (cmd + " " + name) {
            case "omnifold toy --kind" -> "gaussian";
            case "omnifold toy --events" -> "2000";
            case "omnifold unfold --observables" -> "x";
            case "omnifold ibu --observable" -> "x";
            case "omnifold ibu --bins" -> "10,-3,3";
            case "root read --tree" -> "events";
            case "root read --branches" -> "px1,E1";
            case "root hist --name" -> "cutflow";
            case "pretrain --events", "nsbi closure --events" -> "1000";
            case "nsbi closure --truths" -> "2";
            case "import-xml --basedir" -> validXml == null ? null : validXml.getParent().getParent().toString();
            default -> null;
        };
        if (special != null) {
            return special;
        }
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

    /** A file name of the kind the command writes: a folder for models, HDF5 or Parquet where required, else CSV or JSON. */
    private static String outputName(List<String> path, ArgSpec a) {
        String cmd = String.join(" ", path);
        String name = a instanceof OptionSpec o ? o.longestName() : "";
        if (name.equals("--png") || name.equals("--plot")) {
            return "out.png";
        }
        return switch (cmd) {
            case "train", "nsbi train", "pretrain", "omnifold toy" -> "model";
            case "omnifold generate" -> "out.h5";
            case "omnifold unfold" -> "out.parquet";
            case "grid", "grid-merge", "import-xml", "coverage", "merge" -> "out.json";
            default -> "out.csv";
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
            boolean needed = o.required() || List.of("--events", "--epochs", "--toys", "--seeds", "--truths").contains(n)
                    || String.join(" ", path).equals("grid") && n.equals("--patchset")
                    || String.join(" ", path).equals("import-xml") && n.equals("--basedir");
            String v = needed ? valid(path, o, k) : null;
            if (v != null && o.arity().min() > 0) {
                args.add(n);
                args.add(v);
            }
        }
        for (CommandLine.Model.PositionalParamSpec p : spec.positionalParameters()) {
            String k = kind(path, p);
            args.add("@positional".equals(variedName) ? variedValue : valid(path, p, k));
        }
        if (variedName.equals("--patchset") && spec.findOption("--patch") != null && !path.get(0).equals("grid")) {
            args.add("--patch"); // a patchset is read for its point: without --patch it would not be used
            args.add("p1");
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
                List<Path> bads = FILES.get(kind(path, a));
                if (kind(path, a).equals("unfold") && !name.equals("--mc")) {
                    // --data and --background go through the same reader as --mc: a few of its cases suffice (CI time)
                    bads = bads.stream().filter(b -> b.getFileName().toString().matches("mc-cut30.*|unfold-(nan|inf|missing).*"))
                            .toList();
                }
                for (Path bad : bads) {
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
            String name = outputName(path, output);
            Path target = folder.resolve(name.equals("model") ? "out.csv" : name);
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

    /**
     * Every output option given a folder name ({@code newdir/}) or a path under a regular file: a file
     * output is refused in one line with exit 2 and nothing named {@code newdir} appears; a folder output
     * (a model) is written into the new folder.
     */
    @Test
    void everyOutputRefusesAFolderNameOrAnUnwritablePlaceInOneLine() throws Exception {
        List<String> problems = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        int cases = 0;
        for (List<String> path : commands()) {
            for (OptionSpec o : spec(path).options()) {
                if (!"output".equals(kind(path, o)) || path.get(0).equals("submit")) {
                    continue;
                }
                boolean folderOutput = outputName(path, o).equals("model");
                Path parent = Files.createTempDirectory(dir, "outdir");
                Outcome valid = run(baseline(path, o.longestName(), parent.resolve("valid").resolve(outputName(path, o)).toString()));
                if (valid.hung() || valid.run().code() != 0) {
                    skipped.add(String.join(" ", path) + " " + o.longestName());
                    continue; // the sweep's inputs do not make this output (e.g. merge --output wants shard parts)
                }
                List<String> args = baseline(path, o.longestName(), parent.resolve("newdir") + "/");
                Outcome out = run(args);
                cases++;
                problems.addAll(problems(out, null));
                if (!out.hung() && !folderOutput) {
                    if (out.run().code() != 2) {
                        problems.add("a file output named newdir/ gave exit " + out.run().code() + ": " + out.args());
                    }
                    if (Files.isRegularFile(parent.resolve("newdir"))) {
                        problems.add("a file named newdir was written: " + out.args());
                    }
                }
                if (!out.hung() && folderOutput && out.run().code() == 0 && !Files.isDirectory(parent.resolve("newdir"))) {
                    problems.add("exit 0 but no folder newdir: " + out.args());
                }
                Path file = Files.writeString(parent.resolve("a-file"), "x");
                List<String> under = baseline(path, o.longestName(), file.resolve(outputName(path, o)).toString());
                Outcome u = run(under);
                cases++;
                problems.addAll(problems(u, null));
                if (!u.hung() && u.run().code() != 2) {
                    problems.add("an output under a regular file gave exit " + u.run().code() + ": " + u.args());
                }
                if (!u.hung() && u.run().code() == 2 && !u.run().err().contains("a-file")) {
                    problems.add("the message does not name the output: " + u.args() + " -> " + firstLines(u.run().err()));
                }
            }
        }
        System.out.printf("output sweep: %d cases, %d problems; not made from the sweep's inputs: %s%n", cases,
                problems.size(), skipped);
        assertTrue(cases > 20, "the output sweep found " + cases + " cases");
        assertTrue(problems.isEmpty(), problems.size() + " problems:\n" + String.join("\n", problems));
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
