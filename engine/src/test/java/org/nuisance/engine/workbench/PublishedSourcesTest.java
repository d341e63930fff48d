package org.nuisance.engine.workbench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nuisance.engine.SharedData;
import org.nuisance.engine.data.InputException;
import org.nuisance.engine.stats.hepdata.TarGz;

/**
 * The window's ways into published likelihoods, by what the files say: the ATLAS sbottom archive
 * (../shared/data/hepdata/README.md: 217 patches in RegionA, three regions, the file pattern
 * patch.sbottom_msb_mn2_mn1.json in the record's own README), a workspace with a patch or patchset
 * opened beside it, and HistFactory XML (../shared/reference/histfactory-xml/README.md).
 */
class PublishedSourcesTest {

    private static final Path ARCHIVE = SharedData.root().resolve("data/hepdata/sbottom-multib-ins1748602.tar.gz");
    private static final Path XML = SharedData.root().resolve("reference/histfactory-xml");

    @TempDir
    Path tmp;

    @Test
    void theSbottomArchiveOpensRegionAWithTheRecordsValueNamesAndTitle() {
        assertEquals(Sources.Format.PUBLISHED, Sources.detect(ARCHIVE));
        PublishedSource s = assertInstanceOf(PublishedSource.class, Sources.open(ARCHIVE, m -> { }));
        assertEquals("RegionA", s.region());
        assertEquals(List.of("RegionA", "RegionB", "RegionC"), s.regions());
        assertEquals(217, s.points().size());
        assertEquals(List.of("msb [GeV]", "mn2 [GeV]", "mn1 [GeV]"), s.labels());
        assertEquals("ATLAS SUSY sbottom multi-b analysis, HEPData ins1748602", s.analysis());
        PublishedSources.Point p = s.points().stream().filter(x -> x.name().equals("sbottom_1300_205_60")).findFirst()
                .orElseThrow();
        assertArrayEquals(new double[] {1300, 205, 60}, p.values());
        // the tarball's README: two scenarios, mn1 = 60 GeV (the PUB note's) or mn2 - mn1 = 130 GeV
        assertEquals(60.0, PublishedSources.mostFrequent(s, 2));
        List<String> cmd = PublishedSources.gridCommand(s, 0, 1, "2=60");
        assertEquals(List.of("grid", "--workspace", ARCHIVE.toString(), "--region", "RegionA"), cmd.subList(0, 5));
        assertTrue(String.join(" ", cmd).contains("--select 2=60"), cmd.toString());
    }

    @Test
    void aPatchAndAPatchsetApplyToTheWorkspaceOpenedBeside() throws Exception {
        Map<String, byte[]> files = TarGz.read(ARCHIVE, n -> n.equals("RegionA/BkgOnly.json")
                || n.equals("RegionA/patch.sbottom_1300_205_60.json") || n.equals("RegionA/patch.sbottom_1000_205_60.json"));
        Path bkg = Files.write(tmp.resolve("BkgOnly.json"), files.get("RegionA/BkgOnly.json"));
        Path patch = Files.write(tmp.resolve("patch.sbottom_1300_205_60.json"),
                files.get("RegionA/patch.sbottom_1300_205_60.json"));
        assertEquals(Sources.Format.WORKSPACE, Sources.detect(bkg));
        assertEquals(Sources.Format.PATCH, Sources.detect(patch));
        Source background = Sources.open(bkg, m -> { });
        WorkspaceSource signal = assertInstanceOf(WorkspaceSource.class, Sources.open(patch, background, m -> { }));
        // the patch adds the signal to channels 0 and 2 and removes the validation region (channel 1)
        assertEquals(List.of("SR_meff", "CRtt_meff"), signal.workspace().channels().stream().map(c -> c.name()).toList());
        assertEquals("sbottom_1300_205_60", signal.workspace().channels().get(0).samples().get(0).name());

        InputException alone = assertThrows(InputException.class, () -> Sources.open(patch, null, m -> { }));
        assertTrue(alone.getMessage().startsWith(patch + ": a patch needs its background-only workspace"), alone.getMessage());

        ObjectMapper json = new ObjectMapper();
        ObjectNode set = json.createObjectNode();
        set.putObject("metadata").put("name", "sbottom").putArray("labels").add("m_sbottom").add("m_n2").add("m_n1");
        ArrayNode patches = set.putArray("patches");
        for (String n : List.of("sbottom_1300_205_60", "sbottom_1000_205_60")) {
            ObjectNode p = patches.addObject();
            ArrayNode values = p.putObject("metadata").put("name", n).putArray("values");
            for (String v : n.split("_")) {
                if (Character.isDigit(v.charAt(0))) {
                    values.add(Double.parseDouble(v));
                }
            }
            p.set("patch", json.readTree(files.get("RegionA/patch." + n + ".json")));
        }
        Path patchset = tmp.resolve("patchset.json");
        json.writeValue(patchset.toFile(), set);
        assertEquals(Sources.Format.PATCHSET, Sources.detect(patchset));
        PublishedSource grid = assertInstanceOf(PublishedSource.class, Sources.open(patchset, background, m -> { }));
        assertEquals(2, grid.points().size());
        assertEquals(List.of("m_sbottom [GeV]", "m_n2 [GeV]", "m_n1 [GeV]"), grid.labels());
        assertEquals(List.of("SR_meff", "CRtt_meff"), PublishedSources.signal(grid, "sbottom_1000_205_60").workspace()
                .channels().stream().map(c -> c.name()).toList());
    }

    @Test
    void aHistFactoryCombinationImportsWithItsFolderAsBase() {
        Path config = XML.resolve("xmlimport_input/config/example.xml");
        assertEquals(Sources.Format.XML, Sources.detect(config));
        WorkspaceSource ws = assertInstanceOf(WorkspaceSource.class, Sources.open(config, m -> { }));
        // pyhf tests/test_import.py via the README: observed [122, 112] in channel1, 4 measurements
        assertEquals("channel1", ws.workspace().channels().get(0).name());
        assertArrayEquals(new double[] {122, 112}, ws.workspace().observations().get(0).data(), 0.0);
        assertEquals(4, ws.workspace().measurements().size());

        Path channelFile = XML.resolve("xmlimport_input/config/example_channel.xml");
        InputException e = assertThrows(InputException.class, () -> Sources.detect(channelFile));
        assertTrue(e.getMessage().startsWith("example_channel.xml: not a HistFactory combination"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }
}
