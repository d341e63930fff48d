package org.nuisance.engine.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nuisance.engine.stats.fit.AsymptoticCalculator;
import org.nuisance.engine.stats.fit.AsymptoticCalculator.TestStatistic;
import org.nuisance.engine.stats.histfactory.Interpolation;
import org.nuisance.engine.stats.histfactory.Model;
import org.nuisance.engine.stats.histfactory.Workspace;

/**
 * The pyhf validation suite's workspaces (../shared/reference/histfactory, from scikit-hep/pyhf
 * tests/test_validation.py, ROOT AsymptoticCalculator numbers): observed CLs and the expected band at
 * the reference POI value, within 5e-4 relative (the README's tolerance for an exact minimiser).
 */
class PyhfValidationTest {

    static Stream<String> cases() throws IOException {
        try (Stream<Path> files = Files.list(SharedData.reference("histfactory"))) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".expected.json"))
                    .map(n -> n.substring(0, n.length() - ".expected.json".length()))
                    .sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void clsObservedAndExpectedBandMatchReference(String name) throws IOException {
        Path dir = SharedData.reference("histfactory");
        Workspace ws = Workspace.read(dir.resolve(name + ".json"));
        JsonNode ref = new ObjectMapper().readTree(dir.resolve(name + ".expected.json").toFile());
        JsonNode interp = ref.get("interpolation");
        Interpolation codes = new Interpolation(Interpolation.normsys(interp.get("normsys").asText()),
                Interpolation.histosys(interp.get("histosys").asText()));
        Model model = Model.of(ws, null, codes);
        TestStatistic ts = TestStatistic.parse(ref.get("asymptotic_formula").asText());
        AsymptoticCalculator calc = new AsymptoticCalculator(model, model.observedData(), ts);
        AsymptoticCalculator.Result r = calc.test(ref.get("poi_value").asDouble());
        double tol = 5e-4;
        double obs = ref.get("CLs_obs").asDouble();
        assertEquals(obs, r.cls(), tol * obs, name + " CLs_obs");
        for (int k = 0; k < 5; k++) {
            double e = ref.get("CLs_exp").get(k).asDouble();
            assertEquals(e, r.clsExpected()[k], tol * e, name + " CLs_exp[" + k + "]");
        }
        assertTrue(r.q() >= 0 && r.qA() > 0);
    }
}
