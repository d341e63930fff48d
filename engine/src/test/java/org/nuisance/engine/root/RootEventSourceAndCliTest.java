package org.nuisance.engine.root;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nuisance.engine.cli.NuisanceCli;
import org.nuisance.engine.data.EventReaders;
import org.nuisance.engine.data.EventTable;
import org.nuisance.engine.data.InputException;
import picocli.CommandLine;

/**
 * ROOT files as event tables (FILE.root:TREE, columns as float32) and the {@code root} CLI. Reference
 * numbers: the HZZ facts JAG-03 and FLT-10 of ../shared/reference/ROOT.md (muon px of event 0 is
 * -52.89945602416992 and 37.7377815246582, MET_px of event 0 is 5.912771224975586, NMuon[0..4] = 2,1,2,2,2).
 */
class RootEventSourceAndCliTest {

    @Test
    void hzzTreeBecomesFloatColumnsWithJaggedExpressions() {
        Path f = RootFacts.file("uproot-HZZ.root");
        assertEquals(EventReaders.Format.ROOT, EventReaders.detect(f));
        EventTable t = EventReaders.read(Path.of(f + ":events"));
        assertEquals(2421, t.rows());
        assertTrue(t.columnOrder().contains("len(Muon_Px)"));
        assertEquals(5.912771224975586f, t.column("MET_px")[0], 0f);
        assertEquals(-52.89945602416992f, t.column("Muon_Px[0]")[0], 0f);
        assertEquals(37.7377815246582f, t.column("max(Muon_Px)")[0], 0f);
        float[] len = t.column("len(Muon_Px)");
        float[] nmu = t.column("NMuon");
        for (int i = 0; i < t.rows(); i++) {
            assertEquals(nmu[i], len[i], 0f, "len(Muon_Px) equals the counter NMuon at entry " + i);
        }
        // an event without jets has no first jet: the table's undefined marker
        assertEquals(EventTable.UNDEFINED, t.column("Jet_Px[0]")[0], 0f);
    }

    @Test
    void selectedColumnsOnlyAndTheOnlyTreeByDefault() {
        EventTable t = RootEventReader.read(RootFacts.file("uproot-HZZ-zstd.root"), null,
                List.of("NMuon", "sum(Muon_E)", "min(Muon_Px)"));
        assertEquals(List.of("NMuon", "sum(Muon_E)", "min(Muon_Px)", "weights", "process"), t.columnOrder());
        assertEquals((float) (54.77949905395508 + 39.401695251464844), t.column("sum(Muon_E)")[0], 1e-5f);
        assertEquals(-52.89945602416992f, t.column("min(Muon_Px)")[0], 0f);
    }

    @Test
    void missingBranchAndAmbiguousTreeAreOneLineInputErrors() {
        InputException e = org.junit.jupiter.api.Assertions.assertThrows(InputException.class,
                () -> RootEventReader.read(RootFacts.file("uproot-HZZ.root"), "events", List.of("Muon_Pt")));
        assertTrue(e.getMessage().contains("uproot-HZZ.root") && e.getMessage().contains("Muon_Pt"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(InputException.class,
                () -> EventReaders.read(RootFacts.file("uproot-nesteddirs.root")));
        assertTrue(e.getMessage().contains("3 trees"), e.getMessage());
    }

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new NuisanceCli());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int rc2 = cl.setExecutionExceptionHandler((ex, c, p) -> {
            c.getErr().println("error: " + ex.getMessage());
            return ex instanceof InputException ? 2 : 1;
        }).execute(args);
        return new String[] {String.valueOf(rc2), out.toString(), err.toString()};
    }

    @Test
    void cliReadGivesJaggedBranchesAsNestedArrays() throws Exception {
        String[] r = run("root", "read", RootFacts.file("uproot-HZZ.root").toString(), "--tree", "events",
                "--branches", "NMuon,Muon_Px", "--entries", "0:5", "--json");
        assertEquals("0", r[0], r[2]);
        JsonNode j = new ObjectMapper().readTree(r[1]);
        RootFacts.assertExact(RootFacts.fact("JAG-03").get("checks").get(1).get("value"),
                new ObjectMapper().convertValue(j.get("branches").get("NMuon"), List.class), "NMuon");
        assertEquals(-52.89945602416992, j.get("branches").get("Muon_Px").get(0).get(0).asDouble(), 0.0);
    }

    @Test
    void cliHistGivesEdgesContentsWithFlowAndSumw2() throws Exception {
        String[] r = run("root", "hist", RootFacts.file("uproot-issue33.root").toString(), "--name", "cutflow", "--json");
        assertEquals("0", r[0], r[2]);
        JsonNode j = new ObjectMapper().readTree(r[1]);
        assertEquals(8, j.get("edges").size());
        assertEquals(9, j.get("contents").size());
        assertEquals(39551.0, j.get("contents").get(1).asDouble(), 0.0);
        assertEquals(9, j.get("sumw2").size());
        assertEquals("dijethad", j.get("title").asText());
        String[] r2 = run("root", "hist", RootFacts.file("uproot-hepdata-example.root").toString(), "--name", "hpxpy", "--json");
        JsonNode j2 = new ObjectMapper().readTree(r2[1]);
        assertEquals(41, j2.get("edges_x").size());
        assertEquals(42, j2.get("contents").size());
        assertEquals(42, j2.get("contents").get(0).size());
    }

    @Test
    void cliLsListsKeysAndTreeBranchesAndExitsTwoOnBadInput() throws Exception {
        String[] r = run("root", "ls", RootFacts.file("uproot-nesteddirs.root").toString(), "--json");
        assertEquals("0", r[0], r[2]);
        JsonNode keys = new ObjectMapper().readTree(r[1]).get("keys");
        assertEquals(6, keys.size());
        assertEquals("one/two", keys.get(1).get("path").asText());
        assertEquals(1, keys.get(1).get("cycle").asInt());
        assertEquals("TDirectory", keys.get(1).get("class").asText());
        assertEquals(100, keys.get(2).get("entries").asInt());
        String[] bad = run("root", "read", RootFacts.file("uproot-HZZ.root").toString(), "--tree", "events",
                "--branches", "Nope", "--json");
        assertEquals("2", bad[0]);
        assertTrue(bad[2].contains("uproot-HZZ.root") && bad[2].contains("Nope"), bad[2]);
        assertEquals(2, NuisanceCli.run("root", "read", RootFacts.file("uproot-HZZ.root").toString(), "--tree", "events",
                "--branches", "Nope", "--json"), "bad input exits 2");
    }
}
