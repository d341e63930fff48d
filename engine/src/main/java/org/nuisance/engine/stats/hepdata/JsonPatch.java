package org.nuisance.engine.stats.hepdata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.nuisance.engine.data.InputException;

/**
 * RFC 6902 JSON Patch (add, remove, replace, move, copy, test) on Jackson trees, with RFC 6901 JSON
 * pointers ("~1" for "/", "~0" for "~", "-" for the end of an array). Errors are one line naming the
 * patch's source, the operation's index and op, and the pointer: {@code patch.x.json: operation 3
 * (replace /channels/0/samples/9): no element 9 (array has 8)}.
 */
public final class JsonPatch {

    private final String source;
    private final JsonNode operations;

    /**
     * @param source     what to name in errors (the patch file, or "patchset.json: patch 'NAME'")
     * @param operations the JSON array of operations
     */
    public JsonPatch(String source, JsonNode operations) {
        if (operations == null || !operations.isArray()) {
            throw new InputException(source + ": a JSON Patch must be an array of operations");
        }
        this.source = source;
        this.operations = operations;
    }

    public String source() {
        return source;
    }

    public JsonNode operations() {
        return operations;
    }

    /** The patched document: a deep copy of doc with every operation applied in order. */
    public JsonNode apply(JsonNode doc) {
        JsonNode root = doc.deepCopy();
        for (int i = 0; i < operations.size(); i++) {
            JsonNode op = operations.get(i);
            String opName = op.path("op").asText("");
            String path = op.path("path").isTextual() ? op.get("path").asText() : null;
            String where = source + ": operation " + i + " (" + (opName.isEmpty() ? "?" : opName) + " "
                    + (path == null ? "?" : path) + ")";
            if (!op.isObject()) {
                throw new InputException(source + ": operation " + i + ": expected a JSON object");
            }
            if (path == null) {
                throw new InputException(where + ": missing \"path\"");
            }
            try {
                root = switch (opName) {
                    case "add" -> add(root, path, value(op));
                    case "remove" -> {
                        remove(root, path);
                        yield root;
                    }
                    case "replace" -> {
                        if (path.isEmpty()) {
                            yield value(op);
                        }
                        get(root, path);
                        JsonNode r = remove(root, path);
                        yield add(r, path, value(op));
                    }
                    case "move" -> {
                        String from = from(op);
                        if (path.startsWith(from + "/")) {
                            throw new Failure("cannot move " + from + " into its own child");
                        }
                        JsonNode v = get(root, from);
                        remove(root, from);
                        yield add(root, path, v);
                    }
                    case "copy" -> add(root, path, get(root, from(op)).deepCopy());
                    case "test" -> {
                        if (!get(root, path).equals(value(op))) {
                            throw new Failure("test failed: the value differs");
                        }
                        yield root;
                    }
                    default -> throw new Failure("unknown op '" + opName
                            + "' (expected add, remove, replace, move, copy or test)");
                };
            } catch (Failure e) {
                throw new InputException(where + ": " + e.getMessage());
            }
        }
        return root;
    }

    private static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message, null, false, false);
        }
    }

    private static JsonNode value(JsonNode op) {
        if (!op.has("value")) {
            throw new Failure("missing \"value\"");
        }
        return op.get("value").deepCopy();
    }

    private static String from(JsonNode op) {
        if (!op.path("from").isTextual()) {
            throw new Failure("missing \"from\"");
        }
        return op.get("from").asText();
    }

    /** The reference tokens of a JSON pointer. */
    static List<String> tokens(String pointer) {
        List<String> out = new ArrayList<>();
        if (pointer.isEmpty()) {
            return out;
        }
        if (!pointer.startsWith("/")) {
            throw new Failure("a JSON pointer must start with '/'");
        }
        for (String t : pointer.substring(1).split("/", -1)) {
            out.add(t.replace("~1", "/").replace("~0", "~"));
        }
        return out;
    }

    private static JsonNode get(JsonNode root, String pointer) {
        JsonNode node = root;
        for (String t : tokens(pointer)) {
            node = child(node, t, false);
        }
        return node;
    }

    private static JsonNode child(JsonNode node, String token, boolean forAdd) {
        if (node.isObject()) {
            JsonNode c = node.get(token);
            if (c == null) {
                throw new Failure("no member '" + token + "'");
            }
            return c;
        }
        if (node.isArray()) {
            int i = index(token, node.size(), false);
            return node.get(i);
        }
        throw new Failure("'" + token + "' inside a " + node.getNodeType().toString().toLowerCase() + ", not an object or array");
    }

    private static int index(String token, int size, boolean forAdd) {
        if (forAdd && token.equals("-")) {
            return size;
        }
        if (!token.matches("0|[1-9][0-9]*")) {
            throw new Failure("'" + token + "' is not an array index");
        }
        long i = Long.parseLong(token);
        if (i > size || (!forAdd && i == size)) {
            throw new Failure("no element " + token + " (array has " + size + ")");
        }
        return (int) i;
    }

    private static JsonNode add(JsonNode root, String pointer, JsonNode value) {
        List<String> t = tokens(pointer);
        if (t.isEmpty()) {
            return value;
        }
        JsonNode parent = root;
        for (int k = 0; k < t.size() - 1; k++) {
            parent = child(parent, t.get(k), false);
        }
        String last = t.get(t.size() - 1);
        if (parent.isObject()) {
            ((ObjectNode) parent).set(last, value);
        } else if (parent.isArray()) {
            ArrayNode a = (ArrayNode) parent;
            a.insert(index(last, a.size(), true), value);
        } else {
            throw new Failure("the parent of '" + last + "' is not an object or array");
        }
        return root;
    }

    private static JsonNode remove(JsonNode root, String pointer) {
        List<String> t = tokens(pointer);
        if (t.isEmpty()) {
            throw new Failure("cannot remove the whole document");
        }
        JsonNode parent = root;
        for (int k = 0; k < t.size() - 1; k++) {
            parent = child(parent, t.get(k), false);
        }
        String last = t.get(t.size() - 1);
        if (parent.isObject()) {
            if (!parent.has(last)) {
                throw new Failure("no member '" + last + "'");
            }
            ((ObjectNode) parent).remove(last);
        } else if (parent.isArray()) {
            ArrayNode a = (ArrayNode) parent;
            a.remove(index(last, a.size(), false));
        } else {
            throw new Failure("the parent of '" + last + "' is not an object or array");
        }
        return root;
    }
}
