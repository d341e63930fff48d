package org.nuisance.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

    @Test
    void generateInfoAndHistGiveTheKnownBandsAsJson() throws Exception {
        String nominal = tmp.resolve("multifold.h5").toString();
        String sherpa = tmp.resolve("multifold_sherpa.parquet").toString();
        List<String> gen = List.of("omnifold", "generate", "--events", "3000", "--seed", "5", "--ensembles", "10",
                "--bootstraps", "5");
        List<String> a = new ArrayList<>(gen);
        a.addAll(List.of("--output", nominal));
        assertEquals(0, CliRun.of(a.toArray(String[]::new)).code());
        a = new ArrayList<>(gen);
        a.addAll(List.of("--output", sherpa, "--variant", "sherpa"));
        assertEquals(0, CliRun.of(a.toArray(String[]::new)).code());

        ObjectMapper json = new ObjectMapper();
        CliRun info = CliRun.of("omnifold", "info", nominal);
        assertEquals(0, info.code(), info.err());
        JsonNode i = json.readTree(info.out());
        assertEquals(3000, i.get("events").asInt());
        assertEquals(SyntheticOmniFold.TOTAL_FB, i.get("sum_nominal_weights").asDouble(), 1e-5 * SyntheticOmniFold.TOTAL_FB);
        assertEquals(10, i.get("families").get("ensemble").get("count").asInt());
        assertEquals("median_standard_error", i.get("families").get("ensemble").get("combine").asText());
        assertEquals(8, i.get("observables").size());

        CliRun hist = CliRun.of("omnifold", "hist", "--input", nominal, "--input-alt", sherpa, "--observable", "pT_ll",
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
            assertEquals(0.017, h.get("relative_uncertainties").get("lumi").get(b).asDouble(), 1e-6);
            assertEquals(SyntheticOmniFold.SHERPA_SHIFT * d, unc.get("generator_prior").get(b).asDouble(), 1e-4 * d);
            assertEquals(1.0, h.get("correlation").get(b).get(b).asDouble(), 0);
        }
        assertTrue(h.get("comparisons").has("prior"));
        assertEquals(5, h.get("comparisons").get("generator_prior").get("ndf").asInt());
    }

    @Test
    void aPredictionIsTestedWithTheFullCovariance() throws Exception {
        Path nominal = tmp.resolve("r.h5");
        Path nonDy = tmp.resolve("other.h5");
        assertEquals(0, CliRun.of("omnifold", "generate", "--events", "2000", "--ensembles", "4", "--bootstraps", "3",
                "--output", nominal.toString()).code());
        assertEquals(0, CliRun.of("omnifold", "generate", "--events", "2000", "--ensembles", "4", "--bootstraps", "3",
                "--variant", "nondy", "--output", nonDy.toString()).code());
        ObjectMapper json = new ObjectMapper();
        String[] base = {"omnifold", "hist", "--input", nominal.toString(), "--input-alt", "ewk=" + nonDy,
            "--observable", "y_ll", "--bins", "[-2,0,2]"};
        JsonNode h = json.readTree(CliRun.of(base).out());
        // the labelled alternative is a band of exactly 2 % (nonDY variant) and a comparison
        double d0 = h.get("dsigma_dx").get(0).asDouble();
        assertEquals(SyntheticOmniFold.NON_DY_SHIFT * d0, h.get("uncertainties").get("ewk").get(0).asDouble(), 1e-4 * d0);
        // a prediction equal to the result: chi2 0, p 1
        Path same = tmp.resolve("same.json");
        java.nio.file.Files.writeString(same, "{\"dsigma_dx\": " + h.get("dsigma_dx") + "}");
        List<String> args = new ArrayList<>(List.of(base));
        args.addAll(List.of("--prediction", same.toString()));
        JsonNode p = json.readTree(CliRun.of(args.toArray(String[]::new)).out()).get("comparisons").get("prediction");
        assertEquals(0.0, p.get("chi2").asDouble(), 1e-9);
        assertEquals(2, p.get("ndf").asInt());
        assertEquals(1.0, p.get("p_value").asDouble(), 1e-9);
        // a prediction of the wrong length is refused
        java.nio.file.Files.writeString(same, "[1, 2, 3]");
        CliRun bad = CliRun.of(args.toArray(String[]::new));
        assertEquals(2, bad.code());
        assertEquals("error: same.json: dsigma_dx has 3 values, the binning has 2 bins", bad.err().strip());
    }

    @Test
    void badInputExitsWithCode2AndOneLine() {
        CliRun r = CliRun.of("omnifold", "hist", "--input", tmp.resolve("missing.h5").toString(), "--observable", "pT_ll",
                "--bins", "5,200,700");
        assertEquals(2, r.code());
        assertEquals("error: " + tmp.resolve("missing.h5") + ": no such file", r.err().strip());
        r = CliRun.of("omnifold", "hist", "--input", "x.h5", "--observable", "pT_ll", "--bins", "5,700,200");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: --bins '5,700,200': edges must increase"), r.err());
    }
}
