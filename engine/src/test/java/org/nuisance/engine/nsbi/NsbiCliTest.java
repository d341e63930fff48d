package org.nuisance.engine.nsbi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nuisance.engine.cli.CliRun;
import org.nuisance.engine.higgsml.DemoGenerator;
import org.nuisance.engine.higgsml.Systematics;
import org.nuisance.engine.data.EventTable;
import org.nuisance.engine.ml.ClassifierConfig;
import org.nuisance.engine.ml.ComputeDevice;

/**
 * The nsbi command line on a small demo (tiny networks: this checks the plumbing, not the physics): train
 * writes a complete model folder with no temporary left behind, the same seeds give the same model, a loaded
 * model gives the per-event terms of the trained one, fit and scan print the binned commands' JSON fields,
 * and a bad feature is an input error (exit 2) naming the column.
 */
class NsbiCliTest {

    static final String FEATURES = "DER_mass_vis,PRI_met,DER_mass_transverse_met_lep";

    static String[] train(Path out) {
        return new String[] {"nsbi", "train", "--input", "demo", "--events", "12000", "--seed", "4", "--features", FEATURES,
            "--ensemble", "2", "--epochs", "2", "--layers", "1", "--width", "8", "--design-points", "10",
            "--events-per-point", "400", "--output", out.toString()};
    }

    @Test
    void trainFitScanAndReproducibility(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("model");
        CliRun t = CliRun.of(train(model));
        assertEquals(0, t.code(), t.err());
        assertTrue(Files.isRegularFile(model.resolve(NsbiModel.CARD_FILE)));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(1, s.count(), "only the model folder: the temporary folder was renamed");
        }
        JsonNode card = new com.fasterxml.jackson.databind.ObjectMapper().readTree(model.resolve(NsbiModel.CARD_FILE).toFile());
        assertEquals(NsbiModel.FORMAT, card.get("format").asText());
        assertEquals(4, card.get("processes").size());

        CliRun fit = CliRun.of("nsbi", "fit", "--model", model.toString(), "--input", "demo", "--events", "8000",
                "--seed", "9", "--json");
        assertTrue(fit.code() == 0 || fit.code() == 1, fit.err());
        JsonNode f = fit.json();
        assertTrue(f.has("converged") && f.has("nll") && f.has("correlation"));
        assertTrue(f.get("parameters").get("mu").has("value") && f.get("parameters").get("mu").has("error"));
        assertEquals(7, f.get("parameters").size());

        CliRun scan = CliRun.of("nsbi", "scan", "--model", model.toString(), "--input", "demo", "--events", "8000",
                "--seed", "9", "--range", "0,3", "--points", "4", "--json");
        assertEquals(0, scan.code(), scan.err());
        JsonNode sc = scan.json();
        assertEquals("mu", sc.get("poi").asText());
        assertEquals(4, sc.get("values").size());
        assertEquals(4, sc.get("twice_delta_nll").size());
        assertTrue(sc.has("best") && sc.get("interval68").size() == 2 && sc.get("interval95").size() == 2);

        // coverage --method nsbi: the binned coverage's JSON fields (two pseudo-experiments: the plumbing only)
        CliRun cov = CliRun.of("coverage", "--method", "nsbi", "--model", model.toString(), "--input", "demo",
                "--events", "6000", "--seed", "3", "--toys", "2", "--column", "DER_mass_vis", "--bins", "10",
                "--range", "0,200", "--json");
        assertEquals(0, cov.code(), cov.err());
        JsonNode cj = cov.json();
        assertEquals(2, cj.get("toys").asInt());
        assertTrue(cj.has("coverage") && cj.has("mean_width") && cj.has("score") && cj.has("mean_mu_hat_minus_true"));

        // the same seeds train the same networks, and save/load keeps them: the model trained here in memory
        // with the command's settings gives the loaded model's per-event terms bit for bit
        ClassifierConfig cfg = ClassifierConfig.defaults().withArchitecture(1, 8, ClassifierConfig.ActivationFunction.TANH)
                .withEpochs(2).withPatience(5).withSeed(4).withDevice(ComputeDevice.Choice.CPU);
        NsbiModel.Options o = NsbiModel.Options.defaults(List.of(FEATURES.split(","))).withConfig(cfg).withEnsemble(2)
                .withDesign(10, 400).withSoftSeed(4);
        EventTable data = Systematics.apply(DemoGenerator.generate(3000, 5), NsbiModel.nominal(), 5);
        try (NsbiModel a = NsbiModel.train(DemoGenerator.generate(12000, 4), o, null, null);
             NsbiModel b = NsbiModel.load(model, ComputeDevice.Choice.CPU)) {
            NsbiModel.Terms ta = a.terms(data);
            NsbiModel.Terms tb = b.terms(data);
            assertArrayEquals(ta.terms(), tb.terms());
            assertArrayEquals(ta.spread(), tb.spread());
            assertEquals(a.card().processes(), b.card().processes());
            assertArrayEquals(a.card().yields(), b.card().yields());
            // the ensemble of two reports a spread per event and process
            double maxSpread = 0;
            for (float v : ta.spread()) {
                maxSpread = Math.max(maxSpread, v);
            }
            assertTrue(maxSpread > 0, "two members differ somewhere");
        }
    }

    @Test
    void unknownFeatureIsAnInputErrorNamingIt(@TempDir Path dir) {
        CliRun r = CliRun.of("nsbi", "train", "--input", "demo", "--events", "2000", "--features", "DER_mass_vis,NOPE",
                "--output", dir.resolve("m").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("NOPE"), r.err());
        assertFalse(Files.exists(dir.resolve("m")));
    }
}
