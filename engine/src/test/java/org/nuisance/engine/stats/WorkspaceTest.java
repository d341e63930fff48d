package org.nuisance.engine.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nuisance.engine.data.InputException;
import org.nuisance.engine.stats.histfactory.Model;
import org.nuisance.engine.stats.histfactory.Workspace;

/** Reading, validating and writing pyhf JSON workspaces (schema 1.0.0). */
class WorkspaceTest {

    static final String GOOD = """
            {"channels": [{"name": "c", "samples": [
              {"name": "s", "data": [1, 2, 3], "modifiers": [{"name": "mu", "type": "normfactor", "data": null}]},
              {"name": "b", "data": [10, 20, 30], "modifiers": [
                {"name": "n", "type": "normsys", "data": {"hi": 1.1, "lo": 0.9}},
                {"name": "h", "type": "histosys", "data": {"hi_data": [11, 21, 31], "lo_data": [9, 19, 29]}}]}]}],
             "observations": [{"name": "c", "data": [12, 22, 33]}],
             "measurements": [{"name": "m", "config": {"poi": "mu", "parameters": []}}],
             "version": "1.0.0"}
            """;

    @Test
    void validationErrorNamesTheJsonPath() {
        String bad = GOOD.replace("\"hi_data\": [11, 21, 31]", "\"hi_data\": [11, 21]");
        InputException e = assertThrows(InputException.class, () -> Workspace.parse(bad));
        assertEquals("channels[0].samples[1].modifiers[1].data.hi_data: expected 3 values, got 2", e.getMessage());
        InputException t = assertThrows(InputException.class,
                () -> Workspace.parse(GOOD.replace("\"normsys\"", "\"normsyss\"")));
        assertEquals("channels[0].samples[1].modifiers[0].type: unknown modifier type 'normsyss'; expected one of "
                + "normfactor, normsys, histosys, shapesys, staterror, lumi, shapefactor", t.getMessage());
        InputException d = assertThrows(InputException.class,
                () -> Workspace.parse(GOOD.replace("{\"name\": \"b\", \"data\"", "{\"name\": \"s\", \"data\"")));
        assertEquals("channels[0].samples[1].name: duplicate sample name 's' in channel 'c'", d.getMessage());
        InputException o = assertThrows(InputException.class,
                () -> Workspace.parse(GOOD.replace("[12, 22, 33]", "[12, -22, 33]")));
        assertEquals("observations[0].data[1]: expected a count >= 0, got -22.0", o.getMessage());
        InputException p = assertThrows(InputException.class,
                () -> Model.of(Workspace.parse(GOOD.replace("\"poi\": \"mu\"", "\"poi\": \"xsec\""))));
        assertEquals("measurements[0].config.poi: 'xsec' is not a parameter of the model; parameters: [mu, n, h]",
                p.getMessage());
    }

    @Test
    void writtenWorkspaceReadsBackIdentically() {
        Workspace ws = Workspace.parse(GOOD);
        Workspace back = Workspace.parse(ws.toJsonString());
        assertEquals(ws.toJson(), back.toJson());
        Model a = Model.of(ws);
        Model b = Model.of(back);
        double[] x = a.inits();
        x[1] = 0.3;
        x[2] = -0.7;
        assertArrayEquals(a.expected(x), b.expected(x), 0);
    }

    @Test
    void poiComesFromTheMeasurement() throws Exception {
        Workspace ws = Workspace.read(SharedData.reference("histfactory").resolve("shapesys_nuisparfilter.json"));
        Model m = Model.of(ws);
        assertEquals("SigXsecOverSM", m.poiName());
        assertEquals(-1, m.indexOf("lumi"), "a measurement parameter no modifier uses is inert");
    }

    @Test
    void aWorkspaceWithMoreParametersThanAFitCanHoldIsRefusedUpFrontNamingTheFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws Exception {
        // 60,000 bins with a staterror each: 60,001 parameters, whose n x n covariance alone is 29 GB
        int n = 60_000;
        StringBuilder data = new StringBuilder();
        StringBuilder err = new StringBuilder();
        for (int i = 0; i < n; i++) {
            data.append(i == 0 ? "" : ",").append(10);
            err.append(i == 0 ? "" : ",").append(1);
        }
        String ws = "{\"channels\": [{\"name\": \"c\", \"samples\": [{\"name\": \"s\", \"data\": [" + data
                + "], \"modifiers\": [{\"name\": \"mu\", \"type\": \"normfactor\", \"data\": null}, "
                + "{\"name\": \"st\", \"type\": \"staterror\", \"data\": [" + err + "]}]}]}], "
                + "\"observations\": [{\"name\": \"c\", \"data\": [" + data + "]}], \"measurements\": [{\"name\": \"m\", "
                + "\"config\": {\"poi\": \"mu\", \"parameters\": []}}], \"version\": \"1.0.0\"}";
        java.nio.file.Path file = java.nio.file.Files.writeString(tmp.resolve("big.json"), ws);
        org.nuisance.engine.cli.CliRun r = org.nuisance.engine.cli.CliRun.of("fit", "--workspace", file.toString());
        assertEquals(2, r.code(), r.err());
        String line = r.err().strip();
        assertEquals(-1, line.indexOf('\n'), line);
        org.junit.jupiter.api.Assertions.assertTrue(line.contains("big.json") && line.contains("60001 parameters"), line);
    }
}
