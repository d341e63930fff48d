package org.nuisance.engine.omnifold.unfold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nuisance.engine.cli.CliRun;
import org.nuisance.engine.omnifold.OmniFoldReader;
import org.nuisance.engine.omnifold.OmniFoldTable;

/** {@code omnifold toy|ibu|unfold} as a user types them, and the one-line refusals of bad inputs. */
class UnfoldCliTest {

    @TempDir
    Path tmp;

    @Test
    void ibuOnTheWrittenToyEqualsDagostinisFormToOneInABillion() throws Exception {
        CliRun toy = CliRun.of("omnifold", "toy", "--kind", "gaussian", "--events", "20000", "--seed", "3",
                "--output", tmp.toString());
        assertEquals(0, toy.code(), toy.err());
        CliRun ibu = CliRun.of("omnifold", "ibu", "--data", tmp.resolve("data.parquet").toString(), "--mc",
                tmp.resolve("mc.parquet").toString(), "--observable", "x", "--bins", "20,-3,3", "--iterations", "3",
                "--json");
        assertEquals(0, ibu.code(), ibu.err());
        JsonNode j = ibu.json();
        for (String field : List.of("edges", "unfolded", "prior", "response")) {
            assertTrue(j.has(field), field);
        }
        assertEquals(21, j.get("edges").size());
        assertEquals(20, j.get("response").size());
        // the same events regenerated here (same seed), histograms filled here, D'Agostini's form from IbuTest;
        // every event passes, so the truth categories are the 20 bins plus under- and overflow
        ToyGenerator.Toy t = ToyGenerator.gaussian(20000, 3, ToyGenerator.Gaussian.DEMO);
        float[] gen = t.mc().column("x_gen");
        float[] reco = t.mc().column("x_reco");
        double[] prior = new double[22];
        double[][] joint = new double[20][22];
        for (int e = 0; e < gen.length; e++) {
            int c = category(gen[e]);
            prior[c] += 1;
            int r = category(reco[e]);
            if (r < 20) {
                joint[r][c] += 1;
            }
        }
        double[][] p = new double[20][22];
        for (int i = 0; i < 20; i++) {
            for (int c = 0; c < 22; c++) {
                p[i][c] = prior[c] > 0 ? joint[i][c] / prior[c] : 0;
            }
        }
        double[] d = new double[20];
        for (float x : t.data().column("x")) {
            int r = category(x);
            if (r < 20) {
                d[r] += 1;
            }
        }
        double[] ref = IbuTest.dagostini(p, prior, d, 3);
        for (int b = 0; b < 20; b++) {
            assertEquals(ref[b], j.get("unfolded").get(b).asDouble(), 1e-9 * ref[b], "bin " + b);
            assertEquals(prior[b], j.get("prior").get(b).asDouble(), 0);
            assertEquals(p[b][b], j.get("response").get(b).get(b).asDouble(), 1e-12);
        }
    }

    /** Bins of width 0.3 on [-3, 3]; 20 underflow, 21 overflow. */
    private static int category(double x) {
        if (x < -3) {
            return 20;
        }
        if (x >= 3) {
            return 21;
        }
        double[] e = org.nuisance.engine.hist.Axis.regular(20, -3, 3).edges();
        for (int b = 0; b < 20; b++) {
            if (x < e[b + 1]) {
                return b;
            }
        }
        return 21;
    }

    @Test
    void unfoldWritesThePublishedLayoutThatInfoAndHistOpen() throws Exception {
        assertEquals(0, CliRun.of("omnifold", "toy", "--kind", "gaussian", "--events", "3000", "--output",
                tmp.toString()).code());
        Path out = tmp.resolve("unfolded.parquet");
        CliRun run = CliRun.of("omnifold", "unfold", "--data", tmp.resolve("data.parquet").toString(), "--mc",
                tmp.resolve("mc.parquet").toString(), "--observables", "x", "--iterations", "2", "--ensemble", "2",
                "--bootstrap-data", "2", "--bootstrap-mc", "2", "--epochs", "1", "--seed", "4", "--output", out.toString());
        assertEquals(0, run.code(), run.err());
        JsonNode s = run.json();
        assertEquals(6, s.get("members").asInt());
        // the normalisation is the data's (3000 unit-weight events): exact by the calibrated ratio
        assertEquals(3000, s.get("sum_nominal_weights").asDouble(), 0.05);
        OmniFoldTable t = OmniFoldReader.read(out);
        assertEquals(List.of("x", "weight_mc", "weights_nominal", "weights_ensemble_0", "weights_ensemble_1",
                "weights_bootstrap_data_0", "weights_bootstrap_data_1", "weights_bootstrap_mc_0", "weights_bootstrap_mc_1"),
                t.columnNames());
        JsonNode info = CliRun.of("omnifold", "info", out.toString()).json();
        assertEquals(2, info.get("families").get("ensemble").get("count").asInt());
        assertEquals(2, info.get("families").get("data_stat").get("count").asInt());
        assertEquals(2, info.get("families").get("mc_stat").get("count").asInt());
        CliRun hist = CliRun.of("omnifold", "hist", "--input", out.toString(), "--observable", "x", "--bins", "6,-3,3");
        assertEquals(0, hist.code(), hist.err());
        JsonNode h = hist.json();
        for (String band : List.of("data_stat", "mc_stat", "ensemble", "total")) {
            assertEquals(6, h.get("uncertainties").get(band).size(), band);
        }
        // the HDF5 form (one dataset per column) opens the same way
        Path h5 = tmp.resolve("unfolded.h5");
        TableFiles.write(t, h5);
        JsonNode infoH5 = CliRun.of("omnifold", "info", h5.toString()).json();
        assertEquals(info.get("families"), infoH5.get("families"));
        assertEquals(info.get("sum_nominal_weights").asDouble(), infoH5.get("sum_nominal_weights").asDouble(), 0);
        // nominal = mean of the ensemble members, event by event
        float[] n = t.column("weights_nominal");
        float[] e0 = t.column("weights_ensemble_0");
        float[] e1 = t.column("weights_ensemble_1");
        for (int i = 0; i < 50; i++) {
            assertEquals(0.5 * (e0[i] + e1[i]), n[i], 1e-5 * Math.abs(n[i]) + 1e-7);
        }
    }

    @Test
    void badInputsGiveOneLineNamingFileAndColumn() throws Exception {
        assertEquals(0, CliRun.of("omnifold", "toy", "--kind", "gaussian", "--events", "500", "--output",
                tmp.toString()).code());
        OmniFoldTable data = OmniFoldReader.read(tmp.resolve("data.parquet"));
        OmniFoldTable mc = OmniFoldReader.read(tmp.resolve("mc.parquet"));
        String dataFile = tmp.resolve("data.parquet").toString();
        String mcFile = tmp.resolve("mc.parquet").toString();

        Path noGen = write("nogen.parquet", mc, change("x_gen", null));
        refused(List.of("--data", dataFile, "--mc", noGen.toString()), "nogen.parquet", "x_gen");
        Path noReco = write("noreco.parquet", mc, change("x_reco", null));
        refused(List.of("--data", dataFile, "--mc", noReco.toString()), "noreco.parquet", "x_reco");
        Map<String, float[]> renamed = change("x", null);
        renamed.put("y", data.column("x"));
        Path noObs = write("noobs.parquet", data, renamed);
        refused(List.of("--data", noObs.toString(), "--mc", mcFile), "noobs.parquet", "'x'");
        Path zeroW = write("zero.parquet", mc, change("weight_mc", new float[mc.rows()]));
        refused(List.of("--data", dataFile, "--mc", zeroW.toString()), "zero.parquet", "weight_mc");
        Path zeroData = write("zerodata.parquet", data, change("weight", new float[data.rows()]));
        refused(List.of("--data", zeroData.toString(), "--mc", mcFile), "zerodata.parquet", "weight");
        float[] far = data.column("x").clone();
        for (int i = 0; i < far.length; i++) {
            far[i] += 100;
        }
        Path apart = write("apart.parquet", data, change("x", far));
        refused(List.of("--data", apart.toString(), "--mc", mcFile), "apart.parquet", "x");
        // a plain HDF5 simulation file whose columns differ in length
        Path ragged = tmp.resolve("ragged.h5");
        try (WritableHdfFile h = HdfFile.write(ragged)) {
            h.putDataset("x_reco", java.util.Arrays.copyOf(mc.column("x_reco"), 500));
            h.putDataset("x_gen", java.util.Arrays.copyOf(mc.column("x_gen"), 499));
            h.putDataset("weight_mc", java.util.Arrays.copyOf(mc.column("weight_mc"), 500));
        }
        refused(List.of("--data", dataFile, "--mc", ragged.toString()), "ragged.h5", "x_");
        for (String cmd : List.of("ibu", "unfold")) {
            List<String> args = new java.util.ArrayList<>(List.of("omnifold", cmd, "--data", dataFile, "--mc",
                    noGen.toString()));
            args.addAll(cmd.equals("ibu") ? List.of("--observable", "x", "--bins", "10,-3,3")
                    : List.of("--observables", "x", "--output", tmp.resolve("o.parquet").toString()));
            CliRun r = CliRun.of(args.toArray(String[]::new));
            assertEquals(2, r.code(), cmd + ": " + r.err());
        }
    }

    private void refused(List<String> files, String file, String column) {
        List<String> args = new java.util.ArrayList<>(List.of("omnifold", "unfold"));
        args.addAll(files);
        args.addAll(List.of("--observables", "x", "--epochs", "1", "--output", tmp.resolve("never.parquet").toString()));
        CliRun r = CliRun.of(args.toArray(String[]::new));
        assertEquals(2, r.code(), r.err());
        String line = r.err().strip();
        assertFalse(line.contains("\n"), line);
        assertTrue(line.contains(file), line);
        assertTrue(line.contains(column), line);
        assertFalse(tmp.resolve("never.parquet").toFile().exists());
    }

    private static Map<String, float[]> change(String column, float[] values) {
        Map<String, float[]> m = new java.util.HashMap<>();
        m.put(column, values);
        return m;
    }

    /** A copy of a table with columns replaced (a null value drops the column). */
    private Path write(String name, OmniFoldTable t, Map<String, float[]> changes) {
        LinkedHashMap<String, float[]> cols = new LinkedHashMap<>();
        for (String c : t.columnNames()) {
            if (!changes.containsKey(c)) {
                cols.put(c, t.column(c));
            } else if (changes.get(c) != null) {
                cols.put(c, changes.get(c));
            }
        }
        for (Map.Entry<String, float[]> e : changes.entrySet()) {
            if (e.getValue() != null && !cols.containsKey(e.getKey())) {
                cols.put(e.getKey(), e.getValue());
            }
        }
        Path p = tmp.resolve(name);
        TableFiles.write(new OmniFoldTable(name, t.rows(), cols, List.of()), p);
        return p;
    }
}
