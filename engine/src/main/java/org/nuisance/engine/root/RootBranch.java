package org.nuisance.engine.root;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nuisance.engine.data.InputException;

/**
 * One branch of a TTree: its leaves, its baskets (keyed records, or embedded in the tree record) and how
 * its bytes are interpreted. Supported: leaves of the basic types as scalars, fixed-size arrays and
 * leaf-count arrays ({@code X[n]}), char* strings, leaf lists of basic types, and the
 * TBranchElement forms {@code std::vector<number>}, split basic members, counted pointers and strings.
 * Anything else reports itself as unsupported with the reason.
 */
public final class RootBranch {

    /** One TLeaf of the branch. */
    public record Leaf(String name, String title, String leafClass, BasicType type, int len, boolean unsigned,
                       String countLeaf) {
    }

    /** How a branch's bytes become values. */
    public enum Kind { FLAT, JAGGED, STRING, STRUCT, CONTAINER, UNSUPPORTED }

    private final RootFile file;
    private final String treePath;
    private final String name;
    private final String title;
    private final String className;
    private final int version;
    private final List<Leaf> leaves;
    private final long entries;
    private final int writeBasket;
    private final long[] basketEntry;
    private final long[] basketSeek;
    private final int[] basketBytes;
    private final int entryOffsetLen;
    private final RObject[] embedded;
    private final List<RootBranch> children = new ArrayList<>();
    private final String elementClass;
    private final String typeName;
    private Kind kind;
    private BasicType type;
    private int width = 1;
    private int headerBytes;
    private String unsupportedReason;

    RootBranch(RootFile file, String treePath, RObject b) {
        this.file = file;
        this.treePath = treePath;
        if (b.skipped()) {
            throw new InputException(b.string("@error"));
        }
        this.name = b.string("fName");
        this.title = b.string("fTitle");
        this.className = b.className();
        this.version = b.classVersions().getOrDefault("TBranch", b.version());
        this.entries = b.longValue("fEntries");
        this.writeBasket = b.intValue("fWriteBasket");
        this.entryOffsetLen = b.intValue("fEntryOffsetLen");
        this.basketEntry = longs(b.get("fBasketEntry"));
        this.basketSeek = longs(b.get("fBasketSeek"));
        this.basketBytes = ints(b.get("fBasketBytes"));
        if (writeBasket < 0 || writeBasket > basketEntry.length || writeBasket > basketSeek.length
                || writeBasket > basketBytes.length) {
            throw new InputException(where() + ": basket count " + writeBasket + " exceeds the basket tables");
        }
        List<Object> bk = b.items("fBaskets");
        this.embedded = new RObject[bk.size()];
        for (int i = 0; i < bk.size(); i++) {
            if (bk.get(i) instanceof RObject o && o.className().equals("TBasket") && !o.skipped()
                    && o.get("buffer") instanceof byte[]) {
                embedded[i] = o;
            }
        }
        List<Leaf> ls = new ArrayList<>();
        for (Object o : b.items("fLeaves")) {
            if (o instanceof RObject l) {
                String lc = l.className();
                boolean unsigned = l.longValue("fIsUnsigned") != 0 || Boolean.TRUE.equals(l.get("fIsUnsigned"));
                RObject count = l.object("fLeafCount");
                ls.add(new Leaf(l.string("fName"), l.string("fTitle"), lc, BasicType.ofLeafClass(lc, unsigned),
                        Math.max(1, l.intValue("fLen")), unsigned, count == null ? null : count.string("fName")));
            }
        }
        this.leaves = List.copyOf(ls);
        this.elementClass = className.equals("TBranchElement") ? b.string("fClassName") : null;
        for (Object o : b.items("fBranches")) {
            if (o instanceof RObject c) {
                children.add(new RootBranch(file, treePath, c));
            }
        }
        this.typeName = interpret(b);
    }

    private String where() {
        return file.source() + ": " + treePath + "/" + name;
    }

    private static long[] longs(Object o) {
        if (o instanceof long[] a) {
            return a;
        }
        if (o instanceof int[] a) {
            return Arrays.stream(a).asLongStream().toArray();
        }
        return new long[0];
    }

    private static int[] ints(Object o) {
        return o instanceof int[] a ? a : new int[0];
    }

    private String unsupported(String reason) {
        kind = Kind.UNSUPPORTED;
        unsupportedReason = reason;
        return reason;
    }

    /** Decides the interpretation; returns a C++-like type name. */
    private String interpret(RObject b) {
        if (elementClass != null) {
            return interpretElement(b);
        }
        if (leaves.isEmpty()) {
            kind = Kind.CONTAINER;
            return "(no leaves)";
        }
        if (leaves.size() > 1) {
            StringBuilder sb = new StringBuilder("struct {");
            int w = 0;
            for (Leaf l : leaves) {
                if (l.type() == null || l.countLeaf() != null) {
                    return unsupported("leaf list with a " + l.leafClass() + (l.countLeaf() != null ? " counted" : "")
                            + " leaf " + l.name());
                }
                w += l.len();
                sb.append(l.type().cName()).append(' ').append(l.name());
                if (l.len() > 1) {
                    sb.append('[').append(l.len()).append(']');
                }
                sb.append("; ");
            }
            kind = Kind.STRUCT;
            width = w;
            return sb.append('}').toString().replace("; }", ";}").replace("double", "double")
                    .replace("int8_t", "int8_t");
        }
        Leaf l = leaves.get(0);
        if (l.leafClass().equals("TLeafC")) {
            kind = Kind.STRING;
            return "char*";
        }
        if (l.type() == null) {
            return unsupported("leaf class " + l.leafClass());
        }
        type = l.type();
        if (l.countLeaf() != null) {
            kind = Kind.JAGGED;
            width = l.len();
            return type.cName() + "[" + l.countLeaf() + "]" + (l.len() > 1 ? "[" + l.len() + "]" : "");
        }
        kind = Kind.FLAT;
        width = l.len();
        return type.cName() + (width > 1 ? "[" + width + "]" : "");
    }

    private String interpretElement(RObject b) {
        int id = b.intValue("fID");
        if (!children.isEmpty() && writeBasket == 0 && embeddedCount() == 0) {
            kind = Kind.CONTAINER;
            return elementClass + " (split; read its sub-branches)";
        }
        if (id < 0) {
            BasicType vt = BasicType.ofVectorTypeName(elementClass);
            if (vt != null) {
                kind = Kind.JAGGED;
                type = vt;
                headerBytes = 10;
                return "std::vector<" + vt.cName() + ">";
            }
            if (elementClass.equals("string") || elementClass.equals("std::string")) {
                kind = Kind.STRING;
                headerBytes = 0;
                return "std::string";
            }
            if (elementClass.equals("TString")) {
                kind = Kind.STRING;
                headerBytes = 0;
                return "TString";
            }
            return unsupported("class " + elementClass);
        }
        StreamerInfo si = file.streamer(elementClass, b.intValue("fClassVersion"));
        StreamerInfo.Element e = si != null && id < si.elements().size() ? si.elements().get(id) : null;
        int t = e != null ? e.type() : b.intValue("fStreamerType");
        String tn = e != null ? e.typeName() : "type code " + t;
        if (t > 0 && t < 20 && BasicType.ofCode(t) != null) {
            kind = Kind.FLAT;
            type = BasicType.ofCode(t);
            return type.cName();
        }
        if (t > 20 && t < 40 && BasicType.ofCode(t - 20) != null && e != null) {
            kind = Kind.FLAT;
            type = BasicType.ofCode(t - 20);
            width = Math.max(1, e.arrayLength());
            return type.cName() + "[" + width + "]";
        }
        if (t > 40 && t < 60 && BasicType.ofCode(t - 40) != null) {
            kind = Kind.JAGGED;
            type = BasicType.ofCode(t - 40);
            headerBytes = 1;
            return type.cName() + "[" + (e != null ? e.countName() : "n") + "]";
        }
        boolean stl = t == 300 || t == 500 || (e != null && e.kind().startsWith("TStreamerSTL"));
        if (stl && e != null && BasicType.ofVectorTypeName(tn) != null) {
            kind = Kind.JAGGED;
            type = BasicType.ofVectorTypeName(tn);
            headerBytes = 10;
            return "std::vector<" + type.cName() + ">";
        }
        if (t == 65) {
            kind = Kind.STRING;
            return "TString";
        }
        if (t == 365 || (stl && (tn.equals("string") || tn.equals("std::string")))) {
            kind = Kind.STRING;
            headerBytes = 6;
            return "std::string";
        }
        return unsupported("member " + name + " of class " + elementClass + " with type " + tn);
    }

    private int embeddedCount() {
        int n = 0;
        for (RObject o : embedded) {
            if (o != null) {
                n++;
            }
        }
        return n;
    }

    public String name() {
        return name;
    }

    public String title() {
        return title;
    }

    /** TBranch or TBranchElement. */
    public String className() {
        return className;
    }

    /** The streamed TBranch version (11 for ROOT 5.23, 12 for 6.08, 13 for 6.20). */
    public int version() {
        return version;
    }

    public List<Leaf> leaves() {
        return leaves;
    }

    public List<RootBranch> children() {
        return children;
    }

    public long entries() {
        return entries;
    }

    public int writeBasket() {
        return writeBasket;
    }

    public int entryOffsetLen() {
        return entryOffsetLen;
    }

    /** fBasketEntry up to and including the end of the last basket. */
    public long[] basketEntry() {
        int n = basketCount();
        long[] out = new long[n + 1];
        for (int i = 0; i < n; i++) {
            out[i] = startOf(i);
        }
        out[n] = n == 0 ? 0 : endOf(n - 1);
        return out;
    }

    public long[] basketSeek() {
        return Arrays.copyOf(basketSeek, writeBasket);
    }

    public int[] basketBytes() {
        return Arrays.copyOf(basketBytes, writeBasket);
    }

    /** The C++-like type of the values ("double", "int32_t[n]", "std::vector<float>", "char*"). */
    public String typeName() {
        return typeName;
    }

    public Kind kind() {
        return kind;
    }

    public BasicType type() {
        return type;
    }

    /** Values per entry of a scalar (1) or fixed-size array branch. */
    public int width() {
        return width;
    }

    public boolean isJagged() {
        return kind == Kind.JAGGED;
    }

    public boolean isNumeric() {
        return (kind == Kind.FLAT || kind == Kind.JAGGED) && type != null;
    }

    /** Why the branch cannot be read, or null. */
    public String unsupportedReason() {
        return unsupportedReason;
    }

    /** Baskets: the keyed ones, then embedded ones that follow them. */
    public int basketCount() {
        int n = writeBasket;
        while (n < embedded.length && embedded[n] != null) {
            n++;
        }
        return n;
    }

    public boolean isEmbedded(int basket) {
        return basket >= writeBasket;
    }

    private long startOf(int basket) {
        return basket < basketEntry.length ? basketEntry[basket] : 0;
    }

    private long endOf(int basket) {
        if (basket + 1 < basketCount()) {
            return startOf(basket + 1);
        }
        if (basket >= writeBasket) {
            return startOf(basket) + embedded[basket].longValue("fNevBuf");
        }
        return basket + 1 < basketEntry.length ? basketEntry[basket + 1] : entries;
    }

    /** One basket's decompressed contents: values in data[0, dataEnd) and per-entry byte offsets. */
    record Basket(long firstEntry, int nEntries, byte[] data, int dataEnd, int[] offsets) {
    }

    /** Reads basket {@code i}. */
    Basket basket(int i) {
        String what = treePath + "/" + name + " basket " + i;
        String w = file.source() + ": " + what;
        if (i < writeBasket) {
            byte[] rec = file.read(basketSeek[i], basketBytes[i], what);
            RootBuffer in = new RootBuffer(rec, 0, w);
            RootKey key = RootKey.read(in, "");
            in.i16(); // TBasket version
            in.i32(); // fBufferSize
            in.i32(); // fNevBufSize
            int nev = in.i32();
            int last = in.i32();
            if (key.nbytes() != basketBytes[i] || key.keylen() > key.nbytes() || key.keylen() < 0) {
                throw new InputException(w + ": basket key sizes disagree with the branch (fNbytes "
                        + key.nbytes() + ", fBasketBytes " + basketBytes[i] + ")");
            }
            byte[] data = Compression.decompress(rec, key.keylen(), key.nbytes() - key.keylen(), key.objlen(), w);
            return finishBasket(w, startOf(i), nev, data, last - key.keylen(), key.keylen(), null);
        }
        RObject o = embedded[i];
        int keylen = o.intValue("fKeylen");
        byte[] buffer = (byte[]) o.get("buffer");
        int last = o.intValue("fLast");
        if (keylen < 0 || keylen > buffer.length || last > buffer.length) {
            throw new InputException(w + ": embedded basket sizes are inconsistent");
        }
        byte[] data = Arrays.copyOfRange(buffer, keylen, last);
        int[] offs = o.get("fEntryOffset") instanceof int[] a ? a : null;
        return finishBasket(w, startOf(i), o.intValue("fNevBuf"), data, last - keylen, keylen, offs);
    }

    private Basket finishBasket(String w, long first, int nev, byte[] data, int dataEnd, int keylen, int[] given) {
        if (nev < 0 || dataEnd < 0 || dataEnd > data.length) {
            throw new InputException(w + ": basket header is inconsistent (fNevBuf " + nev + ", data end " + dataEnd
                    + " of " + data.length + " bytes)");
        }
        int[] offsets = null;
        boolean variable = kind == Kind.JAGGED || kind == Kind.STRING;
        boolean mayHaveOffsets = kind != Kind.FLAT && kind != Kind.STRUCT;
        if (given != null && mayHaveOffsets) {
            offsets = new int[nev + 1];
            if (given.length < nev) {
                throw new InputException(w + ": entry-offset table has " + given.length + " entries for " + nev);
            }
            for (int k = 0; k < nev; k++) {
                offsets[k] = given[k] - keylen;
            }
            offsets[nev] = dataEnd;
        } else if (data.length > dataEnd && mayHaveOffsets) {
            RootBuffer in = new RootBuffer(data, dataEnd, data.length, keylen, w);
            int n = in.count(in.i32(), 4);
            if (n < nev) {
                throw new InputException(w + ": entry-offset table has " + n + " entries for " + nev);
            }
            offsets = new int[nev + 1];
            for (int k = 0; k < nev; k++) {
                offsets[k] = in.i32() - keylen;
            }
            offsets[nev] = dataEnd;
        } else if (variable) {
            throw new InputException(w + ": basket of a variable-size branch has no entry offsets");
        }
        if (offsets != null) {
            for (int k = 0; k < nev; k++) {
                if (offsets[k] < 0 || offsets[k] > offsets[k + 1]) {
                    throw new InputException(w + ": entry offsets are not increasing at entry " + k);
                }
            }
        }
        return new Basket(first, nev, data, dataEnd, offsets);
    }

    int headerBytes() {
        return headerBytes;
    }

    /** Bytes per entry of a branch that is not variable-size. */
    int entryBytes() {
        if (kind == Kind.STRUCT) {
            int s = 0;
            for (Leaf l : leaves) {
                s += l.len() * l.type().size();
            }
            return s;
        }
        return width * type.size();
    }

    /** Checks the branch can be read, failing with a one-line message naming file, tree, branch and reason. */
    void requireReadable() {
        if (kind == Kind.UNSUPPORTED) {
            throw new InputException(where() + ": unsupported branch type: " + unsupportedReason);
        }
        if (kind == Kind.CONTAINER) {
            throw new InputException(where() + ": holds no values of its own (" + typeName + ")");
        }
    }

    /** The indices of the baskets that hold entries in [start, stop). */
    int[] basketsFor(long start, long stop) {
        int n = basketCount();
        List<Integer> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long s = startOf(i);
            long e = endOf(i);
            if (e > start && s < stop) {
                l.add(i);
            }
        }
        return l.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Reads the values of entries [start, stop) (clamped to the branch). */
    public BranchArray read(long start, long stop) {
        return RootFile.guard(file.source(), treePath + "/" + name, () -> doRead(start, stop));
    }

    private BranchArray doRead(long start0, long stop0) {
        requireReadable();
        long start = Math.max(0, Math.min(start0, entries));
        long stop = Math.max(start, Math.min(stop0, entries));
        int n = Math.toIntExact(stop - start);
        int[] offsets = new int[n + 1];
        Growable g = new Growable(kind == Kind.STRING, kind == Kind.STRUCT || (type != null && type.isFloating()));
        long entry = start;
        for (int bi : basketsFor(start, stop)) {
            Basket b = basket(bi);
            long bEnd = b.firstEntry() + b.nEntries();
            if (b.firstEntry() > entry) {
                throw new InputException(file.source() + ": " + treePath + "/" + name + ": basket " + bi
                        + " starts at entry " + b.firstEntry() + ", expected " + entry);
            }
            int fixed = kind == Kind.FLAT || kind == Kind.STRUCT ? entryBytes() : 0;
            if (fixed > 0 && (long) b.nEntries() * fixed > b.dataEnd()) {
                throw new InputException(file.source() + ": " + treePath + "/" + name + ": basket " + bi
                        + " holds " + b.dataEnd() + " bytes, too few for " + b.nEntries() + " entries");
            }
            if (kind == Kind.FLAT) {
                // whole run of fixed-size entries in one bulk decode
                int k0 = (int) (entry - b.firstEntry());
                int k1 = (int) (Math.min(bEnd, stop) - b.firstEntry());
                g.ensure((k1 - k0) * width);
                bulk(type, b.data(), k0 * fixed, (k1 - k0) * width, g);
                for (int k = k0; k < k1; k++) {
                    offsets[(int) (entry - start) + 1] = offsets[(int) (entry - start)] + width;
                    entry++;
                }
                continue;
            }
            if (kind == Kind.JAGGED) {
                g.ensure(b.dataEnd() / type.size());
            }
            for (; entry < Math.min(bEnd, stop); entry++) {
                int k = (int) (entry - b.firstEntry());
                int idx = (int) (entry - start);
                if (kind == Kind.FLAT || kind == Kind.STRUCT) {
                    decodeFixed(b.data(), k * fixed, g);
                } else if (kind == Kind.STRING) {
                    g.addString(decodeString(b, k));
                } else {
                    decodeJagged(b, k, g);
                }
                offsets[idx + 1] = g.size;
            }
        }
        if (entry != stop) {
            throw new InputException(file.source() + ": " + treePath + "/" + name + ": baskets end at entry " + entry
                    + ", the branch has " + entries);
        }
        boolean jagged = kind == Kind.JAGGED;
        int w = kind == Kind.STRUCT ? width : kind == Kind.STRING ? 1 : width;
        return new BranchArray(name, kind == Kind.STRUCT ? null : type, jagged, w, start, n, offsets,
                g.ints(), g.reals(), g.strings());
    }

    private void decodeFixed(byte[] d, int p, Growable g) {
        if (kind == Kind.STRUCT) {
            for (Leaf l : leaves) {
                for (int j = 0; j < l.len(); j++) {
                    g.addReal(realOrInt(l.type(), d, p));
                    p += l.type().size();
                }
            }
            return;
        }
        for (int j = 0; j < width; j++) {
            add(type, d, p, g);
            p += type.size();
        }
    }

    private void decodeJagged(Basket b, int k, Growable g) {
        int s = b.offsets()[k] + headerBytes;
        int e = b.offsets()[k + 1];
        if (s > e || e > b.dataEnd()) {
            throw new InputException(file.source() + ": " + treePath + "/" + name + ": entry " + (b.firstEntry() + k)
                    + " has a corrupt byte range");
        }
        int len = e - s;
        if (len % type.size() != 0) {
            throw new InputException(file.source() + ": " + treePath + "/" + name + ": entry " + (b.firstEntry() + k)
                    + " holds " + len + " bytes, not a whole number of " + type.size() + "-byte values");
        }
        if (headerBytes == 10) {
            int declared = RootBuffer.getInt(b.data(), s - 4);
            if (declared * type.size() != len) {
                throw new InputException(file.source() + ": " + treePath + "/" + name + ": entry "
                        + (b.firstEntry() + k) + " says " + declared + " values but holds " + len / type.size());
            }
        }
        bulk(type, b.data(), s, len / type.size(), g);
    }

    /** Decodes {@code count} consecutive values at {@code p} (capacity already ensured). */
    private static void bulk(BasicType t, byte[] d, int p, int count, Growable g) {
        int n = g.size;
        switch (t) {
            case FLOAT64 -> {
                double[] r = g.reals;
                for (int i = 0; i < count; i++, p += 8) {
                    r[n + i] = Double.longBitsToDouble(RootBuffer.getLong(d, p));
                }
            }
            case FLOAT32 -> {
                double[] r = g.reals;
                for (int i = 0; i < count; i++, p += 4) {
                    r[n + i] = Float.intBitsToFloat(RootBuffer.getInt(d, p));
                }
            }
            case INT32 -> {
                long[] r = g.ints;
                for (int i = 0; i < count; i++, p += 4) {
                    r[n + i] = RootBuffer.getInt(d, p);
                }
            }
            case INT64, UINT64 -> {
                long[] r = g.ints;
                for (int i = 0; i < count; i++, p += 8) {
                    r[n + i] = RootBuffer.getLong(d, p);
                }
            }
            default -> {
                long[] r = g.ints;
                int size = t.size();
                for (int i = 0; i < count; i++, p += size) {
                    r[n + i] = integer(t, d, p);
                }
            }
        }
        g.size = n + count;
    }

    private String decodeString(Basket b, int k) {
        int s = b.offsets()[k] + headerBytes;
        int e = b.offsets()[k + 1];
        if (s >= e || e > b.dataEnd()) {
            if (s == e) {
                return "";
            }
            throw new InputException(file.source() + ": " + treePath + "/" + name + ": entry " + (b.firstEntry() + k)
                    + " has a corrupt byte range");
        }
        byte[] d = b.data();
        int len = d[s] & 0xff;
        int p = s + 1;
        if (len == 255) {
            if (p + 4 > e) {
                throw new InputException(file.source() + ": " + treePath + "/" + name + ": corrupt string length");
            }
            len = RootBuffer.getInt(d, p);
            p += 4;
        }
        if (len < 0 || p + len > e) {
            throw new InputException(file.source() + ": " + treePath + "/" + name + ": string of entry "
                    + (b.firstEntry() + k) + " runs past its entry");
        }
        return new String(d, p, len, StandardCharsets.UTF_8);
    }

    private static double realOrInt(BasicType t, byte[] d, int p) {
        return switch (t) {
            case FLOAT32 -> Float.intBitsToFloat(RootBuffer.getInt(d, p));
            case FLOAT64 -> Double.longBitsToDouble(RootBuffer.getLong(d, p));
            default -> integer(t, d, p);
        };
    }

    static long integer(BasicType t, byte[] d, int p) {
        return switch (t) {
            case BOOL -> d[p] != 0 ? 1 : 0;
            case INT8 -> d[p];
            case UINT8 -> d[p] & 0xff;
            case INT16 -> RootBuffer.getShort(d, p);
            case UINT16 -> RootBuffer.getShort(d, p) & 0xffff;
            case INT32 -> RootBuffer.getInt(d, p);
            case UINT32 -> RootBuffer.getInt(d, p) & 0xffffffffL;
            case INT64, UINT64 -> RootBuffer.getLong(d, p);
            default -> throw new IllegalStateException(t.toString());
        };
    }

    /** Value at {@code p} as a float (the event-table type). */
    static float asFloat(BasicType t, byte[] d, int p) {
        return switch (t) {
            case FLOAT32 -> Float.intBitsToFloat(RootBuffer.getInt(d, p));
            case FLOAT64 -> (float) Double.longBitsToDouble(RootBuffer.getLong(d, p));
            case UINT64 -> {
                long v = RootBuffer.getLong(d, p);
                yield v >= 0 ? v : (float) ((double) (v >>> 1) * 2.0);
            }
            default -> integer(t, d, p);
        };
    }

    private static void add(BasicType t, byte[] d, int p, Growable g) {
        if (t.isFloating()) {
            g.addReal(realOrInt(t, d, p));
        } else {
            g.addInt(integer(t, d, p));
        }
    }

    /** Growable flat storage for one read. */
    private static final class Growable {
        long[] ints;
        double[] reals;
        List<String> strings;
        int size;

        Growable(boolean strings, boolean reals) {
            if (strings) {
                this.strings = new ArrayList<>();
            } else if (reals) {
                this.reals = new double[16];
            } else {
                this.ints = new long[16];
            }
        }

        void ensure(int extra) {
            int need = size + extra;
            if (ints != null && ints.length < need) {
                ints = Arrays.copyOf(ints, Math.max(need, ints.length * 2));
            }
            if (reals != null && reals.length < need) {
                reals = Arrays.copyOf(reals, Math.max(need, reals.length * 2));
            }
        }

        void addInt(long v) {
            if (size == ints.length) {
                ints = Arrays.copyOf(ints, size * 2);
            }
            ints[size++] = v;
        }

        void addReal(double v) {
            if (size == reals.length) {
                reals = Arrays.copyOf(reals, size * 2);
            }
            reals[size++] = v;
        }

        void addString(String s) {
            strings.add(s);
            size++;
        }

        long[] ints() {
            return ints == null ? null : Arrays.copyOf(ints, size);
        }

        double[] reals() {
            return reals == null ? null : Arrays.copyOf(reals, size);
        }

        String[] strings() {
            return strings == null ? null : strings.toArray(new String[0]);
        }
    }
}
