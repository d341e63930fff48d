package org.nuisance.engine.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.nuisance.engine.SharedData;
import org.nuisance.engine.data.CsvEventReader;
import org.nuisance.engine.data.CsvEventWriter;
import org.nuisance.engine.data.EventReaders;
import org.nuisance.engine.data.EventTable;
import org.nuisance.engine.data.InputException;
import org.nuisance.engine.data.TableAssembler;
import org.nuisance.engine.higgsml.DemoGenerator;
import org.nuisance.engine.ml.TrainedClassifier;
import org.nuisance.engine.omnifold.OmniFoldReader;
import org.nuisance.engine.omnifold.OmniFoldTable;
import org.nuisance.engine.omnifold.SyntheticOmniFold;
import org.nuisance.engine.omnifold.WeightScheme;
import org.nuisance.engine.root.RootFile;
import org.nuisance.engine.root.RootKey;
import org.nuisance.engine.stats.hepdata.PublishedLikelihood;
import org.nuisance.engine.stats.hepdata.SignalPoint;
import org.nuisance.engine.stats.histfactory.Model;
import org.nuisance.engine.stats.histfactory.Workspace;

/**
 * Coverage-guided fuzzing (Jazzer) of every reader and parser: each target feeds a mutated input to
 * the reader and accepts only success or the reader's own {@link InputException}; any other exception,
 * an OutOfMemoryError or a hang is a finding. Binary formats are fuzzed as edits (truncation and byte
 * overwrites, driven by the fuzzer's input) of a valid file made here, so the fuzzer starts inside the
 * format rather than at its magic number.
 * <p>
 * Without JAZZER_FUZZ this runs as a regression test on the empty input and on the kept findings
 * (resources ReaderFuzzTestInputs/&lt;method&gt;/). With JAZZER_FUZZ=1 one target is fuzzed per JVM:
 * the pom's fuzz-* surefire executions run each for a few seconds in CI (see docs/fuzzing.md).
 */
class ReaderFuzzTest {

    /** Fuzzing time per target in CI (JAZZER_FUZZ=1); the longer run of docs/fuzzing.md sets it higher. */
    static final String DURATION = "5s";

    private static final Path DIR;
    private static final byte[] HDF5;
    private static final byte[] CSV;
    private static final byte[] PANDAS;
    private static final byte[] WORKSPACE;
    private static final byte[] MAPPING;
    private static final byte[] CARD;
    private static final byte[] ROOT;
    private static final byte[] PATCH;
    private static final byte[] PATCHSET;
    private static final Path BACKGROUND;
    private static final OmniFoldTable TABLE;

    static {
        try {
            DIR = Files.createTempDirectory("nuisance-fuzz");
            DIR.toFile().deleteOnExit();
            EventTable demo = DemoGenerator.generate(20, 3);
            Path csv = DIR.resolve("seed.csv");
            CsvEventWriter.write(demo, csv);
            CSV = Files.readAllBytes(csv);
            Path h5 = DIR.resolve("seed.h5");
            try (WritableHdfFile out = HdfFile.write(h5)) {
                for (String c : demo.numericColumns().subList(0, 6)) {
                    out.putDataset(c, demo.column(c));
                }
            }
            HDF5 = Files.readAllBytes(h5);
            Path pandas = Path.of("src/test/resources/omnifold/pandas_fixed.h5");
            PANDAS = Files.isRegularFile(pandas) ? Files.readAllBytes(pandas) : HDF5;
            WORKSPACE = ("{\"channels\": [{\"name\": \"c\", \"samples\": [{\"name\": \"s\", \"data\": [5, 10], \"modifiers\": "
                    + "[{\"name\": \"mu\", \"type\": \"normfactor\", \"data\": null}, {\"name\": \"u\", \"type\": \"normsys\", "
                    + "\"data\": {\"hi\": 1.1, \"lo\": 0.9}}]}, {\"name\": \"b\", \"data\": [50, 60], \"modifiers\": "
                    + "[{\"name\": \"st\", \"type\": \"staterror\", \"data\": [2, 3]}, {\"name\": \"h\", \"type\": \"histosys\", "
                    + "\"data\": {\"hi_data\": [52, 61], \"lo_data\": [48, 58]}}, {\"name\": \"sh\", \"type\": \"shapesys\", "
                    + "\"data\": [5, 6]}]}]}], \"observations\": [{\"name\": \"c\", \"data\": [55, 70]}], "
                    + "\"measurements\": [{\"name\": \"m\", \"config\": {\"poi\": \"mu\", \"parameters\": [{\"name\": \"mu\", "
                    + "\"bounds\": [[0, 10]], \"inits\": [1]}]}}], \"version\": \"1.0.0\"}").getBytes(StandardCharsets.UTF_8);
            BACKGROUND = Files.write(DIR.resolve("bkg.json"), WORKSPACE);
            String add = "[{\"op\": \"add\", \"path\": \"/channels/0/samples/-\", \"value\": {\"name\": \"sig\", "
                    + "\"data\": [1, 2], \"modifiers\": [{\"name\": \"mu\", \"type\": \"normfactor\", \"data\": null}]}}, "
                    + "{\"op\": \"replace\", \"path\": \"/observations/0/data/1\", \"value\": 72}]";
            PATCH = add.getBytes(StandardCharsets.UTF_8);
            PATCHSET = ("{\"metadata\": {\"name\": \"f\", \"references\": {}, \"digests\": {\"sha256\": \"0\"}, "
                    + "\"labels\": [\"m1\", \"m2\"], \"description\": \"d\"}, \"version\": \"1.0.0\", \"patches\": ["
                    + "{\"metadata\": {\"name\": \"p_1_2\", \"values\": [1, 2]}, \"patch\": " + add + "}]}")
                    .getBytes(StandardCharsets.UTF_8);
            TABLE = SyntheticOmniFold.generate(new SyntheticOmniFold.Config(50, 1, 3, 2), SyntheticOmniFold.Variant.NOMINAL);
            MAPPING = ("{\"nominal\": \"weights_nominal\", \"prior\": \"weight_mc\", \"families\": [{\"name\": \"ensemble\", "
                    + "\"kind\": \"ensemble\", \"pattern\": \"weights_ensemble_*\"}]}").getBytes(StandardCharsets.UTF_8);
            CARD = ("{\"format\": \"nuisance-classifier/1\", \"features\": [\"DER_mass_vis\", \"PRI_had_pt\"], "
                    + "\"standardisation\": {\"mean\": [100, 40], \"std\": [30, 10], \"definedIndicator\": [false, false]}, "
                    + "\"architecture\": {\"inputs\": 2, \"hiddenLayers\": 2, \"width\": 8, \"activation\": \"tanh\", "
                    + "\"output\": \"logit\"}, \"parameters\": \"classifier\", \"densityRatioPriorFactor\": 1.0, "
                    + "\"training\": {\"seed\": 1, \"learningRate\": 0.001, \"batchSize\": 64, \"maxEpochs\": 2, \"patience\": 1, "
                    + "\"validationFraction\": 0.2, \"eventWeights\": true, \"balanceClasses\": true, \"epochsRun\": 2, "
                    + "\"bestEpoch\": 1, \"trainingEvents\": 10, \"validationEvents\": 5, \"seconds\": 1.0, \"device\": \"cpu\", "
                    + "\"stoppedEarly\": false}}").getBytes(StandardCharsets.UTF_8);
            Path root = null;
            try {
                root = SharedData.root().resolve("reference/histfactory-xml/multibin_histfactory/data/data.root");
            } catch (RuntimeException | AssertionError e) {
                // no shared data beside the project: the ROOT target fuzzes from bytes alone
            }
            ROOT = root != null && Files.isRegularFile(root) ? Files.readAllBytes(root) : "root".getBytes(StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The base bytes edited by the fuzzer's input: a first byte choosing truncation, then 4-byte edits
     * (a 24-bit offset and the new byte). The empty input gives the base unchanged.
     */
    static byte[] mutate(byte[] base, byte[] edits) {
        if (edits.length == 0) {
            return base;
        }
        byte[] out = base.clone();
        int i = 1;
        if ((edits[0] & 1) == 1 && edits.length >= 4) {
            int len = ((edits[1] & 0xff) << 16 | (edits[2] & 0xff) << 8 | (edits[3] & 0xff)) % (base.length + 1);
            out = Arrays.copyOf(out, len);
            i = 4;
        }
        while (i + 4 <= edits.length && out.length > 0) {
            int off = ((edits[i] & 0xff) << 16 | (edits[i + 1] & 0xff) << 8 | (edits[i + 2] & 0xff)) % out.length;
            out[off] = edits[i + 3];
            i += 4;
        }
        return out;
    }

    private static Path write(String name, byte[] bytes) {
        try {
            return Files.write(DIR.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = DURATION)
    void csvEvents(byte[] data) {
        try {
            CsvEventReader.read(write("f.csv", data.length > 0 && (data[0] & 1) == 1 ? Arrays.copyOfRange(data, 1, data.length)
                    : mutate(CSV, data)));
        } catch (InputException expected) {
            // the reader's own one-line refusal
        }
    }

    @FuzzTest(maxDuration = DURATION)
    void tableAssembler(FuzzedDataProvider d) {
        // what the Parquet (and every) reader hands over: named columns of floats or strings
        TableAssembler a = new TableAssembler("fuzz.parquet");
        int columns = d.consumeInt(0, 6);
        int rows = d.consumeInt(0, 20);
        try {
            for (int c = 0; c < columns; c++) {
                String name = d.pickValue(new String[] {"weights", "Weight", "Label", "detailed_labels", "labels",
                    "PRI_tau_pt", "PRI_had_pt", "PRI_jet_num", "x", d.consumeString(8)});
                if (d.consumeBoolean()) {
                    float[] v = new float[d.consumeBoolean() ? rows : d.consumeInt(0, 20)];
                    for (int r = 0; r < v.length; r++) {
                        v[r] = d.consumeFloat();
                    }
                    a.addNumeric(name, v);
                } else {
                    String[] v = new String[d.consumeBoolean() ? rows : d.consumeInt(0, 20)];
                    for (int r = 0; r < v.length; r++) {
                        v[r] = d.consumeBoolean() ? null : d.consumeString(4);
                    }
                    a.addStrings(name, v);
                }
            }
            a.build();
        } catch (InputException expected) {
            // the reader's own one-line refusal
        }
    }

    @FuzzTest(maxDuration = DURATION)
    void plainHdf5(byte[] data) {
        try {
            EventReaders.read(write("f.h5", mutate(HDF5, data)));
        } catch (InputException expected) {
            // the reader's own one-line refusal
        }
    }

    @FuzzTest(maxDuration = DURATION)
    void pandasHdf5(byte[] data) {
        try {
            OmniFoldReader.read(write("p.h5", mutate(PANDAS, data)));
        } catch (InputException expected) {
            // the reader's own one-line refusal
        }
    }

    @FuzzTest(maxDuration = DURATION)
    void histFactoryJson(byte[] data) {
        try {
            Model.of(Workspace.parse(new String(mutate(WORKSPACE, data), StandardCharsets.UTF_8)));
        } catch (InputException | IllegalArgumentException expected) {
            // the reader's own one-line refusal (IllegalArgumentException: an option-like setting)
        }
    }

    @FuzzTest(maxDuration = DURATION)
    void jsonPatch(byte[] data) {
        // a JSON Patch file (first byte even) or a pyhf patchset (odd) applied to a valid background-only workspace
        boolean set = data.length > 0 && (data[0] & 1) == 1;
        byte[] edits = data.length > 0 ? Arrays.copyOfRange(data, 1, data.length) : data;
        try {
            PublishedLikelihood pl = PublishedLikelihood.open(BACKGROUND, null);
            if (set) {
                pl = pl.withPatchset(write("patchset.json", mutate(PATCHSET, edits)));
                for (SignalPoint p : pl.points()) {
                    Model.of(pl.workspace(p));
                }
            } else {
                Model.of(pl.workspace(pl.point(write("patch.json", mutate(PATCH, edits)).toString())));
            }
        } catch (InputException | IllegalArgumentException expected) {
            // the reader's own one-line refusal (IllegalArgumentException: an option-like setting)
        }
    }

    @FuzzTest(maxDuration = DURATION)
    void omniFoldMapping(byte[] data) {
        try {
            WeightScheme.fromMapping(write("mapping.json", mutate(MAPPING, data)), TABLE);
        } catch (InputException expected) {
            // the reader's own one-line refusal
        }
    }

    @FuzzTest(maxDuration = DURATION)
    void modelCard(byte[] data) {
        try {
            Path dir = Files.createDirectories(DIR.resolve("model"));
            write("model/model.json", mutate(CARD, data));
            TrainedClassifier.checkCard(dir);
        } catch (InputException expected) {
            // the reader's own one-line refusal
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = DURATION)
    void rootFile(byte[] data) {
        try (RootFile f = RootFile.open(write("f.root", mutate(ROOT, data)))) {
            f.streamers();
            for (RootKey k : f.allKeys()) {
                f.objectData(k);
            }
        } catch (InputException expected) {
            // the reader's own one-line refusal
        }
    }
}
