package org.nuisance.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nuisance.engine.omnifold.SyntheticOmniFold;

/** The omnifold commands as a user types them, on generated files with known bands. */
class OmniFoldCliTest {

    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = NuisanceCli.run(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void generateInfoAndHistGiveTheKnownBandsAsJson() throws Exception {
        String nominal = tmp.resolve("multifold.h5").toString();
        String sherpa = tmp.resolve("multifold_sherpa.parquet").toString();
        List<String> gen = List.of("omnifold", "generate", "--events", "3000", "--seed", "5", "--ensembles", "10",
                "--bootstraps", "5");
        List<String> a = new ArrayList<>(gen);
        a.addAll(List.of("--output", nominal));
        assertEquals(0, run(a.toArray(String[]::new)).code());
        a = new ArrayList<>(gen);
        a.addAll(List.of("--output", sherpa, "--variant", "sherpa"));
        assertEquals(0, run(a.toArray(String[]::new)).code());

        ObjectMapper json = new ObjectMapper();
        Run info = run("omnifold", "info", nominal);
        assertEquals(0, info.code(), info.err());
        JsonNode i = json.readTree(info.out());
        assertEquals(3000, i.get("events").asInt());
        assertEquals(SyntheticOmniFold.TOTAL_FB, i.get("sum_nominal_weights").asDouble(), 1e-5 * SyntheticOmniFold.TOTAL_FB);
        assertEquals(10, i.get("families").get("ensemble").get("count").asInt());
        assertEquals("median_standard_error", i.get("families").get("ensemble").get("combine").asText());
        assertEquals(8, i.get("observables").size());

        Run hist = run("omnifold", "hist", "--input", nominal, "--input-alt", sherpa, "--observable", "pT_ll",
                "--bins", "5,200,700", "--json");
        assertEquals(0, hist.code(), hist.err());
        JsonNode h = json.readTree(hist.out());
        assertEquals(6, h.get("edges").size());
        JsonNode unc = h.get("uncertainties");
        for (String band : List.of("data_stat", "mc_stat", "ensemble", "muon_efficiency_pileup", "muon_calibration",
                "track", "theory", "lumi", "top_background", "data_driven", "generator_prior", "total")) {
            assertEquals(5, unc.get(band).size(), band);
        }
        for (int b = 0; b < 5; b++) {
            double d = h.get("dsigma_dx").get(b).asDouble();
            assertEquals(h.get("nominal").get(b).asDouble() / 100.0, d, 1e-12 * d);
            assertEquals(0.017 * d, unc.get("lumi").get(b).asDouble(), 1e-4 * d);
            assertEquals(SyntheticOmniFold.SHERPA_SHIFT * d, unc.get("generator_prior").get(b).asDouble(), 1e-4 * d);
            assertEquals(1.0, h.get("correlation").get(b).get(b).asDouble(), 0);
        }
        assertTrue(h.get("comparisons").has("prior"));
        assertEquals(5, h.get("comparisons").get("generator_prior").get("ndf").asInt());
    }

    @Test
    void badInputExitsWithCode2AndOneLine() {
        Run r = run("omnifold", "hist", "--input", tmp.resolve("missing.h5").toString(), "--observable", "pT_ll",
                "--bins", "5,200,700");
        assertEquals(2, r.code());
        assertEquals("error: " + tmp.resolve("missing.h5") + ": no such file", r.err().strip());
        r = run("omnifold", "hist", "--input", "x.h5", "--observable", "pT_ll", "--bins", "5,700,200");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: --bins '5,700,200': edges must increase"), r.err());
    }
}
