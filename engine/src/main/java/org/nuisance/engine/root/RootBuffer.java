package org.nuisance.engine.root;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.nuisance.engine.data.InputException;

/**
 * A big-endian cursor over one ROOT record (ROOT's TBufferFile in read mode). Positions used by object
 * references count from the start of the record's key, so {@code displacement} (the key length) is
 * added to the index into {@code data}. Every read checks the bounds and fails with a one-line
 * {@link InputException} naming the file and the object, never with an index error.
 */
final class RootBuffer {

    static final int BYTE_COUNT_MASK = 0x40000000;
    static final int CLASS_MASK = 0x80000000;
    static final int NEW_CLASS_TAG = 0xFFFFFFFF;
    static final int MAP_OFFSET = 2;

    private final byte[] data;
    private final int end;
    private int pos;
    private final int displacement;
    private final String where;
    /** Objects and classes seen so far, by their reference tag (position + MAP_OFFSET). */
    final Map<Integer, Object> refs = new HashMap<>();

    RootBuffer(byte[] data, int start, int end, int displacement, String where) {
        this.data = data;
        this.pos = start;
        this.end = end;
        this.displacement = displacement;
        this.where = where;
    }

    RootBuffer(byte[] data, int displacement, String where) {
        this(data, 0, data.length, displacement, where);
    }

    String where() {
        return where;
    }

    byte[] array() {
        return data;
    }

    int pos() {
        return pos;
    }

    int end() {
        return end;
    }

    /** The position as ROOT counts it in references (from the start of the key). */
    int refPos() {
        return pos + displacement;
    }

    int remaining() {
        return end - pos;
    }

    void seek(int p) {
        if (p < 0 || p > end) {
            throw corrupt("jump to byte " + p + " outside the record of " + end + " bytes");
        }
        pos = p;
    }

    void skip(int n) {
        need(n);
        pos += n;
    }

    InputException corrupt(String what) {
        return new InputException(where + ": corrupt or unsupported data: " + what);
    }

    void need(long n) {
        if (n < 0 || pos + n > end) {
            throw corrupt("needs " + n + " bytes at byte " + pos + " but the record ends at " + end);
        }
    }

    /** Checks that {@code count} elements of {@code size} bytes can still follow. */
    int count(long count, int size) {
        if (count < 0 || count * Math.max(size, 1) > remaining()) {
            throw corrupt("count " + count + " of " + size + "-byte values exceeds the " + remaining()
                    + " bytes left");
        }
        return (int) count;
    }

    int u8() {
        need(1);
        return data[pos++] & 0xff;
    }

    byte i8() {
        need(1);
        return data[pos++];
    }

    short i16() {
        need(2);
        short v = (short) (((data[pos] & 0xff) << 8) | (data[pos + 1] & 0xff));
        pos += 2;
        return v;
    }

    int i32() {
        need(4);
        int v = getInt(data, pos);
        pos += 4;
        return v;
    }

    long i64() {
        need(8);
        long v = getLong(data, pos);
        pos += 8;
        return v;
    }

    float f32() {
        return Float.intBitsToFloat(i32());
    }

    double f64() {
        return Double.longBitsToDouble(i64());
    }

    byte[] bytes(int n) {
        need(n);
        byte[] out = new byte[n];
        System.arraycopy(data, pos, out, 0, n);
        pos += n;
        return out;
    }

    /** A TString: one length byte (255 means a 4-byte length follows), then the characters. */
    String tstring() {
        int n = u8();
        if (n == 255) {
            n = i32();
        }
        need(n);
        String s = new String(data, pos, n, StandardCharsets.ISO_8859_1);
        pos += n;
        return s;
    }

    /** A null-terminated C string (class names in object tags). */
    String cstring() {
        int start = pos;
        while (pos < end && data[pos] != 0) {
            pos++;
        }
        if (pos >= end) {
            throw corrupt("unterminated class name at byte " + start);
        }
        String s = new String(data, start, pos - start, StandardCharsets.ISO_8859_1);
        pos++;
        return s;
    }

    /** Version header: an optional byte count (flagged by 0x40000000) and a 2-byte version. */
    record Version(int start, int byteCount, int version) {
        /** Where the versioned object ends, or -1 when no byte count was written. */
        int endPos() {
            return byteCount > 0 ? start + 4 + byteCount : -1;
        }
    }

    Version version() {
        int start = pos;
        need(2);
        int bc = 0;
        if (remaining() >= 6) {
            int v = getInt(data, pos);
            if ((v & BYTE_COUNT_MASK) != 0) {
                bc = v & ~BYTE_COUNT_MASK;
                pos += 4;
                if (start + 4L + bc > end || bc < 2) {
                    throw corrupt("byte count " + bc + " at byte " + start + " runs past the record end " + end);
                }
            }
        }
        int version = i16();
        return new Version(start, bc, version);
    }

    /** Moves to the end of a versioned object, checking that it was read completely when asked to. */
    void finish(Version v) {
        if (v.byteCount() > 0) {
            seek(v.endPos());
        }
    }

    private static final java.lang.invoke.VarHandle INT_BE =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(int[].class, java.nio.ByteOrder.BIG_ENDIAN);
    private static final java.lang.invoke.VarHandle LONG_BE =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.BIG_ENDIAN);
    private static final java.lang.invoke.VarHandle SHORT_BE =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(short[].class, java.nio.ByteOrder.BIG_ENDIAN);

    static int getInt(byte[] b, int p) {
        return (int) INT_BE.get(b, p);
    }

    static long getLong(byte[] b, int p) {
        return (long) LONG_BE.get(b, p);
    }

    static short getShort(byte[] b, int p) {
        return (short) SHORT_BE.get(b, p);
    }
}
