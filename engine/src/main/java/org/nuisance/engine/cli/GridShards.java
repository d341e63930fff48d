package org.nuisance.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nuisance.engine.cluster.ShardMerger;
import org.nuisance.engine.cluster.ShardPart;
import org.nuisance.engine.data.InputException;

/**
 * Parts of {@code grid --shard I/N --output PART}: shard I computes the signal points {@code [first, end)} in
 * name order; its part's payload is the grid JSON of those points (as {@code grid --output} writes it, without
 * contours) plus how to draw ({@code drawing}: --axes, --select, --png). The merge joins the points, draws the
 * contours and writes what the unsharded {@code grid} writes (the JSON file byte for byte).
 */
public final class GridShards implements ShardMerger {

    /** What the global indices of {@code grid} count. */
    public static final String KIND = "signal points";

    @Override
    public String command() {
        return "grid";
    }

    /** Records in a part's payload how the merged grid is drawn. */
    static void drawing(ObjectNode root, int[] axes, String select, Path png) {
        ObjectNode d = root.putObject("drawing");
        if (axes != null) {
            for (int a : axes) {
                d.withArray("axes").add(a);
            }
        }
        if (select != null) {
            d.put("select", select);
        }
        if (png != null) {
            d.put("png", png.toString());
        }
    }

    /** The grid JSON of a part folder (its payload), of a part's manifest, or of a grid JSON file. */
    static JsonNode root(Path path) {
        if (Files.isDirectory(path) || path.getFileName().toString().equals(ShardPart.FILE)) {
            return ShardPart.read(path).payload();
        }
        try {
            JsonNode root = new ObjectMapper().readTree(path.toFile());
            return ShardPart.FORMAT.equals(root.path("format").asText()) ? ShardPart.read(path).payload() : root;
        } catch (IOException e) {
            throw new InputException(path + ": not a readable grid JSON (" + e.getMessage().lines().findFirst()
                    .orElse("") + ")");
        }
    }

    @Override
    public void merge(List<ShardPart> parts, List<Path> folders, Path output, boolean json, PrintWriter out) {
        List<JsonNode> roots = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            roots.add(parts.get(i).payload());
            names.add(folders.get(i).resolve(ShardPart.FILE) + ": $.payload");
        }
        JsonNode d = roots.get(0).path("drawing");
        int[] axes = null;
        if (d.path("axes").isArray()) {
            axes = new int[d.get("axes").size()];
            for (int k = 0; k < axes.length; k++) {
                axes[k] = d.get("axes").get(k).asInt();
            }
        }
        String select = d.path("select").isTextual() ? d.get("select").asText() : null;
        Path png = d.path("png").isTextual() ? Path.of(d.get("png").asText()) : null;
        GridMergeCommand.merge(roots, names, axes, select, null, output, png, json, out);
    }
}
