package org.nuisance.engine.stats.hepdata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nuisance.engine.cli.CliRun;
import org.nuisance.engine.data.InputException;

/**
 * JSON Patch against RFC 6902's own examples (appendix A), its error messages, signal-point names, the
 * tar reader on the HEPData archive, and the patchset and patch-file forms of hypotest.
 */
class JsonPatchTest {

    private static final ObjectMapper M = new ObjectMapper();

    private static JsonNode j(String s) throws Exception {
        return M.readTree(s.replace('\'', '"'));
    }

    private static JsonNode apply(String doc, String patch) throws Exception {
        return new JsonPatch("p.json", j(patch)).apply(j(doc));
    }

    @Test
    void rfc6902AppendixAExamples() throws Exception {
        // A.1 add an object member, A.2 add an array element, A.3 remove, A.5 replace, A.6 move,
        // A.7 move an array element, A.8 test, A.16 add an array value, "-" appends
        assertEquals(j("{'baz':'qux','foo':'bar'}"), apply("{'foo':'bar'}", "[{'op':'add','path':'/baz','value':'qux'}]"));
        assertEquals(j("{'foo':['bar','qux','baz']}"),
                apply("{'foo':['bar','baz']}", "[{'op':'add','path':'/foo/1','value':'qux'}]"));
        assertEquals(j("{'foo':'bar'}"), apply("{'baz':'qux','foo':'bar'}", "[{'op':'remove','path':'/baz'}]"));
        assertEquals(j("{'baz':'boo','foo':'bar'}"),
                apply("{'baz':'qux','foo':'bar'}", "[{'op':'replace','path':'/baz','value':'boo'}]"));
        assertEquals(j("{'foo':{'bar':'baz'},'qux':{'corge':'grault','thud':'fred'}}"),
                apply("{'foo':{'bar':'baz','waldo':'fred'},'qux':{'corge':'grault'}}",
                        "[{'op':'move','from':'/foo/waldo','path':'/qux/thud'}]"));
        assertEquals(j("{'foo':['all','grass','cows','eat']}"),
                apply("{'foo':['all','grass','cows','eat']}", "[{'op':'test','path':'/foo/1','value':'grass'}]"));
        assertEquals(j("{'foo':['all','cows','eat','grass']}"),
                apply("{'foo':['all','grass','cows','eat']}", "[{'op':'move','from':'/foo/1','path':'/foo/3'}]"));
        assertEquals(j("{'foo':['bar',['abc','def']]}"),
                apply("{'foo':['bar']}", "[{'op':'add','path':'/foo/-','value':['abc','def']}]"));
        assertEquals(j("{'a/b':1,'c':1}"), apply("{'a/b':1}", "[{'op':'copy','from':'/a~1b','path':'/c'}]"));
    }

    @Test
    void errorsNameThePatchTheOperationAndThePointer() {
        InputException e = assertThrows(InputException.class, () -> apply("{'foo':['a']}",
                "[{'op':'add','path':'/foo/0','value':1},{'op':'remove','path':'/foo/5'}]"));
        assertEquals("p.json: operation 1 (remove /foo/5): no element 5 (array has 2)", e.getMessage());
        e = assertThrows(InputException.class, () -> apply("{'baz':'qux'}", "[{'op':'test','path':'/baz','value':'bar'}]"));
        assertEquals("p.json: operation 0 (test /baz): test failed: the value differs", e.getMessage());
        e = assertThrows(InputException.class, () -> apply("{}", "[{'op':'frob','path':'/x'}]"));
        assertTrue(e.getMessage().startsWith("p.json: operation 0 (frob /x): unknown op 'frob'"), e.getMessage());
        e = assertThrows(InputException.class, () -> apply("{'a':{}}", "[{'op':'add','path':'/a/b/c','value':1}]"));
        assertEquals("p.json: operation 0 (add /a/b/c): no member 'b'", e.getMessage());
    }

    @Test
    void signalPointNamesGiveTheMasses() {
        assertEquals("sbottom_1300_205_60", SignalPoint.nameOf("RegionA/patch.sbottom_1300_205_60.json"));
        assertArrayEquals(new double[] {1300, 205, 60}, SignalPoint.valuesOf("sbottom_1300_205_60"));
    }

    @Test
    void theArchiveHasThe650PatchesAndThreeRegionsOfItsReadme() {
        Map<String, byte[]> files = TarGz.read(HepDataReferenceTest.archive(), n -> n.endsWith(".json"));
        // README: 217 patches in A, 218 in B, 215 in C, plus three BkgOnly.json
        assertEquals(217 + 218 + 215 + 3, files.size());
        PublishedLikelihood a = PublishedLikelihood.open(HepDataReferenceTest.archive(), "RegionA");
        assertEquals(217, a.points().size());
        InputException e = assertThrows(InputException.class,
                () -> PublishedLikelihood.open(HepDataReferenceTest.archive(), null));
        assertTrue(e.getMessage().contains("choose one with --region"), e.getMessage());
    }

    /** The same point as a patch file beside an unpacked BkgOnly.json, and inside a pyhf patchset. */
    @Test
    void patchFileAndPatchsetGiveTheArchivesCls(@TempDir Path dir) throws Exception {
        Map<String, byte[]> files = TarGz.read(HepDataReferenceTest.archive(),
                n -> n.equals("RegionA/BkgOnly.json") || n.equals("RegionA/patch.sbottom_1300_205_60.json"));
        Path bkg = dir.resolve("BkgOnly.json");
        Files.write(bkg, files.get("RegionA/BkgOnly.json"));
        Path patch = dir.resolve("patch.sbottom_1300_205_60.json");
        Files.write(patch, files.get("RegionA/patch.sbottom_1300_205_60.json"));
        ObjectNode set = M.createObjectNode();
        set.putObject("metadata").putArray("labels").add("m_sb").add("m_n2").add("m_n1");
        ObjectNode p = set.putArray("patches").addObject();
        p.putObject("metadata").put("name", "sbottom_1300_205_60").putArray("values").add(1300).add(205).add(60);
        p.set("patch", M.readTree(new String(files.get("RegionA/patch.sbottom_1300_205_60.json"), StandardCharsets.UTF_8)));
        set.put("version", "1.0.0");
        Path patchset = dir.resolve("patchset.json");
        M.writeValue(patchset.toFile(), set);
        String[] common = {"--mu", "1", "--test-stat", "qtilde", "--normsys-interp", "code4", "--histosys-interp",
                "code4p", "--json"};
        CliRun byFile = CliRun.of(concat(new String[] {"hypotest", "--workspace", bkg.toString(), "--patch",
                patch.toString()}, common));
        CliRun bySet = CliRun.of(concat(new String[] {"hypotest", "--workspace", bkg.toString(), "--patchset",
                patchset.toString(), "--patch", "sbottom_1300_205_60"}, common));
        assertEquals(0, byFile.code(), byFile.err());
        assertEquals(0, bySet.code(), bySet.err());
        // README reference: CLs_obs 0.24443627759085326 (pyhf)
        assertEquals(0.24443627759085326, byFile.json().get("cls_obs").asDouble(), 5e-4 * 0.2444);
        assertEquals(byFile.json().get("cls_obs").asDouble(), bySet.json().get("cls_obs").asDouble(), 1e-12);
        CliRun bad = CliRun.of(concat(new String[] {"hypotest", "--workspace", bkg.toString(), "--patchset",
                patchset.toString(), "--patch", "sbottom_1_2_3"}, common));
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("sbottom_1_2_3") && bad.err().lines().count() == 1, bad.err());
    }

    /** A patch that breaks the workspace, and one whose pointer is wrong: one line naming files and paths, exit 2. */
    @Test
    void badPatchesGiveOneLineNamingFileAndJsonPath(@TempDir Path dir) throws Exception {
        String ws = org.nuisance.engine.SharedData.histFactory("2bin_2channel.json").toString();
        Path shortData = dir.resolve("patch.short.json");
        Files.writeString(shortData, "[{\"op\":\"replace\",\"path\":\"/channels/0/samples/0/data\",\"value\":[1]}]");
        CliRun r = CliRun.of("hypotest", "--workspace", ws, "--patch", shortData.toString(), "--json");
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("2bin_2channel.json + " + shortData) && r.err().contains(": channels[0].samples[") && r.err().contains("].data: expected"),
                r.err());
        Path badPointer = dir.resolve("patch.pointer.json");
        Files.writeString(badPointer, "[{\"op\":\"remove\",\"path\":\"/channels/7\"}]");
        r = CliRun.of("hypotest", "--workspace", ws, "--patch", badPointer.toString(), "--json");
        assertEquals(2, r.code());
        assertTrue(r.err().contains(badPointer + ": operation 0 (remove /channels/7): no element 7"), r.err());
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
