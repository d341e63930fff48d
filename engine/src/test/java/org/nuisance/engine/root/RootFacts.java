package org.nuisance.engine.root;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nuisance.engine.SharedData;

/**
 * The shared ROOT facts (../shared/reference/root_facts_shared.json: numbers uproot's test suite asserts
 * about the files in ../shared/data/root, and a few decoded independently) and exact comparison helpers.
 */
final class RootFacts {

    private static Map<String, JsonNode> facts;

    private RootFacts() {
    }

    static synchronized JsonNode fact(String id) {
        if (facts == null) {
            try {
                JsonNode root = new ObjectMapper().readTree(
                        SharedData.root().resolve("reference/root_facts_shared.json").toFile());
                facts = new HashMap<>();
                for (JsonNode f : root.get("facts")) {
                    facts.put(f.get("id").asText(), f);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        JsonNode f = facts.get(id);
        if (f == null) {
            throw new IllegalArgumentException("no fact " + id);
        }
        return f;
    }

    static JsonNode expected(String id) {
        return fact(id).get("expected");
    }

    static Path file(String name) {
        return SharedData.root().resolve("data/root/" + name);
    }

    static RootFile open(String name) {
        return RootFile.open(file(name));
    }

    /** Exact comparison: numbers as doubles must be identical ((double) float32 == expected), lists element-wise. */
    static void assertExact(JsonNode expected, Object actual, String what) {
        if (expected.isArray()) {
            if (!(actual instanceof List<?> l)) {
                fail(what + ": expected a list " + abbreviate(expected) + " but got " + actual);
                return;
            }
            assertEquals(expected.size(), l.size(), what + ": length");
            for (int i = 0; i < l.size(); i++) {
                assertExact(expected.get(i), l.get(i), what + "[" + i + "]");
            }
        } else if (expected.isBoolean()) {
            assertEquals(expected.asBoolean(), actual, what);
        } else if (expected.isIntegralNumber()) {
            assertTrue(actual instanceof Number, what + ": expected a number, got " + actual);
            if (actual instanceof Double || actual instanceof Float) {
                assertEquals(expected.asDouble(), ((Number) actual).doubleValue(), 0.0, what);
            } else if (actual instanceof java.math.BigInteger bi) {
                assertEquals(expected.bigIntegerValue(), bi, what);
            } else {
                assertEquals(expected.asLong(), ((Number) actual).longValue(), what);
            }
        } else if (expected.isNumber()) {
            assertTrue(actual instanceof Number, what + ": expected a number, got " + actual);
            assertEquals(expected.asDouble(), ((Number) actual).doubleValue(), 0.0, what);
        } else if (expected.isTextual()) {
            assertEquals(expected.asText(), actual, what);
        } else if (expected.isNull()) {
            assertEquals(null, actual, what);
        } else {
            fail(what + ": cannot compare " + expected);
        }
    }

    static void assertDoubles(JsonNode expected, double[] actual, double tol, String what) {
        assertEquals(expected.size(), actual.length, what + ": length");
        for (int i = 0; i < actual.length; i++) {
            double e = expected.get(i).asDouble();
            assertEquals(e, actual[i], tol * Math.max(1, Math.abs(e)), what + "[" + i + "]");
        }
    }

    static String abbreviate(JsonNode n) {
        String s = n.toString();
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
