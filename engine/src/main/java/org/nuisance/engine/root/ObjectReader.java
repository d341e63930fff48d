package org.nuisance.engine.root;

import java.util.ArrayList;
import java.util.List;
import org.nuisance.engine.data.InputException;

/**
 * Deserializes ROOT objects from one record, driven by the file's streamer infos, with hand-written
 * readers for the classes whose streamers are custom code in ROOT (TObject, TNamed, TList, TObjArray,
 * TArray*, TObjString, TBasket and the streamer-info classes themselves). The format is the one of
 * ROOT's TBufferFile: objects start with an optional byte count and a version; pointers are tags that
 * either introduce a new class by name, refer back to a class seen before, or refer to an object read
 * before (by its position in the record).
 */
final class ObjectReader {

    /** Looks up the streamer info of a class, for a given stored version (or any when none matches). */
    interface Streamers {
        StreamerInfo find(String className, int version);
    }

    private record ClassRef(String name) {
    }

    private static final int MAX_DEPTH = 64;

    private final RootBuffer buf;
    private final Streamers streamers;
    private int depth;

    ObjectReader(RootBuffer buf, Streamers streamers) {
        this.buf = buf;
        this.streamers = streamers;
    }

    RootBuffer buffer() {
        return buf;
    }

    private InputException unsupported(String what) {
        return new InputException(buf.where() + ": unsupported " + what);
    }

    /** Reads a pointer (tag, then the object if it is new). Returns null for a null pointer. */
    Object readObjectAny() {
        int start = buf.pos();
        int startRef = buf.refPos();
        int first = buf.i32();
        int tag;
        int tagRef;
        int end = -1;
        if ((first & RootBuffer.BYTE_COUNT_MASK) == 0 || first == RootBuffer.NEW_CLASS_TAG) {
            tag = first;
            tagRef = startRef;
        } else {
            int bc = first & ~RootBuffer.BYTE_COUNT_MASK;
            end = start + 4 + bc;
            if (end > buf.end() || bc < 4) {
                throw buf.corrupt("object byte count " + bc + " at byte " + start + " runs past the record");
            }
            tagRef = buf.refPos();
            tag = buf.i32();
        }
        if ((tag & RootBuffer.CLASS_MASK) == 0) {
            // null, or a reference to an object read earlier in this record
            if (end >= 0) {
                buf.seek(end);
            }
            if (tag == 0) {
                return null;
            }
            Object o = buf.refs.get(tag);
            return o instanceof ClassRef ? null : o;
        }
        String cls;
        if (tag == RootBuffer.NEW_CLASS_TAG) {
            cls = buf.cstring();
            buf.refs.put(tagRef + RootBuffer.MAP_OFFSET, new ClassRef(cls));
        } else {
            Object c = buf.refs.get(tag & ~RootBuffer.CLASS_MASK);
            if (!(c instanceof ClassRef ref)) {
                throw buf.corrupt("class tag " + (tag & ~RootBuffer.CLASS_MASK) + " refers to no class read before");
            }
            cls = ref.name();
        }
        RObject obj = new RObject(cls);
        buf.refs.put(startRef + RootBuffer.MAP_OFFSET, obj);
        if (end < 0) {
            readInto(obj, cls);
            return obj;
        }
        try {
            readInto(obj, cls);
        } catch (InputException e) {
            // a class this reader cannot decode, skipped whole by its byte count; users of the object fail
            // with a clear message if they need it
            obj.markSkipped();
            obj.put("@error", e.getMessage());
        }
        buf.seek(end);
        return obj;
    }

    /** Reads an object of a known class streamed inline (a base, or a member that is not a pointer). */
    Object readInline(String cls) {
        String c = cls.endsWith("*") ? cls.substring(0, cls.length() - 1).trim() : cls;
        if (c.startsWith("TArray") && c.length() == 7) {
            return readTArray(c.charAt(6));
        }
        if (c.equals("TString")) {
            return buf.tstring();
        }
        RObject obj = new RObject(c);
        readInto(obj, c);
        return obj;
    }

    void readInto(RObject obj, String cls) {
        if (++depth > MAX_DEPTH) {
            throw buf.corrupt("objects nested more than " + MAX_DEPTH + " deep");
        }
        try {
            switch (cls) {
                case "TObject" -> readTObject(obj);
                case "TNamed" -> {
                    RootBuffer.Version v = buf.version();
                    obj.noteVersion(cls, v.version());
                    readTObject(obj);
                    obj.put("fName", buf.tstring());
                    obj.put("fTitle", buf.tstring());
                    buf.finish(v);
                }
                case "TList", "THashList", "TSortedList" -> readList(obj, cls);
                case "TObjArray" -> readObjArray(obj);
                case "TObjString" -> {
                    RootBuffer.Version v = buf.version();
                    obj.noteVersion(cls, v.version());
                    readTObject(obj);
                    obj.put("fString", buf.tstring());
                    buf.finish(v);
                }
                case "TBasket" -> readBasket(obj);
                case "TStreamerInfo" -> readStreamerInfo(obj);
                default -> {
                    if (cls.startsWith("TStreamer")) {
                        readStreamerElement(obj, cls);
                    } else {
                        readByStreamer(obj, cls);
                    }
                }
            }
        } finally {
            depth--;
        }
    }

    private void readByStreamer(RObject obj, String cls) {
        RootBuffer.Version v = buf.version();
        obj.noteVersion(cls, v.version());
        if (v.version() <= 0) {
            buf.skip(4); // classes stored with version 0 carry their streamer checksum instead
        }
        StreamerInfo info = streamers.find(cls, v.version());
        if (info == null) {
            if (v.byteCount() > 0) {
                obj.markSkipped();
                obj.put("@error", buf.where() + ": unsupported class " + cls + " (no streamer info in the file)");
                buf.finish(v);
                return;
            }
            throw unsupported("class " + cls + " (no streamer info in the file)");
        }
        for (StreamerInfo.Element e : info.elements()) {
            readMember(obj, e);
        }
        if (v.byteCount() > 0 && buf.pos() != v.endPos()) {
            throw buf.corrupt("class " + cls + " v" + v.version() + " read " + (buf.pos() - v.start() - 4)
                    + " bytes but its byte count says " + v.byteCount());
        }
        buf.finish(v);
    }

    private void readTObject(RObject obj) {
        RootBuffer.Version v = buf.version();
        obj.noteVersion("TObject", v.version());
        obj.put("fUniqueID", buf.i32() & 0xffffffffL);
        int bits = buf.i32();
        obj.put("fBits", bits & 0xffffffffL);
        if ((bits & (1 << 4)) != 0) {
            buf.skip(2); // kIsReferenced: the process-id slot follows
        }
        buf.finish(v);
    }

    private void readList(RObject obj, String cls) {
        RootBuffer.Version v = buf.version();
        obj.noteVersion(cls, v.version());
        List<Object> items = new ArrayList<>();
        if (v.version() > 3) {
            readTObject(obj);
            obj.put("fName", buf.tstring());
            int n = buf.count(buf.i32(), 5);
            for (int i = 0; i < n; i++) {
                items.add(readObjectAny());
                buf.tstring(); // the draw option stored with each entry
            }
        } else {
            throw unsupported(cls + " version " + v.version());
        }
        obj.put("items", items);
        buf.finish(v);
    }

    private void readObjArray(RObject obj) {
        RootBuffer.Version v = buf.version();
        obj.noteVersion("TObjArray", v.version());
        if (v.version() > 2) {
            readTObject(obj);
        }
        if (v.version() > 1) {
            obj.put("fName", buf.tstring());
        }
        int n = buf.count(buf.i32(), 4);
        obj.put("fLowerBound", buf.i32());
        List<Object> items = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            items.add(readObjectAny());
        }
        obj.put("items", items);
        buf.finish(v);
    }

    /** A TArray streamed by its custom streamer: a length and the values, no version. */
    Object readTArray(char type) {
        int n = buf.i32();
        return switch (type) {
            case 'C' -> buf.bytes(buf.count(n, 1));
            case 'S' -> {
                short[] a = new short[buf.count(n, 2)];
                for (int i = 0; i < a.length; i++) {
                    a[i] = buf.i16();
                }
                yield a;
            }
            case 'I' -> {
                int[] a = new int[buf.count(n, 4)];
                for (int i = 0; i < a.length; i++) {
                    a[i] = buf.i32();
                }
                yield a;
            }
            case 'L' -> {
                long[] a = new long[buf.count(n, 8)];
                for (int i = 0; i < a.length; i++) {
                    a[i] = buf.i64();
                }
                yield a;
            }
            case 'F' -> {
                float[] a = new float[buf.count(n, 4)];
                for (int i = 0; i < a.length; i++) {
                    a[i] = buf.f32();
                }
                yield a;
            }
            case 'D' -> {
                double[] a = new double[buf.count(n, 8)];
                for (int i = 0; i < a.length; i++) {
                    a[i] = buf.f64();
                }
                yield a;
            }
            default -> throw unsupported("array class TArray" + type);
        };
    }

    private void readMember(RObject obj, StreamerInfo.Element e) {
        int t = e.type();
        String name = e.name();
        if (t == 0 || e.kind().equals("TStreamerBase")) {
            String base = e.name();
            if (base.equals("TObject")) {
                readTObject(obj);
            } else if (base.startsWith("TArray") && base.length() == 7) {
                obj.put("fArray", readTArray(base.charAt(6)));
            } else {
                readInto(obj, base);
            }
            return;
        }
        if (t > 0 && t < 20) {
            obj.put(name, readBasic(t, e));
            return;
        }
        if (t > 20 && t < 40) {
            obj.put(name, readBasicArray(t - 20, e.arrayLength(), e));
            return;
        }
        if (t > 40 && t < 60) {
            int flag = buf.u8();
            if (flag == 0) {
                obj.put(name, readBasicArray(t - 40, 0, e));
                return;
            }
            long n = obj.longValue(e.countName());
            obj.put(name, readBasicArray(t - 40, (int) Math.min(Integer.MAX_VALUE, Math.max(-1, n)), e));
            return;
        }
        switch (t) {
            case 61, 62, 63, 68 -> obj.put(name, readInline(e.typeName()));
            case 64, 69 -> obj.put(name, readObjectAny());
            case 65 -> obj.put(name, buf.tstring());
            case 66 -> {
                RObject o = new RObject("TObject");
                readTObject(o);
                obj.put(name, o);
            }
            case 67 -> obj.put(name, readInline("TNamed"));
            case 300, 365 -> obj.put(name, readStlMember(e));
            case 500 -> {
                RootBuffer.Version v = buf.version();
                if (v.byteCount() == 0) {
                    throw unsupported("member " + name + " of type " + e.typeName() + " (custom streamer)");
                }
                buf.finish(v);
                obj.put(name, null);
            }
            default -> throw unsupported("member " + name + " of type " + e.typeName() + " (streamer type " + t + ")");
        }
    }

    private Object readStlMember(StreamerInfo.Element e) {
        RootBuffer.Version v = buf.version();
        Object out = null;
        BasicType elem = BasicType.ofVectorTypeName(e.typeName());
        if (elem != null) {
            int n = buf.count(buf.i32(), elem.size());
            out = readBasicArray(elem.code(), n, e);
        } else if (v.byteCount() == 0) {
            throw unsupported("member " + e.name() + " of type " + e.typeName());
        }
        buf.finish(v);
        return out;
    }

    private Object readBasic(int t, StreamerInfo.Element e) {
        return switch (t) {
            case 1 -> (long) buf.i8();
            case 2 -> (long) buf.i16();
            case 3, 6 -> (long) buf.i32();
            case 4, 16 -> buf.i64();
            case 5 -> (double) buf.f32();
            case 8 -> buf.f64();
            case 9, 19 -> {
                if (e.title().strip().startsWith("[")) {
                    throw unsupported("member " + e.name() + " (" + e.typeName() + " with a packing range)");
                }
                yield (double) buf.f32();
            }
            case 10, 11 -> (long) buf.u8();
            case 12 -> (long) (buf.i16() & 0xffff);
            case 13, 15 -> buf.i32() & 0xffffffffL;
            case 14, 17 -> buf.i64();
            case 18 -> buf.u8() != 0;
            case 7 -> {
                int n = buf.i32();
                yield new String(buf.bytes(buf.count(n, 1)), java.nio.charset.StandardCharsets.ISO_8859_1);
            }
            default -> throw unsupported("member " + e.name() + " (basic type code " + t + ")");
        };
    }

    private Object readBasicArray(int t, int n, StreamerInfo.Element e) {
        if (n < 0) {
            throw buf.corrupt("negative length of member " + e.name());
        }
        return switch (t) {
            case 1, 10, 11 -> buf.bytes(buf.count(n, 1));
            case 18 -> {
                boolean[] a = new boolean[buf.count(n, 1)];
                for (int i = 0; i < a.length; i++) {
                    a[i] = buf.u8() != 0;
                }
                yield a;
            }
            case 2, 12 -> {
                short[] a = new short[buf.count(n, 2)];
                for (int i = 0; i < a.length; i++) {
                    a[i] = buf.i16();
                }
                yield a;
            }
            case 3, 6, 13, 15 -> {
                int[] a = new int[buf.count(n, 4)];
                for (int i = 0; i < a.length; i++) {
                    a[i] = buf.i32();
                }
                yield a;
            }
            case 4, 14, 16, 17 -> {
                long[] a = new long[buf.count(n, 8)];
                for (int i = 0; i < a.length; i++) {
                    a[i] = buf.i64();
                }
                yield a;
            }
            case 5 -> {
                float[] a = new float[buf.count(n, 4)];
                for (int i = 0; i < a.length; i++) {
                    a[i] = buf.f32();
                }
                yield a;
            }
            case 8 -> {
                double[] a = new double[buf.count(n, 8)];
                for (int i = 0; i < a.length; i++) {
                    a[i] = buf.f64();
                }
                yield a;
            }
            default -> throw unsupported("array member " + e.name() + " (basic type code " + t + ")");
        };
    }

    // ---- TBasket (embedded in TBranch.fBaskets) ----

    private void readBasket(RObject obj) {
        readKeyHeader(obj);
        RootBuffer.Version v = buf.version();
        obj.noteVersion("TBasket", v.version());
        obj.put("fBufferSize", (long) buf.i32());
        int nevBufSize = buf.i32();
        if (nevBufSize < 0) {
            nevBufSize = -nevBufSize;
            buf.skip(1); // fIOBits
        }
        obj.put("fNevBufSize", (long) nevBufSize);
        int nevBuf = buf.i32();
        obj.put("fNevBuf", (long) nevBuf);
        int last = buf.i32();
        obj.put("fLast", (long) last);
        int flag = buf.u8();
        obj.put("flag", (long) flag);
        if (flag >= 80) {
            flag -= 80;
        }
        if (flag != 0 && flag % 10 != 2 && nevBuf > 0) {
            int n = buf.count(buf.i32(), 4);
            int[] offsets = new int[n];
            for (int i = 0; i < n; i++) {
                offsets[i] = buf.i32();
            }
            if (flag > 20 && flag < 40) {
                for (int i = 0; i < n; i++) {
                    offsets[i] &= ~0xff000000;
                }
            }
            obj.put("fEntryOffset", offsets);
            if (flag > 40) {
                int m = buf.count(buf.i32(), 4);
                buf.skip(4 * m);
            }
        }
        if (flag == 1 || flag > 10) {
            obj.put("buffer", buf.bytes(buf.count(last, 1)));
        }
    }

    private void readKeyHeader(RObject obj) {
        obj.put("fNbytes", (long) buf.i32());
        int version = buf.i16();
        obj.put("fKeyVersion", (long) version);
        obj.put("fObjlen", (long) buf.i32());
        buf.skip(4);
        obj.put("fKeylen", (long) buf.i16());
        obj.put("fCycle", (long) buf.i16());
        if (version > 1000) {
            buf.skip(16);
        } else {
            buf.skip(8);
        }
        obj.put("fClassName", buf.tstring());
        obj.put("fName", buf.tstring());
        obj.put("fTitle", buf.tstring());
    }

    // ---- the streamer record itself ----

    private void readStreamerInfo(RObject obj) {
        RootBuffer.Version v = buf.version();
        obj.noteVersion("TStreamerInfo", v.version());
        readInto(obj, "TNamed");
        obj.put("fCheckSum", buf.i32() & 0xffffffffL);
        obj.put("fClassVersion", (long) buf.i32());
        obj.put("fElements", readObjectAny());
        buf.finish(v);
    }

    private void readStreamerElement(RObject obj, String cls) {
        RootBuffer.Version v = buf.version();
        obj.noteVersion(cls, v.version());
        if (cls.equals("TStreamerSTLstring")) {
            RootBuffer.Version v2 = buf.version();
            readElementBody(obj);
            obj.put("fSTLtype", (long) buf.i32());
            obj.put("fCtype", (long) buf.i32());
            buf.finish(v2);
        } else {
            readElementBody(obj);
            switch (cls) {
                case "TStreamerBase" -> {
                    if (v.version() > 2) {
                        obj.put("fBaseVersion", (long) buf.i32());
                    }
                }
                case "TStreamerBasicPointer", "TStreamerLoop" -> {
                    obj.put("fCountVersion", (long) buf.i32());
                    obj.put("fCountName", buf.tstring());
                    obj.put("fCountClass", buf.tstring());
                }
                case "TStreamerSTL" -> {
                    obj.put("fSTLtype", (long) buf.i32());
                    obj.put("fCtype", (long) buf.i32());
                }
                default -> {
                    // the other element classes add nothing this reader needs
                }
            }
        }
        buf.finish(v);
    }

    private void readElementBody(RObject obj) {
        RootBuffer.Version v = buf.version();
        readInto(obj, "TNamed");
        int type = buf.i32();
        obj.put("fSize", (long) buf.i32());
        obj.put("fArrayLength", (long) buf.i32());
        obj.put("fArrayDim", (long) buf.i32());
        if (v.version() == 1) {
            int n = buf.count(buf.i32(), 4);
            buf.skip(4 * n);
        } else {
            buf.skip(20);
        }
        String typeName = buf.tstring();
        if (type == 11 && (typeName.equals("Bool_t") || typeName.equals("bool"))) {
            type = 18;
        }
        obj.put("fType", (long) type);
        obj.put("fTypeName", typeName);
        buf.finish(v);
    }
}
