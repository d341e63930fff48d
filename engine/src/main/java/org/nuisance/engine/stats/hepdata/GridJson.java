package org.nuisance.engine.stats.hepdata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nuisance.engine.data.InputException;

/**
 * The JSON form of a signal grid, also the part format of a sharded grid: {@code labels}, {@code points}
 * (name, values, cls_obs, cls_exp[5] ordered -2..+2 sigma, converged, status) sorted by name, then, for a
 * whole grid, {@code axes} and {@code contours} (observed, expected, expected_minus1, expected_plus1:
 * polylines of [x, y]). Parts written by {@code grid --shard I/N} are the same without contours, and
 * {@code grid-merge} joins them; the output is deterministic (no times, no host names).
 */
public final class GridJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private GridJson() {
    }

    public static ObjectNode write(SignalGrid.Result grid, GridContours contours, ObjectNode header) {
        ObjectNode root = header == null ? MAPPER.createObjectNode() : header;
        ArrayNode labels = root.putArray("labels");
        grid.labels().forEach(labels::add);
        ArrayNode pts = root.putArray("points");
        for (SignalGrid.Point p : grid.points()) {
            ObjectNode o = pts.addObject();
            o.put("name", p.name());
            ArrayNode v = o.putArray("values");
            for (double x : p.values()) {
                v.add(x);
            }
            num(o, "cls_obs", p.clsObs());
            ArrayNode e = o.putArray("cls_exp");
            for (double x : p.clsExp()) {
                if (Double.isFinite(x)) {
                    e.add(x);
                } else {
                    e.addNull();
                }
            }
            o.put("converged", p.converged());
            o.put("status", p.status());
        }
        if (contours != null) {
            ArrayNode axes = root.putArray("axes");
            axes.add(contours.axes()[0]).add(contours.axes()[1]);
            ObjectNode c = root.putObject("contours");
            lines(c.putArray("observed"), contours.observed());
            lines(c.putArray("expected"), contours.expected());
            lines(c.putArray("expected_minus1"), contours.expectedMinus1());
            lines(c.putArray("expected_plus1"), contours.expectedPlus1());
        }
        return root;
    }

    private static void num(ObjectNode o, String f, double v) {
        if (Double.isFinite(v)) {
            o.put(f, v);
        } else {
            o.putNull(f);
        }
    }

    private static void lines(ArrayNode out, List<List<double[]>> lines) {
        for (List<double[]> line : lines) {
            ArrayNode l = out.addArray();
            for (double[] p : line) {
                l.addArray().add(p[0]).add(p[1]);
            }
        }
    }

    /** Reads a grid (or a part); errors name the file and JSON path. */
    public static SignalGrid.Result read(Path file) {
        JsonNode root;
        try {
            root = MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new InputException(file + ": not a readable grid JSON (" + e.getMessage().lines().findFirst()
                    .orElse("") + ")");
        }
        return read(root, file.toString());
    }

    /** Reads a grid from its JSON tree; errors name {@code file} (a file, or a file and JSON path) and the path below. */
    public static SignalGrid.Result read(JsonNode root, String file) {
        List<String> labels = new ArrayList<>();
        root.path("labels").forEach(l -> labels.add(l.asText()));
        JsonNode pts = root.path("points");
        if (!pts.isArray()) {
            throw new InputException(file + ": points: expected an array");
        }
        List<SignalGrid.Point> out = new ArrayList<>();
        for (int i = 0; i < pts.size(); i++) {
            JsonNode p = pts.get(i);
            String path = file + ": points[" + i + "]";
            if (!p.path("name").isTextual() || !p.path("values").isArray() || !p.path("cls_exp").isArray()
                    || p.path("cls_exp").size() != 5) {
                throw new InputException(path + ": expected name, values and cls_exp (5 numbers)");
            }
            double[] v = new double[p.get("values").size()];
            for (int k = 0; k < v.length; k++) {
                v[k] = p.get("values").get(k).asDouble();
            }
            double[] e = new double[5];
            for (int k = 0; k < 5; k++) {
                JsonNode x = p.get("cls_exp").get(k);
                e[k] = x.isNumber() ? x.asDouble() : Double.NaN;
            }
            double obs = p.path("cls_obs").isNumber() ? p.get("cls_obs").asDouble() : Double.NaN;
            out.add(new SignalGrid.Point(p.get("name").asText(), v, obs, e, p.path("converged").asBoolean(false),
                    p.path("status").asText("")));
        }
        return new SignalGrid.Result(labels, out);
    }
}
