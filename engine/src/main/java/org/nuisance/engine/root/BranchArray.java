package org.nuisance.engine.root;

import java.util.ArrayList;
import java.util.List;

/**
 * The values of one branch over a range of entries, flattened: integers (and booleans as 0/1) in
 * {@code ints}, floating-point values in {@code reals} (float32 values widened exactly), strings in
 * {@code strings}. Entry {@code i} holds the values {@code offsets[i]..offsets[i+1]}; for scalar and
 * fixed-size branches {@code offsets} is {@code i * width}.
 *
 * @param type     the value type; null for strings and for multi-leaf (struct) branches stored as reals
 * @param jagged   true when the number of values varies per entry
 * @param width    values per entry for branches that are not jagged
 */
public record BranchArray(String name, BasicType type, boolean jagged, int width, long entryStart, int entries,
                          int[] offsets, long[] ints, double[] reals, String[] strings) {

    public boolean isString() {
        return strings != null;
    }

    public boolean isReal() {
        return reals != null;
    }

    public int start(int entry) {
        return offsets[entry];
    }

    public int stop(int entry) {
        return offsets[entry + 1];
    }

    public int count(int entry) {
        return offsets[entry + 1] - offsets[entry];
    }

    /** Value {@code k} of the flattened values as a double (bools 0/1, unsigned 64-bit above 2^63 wrap). */
    public double value(int k) {
        if (reals != null) {
            return reals[k];
        }
        if (type == BasicType.UINT64 && ints[k] < 0) {
            return (double) (ints[k] >>> 1) * 2.0 + (ints[k] & 1);
        }
        return ints[k];
    }

    /** One value as a boxed Java object for JSON (Boolean, Long, Double, String or a BigInteger-like unsigned). */
    public Object boxed(int k) {
        if (strings != null) {
            return strings[k];
        }
        if (reals != null) {
            return reals[k];
        }
        if (type == BasicType.BOOL) {
            return ints[k] != 0;
        }
        if (type == BasicType.UINT64 && ints[k] < 0) {
            return new java.math.BigInteger(Long.toUnsignedString(ints[k]));
        }
        return ints[k];
    }

    /** Entry {@code i} as a JSON-ready object: a value for scalars, a list for arrays. */
    public Object entry(int i) {
        if (!jagged && width == 1) {
            return boxed(offsets[i]);
        }
        List<Object> l = new ArrayList<>(count(i));
        for (int k = offsets[i]; k < offsets[i + 1]; k++) {
            l.add(boxed(k));
        }
        return l;
    }

    /** All entries, JSON-ready. */
    public List<Object> toList() {
        List<Object> out = new ArrayList<>(entries);
        for (int i = 0; i < entries; i++) {
            out.add(entry(i));
        }
        return out;
    }
}
