package org.nuisance.engine.stats.xml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nuisance.engine.SharedData;
import org.nuisance.engine.cli.CliRun;
import org.nuisance.engine.data.InputException;
import org.nuisance.engine.stats.Parameter;
import org.nuisance.engine.stats.fit.Fitter;
import org.nuisance.engine.stats.fit.ProfileScan;
import org.nuisance.engine.stats.histfactory.Model;
import org.nuisance.engine.stats.histfactory.ShapeSys;
import org.nuisance.engine.stats.histfactory.StatError;
import org.nuisance.engine.stats.histfactory.Workspace;
import org.nuisance.engine.stats.histfactory.Workspace.ModifierSpec;
import org.nuisance.engine.stats.histfactory.Workspace.Sample;

/**
 * The HistFactory XML importer against every fact of ../shared/reference/histfactory-xml/README.md (pyhf's
 * tests/test_import.py; ROOT's own fit in example_results.table) and the imported multichannel model's
 * hypothesis test against ../shared/reference/histfactory/2bin_2channel.expected.json.
 */
class HistFactoryXmlTest {

    private static Path dir(String model) {
        return SharedData.root().resolve("reference/histfactory-xml/" + model);
    }

    private static Workspace imported(String model, String config) {
        return HistFactoryXml.importFile(dir(model).resolve(config), dir(model));
    }

    @Test
    void dataHistogramContentsAndErrors() {
        try (RootHistogramSource src = new RootHistogramSource(dir("xmlimport_input"))) {
            HistogramSource.Histogram h = src.read("data/example.root", "", "data");
            assertArrayEquals(new double[] {122.0, 112.0}, h.contents(), 0.0);
            // pyhf (uproot) takes the square root in float32: 11.045360565185547 = (float) sqrt(122)
            assertArrayEquals(new double[] {11.045360565185547, 10.58300495147705}, h.errors(), 1e-7 * 11.05);
        }
    }

    @Test
    void exampleMeasurementsAndLumiConfig() {
        Workspace ws = imported("xmlimport_input", "config/example.xml");
        assertEquals(4, ws.measurements().size());
        Workspace.Measurement m = ws.measurements().get(0);
        assertEquals(List.of("lumi", "SigXsecOverSM", "syst1"), m.parameters().stream().map(Workspace.ParameterConfig::name).toList());
        Workspace.ParameterConfig lumi = m.parameter("lumi");
        assertArrayEquals(new double[] {1.0}, lumi.auxdata());
        assertArrayEquals(new double[] {0.5, 1.5}, lumi.bounds()[0], 1e-12);
        assertArrayEquals(new double[] {1.0}, lumi.inits());
        assertArrayEquals(new double[] {0.1}, lumi.sigmas(), 1e-12);
    }

    @Test
    void exampleChannelSamplesModifiersAndExpectedData() {
        Workspace ws = imported("xmlimport_input", "config/example.xml");
        assertEquals("SigXsecOverSM", ws.measurements().get(0).poi());
        Workspace.Channel ch = ws.channel("channel1");
        assertEquals(List.of("signal", "background1", "background2"), ch.samples().stream().map(Sample::name).toList());
        for (int s = 1; s <= 2; s++) {
            assertEquals("lumi", ch.samples().get(s).modifiers().get(0).type());
        }
        assertArrayEquals(new double[] {5.0, 0.0}, staterror(ch.samples().get(1)), 1e-6);
        assertArrayEquals(new double[] {0.0, 10.0}, staterror(ch.samples().get(2)), 1e-6);
        assertArrayEquals(new double[] {122, 112}, ws.observation("channel1").data(), 0.0);
        Model model = Model.of(ws);
        double[] x = model.inits();
        assertArrayEquals(new double[] {120, 110}, model.expected(x), 1e-9);
        x[model.indexOf("SigXsecOverSM")] = 2;
        assertArrayEquals(new double[] {140, 120}, model.expected(x), 1e-9);
        // pyhf's auxdata (order lumi, syst2, syst3, syst1, staterror_channel1) [1, 0, 0, 0, 1, 1]: the same
        // values by parameter (this model orders its parameter vector by first appearance)
        double[] aux = model.nominalAux();
        assertEquals(1.0, aux[model.indexOf("lumi")]);
        for (String syst : new String[] {"syst2", "syst3", "syst1"}) {
            assertEquals(0.0, aux[model.indexOf(syst)], syst);
        }
        long gammas = model.parameters().stream().filter(p -> p.name().startsWith("staterror_channel1")).count();
        assertEquals(2, gammas);
        for (int i = 0; i < model.size(); i++) {
            if (model.parameter(i).name().startsWith("staterror_channel1")) {
                assertEquals(1.0, aux[i]);
            }
        }
        assertEquals(6, model.parameters().stream().filter(Parameter::constrained).count());
    }

    private static double[] staterror(Sample s) {
        return s.modifiers().stream().filter(m -> m.type().equals("staterror")).map(m -> (StatError.Spec) m).findFirst()
                .orElseThrow().sigmas();
    }

    /** input4 keeps its histograms in a folder of the ROOT file (HistoPath); its XML has one measurement. */
    @Test
    void histoPathGivesTheSameWorkspace() {
        Workspace a = imported("xmlimport_input", "config/example.xml");
        Workspace b = imported("xmlimport_input4", "config/example.xml");
        Workspace a1 = new Workspace(a.channels(), a.observations(), a.measurements().subList(0, 1), a.version());
        assertEquals(a1.toJsonString(), b.toJsonString());
    }

    @Test
    void histosysAndNormfactorBoundsOfInput2() {
        Workspace ws = imported("xmlimport_input2", "config/example.xml");
        List<ModifierSpec> mods = ws.channel("channel2").samples().get(0).modifiers();
        assertEquals("lumi", mods.get(0).type());
        assertEquals("histosys", mods.get(1).type());
        Workspace.Measurement m = ws.measurement("GaussExample");
        assertArrayEquals(new double[] {0, 10}, m.parameter("SigXsecOverSM").bounds()[0], 0.0);
    }

    @Test
    void relativeShapesysBecomesAbsolute() {
        Workspace ws = imported("xmlimport_input3", "config/examples/example_ShapeSys.xml");
        Sample s = ws.channel("channel1").samples().get(1);
        assertEquals("lumi", s.modifiers().get(0).type());
        assertEquals("shapesys", s.modifiers().get(1).type());
        // float32 histograms: 1e-4 is stored as 9.99999975e-05
        assertArrayEquals(new double[] {100.0, 1.0e-4}, s.data(), 1e-6 * 1e-4);
        assertEquals(10.0, ((ShapeSys.Spec) s.modifiers().get(1)).sigmas()[0], 1e-6);
        assertEquals(1.5e-5, ((ShapeSys.Spec) s.modifiers().get(1)).sigmas()[1], 1e-6 * 1.5e-5);
    }

    @Test
    void dataDrivenControlRegionHasAShapefactor() {
        Workspace ws = imported("xmlimport_input", "config/examples/example_DataDriven.xml");
        Workspace.Channel cr = ws.channel("controlRegion");
        assertEquals(List.of("lumi", "staterror", "normsys"),
                cr.samples().get(0).modifiers().stream().map(ModifierSpec::type).toList());
        assertEquals("shapefactor", cr.samples().get(1).modifiers().get(0).type());
    }

    /**
     * example_results.table: ROOT's MINOS errors of the POI in GaussExample are -0.5968 / +0.6116. ROOT
     * constrains the gammas with Poisson terms (StatErrorConfig ConstraintType="Poisson"), pyhf and this
     * importer with Gaussians, so the profile-likelihood interval agrees to 0.005, not exactly.
     */
    @Test
    void poiIntervalNearRootsMinos() {
        Model model = Model.of(imported("xmlimport_input", "config/example.xml"));
        Fitter fitter = new Fitter(model, model.observedData());
        ProfileScan.Result r = new ProfileScan(fitter, model.poi(), new int[0]).scan(0, 3, 31);
        assertEquals(-0.5968, r.interval68()[0] - r.best(), 0.005);
        assertEquals(0.6116, r.interval68()[1] - r.best(), 0.005);
    }

    @Test
    void importedMultichannelModelReproducesPyhfsCls(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("ws.json");
        CliRun imp = CliRun.of("import-xml", dir("multichannel_histfactory").resolve("config/example.xml").toString(),
                "--basedir", dir("multichannel_histfactory").toString(), "--output", out.toString());
        assertEquals(0, imp.code(), imp.err());
        CliRun r = CliRun.of("hypotest", "--workspace", out.toString(), "--mu", "1", "--test-stat", "qtilde",
                "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode expected = new ObjectMapper().readTree(SharedData.histFactory("2bin_2channel.expected.json").toFile());
        double obs = expected.get("CLs_obs").asDouble();
        assertEquals(obs, r.json().get("cls_obs").asDouble(), 5e-4 * obs);
        for (int k = 0; k < 5; k++) {
            double e = expected.get("CLs_exp").get(k).asDouble();
            assertEquals(e, r.json().get("cls_exp").get(k).asDouble(), 5e-4 * e, "CLs_exp[" + k + "]");
        }
    }

    @Test
    void badInputsNameTheFileAndElement(@TempDir Path tmp) throws Exception {
        Path cfg = tmp.resolve("c.xml");
        Files.writeString(cfg, "<Combination><Input>nope.xml</Input></Combination>");
        InputException e = assertThrows(InputException.class, () -> HistFactoryXml.importFile(cfg, tmp));
        assertTrue(e.getMessage().startsWith(cfg + ": <Input>nope.xml</Input>: no such file"), e.getMessage());
        Path ch = tmp.resolve("ch.xml");
        Files.writeString(ch, "<Channel Name=\"c\" InputFile=\"" + dir("xmlimport_input").resolve("data/example.root")
                + "\"><Data HistoName=\"data\"/><Sample Name=\"s\" HistoName=\"missing\"/></Channel>");
        Files.writeString(cfg, "<Combination><Input>ch.xml</Input><Measurement Name=\"m\" Lumi=\"1\" LumiRelErr=\"0.1\">"
                + "<POI>mu</POI></Measurement></Combination>");
        e = assertThrows(InputException.class, () -> HistFactoryXml.importFile(cfg, tmp));
        assertTrue(e.getMessage().startsWith(ch + ": <Sample Name=\"s\">: ") && e.getMessage().contains("missing"),
                e.getMessage());
    }
}
