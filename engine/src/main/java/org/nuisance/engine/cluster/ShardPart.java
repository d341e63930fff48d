package org.nuisance.engine.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.nuisance.engine.data.InputException;

/**
 * One shard's result: a folder holding {@value #FILE} (the manifest: which command, its settings and seed,
 * which slice of which global index range, and a JSON payload) plus any payload files the command writes
 * beside it (e.g. one model folder per ensemble member). {@code merge} reads the manifests, checks that
 * they belong together and hands them to the {@link ShardMerger} registered for the command.
 *
 * @param command  the command's name as typed, e.g. {@code train} or {@code omnifold unfold}
 * @param settings every option that changes the result, by its long name, as text (not --shard/--output)
 * @param seed     the base seed; per-index seeds derive from it and the global index
 * @param kind     what the global indices count: {@code members}, {@code pseudo-experiments}, ...
 * @param payload  the command's own small result (JSON), e.g. per-pseudo-experiment numbers
 */
public record ShardPart(String command, SortedMap<String, String> settings, long seed, Shard shard, String kind,
                        Shard.Range range, JsonNode payload) {

    /** The manifest's file name inside a part folder. */
    public static final String FILE = "part.json";
    /** The manifest's format tag. */
    public static final String FORMAT = "nuisance-shard-part/1";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public ShardPart {
        settings = new TreeMap<>(settings);
        if (range.total() < 0 || range.first() < 0 || range.end() < range.first() || range.end() > range.total()) {
            throw new IllegalArgumentException("bad range " + range);
        }
        payload = payload == null ? JsonNodeFactory.instance.objectNode() : payload;
    }

    /**
     * Prepares a part folder for writing: creates it, or accepts an existing empty folder or one holding
     * an earlier part (a resubmitted shard overwrites its own slice).
     */
    public static Path prepare(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new InputException("--output " + dir + ": exists and is not a folder (a shard writes a part folder)");
        }
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(dir.resolve(FILE));
        } catch (IOException e) {
            throw new InputException("--output " + dir + ": cannot create the part folder (" + e.getMessage() + ")", e);
        }
        return dir;
    }

    /** Writes the manifest last, so a part folder with a manifest is complete. */
    public void write(Path dir) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("command", command);
        root.put("seed", seed);
        root.put("shard", shard.toString());
        root.put("kind", kind);
        root.put("first", range.first());
        root.put("end", range.end());
        root.put("total", range.total());
        ObjectNode s = root.putObject("settings");
        settings.forEach(s::put);
        root.set("payload", payload);
        Path tmp = dir.resolve(FILE + ".tmp");
        try {
            JSON.writeValue(tmp.toFile(), root);
            Files.move(tmp, dir.resolve(FILE), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new InputException(dir.resolve(FILE) + ": cannot write the part (" + e.getMessage() + ")", e);
        }
    }

    /** Reads a part folder (or its {@value #FILE} directly). */
    public static ShardPart read(Path path) {
        Path file = Files.isDirectory(path) ? path.resolve(FILE) : path;
        if (!Files.isRegularFile(file)) {
            throw new InputException(path + ": not a shard part (no " + FILE + "; did the shard finish?)");
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new InputException(file + ": not readable JSON (" + e.getMessage() + ")", e);
        }
        String format = text(root, file, "format");
        if (!FORMAT.equals(format)) {
            throw new InputException(file + ": $.format is '" + format + "', expected '" + FORMAT + "'");
        }
        SortedMap<String, String> settings = new TreeMap<>();
        JsonNode s = root.get("settings");
        if (s == null || !s.isObject()) {
            throw new InputException(file + ": $.settings missing or not an object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = s.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            settings.put(e.getKey(), e.getValue().asText());
        }
        Shard shard;
        try {
            shard = Shard.parse(text(root, file, "shard"));
        } catch (InputException e) {
            throw new InputException(file + ": $.shard: " + e.getMessage());
        }
        Shard.Range range = new Shard.Range(integer(root, file, "first"), integer(root, file, "end"), integer(root, file, "total"));
        if (range.first() < 0 || range.end() < range.first() || range.end() > range.total()) {
            throw new InputException(file + ": $.first/$.end/$.total: inconsistent range [" + range.first() + ", "
                    + range.end() + ") of " + range.total());
        }
        JsonNode seed = root.get("seed");
        if (seed == null || !seed.canConvertToLong()) {
            throw new InputException(file + ": $.seed missing or not an integer");
        }
        return new ShardPart(text(root, file, "command"), settings, seed.asLong(), shard, text(root, file, "kind"), range,
                root.get("payload"));
    }

    private static String text(JsonNode root, Path file, String field) {
        JsonNode n = root.get(field);
        if (n == null || !n.isTextual()) {
            throw new InputException(file + ": $." + field + " missing or not a string");
        }
        return n.asText();
    }

    private static int integer(JsonNode root, Path file, String field) {
        JsonNode n = root.get(field);
        if (n == null || !n.canConvertToInt()) {
            throw new InputException(file + ": $." + field + " missing or not an integer");
        }
        return n.asInt();
    }
}
