package org.nuisance.engine.stats.toys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.nuisance.engine.data.InputException;

/**
 * Pseudo-experiments first ... first + count - 1 of one coverage run, as a small JSON file: the format
 * tag {@value #FORMAT}, the command's settings (everything that changes a result, so parts of different
 * runs are never merged), the seed, the index range, the wall time, and per pseudo-experiment its truth
 * and interval. Doubles are written in Java's shortest round-trip form, so a part read back holds the
 * very same bits, and parts merged in index order equal the run done in one go.
 *
 * @param settings the command's result-changing options (compared exactly when merging)
 */
public record CoveragePart(JsonNode settings, long seed, int first, double seconds, List<PseudoExperiments.Toy> toys) {

    /** The format tag of a part file. */
    public static final String FORMAT = "nuisance-coverage-part/1";

    public CoveragePart {
        toys = List.copyOf(toys);
    }

    public int count() {
        return toys.size();
    }

    /** The summary (coverage, width, score, bias) of this part's pseudo-experiments. */
    public PseudoExperiments.Summary summary() {
        return PseudoExperiments.summarise(toys, seconds);
    }

    public ObjectNode toJson() {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("format", FORMAT);
        root.set("settings", settings);
        root.put("seed", seed);
        root.put("first", first);
        root.put("count", toys.size());
        root.put("seconds", seconds);
        ArrayNode list = root.putArray("toys");
        for (int t = 0; t < toys.size(); t++) {
            PseudoExperiments.Toy toy = toys.get(t);
            ObjectNode o = list.addObject();
            o.put("index", first + t);
            o.put("mu_true", toy.muTrue());
            o.put("mu_hat", toy.muHat());
            o.put("p16", toy.p16());
            o.put("p84", toy.p84());
            o.put("bounded", toy.bounded());
        }
        return root;
    }

    public void write(Path file) {
        org.nuisance.engine.util.AtomicOutput.writeString(file, "--output", toJson().toPrettyString() + System.lineSeparator());
    }

    /** Reads a part file, with a message naming the file and the JSON path of anything wrong. */
    public static CoveragePart read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new InputException(file + ": not a readable JSON file (" + e.getMessage() + ")", e);
        }
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new InputException(file + ": $.format is not \"" + FORMAT + "\"; write parts with "
                    + "'coverage ... --first K --count N --output FILE'");
        }
        JsonNode settings = root.get("settings");
        if (settings == null || !settings.isObject()) {
            throw new InputException(file + ": $.settings missing or not an object");
        }
        long seed = integer(file, root, "seed");
        int first = (int) integer(file, root, "first");
        int count = (int) integer(file, root, "count");
        JsonNode list = root.get("toys");
        if (list == null || !list.isArray() || list.size() != count) {
            throw new InputException(file + ": $.toys must be an array of $.count = " + count + " entries");
        }
        List<PseudoExperiments.Toy> toys = new ArrayList<>();
        for (int t = 0; t < count; t++) {
            JsonNode o = list.get(t);
            String at = "$.toys[" + t + "]";
            if (o.path("index").asLong(-1) != first + t) {
                throw new InputException(file + ": " + at + ".index must be " + (first + t));
            }
            toys.add(new PseudoExperiments.Toy(number(file, o, at, "mu_true"), number(file, o, at, "mu_hat"),
                    number(file, o, at, "p16"), number(file, o, at, "p84"), o.path("bounded").asBoolean()));
        }
        return new CoveragePart(settings, seed, first, root.path("seconds").asDouble(0), toys);
    }

    private static long integer(Path file, JsonNode root, String key) {
        JsonNode v = root.get(key);
        if (v == null || !v.canConvertToLong() || !v.isIntegralNumber()) {
            throw new InputException(file + ": $." + key + " missing or not an integer");
        }
        return v.asLong();
    }

    private static double number(Path file, JsonNode o, String at, String key) {
        JsonNode v = o.get(key);
        if (v == null || !(v.isNumber() || "NaN".equals(v.asText()))) {
            throw new InputException(file + ": " + at + "." + key + " missing or not a number");
        }
        return v.isNumber() ? v.doubleValue() : Double.NaN;
    }

    /**
     * Merges parts of one run: equal settings and seed, index ranges that neither overlap nor leave a gap.
     * The result is the part of the union (times add up: the sum of the parts' wall times).
     *
     * @param names a name per part for messages (its file)
     */
    public static CoveragePart merge(List<CoveragePart> parts, List<String> names) {
        if (parts.isEmpty()) {
            throw new InputException("merge: no part files given");
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingInt(i -> parts.get(i).first()));
        CoveragePart head = parts.get(order.get(0));
        String headName = names.get(order.get(0));
        List<PseudoExperiments.Toy> toys = new ArrayList<>();
        double seconds = 0;
        int next = head.first();
        for (int i : order) {
            CoveragePart p = parts.get(i);
            if (!p.settings().equals(head.settings())) {
                throw new InputException(names.get(i) + ": $.settings differ from those of " + headName
                        + " (parts of different runs)");
            }
            if (p.seed() != head.seed()) {
                throw new InputException(names.get(i) + ": $.seed " + p.seed() + " differs from " + head.seed()
                        + " in " + headName);
            }
            if (p.first() != next) {
                throw new InputException(names.get(i) + ": $.first is " + p.first() + " but the parts before it end at "
                        + (next - 1) + (p.first() < next ? " (overlap)" : " (gap)"));
            }
            toys.addAll(p.toys());
            seconds += p.seconds();
            next = p.first() + p.count();
        }
        return new CoveragePart(head.settings(), head.seed(), head.first(), seconds, toys);
    }
}
