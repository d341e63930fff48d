package org.nuisance.engine.stats.hepdata;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.nuisance.engine.data.InputException;

/**
 * A pyhf patchset (schema {@code patchset.json} 1.0.0): {@code metadata.labels} names the values that
 * tell the signal points apart (e.g. the masses), and each of {@code patches} has
 * {@code metadata.name}, {@code metadata.values} (one per label) and {@code patch}, its JSON Patch.
 */
public record PatchSet(List<String> labels, List<SignalPoint> points) {

    public PatchSet {
        labels = List.copyOf(labels);
        points = List.copyOf(points);
    }

    /** Reads a patchset tree; errors name file and JSON path. */
    public static PatchSet parse(JsonNode root, String file) {
        if (root == null || !root.isObject()) {
            throw new InputException(file + ": a patchset must be a JSON object");
        }
        JsonNode labelNode = root.path("metadata").path("labels");
        if (!labelNode.isArray()) {
            throw new InputException(file + ": metadata.labels: expected an array of names");
        }
        List<String> labels = new ArrayList<>();
        labelNode.forEach(l -> labels.add(l.asText()));
        JsonNode patches = root.path("patches");
        if (!patches.isArray() || patches.isEmpty()) {
            throw new InputException(file + ": patches: expected a non-empty array");
        }
        List<SignalPoint> points = new ArrayList<>();
        for (int i = 0; i < patches.size(); i++) {
            JsonNode p = patches.get(i);
            String path = "patches[" + i + "]";
            JsonNode name = p.path("metadata").path("name");
            if (!name.isTextual()) {
                throw new InputException(file + ": " + path + ".metadata.name: expected a string");
            }
            JsonNode values = p.path("metadata").path("values");
            if (!values.isArray() || values.size() != labels.size()) {
                throw new InputException(file + ": " + path + ".metadata.values: expected " + labels.size()
                        + " numbers (one per label " + labels + ")");
            }
            double[] v = new double[values.size()];
            for (int k = 0; k < v.length; k++) {
                if (!values.get(k).isNumber()) {
                    throw new InputException(file + ": " + path + ".metadata.values[" + k + "]: expected a number");
                }
                v[k] = values.get(k).asDouble();
            }
            if (!p.path("patch").isArray()) {
                throw new InputException(file + ": " + path + ".patch: expected an array of JSON Patch operations");
            }
            points.add(SignalPoint.of(name.asText(), v, file + ": patch '" + name.asText() + "'", p.get("patch")));
        }
        return new PatchSet(labels, points);
    }
}
