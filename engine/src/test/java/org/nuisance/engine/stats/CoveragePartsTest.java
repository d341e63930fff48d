package org.nuisance.engine.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nuisance.engine.cli.CliRun;

/**
 * Pseudo-experiments draw their random numbers from the seed and their global index alone, so a run split
 * into parts ({@code coverage --first K --count N --output PART}) and merged ({@code merge}) is the run done
 * in one go, bit for bit: the reference is the whole run itself, in another process layout (one part,
 * all threads), and the parts ran with the same code but a different index offset.
 */
class CoveragePartsTest {

    private static final String[] RUN = {"coverage", "--input", "demo", "--events", "20000", "--column", "DER_mass_vis",
        "--bins", "10", "--range", "0,200", "--seed", "77"};

    private static CliRun coverage(String... extra) {
        String[] args = new String[RUN.length + extra.length];
        System.arraycopy(RUN, 0, args, 0, RUN.length);
        System.arraycopy(extra, 0, args, RUN.length, extra.length);
        return CliRun.of(args);
    }

    @Test
    void partsMergedEqualTheWholeRunBitForBit(@TempDir Path dir) throws Exception {
        Path whole = dir.resolve("whole.json");
        CliRun all = coverage("--toys", "12", "--json", "--output", whole.toString());
        assertEquals(0, all.code(), all.err());
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        Path c = dir.resolve("c.json");
        assertEquals(0, coverage("--first", "0", "--count", "5", "--output", a.toString()).code());
        assertEquals(0, coverage("--first", "5", "--count", "4", "--output", b.toString()).code());
        assertEquals(0, coverage("--first", "9", "--count", "3", "--output", c.toString()).code());
        Path merged = dir.resolve("merged.json");
        CliRun m = CliRun.of("merge", c.toString(), a.toString(), b.toString(), "--json", "--output", merged.toString());
        assertEquals(0, m.code(), m.err());

        ObjectMapper mapper = new ObjectMapper();
        JsonNode w = mapper.readTree(whole.toFile());
        JsonNode g = mapper.readTree(merged.toFile());
        assertEquals(w.get("settings"), g.get("settings"));
        assertEquals(12, g.get("toys").size());
        for (int t = 0; t < 12; t++) {
            JsonNode x = w.get("toys").get(t);
            JsonNode y = g.get("toys").get(t);
            assertEquals(t, y.get("index").asInt());
            for (String k : new String[] {"mu_true", "mu_hat", "p16", "p84"}) {
                assertEquals(Double.doubleToRawLongBits(x.get(k).asDouble()), Double.doubleToRawLongBits(y.get(k).asDouble()),
                        "toy " + t + " " + k);
            }
            assertEquals(x.get("bounded"), y.get("bounded"));
        }
        // the printed summaries agree exactly too
        assertEquals(all.json(), m.json());
    }

    @Test
    void overlappingOrForeignPartsAreRefusedNamingTheFile(@TempDir Path dir) {
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        Path other = dir.resolve("other.json");
        assertEquals(0, coverage("--first", "0", "--count", "2", "--output", a.toString()).code());
        assertEquals(0, coverage("--first", "1", "--count", "2", "--output", b.toString()).code());
        assertEquals(0, CliRun.of("coverage", "--input", "demo", "--events", "20000", "--column", "DER_mass_vis", "--bins",
                "12", "--range", "0,200", "--seed", "77", "--first", "2", "--count", "1", "--output", other.toString()).code());
        CliRun overlap = CliRun.of("merge", a.toString(), b.toString());
        assertEquals(2, overlap.code());
        assertTrue(overlap.err().contains(b.toString()) && overlap.err().contains("overlap"), overlap.err());
        CliRun foreign = CliRun.of("merge", a.toString(), other.toString());
        assertEquals(2, foreign.code());
        assertTrue(foreign.err().contains(other.toString()) && foreign.err().contains("$.settings"), foreign.err());
    }
}
