package org.nuisance.engine.omnifold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nuisance.engine.hist.Axis;

/** Observable expressions and binning text, checked against hand-computed values. */
class OmniFoldExpressionTest {

    static OmniFoldTable table() {
        Map<String, float[]> c = new LinkedHashMap<>();
        c.put("pT_l1", new float[] {300, 50});
        c.put("pT_ll", new float[] {400, 200});
        c.put("eta_l1", new float[] {-1.5f, 0.5f});
        return new OmniFoldTable("t", 2, c, List.of());
    }

    static float[] eval(String e) {
        return ObservableExpression.parse(e).evaluate(table());
    }

    @Test
    void arithmeticFollowsUsualPrecedence() {
        assertEquals(0.75f, eval("pT_l1/pT_ll")[0], 0f);
        assertEquals(0.25f, eval("pT_l1/pT_ll")[1], 0f);
        assertEquals(300 + 400 * 2, eval("pT_l1 + pT_ll * 2")[0], 0f);
        assertEquals((300 + 400) * 2, eval("(pT_l1 + pT_ll) * 2")[0], 0f);
        assertEquals(-100f, eval("-pT_ll + pT_l1")[0], 0f);
        assertEquals(1.5f, eval("abs(eta_l1)")[0], 0f);
        assertEquals((float) Math.sqrt(300 * 400), eval("sqrt(pT_l1*pT_ll)")[0], 1e-3f);
        // 200 / 50 * 1.5e0 / 0.75 = 8 for event 1
        assertEquals((float) Math.log(8), eval("log(pT_ll/pT_l1 * 1.5e0 / 0.75)")[1], 1e-6f);
        assertEquals(16f, eval("2^2^2")[1], 0f);
        assertEquals(50f, eval("min(pT_l1, pT_ll)")[1], 0f);
        assertEquals(Set.of("pT_l1", "pT_ll"), ObservableExpression.parse("pT_l1/pT_ll").columns());
        assertTrue(ObservableExpression.parse(" pT_ll ").isColumn());
    }

    @Test
    void malformedExpressionsSayWhereTheProblemIs() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ObservableExpression.parse("pT_l1/"));
        assertEquals("observable 'pT_l1/': expected a number, column or '(' at position 7", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ObservableExpression.parse("cosh(pT_ll)"));
        assertTrue(e.getMessage().contains("unknown function 'cosh'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ObservableExpression.parse("(pT_ll"));
        assertTrue(e.getMessage().contains("expected ')'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ObservableExpression.parse("pT_ll pT_l1"));
        assertTrue(e.getMessage().contains("unexpected 'p' at position 7"), e.getMessage());
    }

    @Test
    void binningTextIsRegularOrExplicitEdges() {
        assertEquals(Axis.regular(20, 200, 1000), Binning.parse("20,200,1000"));
        assertEquals(Axis.variable(200, 300, 500, 1000), Binning.parse("200, 300, 500, 1000"));
        assertEquals(Axis.variable(0, 0.5, 1), Binning.parse("[0,0.5,1]"));
        assertEquals(Axis.variable(0.5, 1, 2), Binning.parse("0.5,1,2"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Binning.parse("4,5,1"));
        assertEquals("--bins '4,5,1': edges must increase; 1.0 follows 5.0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Binning.parse("10,a,3"));
    }
}
