package org.nuisance.engine.stats.hepdata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.nuisance.engine.data.InputException;

/**
 * One signal hypothesis of a published likelihood: its name, its model parameters (masses) and the JSON
 * Patch that adds it to the background-only workspace. The patch is parsed when first asked for.
 *
 * @param name   e.g. {@code sbottom_1300_205_60}
 * @param values e.g. {1300, 205, 60}: the patchset's metadata.values, or the numbers in the file name
 * @param source what errors name: the patch file, or the patchset file and the patch's name
 */
public record SignalPoint(String name, double[] values, String source, byte[] raw, JsonNode parsed) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** A point whose operations are already parsed (from a patchset). */
    public static SignalPoint of(String name, double[] values, String source, JsonNode operations) {
        return new SignalPoint(name, values, source, null, operations);
    }

    /** A point from a patch file's bytes: name and values from the file name ({@link #nameOf}). */
    public static SignalPoint ofFile(String fileName, String source, byte[] raw) {
        String name = nameOf(fileName);
        return new SignalPoint(name, valuesOf(name), source, raw, null);
    }

    /** The JSON Patch (parsed now if it came as bytes). */
    public JsonPatch patch() {
        JsonNode ops = parsed;
        if (ops == null) {
            try {
                ops = MAPPER.readTree(raw);
            } catch (IOException e) {
                throw new InputException(source + ": not valid JSON (" + e.getMessage().lines().findFirst().orElse("")
                        + ")");
            }
        }
        return new JsonPatch(source, ops);
    }

    /** {@code patch.sbottom_1300_205_60.json} -> {@code sbottom_1300_205_60} (folders, "patch." and ".json" dropped). */
    public static String nameOf(String fileName) {
        String n = fileName.substring(fileName.lastIndexOf('/') + 1);
        if (n.endsWith(".json")) {
            n = n.substring(0, n.length() - 5);
        }
        if (n.startsWith("patch.")) {
            n = n.substring(6);
        }
        return n;
    }

    /** The numbers among a name's '_'-separated parts: {@code sbottom_1300_205_60} -> {1300, 205, 60}. */
    public static double[] valuesOf(String name) {
        List<Double> v = new ArrayList<>();
        for (String part : name.split("[_]")) {
            try {
                v.add(Double.parseDouble(part.replace('p', '.')));
            } catch (NumberFormatException e) {
                // a word, not a parameter value
            }
        }
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
