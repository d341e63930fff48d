package org.nuisance.engine.omnifold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nuisance.engine.data.InputException;
import org.nuisance.engine.hist.Axis;

/**
 * Mapping files (JSON and YAML) for results with other column names. A 4-event table with hand-made
 * weights whose bands are worked out by hand in each test.
 */
class OmniFoldMappingTest {

    @TempDir
    Path tmp;

    /** x in bins [0,1) and [1,2): events 0,1 in bin 0; 2,3 in bin 1. */
    static OmniFoldTable table() {
        Map<String, float[]> c = new LinkedHashMap<>();
        c.put("x", new float[] {0.2f, 0.7f, 1.1f, 1.9f});
        c.put("w", new float[] {1, 1, 2, 2});
        c.put("rep1", new float[] {1, 2, 2, 2});   // h = (3, 4)
        c.put("rep2", new float[] {1, 0, 2, 2});   // h = (1, 4)
        c.put("rep10", new float[] {1, 1, 3, 3});  // h = (2, 6)
        c.put("up", new float[] {1.1f, 1.1f, 2, 2}); // shift (0.2, 0)
        c.put("wdd", new float[] {1, 1, 2.4f, 2.4f}); // h = (2, 4.8)
        c.put("tdd", new float[] {1, 1, 2, 2});       // h = (2, 4): relative (0, 0.2)
        return new OmniFoldTable("toy.csv", 4, c, List.of());
    }

    static final String YAML = """
            nominal: w
            families:
              replicas: {combine: std, columns: ["rep*"]}
              calibration:
                combine: difference
                columns: [up]
              closure: {combine: paired_relative_difference, columns: [wdd, tdd]}
            """;

    @Test
    void yamlMappingDeclaresFamiliesWithWildcardsInNumericOrder() throws Exception {
        Path m = tmp.resolve("families.yaml");
        Files.writeString(m, YAML);
        WeightScheme s = WeightScheme.fromMapping(m, table());
        assertEquals(List.of("rep1", "rep2", "rep10"), s.family("replicas").orElseThrow().columns());
        assertEquals(List.of("x"), s.observables());
        assertEquals(List.of("w", "rep1", "rep2", "rep10", "up", "wdd", "tdd"), s.weightColumns());
    }

    @Test
    void bandsFollowTheDeclaredCombinations() throws Exception {
        Path m = tmp.resolve("families.json");
        Files.writeString(m, """
                {"nominal": "w", "families": {
                  "replicas": {"combine": "std", "columns": ["rep1", "rep2", "rep10"]},
                  "calibration": {"combine": "difference", "columns": "up"},
                  "closure": {"combine": "paired_relative_difference", "columns": ["wdd", "tdd"]}}}
                """);
        OmniFoldTable t = table();
        OmniFoldExplorer ex = new OmniFoldExplorer(t, WeightScheme.fromMapping(m, t));
        UnfoldedResult r = ex.result("x", Axis.regular(2, 0, 2));
        assertEquals(List.of(2.0, 4.0), List.of(r.dsigmaDx()[0], r.dsigmaDx()[1]));
        // replicas: bin 0 (3, 1, 2): sample std 1; bin 1 (4, 4, 6): mean 14/3, sample var 4/3
        assertEquals(1.0, r.uncertainties().get("replicas")[0], 1e-6);
        assertEquals(Math.sqrt(4.0 / 3), r.uncertainties().get("replicas")[1], 1e-6);
        // calibration: |2.2 - 2| = 0.2 in bin 0, 0 in bin 1
        assertEquals(0.2, r.uncertainties().get("calibration")[0], 1e-6);
        assertEquals(0.0, r.uncertainties().get("calibration")[1], 1e-6);
        // closure: relative 0.2 in bin 1, times the nominal 4
        assertEquals(0.0, r.uncertainties().get("closure")[0], 1e-6);
        assertEquals(0.8, r.uncertainties().get("closure")[1], 1e-6);
        // replica covariance of bins 0 and 1: deviations (1,-1,0) and (-2/3,-2/3,4/3): sum 0 -> 0
        assertEquals(0.0, r.covariance()[0][1], 1e-6);
        assertEquals(Math.sqrt(1 + 0.04), r.total()[0], 1e-6);
    }

    @Test
    void shorthandOverridesTheCombinationOfAFamilyFoundByName() throws Exception {
        OmniFoldTable t = OmniFoldReader.read(Path.of("src/test/resources/omnifold/pandas_table.h5"));
        Path m = tmp.resolve("meta.yaml");
        // the metadata proposal's style: family: combination; the ensemble read as plain replicas here
        Files.writeString(m, "families:\n  ensemble: std\n  dd: paired_relative_difference\n");
        WeightScheme s = WeightScheme.fromMapping(m, t);
        assertEquals("weights_nominal", s.nominal());
        assertEquals("weight_mc", s.prior().orElseThrow());
        assertEquals(Combination.STD, s.family("ensemble").orElseThrow().combination());
        assertEquals(List.of("weights_ensemble_0", "weights_ensemble_1", "weights_ensemble_2"),
                s.family("ensemble").orElseThrow().columns());
        assertEquals(List.of("weights_dd", "target_dd"), s.family("data_driven").orElseThrow().columns());
        assertEquals(2, s.families().size(), "only declared families are used");
        assertEquals(List.of("pT_ll", "y_ll", "Ntracks_trackj1"), s.observables());
        assertEquals(List.of("weights_bootstrap_mc_0", "weights_bootstrap_data_0", "weights_bootstrap_mc_1",
                "weights_bootstrap_data_1", "weights_muEffReco", "weights_theoryQCD"), s.unrecognised(),
                "undeclared weight columns are reported, not used");
    }

    @Test
    void mappingErrorsNameTheFileAndThePathInside() throws Exception {
        Path m = tmp.resolve("bad.yaml");
        Files.writeString(m, YAML.replace("combine: std", "combine: rms"));
        InputException e = assertThrows(InputException.class, () -> WeightScheme.fromMapping(m, table()));
        assertEquals("bad.yaml: families.replicas.combine is 'rms', expected one of std, median_standard_error, "
                + "difference, paired_relative_difference", e.getMessage());

        Files.writeString(m, YAML.replace("[wdd, tdd]", "[wdd]"));
        e = assertThrows(InputException.class, () -> WeightScheme.fromMapping(m, table()));
        assertEquals("bad.yaml: families.closure: paired_relative_difference needs exactly 2 columns (weights, target), got 1",
                e.getMessage());

        Files.writeString(m, YAML.replace("columns: [up]", "columns: [down]"));
        e = assertThrows(InputException.class, () -> WeightScheme.fromMapping(m, table()));
        assertEquals("bad.yaml: families.calibration.columns: 'down' matches no column of toy.csv", e.getMessage());

        Files.writeString(m, "nominal: [w\n");
        e = assertThrows(InputException.class, () -> WeightScheme.fromMapping(m, table()));
        assertTrue(e.getMessage().startsWith("bad.yaml: not a readable mapping file ("), e.getMessage());
    }
}
