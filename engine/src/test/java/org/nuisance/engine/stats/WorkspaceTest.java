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
}
