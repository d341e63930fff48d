package org.nuisance.engine.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nuisance.engine.cli.CliRun;

/** The statistics commands as a user runs them: JSON forms, exit codes, one-line errors. */
class StatsCliTest {

    static String ws(String name) {
        return SharedData.reference("histfactory").resolve(name + ".json").toString();
    }

    @Test
    void hypotestJsonReproducesReferenceCls() throws Exception {
        // 2bin_histosys.expected.json: CLs_obs 0.1001463460725534 (pyhf validation suite)
        CliRun r = CliRun.of("hypotest", "--workspace", ws("2bin_histosys"), "--mu", "1", "--test-stat", "q", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = r.json();
        assertEquals(0.1001463460725534, j.get("cls_obs").asDouble(), 5e-4 * 0.1001463460725534);
        assertEquals(5, j.get("cls_exp").size());
        CliRun q0 = CliRun.of("hypotest", "--workspace", ws("2bin_histosys"), "--test-stat", "q0", "--json");
        assertEquals(0, q0.code(), q0.err());
        assertTrue(q0.json().get("p0_obs").asDouble() > 0 && q0.json().get("p0_exp").size() == 5);
    }

    @Test
    void fitScanAndLimitJsonForms() throws Exception {
        CliRun fit = CliRun.of("fit", "--workspace", ws("1bin_shapesys"), "--json");
        assertEquals(0, fit.code(), fit.err());
        JsonNode f = fit.json();
        assertTrue(f.get("converged").asBoolean());
        assertTrue(f.get("parameters").has("mu") && f.get("parameters").get("mu").has("error"));
        assertEquals(1.0, f.get("correlation").get("mu").get("mu").asDouble(), 1e-12);
        CliRun scan = CliRun.of("scan", "--workspace", ws("1bin_shapesys"), "--range", "0,3", "--points", "31", "--json");
        assertEquals(0, scan.code(), scan.err());
        JsonNode s = scan.json();
        assertEquals("mu", s.get("poi").asText());
        assertEquals(31, s.get("values").size());
        assertEquals(31, s.get("twice_delta_nll").size());
        assertEquals(f.get("parameters").get("mu").get("value").asDouble(), s.get("best").asDouble(), 1e-6);
        double lo = s.get("interval68").get(0).asDouble();
        double hi = s.get("interval68").get(1).asDouble();
        assertTrue(lo < s.get("best").asDouble() && hi > s.get("best").asDouble());
        CliRun limit = CliRun.of("limit", "--workspace", ws("2bin_2channel"), "--json");
        assertEquals(0, limit.code(), limit.err());
        assertEquals(5, limit.json().get("expected").size());
        // 2bin_2channel: CLs(mu = 1) = 0.0563 > 0.05, so the observed limit lies just above 1
        double obs = limit.json().get("observed").asDouble();
        assertTrue(obs > 1 && obs < 1.2, "observed limit " + obs);
    }

    @Test
    void badInputGivesOneLineErrorAndExitCodeTwo(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, Files.readString(Path.of(ws("2bin_histosys"))).replace("\"histosys\"", "\"histosis\""));
        CliRun r = CliRun.of("fit", "--workspace", bad.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: ") && r.err().contains("channels[0].samples[1].modifiers[0].type"), r.err());
        assertEquals(1, r.err().strip().lines().count());
        CliRun ts = CliRun.of("hypotest", "--workspace", ws("2bin_histosys"), "--test-stat", "qq");
        assertEquals(2, ts.code());
        CliRun col = CliRun.of("coverage", "--input", "demo", "--events", "1000", "--column", "NOT_A_COLUMN", "--bins", "5",
                "--range", "0,1", "--toys", "2");
        assertEquals(2, col.code());
        assertTrue(col.err().startsWith("error: unknown column 'NOT_A_COLUMN'"), col.err());
        CliRun range = CliRun.of("scan", "--workspace", ws("2bin_histosys"), "--range", "3,1", "--points", "5");
        assertEquals(2, range.code());
        assertEquals("error: --range must have LO < HI, got '3,1'", range.err().strip());
        CliRun interp = CliRun.of("hypotest", "--workspace", ws("2bin_histosys"), "--normsys-interp", "code2");
        assertEquals(2, interp.code());
        assertTrue(interp.err().contains("code1 or code4"), interp.err());
    }

    @Test
    void buildWorkspaceThenFitIt(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("ws.json");
        CliRun b = CliRun.of("build-workspace", "--input", "demo", "--events", "20000", "--column", "DER_mass_vis", "--bins", "20",
                "--range", "0,200", "--output", out.toString());
        assertEquals(0, b.code(), b.err());
        CliRun fit = CliRun.of("fit", "--workspace", out.toString(), "--json");
        assertEquals(0, fit.code(), fit.err());
        assertEquals(1.0, fit.json().get("parameters").get("mu").get("value").asDouble(), 1e-6);
        CliRun cov = CliRun.of("coverage", "--input", "demo", "--events", "20000", "--column", "DER_mass_vis", "--bins", "20",
                "--range", "0,200", "--toys", "20", "--json");
        assertEquals(0, cov.code(), cov.err());
        JsonNode c = cov.json();
        assertEquals(20, c.get("toys").asInt());
        for (String k : new String[] {"coverage", "mean_width", "score", "mean_mu_hat_minus_true"}) {
            assertTrue(c.has(k), k);
        }
    }
}
