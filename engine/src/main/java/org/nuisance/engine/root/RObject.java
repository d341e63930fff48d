package org.nuisance.engine.root;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One deserialized ROOT object: its class, the version it was stored with and its members by name
 * (base-class members flattened in). Collections (TList, TObjArray) hold their elements under
 * {@code "items"}; TArray members are primitive arrays; objects this reader cannot decode but could skip
 * by their byte count are marked {@link #skipped()}.
 */
public final class RObject {

    private final String className;
    private int version = Integer.MIN_VALUE;
    private boolean skipped;
    private final Map<String, Object> fields = new LinkedHashMap<>();
    /** Versions of every class read into this object (its own and its bases'). */
    private final Map<String, Integer> classVersions = new LinkedHashMap<>();

    RObject(String className) {
        this.className = className;
    }

    public String className() {
        return className;
    }

    /** The stored version of the object's own class. */
    public int version() {
        return version;
    }

    public boolean skipped() {
        return skipped;
    }

    void markSkipped() {
        skipped = true;
    }

    void noteVersion(String cls, int v) {
        if (version == Integer.MIN_VALUE) {
            version = v;
        }
        classVersions.putIfAbsent(cls, v);
    }

    public Map<String, Integer> classVersions() {
        return classVersions;
    }

    public Map<String, Object> fields() {
        return fields;
    }

    public Object get(String name) {
        return fields.get(name);
    }

    void put(String name, Object value) {
        fields.put(name, value);
    }

    public boolean has(String name) {
        return fields.containsKey(name);
    }

    public String string(String name) {
        Object o = fields.get(name);
        return o == null ? "" : o.toString();
    }

    public long longValue(String name) {
        Object o = fields.get(name);
        if (o instanceof Number n) {
            return n.longValue();
        }
        if (o instanceof Boolean b) {
            return b ? 1 : 0;
        }
        return 0;
    }

    public int intValue(String name) {
        return (int) longValue(name);
    }

    public double doubleValue(String name) {
        Object o = fields.get(name);
        return o instanceof Number n ? n.doubleValue() : 0.0;
    }

    @SuppressWarnings("unchecked")
    public List<Object> items(String name) {
        Object o = fields.get(name);
        if (o instanceof RObject r && r.get("items") instanceof List<?> l) {
            return (List<Object>) l;
        }
        return List.of();
    }

    public RObject object(String name) {
        return fields.get(name) instanceof RObject r ? r : null;
    }

    /** True for this class or one of its bases. */
    public boolean is(String cls) {
        return className.equals(cls) || classVersions.containsKey(cls);
    }

    @Override
    public String toString() {
        return className + "(v" + version + ")" + fields.keySet();
    }
}
