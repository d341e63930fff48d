package org.nuisance.engine.stats.hepdata;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.nuisance.engine.cli.CliRun;
import org.nuisance.engine.SharedData;

/**
 * The ATLAS sbottom multi-b likelihoods (HEPData ins1748602) straight from the tarball: hypotest at
 * mu_SIG = 1 (qtilde, normsys code4, histosys code4p) reproduces pyhf's regression numbers
 * (tests/test_regression.py, quoted in ../shared/data/hepdata/README.md) within 5e-4 relative for CLs_obs
 * and each member of the expected band.
 */
class HepDataReferenceTest {

    static Path archive() {
        return SharedData.root().resolve("data/hepdata/sbottom-multib-ins1748602.tar.gz");
    }

    private static void check(String region, String patch, double obs, double[] exp) throws Exception {
        CliRun r = CliRun.of("hypotest", "--workspace", archive().toString(), "--region", region, "--patch", patch,
                "--mu", "1", "--test-stat", "qtilde", "--normsys-interp", "code4", "--histosys-interp", "code4p",
                "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = r.json();
        assertEquals(obs, j.get("cls_obs").asDouble(), 5e-4 * obs, region + " CLs_obs");
        for (int k = 0; k < 5; k++) {
            assertEquals(exp[k], j.get("cls_exp").get(k).asDouble(), 5e-4 * exp[k], region + " CLs_exp[" + k + "]");
        }
    }

    @Test
    void regionASbottom1300_205_60ReproducesPyhf() throws Exception {
        check("RegionA", "patch.sbottom_1300_205_60.json", 0.24443627759085326, new double[] {0.09022509053507759,
                0.1937839194960632, 0.38432344933992, 0.6557757334303531, 0.8910420971601081});
    }

    @Test
    void regionBSbottom1400_550_60ReproducesPyhf() throws Exception {
        check("RegionB", "sbottom_1400_550_60", 0.9744675266677597, new double[] {0.9338879894557114,
                0.9569045303300702, 0.9771296335437559, 0.9916370124133669, 0.9983701133999316});
    }
}
