package org.nuisance.engine.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nuisance.engine.data.EventTable;
import org.nuisance.engine.data.InputException;
import org.nuisance.engine.higgsml.DemoGenerator;

class MlTrainingSetTest {

    /**
     * Weighting a process up multiplies exactly its events' weights (negative ones included) and leaves
     * labels, features and every other event alone: on the demo, diboson x20 takes its weight sum from
     * 6300 to 126000 and nothing else moves.
     */
    @Test
    void aProcessWeightMultipliesThatProcessOnly() {
        EventTable t = DemoGenerator.generate(20_000, 5);
        List<String> features = List.of("PRI_had_pt", "DER_mass_vis");
        TrainingSet plain = TrainingSet.signalVsBackground(t, features);
        TrainingSet weighted = TrainingSet.signalVsBackground(t, features, Map.of("diboson", 20.0));
        int diboson = t.processNames().indexOf("diboson");
        byte[] codes = t.processCodes();
        double sumPlain = 0;
        double sumWeighted = 0;
        for (int i = 0; i < t.rows(); i++) {
            float expected = codes[i] == diboson ? (float) (plain.weights()[i] * 20.0) : plain.weights()[i];
            assertEquals(expected, weighted.weights()[i], 0f);
            if (codes[i] == diboson) {
                sumPlain += plain.weights()[i];
                sumWeighted += weighted.weights()[i];
            }
        }
        assertEquals(6300, sumPlain, 0.01);
        assertEquals(126_000, sumWeighted, 0.5);
        assertArrayEquals(plain.labels(), weighted.labels());
        assertArrayEquals(plain.columns()[1], weighted.columns()[1], 0f);
        assertArrayEquals(plain.weights(), TrainingSet.signalVsBackground(t, features, Map.of()).weights(), 0f);
    }

    @Test
    void anUnknownProcessOrABadFactorIsOneLineNamingIt() {
        EventTable t = DemoGenerator.generate(1_000, 5);
        List<String> features = List.of("PRI_had_pt");
        InputException unknown = assertThrows(InputException.class,
                () -> TrainingSet.signalVsBackground(t, features, Map.of("dibosons", 2.0)));
        assertTrue(unknown.getMessage().contains("'dibosons'") && unknown.getMessage().contains("diboson"),
                unknown.getMessage());
        InputException negative = assertThrows(InputException.class,
                () -> TrainingSet.signalVsBackground(t, features, Map.of("ttbar", -1.0)));
        assertTrue(negative.getMessage().contains("'ttbar'") && negative.getMessage().contains("-1.0"),
                negative.getMessage());
    }
}
