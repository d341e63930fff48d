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
    @Test
    void setsShareTheirTrueMuAndReportTheScoresBootstrapUncertainty(@TempDir Path dir) throws Exception {
        Path part = dir.resolve("sets.json");
        CliRun r = coverage("--sets", "3", "--toys-per-set", "4", "--json", "--output", part.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode j = r.json();
        assertEquals(12, j.get("toys").asInt());
        assertEquals(3, j.get("sets").asInt());
        assertEquals("independent", j.get("pseudo_data").asText(), "independent pseudo-data by default");
        assertTrue(j.get("score_uncertainty").asDouble() >= 0);
        JsonNode toys = new ObjectMapper().readTree(part.toFile()).get("toys");
        for (int t = 0; t < 12; t++) {
            // mu ~ U(0.1, 3) once per set (the challenge's harness), the same for the set's 4 pseudo-experiments
            double mu = toys.get(t).get("mu_true").asDouble();
            assertEquals(toys.get(t - t % 4).get("mu_true").asDouble(), mu, 0.0);
            assertTrue(mu >= 0.1 && mu <= 3.0, "mu " + mu);
        }
        assertTrue(toys.get(0).get("mu_true").asDouble() != toys.get(4).get("mu_true").asDouble());
    }

    @Test
    void pseudoDataComeFromAnIndependentSampleUnlessAskedForTheSameEvents() throws Exception {
        CliRun independent = coverage("--toys", "4", "--json");
        CliRun same = coverage("--toys", "4", "--json", "--pseudo-data", "same-events");
        CliRun other = coverage("--toys", "4", "--json", "--test-seed", "5");
        assertEquals(0, independent.code(), independent.err());
        assertEquals(0, same.code(), same.err());
        assertEquals("same-events", same.json().get("pseudo_data").asText());
        // the truths are drawn alike (same seed, same index); the data, and so the estimates, differ
        assertTrue(independent.json().get("mean_mu_hat_minus_true").asDouble()
                != same.json().get("mean_mu_hat_minus_true").asDouble());
        assertTrue(independent.json().get("mean_mu_hat_minus_true").asDouble()
                != other.json().get("mean_mu_hat_minus_true").asDouble());
        // a file is split: 30% held out for the pseudo-experiments
        CliRun split = CliRun.of("coverage", "--input", org.nuisance.engine.SharedData.fairUniverseParquet().toString(),
                "--column", "DER_mass_vis", "--bins", "5", "--range", "0,200", "--toys", "3", "--json");
        assertEquals(0, split.code(), split.err());
        assertEquals("independent", split.json().get("pseudo_data").asText());
        CliRun bad = coverage("--toys", "2", "--pseudo-data", "other");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--pseudo-data"), bad.err());
    }
}
