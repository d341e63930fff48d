package org.nuisance.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nuisance.engine.SharedData;
import org.nuisance.engine.data.EventReaders;
import org.nuisance.engine.data.EventTable;

/** The command-line forms that other tools rely on, on both real files. */
class NuisanceCliTest {

    @TempDir
    Path tmp;

    @Test
    void helpListsTheCommands() {
        CliRun r = CliRun.of("--help");
        assertEquals(0, r.code());
        for (String c : List.of("info", "shift", "hist", "bench")) {
            assertTrue(r.out().contains(c), r.out());
        }
    }

    @Test
    void infoOnBothRealFiles() {
        CliRun fair = CliRun.of("info", SharedData.fairUniverseParquet().toString());
        assertEquals(0, fair.code(), fair.err());
        assertTrue(fair.out().contains("rows: 1000"));
        assertTrue(fair.out().matches("(?s).*ztautau\\s+634\\s+1\\.00322e\\+06.*"), fair.out());
        CliRun old = CliRun.of("info", SharedData.higgsMl2014Csv().toString());
        assertEquals(0, old.code(), old.err());
        assertTrue(old.out().contains("rows: 22889"));
        assertTrue(old.out().matches("(?s).*\\bs\\s+7817\\b.*"), old.out());
    }

    @Test
    void shiftWritesSurvivorsWithTheInputsColumnsAndScaledWeights() throws Exception {
        Path out = tmp.resolve("shifted.csv");
        CliRun r = CliRun.of("shift", "--input", SharedData.fairUniverseParquet().toString(), "--tes", "1.0", "--mu", "2",
                "--output", out.toString());
        assertEquals(0, r.code(), r.err());
        EventTable in = EventReaders.read(SharedData.fairUniverseParquet());
        EventTable shifted = EventReaders.read(out);
        assertEquals(925, shifted.rows());
        assertEquals(in.columnOrder(), shifted.columnOrder());
        double sig = shifted.summary().sumWeights()[shifted.processIndex("htautau")];
        double sigIn = 0;
        float[] w = in.weights();
        for (int i = 0; i < in.rows(); i++) {
            if (in.processNames().get(in.processCodes()[i]).equals("htautau") && in.column("PRI_had_pt")[i] >= 26
                    && in.column("PRI_lep_pt")[i] >= 20) {
                sigIn += w[i];
            }
        }
        assertEquals(2 * sigIn, sig, 1e-4 * sig);
    }

    @Test
    void histJsonOnTheHiggsMl2014File() throws Exception {
        CliRun r = CliRun.of("hist", "--input", SharedData.higgsMl2014Csv().toString(), "--column", "DER_mass_vis",
                "--bins", "10", "--range", "0,200", "--tes", "1.02", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(11, j.get("edges").size());
        assertEquals(10, j.get("processes").get("s").get("sumw").size());
        double total = 0;
        for (JsonNode v : j.get("processes").get("b").get("sumw")) {
            total += v.asDouble();
        }
        assertTrue(total > 0);
    }

    @Test
    void demoStandsInForAFile() {
        CliRun r = CliRun.of("hist", "--input", "demo", "--events", "20000", "--seed", "3", "--column", "DER_mass_vis",
                "--bins", "4", "--range", "0,200");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("ztautau") && r.out().contains("overflow"));
    }

    @Test
    void badInputExitsNonZeroWithOneLine() throws Exception {
        CliRun missing = CliRun.of("info", tmp.resolve("missing.parquet").toString());
        assertEquals(2, missing.code());
        assertEquals(1, missing.err().strip().lines().count(), missing.err());
        assertTrue(missing.err().contains("missing.parquet: no such file"));

        CliRun column = CliRun.of("hist", "--input", SharedData.fairUniverseParquet().toString(), "--column", "DER_nope",
                "--bins", "4", "--range", "0,1");
        assertEquals(2, column.code());
        assertTrue(column.err().startsWith("error: ") && column.err().contains("unknown column 'DER_nope'"), column.err());

        CliRun range = CliRun.of("hist", "--input", "demo", "--events", "100", "--column", "DER_mass_vis", "--bins", "4",
                "--range", "0,1", "--tes", "1.5");
        assertEquals(2, range.code());
        assertTrue(range.err().contains("tes = 1.5 is outside its allowed range [0.9, 1.1]"), range.err());

        Path bad = tmp.resolve("bad.csv");
        Files.writeString(bad, "PRI_had_pt,weights\n30,1\nx,1\n");
        CliRun malformed = CliRun.of("info", bad.toString());
        assertEquals(2, malformed.code());
        assertTrue(malformed.err().contains("bad.csv: row 3, column PRI_had_pt: 'x' is not a number"), malformed.err());

        CliRun range2 = CliRun.of("hist", "--input", "demo", "--column", "DER_mass_vis", "--bins", "4", "--range", "5");
        assertEquals(2, range2.code());
        assertTrue(range2.err().contains("--range must be LO,HI"), range2.err());
    }
}
