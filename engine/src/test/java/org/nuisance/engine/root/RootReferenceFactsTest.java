package org.nuisance.engine.root;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nuisance.engine.root.RootFacts.assertDoubles;
import static org.nuisance.engine.root.RootFacts.assertExact;
import static org.nuisance.engine.root.RootFacts.expected;
import static org.nuisance.engine.root.RootFacts.fact;
import static org.nuisance.engine.root.RootFacts.open;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.nuisance.engine.data.InputException;

/**
 * Every fact of ../shared/reference/ROOT.md (root_facts_shared.json) read back through the reader. The
 * expected numbers come from that file (uproot's test suite, or decoded independently there); floats
 * compare exactly, as stored, except where the fact itself names a tolerance.
 */
class RootReferenceFactsTest {

    /** Runs the "branch" checks of a fact (one entry, or a half-open range; a null stop means the end). */
    private static void checkBranches(String id, RootTree tree) {
        for (JsonNode c : fact(id).get("checks")) {
            if (!c.has("branch")) {
                continue;
            }
            RootBranch b = tree.branch(c.get("branch").asText());
            String what = id + " " + b.name();
            if (c.has("entry")) {
                long e = c.get("entry").asLong();
                long i = e < 0 ? tree.entries() + e : e;
                assertExact(c.get("value"), b.read(i, i + 1).entry(0), what + "[" + e + "]");
            } else {
                Long start = c.has("entry_start") && !c.get("entry_start").isNull() ? c.get("entry_start").asLong() : null;
                Long stop = c.has("entry_stop") && !c.get("entry_stop").isNull() ? c.get("entry_stop").asLong() : null;
                JsonNode sel = fact(id).get("selection");
                if (stop == null && sel != null && sel.has("entry_stop") && !sel.get("entry_stop").isNull()) {
                    stop = sel.get("entry_stop").asLong(); // a null stop in a check means the fact's selection
                }
                long[] r = tree.range(start, stop);
                assertExact(c.get("value"), b.read(r[0], r[1]).toList(), what + "[" + start + ":" + stop + "]");
            }
        }
    }

    private static Map<String, JsonNode> members(String id, String file) {
        Map<String, JsonNode> m = new LinkedHashMap<>();
        for (JsonNode c : fact(id).get("checks")) {
            if (c.has("member") && (file == null || !c.has("file") || c.get("file").asText().equals(file))) {
                m.put(c.get("member").asText(), c.get("value"));
            }
        }
        return m;
    }

    private static List<Object> all(RootTree t, String branch) {
        return t.branch(branch).read(0, t.entries()).toList();
    }

    // ---- file header, records, keys ----

    @Test
    void zmumuHeaderSaysZlib4SmallFileAndItsUuid() {
        try (RootFile f = open("uproot-Zmumu.root")) {
            Map<String, JsonNode> m = members("HDR-01", null);
            assertEquals(m.get("fCompress").asInt(), f.header().compress());
            assertEquals(m.get("algorithm").asText(), f.header().algorithmName());
            assertEquals(m.get("level").asInt(), f.header().level());
            assertEquals(m.get("is_64bit").asBoolean(), f.header().is64bit());
            assertEquals(m.get("fNbytesInfo").asInt(), f.header().nbytesInfo());
            assertEquals(m.get("uuid").asText(), f.header().uuid());
        }
    }

    @Test
    void headerFieldsOfThirteenFilesMatch() {
        JsonNode exp = expected("HDR-03");
        for (Iterator<String> it = exp.fieldNames(); it.hasNext();) {
            String name = it.next();
            JsonNode e = exp.get(name);
            try (RootFile f = open(name)) {
                RootFile.Header h = f.header();
                assertEquals(e.get("fVersion").asInt(), h.version(), name);
                assertEquals(e.get("fBEGIN").asLong(), h.begin(), name);
                assertEquals(e.get("fEND").asLong(), h.end(), name);
                assertEquals(e.get("fCompress").asInt(), h.compress(), name);
                assertEquals(e.get("fSeekInfo").asLong(), h.seekInfo(), name);
                assertEquals(e.get("fNbytesInfo").asInt(), h.nbytesInfo(), name);
                assertEquals(e.get("fNbytesName").asInt(), h.nbytesName(), name);
                assertEquals(e.get("is_64bit").asBoolean(), h.is64bit(), name);
                assertEquals(e.get("uuid").asText(), h.uuid(), name);
                assertEquals(e.get("file_size").asLong(), f.size(), name);
            }
        }
    }

    private static Map<String, Map<String, Integer>> recordCensus(RootFile f, boolean byKeyVersion) {
        Map<String, Map<String, Integer>> out = new TreeMap<>();
        for (RootFile.Record r : f.records()) {
            String col = byKeyVersion ? String.valueOf(r.key().version()) : switch (r.algorithm()) {
                case NONE -> "uncompressed";
                case ZLIB -> "ZL";
                case LZMA -> "XZ";
                case LZ4 -> "L4";
                case ZSTD -> "ZS";
            };
            out.computeIfAbsent(r.key().className(), k -> new TreeMap<>()).merge(col, 1, Integer::sum);
        }
        return out;
    }

    private static void assertCensus(JsonNode exp, Map<String, Map<String, Integer>> census, String file) {
        Map<String, Map<String, Integer>> want = new TreeMap<>();
        for (Iterator<String> it = exp.fieldNames(); it.hasNext();) {
            String cls = it.next();
            Map<String, Integer> cols = new TreeMap<>();
            exp.get(cls).fields().forEachRemaining(e -> cols.put(e.getKey(), e.getValue().asInt()));
            want.put(cls, cols);
        }
        assertEquals(want, census, file);
    }

    @Test
    void everyRecordIsRawOrInTheFilesCompressionWithZlibStreamerListsInOldFiles() {
        JsonNode exp = expected("CMP-01");
        for (Iterator<String> it = exp.fieldNames(); it.hasNext();) {
            String name = it.next();
            try (RootFile f = open(name)) {
                assertCensus(exp.get(name), recordCensus(f, false), name);
            }
        }
    }

    @Test
    void basketKeysUseVersion1004AndOtherKeysVersion4() {
        JsonNode exp = expected("KEY-01");
        for (Iterator<String> it = exp.fieldNames(); it.hasNext();) {
            String name = it.next();
            try (RootFile f = open(name)) {
                assertCensus(exp.get(name), recordCensus(f, true), name);
            }
        }
    }

    @Test
    void firstByteOfPx1Basket0Is0xC0() {
        try (RootFile f = open("uproot-Zmumu-uncompressed.root")) {
            RootBranch b = f.tree("events").branch("px1");
            assertEquals(expected("BSK-01").asInt(), b.basket(0).data()[0] & 0xff);
        }
    }

    // ---- directories ----

    @Test
    void nestedDirectoriesListRecursivelyInStoredOrder() {
        try (RootFile f = open("uproot-nesteddirs.root")) {
            List<Object> got = new ArrayList<>();
            for (RootKey k : f.allKeys()) {
                got.add(k.path() + ";" + k.cycle());
            }
            assertExact(expected("DIR-01"), got, "DIR-01");
        }
    }

    @Test
    void nestedDirectoryPathsResolveWithAndWithoutCycles() {
        Map<String, JsonNode> m = members("DIR-02", null);
        try (RootFile f = open("uproot-nesteddirs.root")) {
            assertEquals(m.get("len_top_recursive").asInt(), f.allKeys().size());
            int inOne = 0;
            for (RootKey k : f.allKeys()) {
                if (k.path().startsWith("one/")) {
                    inOne++;
                }
            }
            assertEquals(m.get("len_one_recursive").asInt(), inOne);
            for (JsonNode p : m.get("resolves")) {
                assertNotNull(f.key(p.asText()), p.asText());
            }
            assertNull(f.key(m.get("missing").asText()));
            InputException e = assertThrows(InputException.class, () -> f.requireKey(m.get("missing").asText()));
            assertTrue(e.getMessage().contains("uproot-nesteddirs.root") && e.getMessage().contains("whatever"));
        }
    }

    @Test
    void subdirectoriesAreStoredAsClassTDirectory() {
        try (RootFile f = open("uproot-nesteddirs.root")) {
            Map<String, JsonNode> m = members("DIR-03", null);
            for (Map.Entry<String, JsonNode> e : m.entrySet()) {
                assertEquals(e.getValue().asText(), f.requireKey(e.getKey()).className(), e.getKey());
            }
        }
    }

    @Test
    void treeOneTreeInNestedDirectoryHoldsIntFloatAndStrings() {
        Map<String, JsonNode> m = members("DIR-04", null);
        try (RootFile f = open("uproot-nesteddirs.root")) {
            RootTree t = f.tree("one/tree");
            assertEquals(m.get("entries").asLong(), t.entries());
            Map<String, String> titles = new LinkedHashMap<>();
            for (RootBranch b : t.allBranches()) {
                titles.put(b.name(), b.title());
            }
            m.get("branches").fields().forEachRemaining(e -> assertEquals(e.getValue().asText(), titles.get(e.getKey())));
            for (String b : List.of("one", "two", "three")) {
                assertExact(m.get(b), all(t, b), "DIR-04 " + b);
            }
        }
    }

    @Test
    void splitEventTreeInDirectoryThreeHas43BranchesAndI32() {
        Map<String, JsonNode> m = members("DIR-06", null);
        try (RootFile f = open("uproot-nesteddirs.root")) {
            RootTree t = f.tree("three/tree");
            assertEquals(m.get("entries").asLong(), t.entries());
            assertEquals(m.get("n_branches").asInt(), t.allBranches().size());
            List<Object> first = new ArrayList<>();
            for (RootBranch b : t.allBranches().subList(0, m.get("first_branches").size())) {
                first.add(b.name());
            }
            assertExact(m.get("first_branches"), first, "DIR-06 first branches");
            assertEquals(0, t.branch("evt").basketCount());
            assertExact(m.get("I32"), all(t, "I32"), "DIR-06 I32");
        }
    }

    private static void assertTopKeys(String id, String file) {
        try (RootFile f = open(file)) {
            List<Object> got = new ArrayList<>();
            for (RootKey k : f.root().keys()) {
                got.add(List.of(k.name() + ";" + k.cycle(), k.className()));
            }
            assertExact(expected(id), got, id);
        }
    }

    @Test
    void hepdataExampleTopKeys() {
        assertTopKeys("DIR-07", "uproot-hepdata-example.root");
    }

    @Test
    void histogramsFileTopKeys() {
        assertTopKeys("DIR-08", "uproot-histograms.root");
    }

    // ---- streamers and versions ----

    @Test
    void fourteenStreamerInfosWithTheirClassVersions() {
        try (RootFile f = open("uproot-histograms.root")) {
            Map<String, JsonNode> m = members("STR-01", null);
            assertEquals(m.size(), f.streamers().size());
            for (Map.Entry<String, JsonNode> e : m.entrySet()) {
                assertEquals(e.getValue().asInt(), f.streamers().get(e.getKey()).get(0).classVersion(), e.getKey());
            }
        }
    }

    @Test
    void th1Version7StreamerHasFourBasesThenItsMembers() {
        try (RootFile f = open("uproot-histograms.root")) {
            Map<String, JsonNode> m = members("STR-02", null);
            List<Object> bases = new ArrayList<>();
            List<Object> mems = new ArrayList<>();
            for (StreamerInfo.Element e : f.streamer("TH1", 7).elements()) {
                (e.kind().equals("TStreamerBase") ? bases : mems).add(e.name());
            }
            assertExact(m.get("bases"), bases, "bases");
            assertExact(m.get("members"), mems, "members");
        }
    }

    @Test
    void tobjectAndTnamedStreamers() {
        try (RootFile f = open("uproot-histograms.root")) {
            Map<String, JsonNode> m = members("STR-03", null);
            for (String cls : List.of("TObject", "TNamed")) {
                List<Object> got = new ArrayList<>();
                for (StreamerInfo.Element e : f.streamer(cls, 1).elements()) {
                    got.add(List.of(e.name(), e.typeName(), e.kind()));
                }
                assertExact(m.get(cls), got, cls);
            }
        }
    }

    @Test
    void treeAndBranchClassVersionsOfRoot5And6() {
        JsonNode checks = fact("VER-01").get("checks");
        Set<String> files = new HashSet<>();
        checks.forEach(c -> files.add(c.get("file").asText()));
        for (String file : files) {
            Map<String, JsonNode> m = members("VER-01", file);
            try (RootFile f = open(file)) {
                RootTree t = f.tree(m.get("tree").asText());
                assertEquals(m.get("TTree").asInt(), t.version(), file);
                Set<Object> bv = new HashSet<>();
                for (RootBranch b : t.allBranches()) {
                    bv.add((long) b.version());
                }
                Set<Object> want = new HashSet<>();
                m.get("TBranch").forEach(v -> want.add(v.asLong()));
                assertEquals(want, bv, file);
                RObject raw = f.readObject(f.requireKey(m.get("tree").asText()));
                Set<Long> leafVersions = new HashSet<>();
                for (Object o : raw.items("fLeaves")) {
                    leafVersions.add((long) ((RObject) o).version());
                }
                Set<Long> wantLeaf = new HashSet<>();
                m.get("TLeaf*").forEach(v -> wantLeaf.add(v.asLong()));
                assertEquals(wantLeaf, leafVersions, file);
            }
        }
    }

    // ---- tree metadata ----

    @Test
    void entryCountsOfZmumuHzzAndSample() {
        for (Map.Entry<String, JsonNode> e : members("TRE-01", null).entrySet()) {
            String[] ft = e.getKey().split(":");
            try (RootFile f = open(ft[0])) {
                assertEquals(e.getValue().asLong(), f.tree(ft[1]).entries(), e.getKey());
            }
        }
    }

    @Test
    void nanoAodNMuonIsUnsigned32BitWithFreeTextTitle() {
        Map<String, JsonNode> m = members("TRE-02", null);
        try (RootFile f = open("nanoAOD_2015_CMS_Open_Data_ttbar.root")) {
            RootTree t = f.tree("Events");
            assertEquals(m.get("entries").asLong(), t.entries());
            assertEquals(m.get("n_branches").asInt(), t.allBranches().size());
            RootBranch b = t.branch("nMuon");
            JsonNode n = m.get("nMuon");
            assertEquals(n.get("typename").asText(), b.typeName());
            assertEquals(n.get("leaf_class").asText(), b.leaves().get(0).leafClass());
            assertEquals(n.get("unsigned").asBoolean(), b.leaves().get(0).unsigned());
            assertEquals(n.get("title").asText(), b.title());
        }
    }

    private static void assertOrderAndTitles(Map<String, JsonNode> m, RootTree t, String id) {
        List<Object> order = new ArrayList<>();
        for (RootBranch b : t.allBranches()) {
            order.add(b.name());
        }
        if (m.containsKey("order")) {
            assertExact(m.get("order"), order, id + " order");
        }
        m.get("titles").fields().forEachRemaining(e -> assertEquals(e.getValue().asText(), t.branch(e.getKey()).title(),
                id + " title of " + e.getKey()));
    }

    @Test
    void sampleBranchOrderTitlesAndTypes() {
        Map<String, JsonNode> m = members("TRE-05", null);
        try (RootFile f = open("uproot-sample-6.20.04-uncompressed.root")) {
            RootTree t = f.tree("sample");
            assertOrderAndTitles(m, t, "TRE-05");
            // uproot writes a leaf-count array as T[] where this reader names the counter: T[n]
            m.get("typenames").fields().forEachRemaining(e -> assertEquals(e.getValue().asText(),
                    t.branch(e.getKey()).typeName().replaceAll("\\[[A-Za-z_]\\w*\\]", "[]"), e.getKey()));
        }
    }

    @Test
    void zmumuBranchOrderAndLeafListTitles() {
        try (RootFile f = open("uproot-Zmumu.root")) {
            assertOrderAndTitles(members("TRE-07", null), f.tree("events"), "TRE-07");
        }
    }

    @Test
    void leafListBranchHasThreeLeavesAsAStruct() {
        Map<String, JsonNode> m = members("TRE-08", null);
        try (RootFile f = open("uproot-leaflist.root")) {
            RootTree t = f.tree("tree");
            assertEquals(m.get("entries").asLong(), t.entries());
            RootBranch b = t.branch("leaflist");
            assertEquals(m.get("title").asText(), b.title());
            List<Object> leaves = new ArrayList<>();
            for (RootBranch.Leaf l : b.leaves()) {
                leaves.add(List.of(l.name(), l.leafClass()));
            }
            assertExact(m.get("leaves"), leaves, "TRE-08 leaves");
            assertEquals(m.get("typename").asText(), b.typeName());
        }
    }

    @Test
    void smallFlatTreeTitlesUseLeafNamesThatDifferFromBranchNames() {
        Map<String, JsonNode> m = members("TRE-09", null);
        try (RootFile f = open("uproot-small-flat-tree.root")) {
            RootTree t = f.tree("tree");
            assertEquals(m.get("entries").asLong(), t.entries());
            assertOrderAndTitles(m, t, "TRE-09");
            assertEquals(BasicType.UINT32, t.branch("ArrayUInt32").type());
            assertEquals(BasicType.UINT32, t.branch("SliceUInt32").type());
        }
    }

    // ---- values ----

    @Test
    void zmumuPx1FirstTenEntries() {
        try (RootFile f = open("uproot-Zmumu.root")) {
            assertExact(expected("FLT-01"), f.tree("events").branch("px1").read(0, 10).toList(), "FLT-01");
        }
    }

    @Test
    void zmumuMassAndRun() {
        try (RootFile f = open("uproot-Zmumu.root")) {
            checkBranches("FLT-03", f.tree("events"));
        }
    }

    @Test
    void zmumuTypeStringsAndCharges() {
        try (RootFile f = open("uproot-Zmumu.root")) {
            checkBranches("FLT-04", f.tree("events"));
        }
    }

    @Test
    void zmumuTypeValueCounts() {
        try (RootFile f = open("uproot-Zmumu.root")) {
            Map<String, Long> counts = new TreeMap<>();
            for (Object s : all(f.tree("events"), "Type")) {
                counts.merge((String) s, 1L, Long::sum);
            }
            Map<String, Long> want = new TreeMap<>();
            members("FLT-06", null).forEach((k, v) -> want.put(k, v.asLong()));
            assertEquals(want, counts);
        }
    }

    @Test
    void sampleSignedIntegersOfEverySize() {
        try (RootFile f = open("uproot-sample-6.20.04-uncompressed.root")) {
            checkBranches("FLT-07", f.tree("sample"));
        }
    }

    @Test
    void sampleSignedBytesReinterpretedAsUnsigned() {
        Map<String, JsonNode> m = new LinkedHashMap<>();
        fact("FLT-08").get("checks").forEach(c -> m.put(c.get("branch").asText(), c.get("value")));
        try (RootFile f = open("uproot-sample-6.20.04-uncompressed.root")) {
            BranchArray i1 = f.tree("sample").branch("i1").read(0, 30);
            BranchArray i2 = f.tree("sample").branch("i2").read(0, 30);
            List<Object> u8 = new ArrayList<>();
            List<Object> u16 = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                u8.add(i1.ints()[i] & 0xffL);
                u16.add(i2.ints()[i] & 0xffffL);
            }
            assertExact(m.get("i1_as_uint8"), u8, "i1 as uint8");
            assertExact(m.get("i2_as_uint16"), u16, "i2 as uint16");
        }
    }

    @Test
    void sampleFloat32ValuesAreExactAsStored() {
        try (RootFile f = open("uproot-sample-6.20.04-uncompressed.root")) {
            assertExact(expected("FLT-09"), all(f.tree("sample"), "f4"), "FLT-09");
        }
    }

    @Test
    void sampleTruthTableInBothUncompressedVersions() {
        for (JsonNode file : fact("TAB-01").get("file")) {
            try (RootFile f = open(file.asText())) {
                checkBranches("TAB-01", f.tree("sample"));
            }
        }
    }

    @Test
    void everySampleBranchIsIdenticalAcrossZlibLz4LzmaAndRoot5Versions() {
        Map<String, JsonNode> m = members("TAB-03", null);
        List<String> branches = new ArrayList<>();
        m.get("branches").forEach(b -> branches.add(b.asText()));
        Map<String, List<Object>> reference = new LinkedHashMap<>();
        try (RootFile f = open(m.get("equal_to").asText())) {
            RootTree t = f.tree("sample");
            for (String b : branches) {
                reference.put(b, all(t, b));
            }
        }
        for (JsonNode file : fact("TAB-03").get("file")) {
            try (RootFile f = open(file.asText())) {
                RootTree t = f.tree("sample");
                for (String b : branches) {
                    assertEquals(reference.get(b), all(t, b), file.asText() + " " + b);
                }
            }
        }
    }

    @Test
    void hzzRoot5MetAndJetCount() {
        try (RootFile f = open("uproot-HZZ.root")) {
            checkBranches("FLT-10", f.tree("events"));
        }
    }

    @Test
    void smallFlatTreeScalarsAndStrings() {
        try (RootFile f = open("uproot-small-flat-tree.root")) {
            RootTree t = f.tree("tree");
            checkBranches("FLT-12", t);
            for (Map.Entry<String, JsonNode> e : members("FLT-12", null).entrySet()) {
                assertExact(e.getValue(), all(t, e.getKey()), "FLT-12 " + e.getKey());
            }
        }
    }

    @Test
    void hepdataNtupleFloatsAcrossTenBaskets() {
        try (RootFile f = open("uproot-hepdata-example.root")) {
            RootTree t = f.tree("ntuple");
            assertEquals("TNtuple", t.className());
            checkBranches("FLT-14", t);
        }
    }

    @Test
    void sampleFixedSizeInt32Arrays() {
        try (RootFile f = open("uproot-sample-6.20.04-uncompressed.root")) {
            assertExact(expected("FIX-01"), all(f.tree("sample"), "ai4"), "FIX-01");
        }
    }

    @Test
    void smallFlatTreeFixedArrays() {
        try (RootFile f = open("uproot-small-flat-tree.root")) {
            checkBranches("FIX-02", f.tree("tree"));
        }
    }

    @Test
    void sampleJaggedInt16AllAndNegativeStopSlice() {
        Map<String, JsonNode> m = new LinkedHashMap<>();
        fact("JAG-01").get("checks").forEach(c -> m.put(c.get("branch").asText(), c.get("value")));
        try (RootFile f = open("uproot-sample-6.20.04-uncompressed.root")) {
            RootTree t = f.tree("sample");
            assertExact(m.get("all"), all(t, "Ai2"), "JAG-01 all");
            long[] r = t.range(3L, -6L);
            assertExact(m.get("3:-6"), t.branch("Ai2").read(r[0], r[1]).toList(), "JAG-01 3:-6");
        }
    }

    @Test
    void sampleJaggedInt32AndDouble() {
        try (RootFile f = open("uproot-sample-6.20.04-uncompressed.root")) {
            checkBranches("JAG-02", f.tree("sample"));
        }
    }

    @Test
    void hzzMuonMomentaChargesAndCounts() {
        try (RootFile f = open("uproot-HZZ.root")) {
            checkBranches("JAG-03", f.tree("events"));
        }
    }

    @Test
    void hzzEmptyBeyondEndAndClampedRanges() {
        Map<String, JsonNode> m = members("JAG-04", null);
        try (RootFile f = open("uproot-HZZ.root")) {
            RootTree t = f.tree("events");
            RootBranch mu = t.branch("Muon_Px");
            assertEquals(m.get("Muon_Px[1:1]").asInt(), mu.read(1, 1).entries());
            long n = t.entries();
            assertEquals(m.get("beyond_end").asInt(), mu.read(n + 100, n + 200).entries());
            assertEquals(m.get("beyond_end").asInt(), t.branch("NJet").read(n + 100, n + 200).entries());
            assertEquals(m.get("clamped_last5_len").asInt(), mu.read(n - 5, n + 100).entries());
            long[] r = t.range(-5L, null);
            assertExact(m.get("Muon_Px[-5:]"), mu.read(r[0], r[1]).toList(), "JAG-04 last 5");
        }
    }

    @Test
    void smallFlatTreeJaggedSlices() {
        try (RootFile f = open("uproot-small-flat-tree.root")) {
            checkBranches("JAG-06", f.tree("tree"));
        }
    }

    @Test
    void nanoAodEmbeddedBasketsAndOneBranchWithKeyedBaskets() {
        Map<String, JsonNode> m = members("EMB-01", null);
        try (RootFile f = open("nanoAOD_2015_CMS_Open_Data_ttbar.root")) {
            RootTree t = f.tree("Events");
            Map<String, Integer> keyed = new TreeMap<>();
            for (RootBranch b : t.allBranches()) {
                if (b.writeBasket() > 0) {
                    keyed.put(b.name(), b.writeBasket());
                }
            }
            Map<String, Integer> want = new TreeMap<>();
            m.get("branches_with_keyed_baskets").fields().forEachRemaining(e -> want.put(e.getKey(), e.getValue().asInt()));
            assertEquals(want, keyed);
            assertExact(m.get("run[0:3]"), t.branch("run").read(0, 3).toList(), "run");
            assertExact(m.get("luminosityBlock[0:3]"), t.branch("luminosityBlock").read(0, 3).toList(), "lumi");
            assertExact(m.get("event[0:3]"), t.branch("event").read(0, 3).toList(), "event");
            assertExact(m.get("nMuon[0:10]"), t.branch("nMuon").read(0, 10).toList(), "nMuon");
            for (int i : new int[] {0, 3, 5}) {
                assertExact(m.get("Muon_pt[" + i + "]"), t.branch("Muon_pt").read(i, i + 1).entry(0), "Muon_pt " + i);
            }
            // the mixed keyed + embedded branch reads through its basket boundary
            assertEquals(t.entries(), t.branch("LHEPdfWeight").read(0, t.entries()).entries());
        }
    }

    @Test
    void topLevelStdVectorInt() {
        try (RootFile f = open("uproot-stl_containers.root")) {
            assertExact(expected("VEC-01"), all(f.tree("tree"), "vector_int32"), "VEC-01");
        }
    }

    @Test
    void splitStdVectorMembers() {
        try (RootFile f = open("uproot-small-evnt-tree-fullsplit.root")) {
            RootTree t = f.tree("tree");
            assertExact(expected("VEC-02"), all(t, "StlVecI32"), "VEC-02");
            assertExact(expected("VEC-03"), t.branch("StlVecF64").read(0, 6).toList(), "VEC-03");
            assertExact(expected("VEC-05"), t.branch("SliceU64").read(0, 6).toList(), "VEC-05");
            assertExact(expected("VEC-06"), all(t, "P3.Py"), "VEC-06");
        }
    }

    @Test
    void sampleCharStarStrings() {
        try (RootFile f = open("uproot-sample-6.20.04-uncompressed.root")) {
            assertExact(expected("STG-01"), all(f.tree("sample"), "str"), "STG-01");
        }
    }

    @Test
    void stdStringAndTStringBranches() {
        try (RootFile f = open("uproot-stl_containers.root")) {
            checkBranches("STG-02", f.tree("tree"));
        }
    }

    @Test
    void leafListEntriesArePackedStructs() {
        try (RootFile f = open("uproot-leaflist.root")) {
            assertExact(expected("LFL-01"), all(f.tree("tree"), "leaflist"), "LFL-01");
        }
    }

    // ---- baskets ----

    @Test
    void sampleI4FiveBasketsAndTheirContents() {
        try (RootFile f = open("uproot-sample-6.20.04-uncompressed.root")) {
            RootBranch b = f.tree("sample").branch("i4");
            long[] be = b.basketEntry();
            List<Object> baskets = new ArrayList<>();
            for (int i = 0; i < b.basketCount(); i++) {
                baskets.add(b.read(be[i], be[i + 1]).toList());
            }
            assertExact(expected("BSK-02"), baskets, "BSK-02");
        }
    }

    @Test
    void sampleI4BasketByteRangesAndSeekKey() {
        Map<String, JsonNode> m = members("BSK-03", null);
        try (RootFile f = open("uproot-sample-6.20.04-uncompressed.root")) {
            RootBranch b = f.tree("sample").branch("i4");
            List<Object> ranges = new ArrayList<>();
            for (int i = 0; i < b.writeBasket(); i++) {
                ranges.add(List.of(b.basketSeek()[i], b.basketSeek()[i] + b.basketBytes()[i]));
            }
            assertExact(m.get("ranges"), ranges, "ranges");
            assertExact(m.get("fBasketEntry"), Arrays.stream(b.basketEntry()).boxed().toList(), "fBasketEntry");
            byte[] rec = f.read(b.basketSeek()[3], b.basketBytes()[3], "basket 3");
            RootKey k = RootKey.read(new RootBuffer(rec, 0, "basket 3"), "");
            assertEquals(m.get("basket3_fSeekKey").asLong(), k.seekKey());
        }
    }

    @Test
    void sampleI4RangeWithNegativeStopSpansFourBaskets() {
        try (RootFile f = open("uproot-sample-6.20.04-uncompressed.root")) {
            RootTree t = f.tree("sample");
            long[] r = t.range(3L, -5L);
            assertEquals(4, t.branch("i4").basketsFor(r[0], r[1]).length);
            assertExact(expected("BSK-04"), t.branch("i4").read(r[0], r[1]).toList(), "BSK-04");
        }
    }

    private static void assertBasketLayout(String id, RootTree t) {
        for (Map.Entry<String, JsonNode> e : members(id, null).entrySet()) {
            RootBranch b = t.branch(e.getKey());
            JsonNode v = e.getValue();
            assertEquals(v.get("fWriteBasket").asInt(), b.writeBasket(), id + " " + e.getKey());
            assertExact(v.get("fBasketEntry"), Arrays.stream(b.basketEntry()).boxed().toList(), id + " " + e.getKey());
            if (v.has("fEntryOffsetLen")) {
                assertEquals(v.get("fEntryOffsetLen").asInt(), b.entryOffsetLen(), id + " " + e.getKey());
            }
        }
    }

    @Test
    void sampleBasketLayoutOfOtherBranches() {
        try (RootFile f = open("uproot-sample-6.20.04-uncompressed.root")) {
            assertBasketLayout("BSK-05", f.tree("sample"));
        }
    }

    @Test
    void hzzMuonBranchesHaveTwoBaskets() {
        try (RootFile f = open("uproot-HZZ.root")) {
            assertBasketLayout("BSK-06", f.tree("events"));
        }
    }

    // ---- compression ----

    @Test
    void zmumuPx1ThroughLzmaLz4AndZstd() {
        for (JsonNode file : fact("CMP-03").get("file")) {
            try (RootFile f = open(file.asText())) {
                assertExact(expected("CMP-03"), f.tree("events").branch("px1").read(0, 5).toList(), file.asText());
            }
        }
    }

    @Test
    void allZmumuCompressionsDecodeIdentically() {
        Map<String, JsonNode> m = members("CMP-04", null);
        assertTrue(m.get("identical").asBoolean());
        List<String> branches = new ArrayList<>();
        m.get("branches").forEach(b -> branches.add(b.asText()));
        Map<String, BranchArray> reference = null;
        for (JsonNode file : fact("CMP-04").get("file")) {
            try (RootFile f = open(file.asText())) {
                RootTree t = f.tree("events");
                Map<String, BranchArray> got = t.read(branches, 0, t.entries());
                if (reference == null) {
                    reference = got;
                    continue;
                }
                for (String b : branches) {
                    assertArraysEqual(reference.get(b), got.get(b), file.asText() + " " + b);
                }
            }
        }
    }

    static void assertArraysEqual(BranchArray a, BranchArray b, String what) {
        assertEquals(a.entries(), b.entries(), what);
        assertArrayEquals(a.offsets(), b.offsets(), what);
        assertArrayEquals(a.ints(), b.ints(), what);
        assertArrayEquals(a.strings(), b.strings(), what);
        if (a.reals() != null) {
            long[] x = Arrays.stream(a.reals()).mapToLong(Double::doubleToRawLongBits).toArray();
            long[] y = Arrays.stream(b.reals()).mapToLong(Double::doubleToRawLongBits).toArray();
            assertArrayEquals(x, y, what + " (bit-exact)");
        } else {
            assertNull(b.reals(), what);
        }
    }

    // ---- histograms ----

    @Test
    void th1fOneContentsWithFlowAndStatistics() {
        Map<String, JsonNode> m = members("HIS-01", null);
        try (RootFile f = open("uproot-histograms.root")) {
            RootHistogram h = f.histogram("one");
            assertEquals(m.get("class").asText(), h.className());
            assertEquals(m.get("title").asText(), h.title());
            assertEquals(m.get("fNbins").asInt(), h.xAxis().nbins());
            assertEquals(m.get("fXmin").asDouble(), h.xAxis().xmin(), 0.0);
            assertEquals(m.get("fXmax").asDouble(), h.xAxis().xmax(), 0.0);
            assertEquals(m.get("fNcells").asInt(), h.contents().length);
            assertDoubles(m.get("contents_with_flow"), h.contents(), 0.0, "contents");
            assertEquals(m.get("fEntries").asDouble(), h.entries(), 0.0);
            assertEquals(m.get("fTsumw").asDouble(), h.tsumw(), 0.0);
            assertEquals(m.get("fTsumw2").asDouble(), h.tsumw2(), 0.0);
            assertEquals(m.get("fTsumwx").asDouble(), h.tsumwx(), 0.0);
            assertEquals(m.get("fTsumwx2").asDouble(), h.tsumwx2(), 0.0);
            assertEquals(m.get("fSumw2_length").asInt(), h.sumw2().length);
            assertEquals(m.get("x_axis_name").asText(), h.xAxis().name());
        }
    }

    private static void assertEdgesWithFlow(JsonNode exp, double[] edges, String what) {
        assertEquals(exp.size(), edges.length + 2, what + " length");
        assertTrue(exp.get(0).isNull() && exp.get(exp.size() - 1).isNull(), what + " flow edges are infinite");
        for (int i = 0; i < edges.length; i++) {
            assertEquals(exp.get(i + 1).asDouble(), edges[i], 1e-12, what + "[" + i + "]");
        }
    }

    @Test
    void hepdataHpxContentsEdgesAndStatsBox() {
        Map<String, JsonNode> m = members("HIS-03", null);
        try (RootFile f = open("uproot-hepdata-example.root")) {
            RootHistogram h = f.histogram("hpx");
            assertDoubles(m.get("contents_with_flow"), h.contents(), 0.0, "contents");
            assertEdgesWithFlow(m.get("edges_with_flow"), h.xAxis().edges(), "edges");
            double[] inner = Arrays.copyOfRange(h.contents(), 1, h.contents().length - 1);
            assertEquals(m.get("min_max_content").get(0).asDouble(), Arrays.stream(inner).min().orElseThrow(), 0.0);
            assertEquals(m.get("min_max_content").get(1).asDouble(), Arrays.stream(inner).max().orElseThrow(), 0.0);
            RObject raw = f.readObject(f.requireKey("hpx"));
            List<Object> fn = new ArrayList<>();
            for (Object o : (List<?>) raw.object("fFunctions").get("items")) {
                RObject r = (RObject) o;
                fn.add(r.className() + ":" + r.string("fName"));
            }
            assertExact(m.get("fFunctions"), fn, "fFunctions");
        }
    }

    @Test
    void hepdataHpxpy2dContentsAsMatrix() {
        Map<String, JsonNode> m = members("HIS-05", null);
        try (RootFile f = open("uproot-hepdata-example.root")) {
            RootHistogram h = f.histogram("hpxpy");
            assertEquals(2, h.dimension());
            assertEquals(m.get("fNcells").asInt(), h.contents().length);
            double[][] mat = h.contentsMatrix();
            JsonNode exp = m.get("values_with_flow_x_major");
            assertEquals(exp.size(), mat.length);
            for (int ix = 0; ix < mat.length; ix++) {
                assertDoubles(exp.get(ix), mat[ix], 0.0, "row " + ix);
            }
            assertEdgesWithFlow(m.get("xedges_with_flow"), h.xAxis().edges(), "x edges");
            double max = Arrays.stream(h.contents()).max().orElseThrow();
            double min = Arrays.stream(h.contents()).min().orElseThrow();
            assertEquals(m.get("min_max").get(0).asDouble(), min, 0.0);
            assertEquals(m.get("min_max").get(1).asDouble(), max, 0.0);
        }
    }

    @Test
    void hepdataProfileMeansAndErrors() {
        Map<String, JsonNode> m = members("HIS-07", null);
        double tol = fact("HIS-07").get("tolerance").get("value").asDouble();
        try (RootFile f = open("uproot-hepdata-example.root")) {
            RootHistogram h = f.histogram("hprof");
            assertEquals("TProfile", h.className());
            assertDoubles(m.get("values_with_flow"), h.profileMeans(), tol, "means");
            assertDoubles(m.get("errors_with_flow"), h.profileErrors(), tol, "errors");
            assertEquals(m.get("fArray_max").asDouble(), Arrays.stream(h.contents()).max().orElseThrow(),
                    tol * m.get("fArray_max").asDouble());
            RObject raw = f.readObject(f.requireKey("hprof"));
            assertEquals(m.get("fErrorMode").asInt(), raw.intValue("fErrorMode"));
            assertEquals(m.get("fBinSumw2_length").asInt(), ((double[]) raw.get("fBinSumw2")).length);
        }
    }

    @Test
    void cutflowLabelsAndSumw2() {
        Map<String, JsonNode> m = members("HIS-09", null);
        try (RootFile f = open("uproot-issue33.root")) {
            RootHistogram h = f.histogram("cutflow");
            List<Object> labels = new ArrayList<>();
            List<Object> ids = new ArrayList<>();
            for (RootHistogram.Label l : h.labels()) {
                labels.add(l.text());
                ids.add((long) l.bin());
            }
            assertExact(m.get("labels"), labels, "labels");
            assertExact(m.get("label_uniqueIDs"), ids, "label ids");
            assertDoubles(m.get("contents_with_flow"), h.contents(), 0.0, "contents");
            assertEquals(m.get("fSumw2_length").asInt(), h.sumw2().length);
            assertEquals(m.get("fNbins").asInt(), h.xAxis().nbins());
            assertEquals(m.get("fXmin").asDouble(), h.xAxis().xmin(), 0.0);
            assertEquals(m.get("fXmax").asDouble(), h.xAxis().xmax(), 0.0);
        }
    }

    @Test
    void weightedTh1dWithSumw2AndTParameter() {
        Map<String, JsonNode> m = members("HIS-11", null);
        double tol = fact("HIS-11").get("tolerance").get("value").asDouble();
        try (RootFile f = open("uproot-issue-707.root")) {
            RootHistogram h = f.histogram("raw_M1_enrAll");
            assertEquals("TH1D", h.className());
            assertEquals(m.get("fNbins").asInt(), h.xAxis().nbins());
            assertEquals(m.get("fXmin").asDouble(), h.xAxis().xmin(), 0.0);
            assertEquals(m.get("fXmax").asDouble(), h.xAxis().xmax(), 0.0);
            assertDoubles(m.get("contents_with_flow_first6"), Arrays.copyOf(h.contents(), 6), tol, "contents");
            assertDoubles(m.get("fSumw2_first6"), Arrays.copyOf(h.sumw2(), 6), tol, "sumw2");
            assertEquals(m.get("fEntries").asDouble(), h.entries(), tol * h.entries());
            assertEquals(m.get("fTsumw").asDouble(), h.tsumw(), tol * h.tsumw());
            assertEquals(m.get("fTsumw2").asDouble(), h.tsumw2(), tol * h.tsumw2());
            RootKey pk = null;
            for (RootKey k : f.root().keys()) {
                if (k.className().startsWith("TParameter")) {
                    pk = k;
                }
            }
            assertNotNull(pk);
            assertEquals(m.get("NumberOfPrimariesEdep").asLong(), f.readObject(pk).longValue("fVal"));
        }
    }

    // ---- what the reader rejects ----

    @Test
    void vectorOfVectorBranchIsRejectedNamingFileBranchAndClass() {
        Map<String, JsonNode> m = members("UNS-01", null);
        try (RootFile f = open("uproot-vectorVectorDouble.root")) {
            RootTree t = f.tree("t");
            assertEquals(m.get("entries").asLong(), t.entries());
            InputException e = assertThrows(InputException.class, () -> t.branch("x").read(0, 5));
            assertTrue(e.getMessage().contains("uproot-vectorVectorDouble.root"), e.getMessage());
            assertTrue(e.getMessage().contains("t/x"), e.getMessage());
            assertTrue(e.getMessage().contains(m.get("class").asText()), e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
        }
    }

    @Test
    void stlContainersBeyondVectorsOfNumbersAreRejectedByClass() {
        try (RootFile f = open("uproot-stl_containers.root")) {
            RootTree t = f.tree("tree");
            for (Map.Entry<String, JsonNode> e : members("UNS-02", null).entrySet()) {
                RootBranch b = t.branch(e.getKey());
                assertEquals(RootBranch.Kind.UNSUPPORTED, b.kind(), e.getKey());
                InputException ex = assertThrows(InputException.class, () -> b.read(0, 5));
                assertTrue(ex.getMessage().contains(e.getValue().asText()), ex.getMessage());
            }
        }
    }

    @Test
    void vectorOfVectorBasketLayout() {
        Map<String, JsonNode> m = members("UNS-03", null);
        try (RootFile f = open("uproot-vectorVectorDouble.root")) {
            RootBranch b = f.tree("t").branch("x");
            assertEquals(m.get("n_baskets").asInt(), b.basketCount());
            RootBranch.Basket bk = b.basket(0);
            assertEquals(m.get("nevbuf").asInt(), bk.nEntries());
            assertExact(m.get("entry_offsets"), Arrays.stream(bk.offsets()).boxed().map(Integer::longValue).toList(),
                    "offsets");
            assertEquals(m.get("data_bytes").asInt(), bk.dataEnd());
        }
    }

    /** Every shared fact id has a test above; this lists them so that a new fact cannot go untested. */
    @Test
    void everySharedFactIsCovered() throws Exception {
        Set<String> covered = Set.of("HDR-01", "HDR-03", "CMP-01", "KEY-01", "BSK-01", "DIR-01", "DIR-02", "DIR-03",
                "DIR-04", "DIR-06", "DIR-07", "DIR-08", "STR-01", "STR-02", "STR-03", "VER-01", "TRE-01", "TRE-02",
                "TRE-05", "TRE-07", "TRE-08", "TRE-09", "FLT-01", "FLT-03", "FLT-04", "FLT-06", "FLT-07", "FLT-08",
                "FLT-09", "TAB-01", "TAB-03", "FLT-10", "FLT-12", "FLT-14", "FIX-01", "FIX-02", "JAG-01", "JAG-02",
                "JAG-03", "JAG-04", "JAG-06", "EMB-01", "VEC-01", "VEC-02", "VEC-03", "VEC-05", "VEC-06", "STG-01",
                "STG-02", "LFL-01", "BSK-02", "BSK-03", "BSK-04", "BSK-05", "BSK-06", "CMP-03", "CMP-04", "HIS-01",
                "HIS-03", "HIS-05", "HIS-07", "HIS-09", "HIS-11", "UNS-01", "UNS-02", "UNS-03");
        JsonNode root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                org.nuisance.engine.SharedData.root().resolve("reference/root_facts_shared.json").toFile());
        Set<String> ids = new HashSet<>();
        root.get("facts").forEach(f -> ids.add(f.get("id").asText()));
        assertEquals(ids, covered);
        Method[] tests = getClass().getDeclaredMethods();
        assertTrue(tests.length > 60);
    }
}
