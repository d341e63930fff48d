package org.nuisance.engine.hist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Weighted histograms: the conventions of ROOT's TH1 and boost-histogram's Weight storage. */
class HistogramTest {

    @Test
    void binsAreHalfOpenWithUnderAndOverflow() {
        Histogram h = new Histogram(Axis.regular(4, 0, 4));
        h.fill(new float[] {-1, 0, 0.999f, 1, 3.999f, 4, Float.NaN}, new float[] {1, 1, 1, 1, 1, 1, 1});
        assertEquals(1, h.underflow());
        assertArrayEquals(new double[] {2, 1, 0, 1}, h.values());
        assertEquals(2, h.overflow(), "the upper edge and NaN go to the overflow, as in ROOT");
    }

    @Test
    void sumOfSquaredWeightsIsTheVarianceAndNegativeWeightsCount() {
        Histogram h = new Histogram(Axis.regular(1, 0, 1));
        h.fill(new float[] {0.5f, 0.5f, 0.5f}, new float[] {2, -1, 0});
        assertEquals(1, h.value(0), 0);
        assertEquals(5, h.variance(0), 0);
    }

    @Test
    void variableEdgesPutValuesInTheRightBin() {
        Axis a = Axis.variable(0, 1, 10, 100);
        assertEquals(1, a.index(0));
        assertEquals(1, a.index(0.99));
        assertEquals(2, a.index(1));
        assertEquals(3, a.index(50));
        assertEquals(4, a.index(100));
        assertEquals(0, a.index(-0.1));
        assertEquals(9, a.width(1), 0);
    }

    @Test
    void regularAxisAgreesWithEdgesAtEveryEdge() {
        Axis a = Axis.regular(7, -1.3, 2.9);
        for (int i = 0; i <= 7; i++) {
            double e = a.edge(i);
            assertEquals(i + 1, a.index(e), "edge " + i + " = " + e + " opens bin " + i);
            assertEquals(i, a.index(Math.nextDown(e)));
        }
    }

    @Test
    void arithmeticReturnsNewHistograms() {
        Histogram a = new Histogram(Axis.regular(2, 0, 2));
        a.fill(0.5, 3);
        Histogram b = a.scaled(2).plus(a);
        assertEquals(9, b.value(0), 0);
        assertEquals(9 * 4 + 9, b.variance(0), 0);
        assertEquals(3, a.value(0), 0);
        assertThrows(IllegalArgumentException.class, () -> a.plus(new Histogram(Axis.regular(3, 0, 2))));
    }

    @Test
    void badAxesAreRejectedWithTheReason() {
        assertEquals("edges must increase strictly; edge 2 = 1.0 follows 1.0",
                assertThrows(IllegalArgumentException.class, () -> Axis.variable(0, 1, 1)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Axis.regular(0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> Axis.regular(3, 1, 1));
    }
}
