package org.nuisance.engine.root;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.nuisance.engine.data.InputException;

/**
 * A ROOT file opened for reading: the file header (small files with 32-bit and large files with 64-bit
 * seek pointers), the directory tree of keys, the streamer-info record, and the objects the workbench
 * reads (trees and histograms). Records are read on demand with positional reads, so one open file
 * serves several threads. Every problem is an {@link InputException} whose one-line message names the
 * file, the object and what is wrong.
 */
public final class RootFile implements AutoCloseable {

    /** The TFile header at the start of the file. */
    public record Header(int version, long begin, long end, long seekFree, int nbytesFree, int nfree,
                         int nbytesName, int units, int compress, long seekInfo, int nbytesInfo, String uuid) {
        /** True for the large-file layout (8-byte seek pointers), written by ROOT when fVersion >= 1000000. */
        public boolean is64bit() {
            return version >= 1000000;
        }

        /** fCompress / 100 (ROOT 5 files store a bare level, meaning zlib). */
        public int algorithm() {
            return compress / 100 == 0 && compress % 100 > 0 ? 1 : compress / 100;
        }

        public int level() {
            return compress % 100;
        }

        public String algorithmName() {
            return switch (algorithm()) {
                case 0 -> compress == 0 ? "NONE" : "ZLIB";
                case 1 -> "ZLIB";
                case 2 -> "LZMA";
                case 4 -> "LZ4";
                case 5 -> "ZSTD";
                default -> "ALGORITHM" + algorithm();
            };
        }
    }

    private static final byte[] MAGIC = {'r', 'o', 'o', 't'};

    private final Path path;
    private final String source;
    private final FileChannel channel;
    private final long size;
    private final Header header;
    private final RootDirectory root;
    private final Map<String, RootDirectory> directories = new HashMap<>();
    private volatile Map<String, List<StreamerInfo>> streamers;

    private RootFile(Path path, FileChannel channel) {
        this.path = path;
        this.source = path.toString();
        this.channel = channel;
        try {
            this.size = channel.size();
        } catch (IOException e) {
            throw new InputException(source + ": cannot be read (" + e.getMessage() + ")", e);
        }
        this.header = readHeader();
        this.root = readTopDirectory();
    }

    /** Opens a ROOT file; fails with an {@link InputException} when it is not one or its header is damaged. */
    public static RootFile open(Path path) {
        String source = path.toString();
        if (!Files.isRegularFile(path)) {
            throw new InputException(source + ": no such file");
        }
        FileChannel ch;
        try {
            ch = FileChannel.open(path, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new InputException(source + ": cannot be read (" + e.getMessage() + ")", e);
        }
        try {
            return guard(source, "(file header)", () -> new RootFile(path, ch));
        } catch (RuntimeException e) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // the open failed already; its message is the one that matters
            }
            throw e;
        }
    }

    /** True when the file starts with ROOT's magic "root". */
    public static boolean isRootFile(byte[] head, int n) {
        if (n < 4) {
            return false;
        }
        for (int i = 0; i < 4; i++) {
            if (head[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /** Runs a read, turning any failure that is not already an InputException into one naming file and object. */
    static <T> T guard(String source, String object, Supplier<T> read) {
        try {
            return read.get();
        } catch (InputException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            throw new InputException(source + ": " + object + ": corrupt or unsupported data (" + e + ")", e);
        } catch (OutOfMemoryError e) {
            throw new InputException(source + ": " + object + ": corrupt sizes (would need more memory than available)");
        }
    }

    public Path path() {
        return path;
    }

    public String source() {
        return source;
    }

    public long size() {
        return size;
    }

    public Header header() {
        return header;
    }

    public RootDirectory root() {
        return root;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new InputException(source + ": cannot be closed (" + e.getMessage() + ")", e);
        }
    }

    /** Reads {@code len} bytes at {@code pos}, failing with a message about a truncated file past the end. */
    byte[] read(long pos, int len, String what) {
        if (len < 0 || pos < 0 || pos + len > size) {
            throw new InputException(source + ": " + what + ": needs bytes " + pos + ".." + (pos + len)
                    + " but the file has " + size + " (truncated or corrupt)");
        }
        byte[] out = new byte[len];
        ByteBuffer bb = ByteBuffer.wrap(out);
        try {
            long p = pos;
            while (bb.hasRemaining()) {
                int n = channel.read(bb, p);
                if (n < 0) {
                    throw new InputException(source + ": " + what + ": unexpected end of file at byte " + p);
                }
                p += n;
            }
        } catch (IOException e) {
            throw new InputException(source + ": " + what + ": cannot be read (" + e.getMessage() + ")", e);
        }
        return out;
    }

    private Header readHeader() {
        int n = (int) Math.min(size, 100);
        byte[] b = read(0, n, "(file header)");
        if (!isRootFile(b, n)) {
            throw new InputException(source + ": not a ROOT file (does not start with \"root\")");
        }
        RootBuffer in = new RootBuffer(b, 0, source + ": (file header)");
        in.seek(4);
        int version = in.i32();
        long begin = in.i32() & 0xffffffffL;
        boolean large = version >= 1000000;
        long end = large ? in.i64() : in.i32() & 0xffffffffL;
        long seekFree = large ? in.i64() : in.i32() & 0xffffffffL;
        int nbytesFree = in.i32();
        int nfree = in.i32();
        int nbytesName = in.i32();
        int units = in.u8();
        int compress = in.i32();
        long seekInfo = large ? in.i64() : in.i32() & 0xffffffffL;
        int nbytesInfo = in.i32();
        in.skip(2); // UUID version
        byte[] u = in.bytes(16);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            if (i == 4 || i == 6 || i == 8 || i == 10) {
                sb.append('-');
            }
            sb.append(String.format("%02x", u[i] & 0xff));
        }
        if (end > size) {
            throw new InputException(source + ": truncated: the header says the file ends at byte " + end
                    + " but it has " + size);
        }
        return new Header(version, begin, end, seekFree, nbytesFree, nfree, nbytesName, units, compress, seekInfo,
                nbytesInfo, sb.toString());
    }

    private RootDirectory readTopDirectory() {
        // the TDirectory part of the top record follows the key and the file's name and title
        byte[] b = read(header.begin() + header.nbytesName(), (int) Math.min(60, size - header.begin() - header.nbytesName()),
                "(top directory)");
        return readDirectory(new RootBuffer(b, 0, source + ": (top directory)"), "");
    }

    private RootDirectory readDirectory(RootBuffer in, String path) {
        int version = in.i16();
        in.skip(8); // creation and modification dates
        int nbytesKeys = in.i32();
        in.i32(); // fNbytesName
        boolean large = version > 1000;
        long seekDir = large ? in.i64() : in.i32() & 0xffffffffL;
        long seekParent = large ? in.i64() : in.i32() & 0xffffffffL;
        long seekKeys = large ? in.i64() : in.i32() & 0xffffffffL;
        if (seekParent < 0) {
            throw in.corrupt("negative parent pointer");
        }
        String what = path.isEmpty() ? "(top directory keys)" : path + " (directory keys)";
        List<RootKey> keys = new ArrayList<>();
        if (seekKeys > 0) {
            byte[] kb = read(seekKeys, nbytesKeys, what);
            RootBuffer kin = new RootBuffer(kb, 0, source + ": " + what);
            RootKey listKey = RootKey.read(kin, path);
            kin.seek(listKey.keylen());
            int nkeys = kin.count(kin.i32(), 30);
            for (int i = 0; i < nkeys; i++) {
                keys.add(RootKey.read(kin, path));
            }
        }
        RootDirectory dir = new RootDirectory(path, version, seekDir, seekKeys, Collections.unmodifiableList(keys));
        synchronized (directories) {
            directories.put(path, dir);
        }
        return dir;
    }

    /** The directory at a path such as "one/two" (cycles allowed: "one;1/two"); "" is the top directory. */
    public RootDirectory directory(String dirPath) {
        String p = strip(dirPath);
        if (p.isEmpty()) {
            return root;
        }
        RootKey key = key(p);
        if (key == null || !key.isDirectory()) {
            throw new InputException(source + ": " + dirPath + ": no such directory");
        }
        return openDirectory(key);
    }

    private RootDirectory openDirectory(RootKey key) {
        synchronized (directories) {
            RootDirectory d = directories.get(key.path());
            if (d != null) {
                return d;
            }
        }
        return guard(source, key.path(), () -> {
            byte[] data = objectData(key);
            return readDirectory(new RootBuffer(data, key.keylen(), source + ": " + key.path()), key.path());
        });
    }

    private static String strip(String p) {
        String s = p.strip();
        while (s.startsWith("/")) {
            s = s.substring(1);
        }
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    /** The key at a path such as "one;1/two/tree" (cycles optional), or null when there is none. */
    public RootKey key(String keyPath) {
        String p = strip(keyPath);
        if (p.isEmpty()) {
            return null;
        }
        String[] parts = p.split("/");
        RootDirectory dir = root;
        RootKey key = null;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            int cycle = -1;
            int semi = part.lastIndexOf(';');
            if (semi >= 0) {
                try {
                    cycle = Integer.parseInt(part.substring(semi + 1));
                } catch (NumberFormatException e) {
                    return null;
                }
                part = part.substring(0, semi);
            }
            key = dir.key(part, cycle);
            if (key == null) {
                return null;
            }
            if (i < parts.length - 1) {
                if (!key.isDirectory()) {
                    return null;
                }
                dir = openDirectory(key);
            }
        }
        return key;
    }

    /** The key at a path, or an InputException naming the file and the path. */
    public RootKey requireKey(String keyPath) {
        RootKey k = key(keyPath);
        if (k == null) {
            throw new InputException(source + ": " + keyPath + ": no such object in the file");
        }
        return k;
    }

    /** Every key of the file, depth first: each key, then (for a directory) its contents. */
    public List<RootKey> allKeys() {
        List<RootKey> out = new ArrayList<>();
        collect(root, out);
        return out;
    }

    private void collect(RootDirectory dir, List<RootKey> out) {
        for (RootKey k : dir.keys()) {
            out.add(k);
            if (k.isDirectory()) {
                collect(openDirectory(k), out);
            }
        }
    }

    /** The object bytes of a key's record, decompressed. */
    public byte[] objectData(RootKey key) {
        return guard(source, key.path(), () -> {
            if (key.nbytes() < key.keylen() || key.keylen() < 0) {
                throw new InputException(source + ": " + key.path() + ": key sizes are inconsistent (fNbytes "
                        + key.nbytes() + ", fKeylen " + key.keylen() + ")");
            }
            byte[] rec = read(key.seekKey(), key.nbytes(), key.path());
            return Compression.decompress(rec, key.keylen(), key.nbytes() - key.keylen(), key.objlen(),
                    source + ": " + key.path());
        });
    }

    /** One record found by walking the file: its key and the compression of its first block. */
    public record Record(RootKey key, Compression.Algorithm algorithm) {
    }

    /**
     * Every record from fBEGIN to fEND in file order (free gaps, written as negative sizes, are skipped):
     * keys of directories, trees, baskets, histograms, the streamer list and the key lists.
     */
    public List<Record> records() {
        return guard(source, "(record walk)", () -> {
            List<Record> out = new ArrayList<>();
            long pos = header.begin();
            long end = Math.min(header.end(), size);
            while (pos + 4 <= end) {
                int nbytes = RootBuffer.getInt(read(pos, 4, "(record at byte " + pos + ")"), 0);
                if (nbytes < 0) {
                    pos += -(long) nbytes;
                    continue;
                }
                if (nbytes < 4) {
                    throw new InputException(source + ": record at byte " + pos + " has size " + nbytes);
                }
                int n = (int) Math.min(nbytes, Math.min(end - pos, 1024));
                byte[] b = read(pos, n, "(record at byte " + pos + ")");
                RootBuffer in = new RootBuffer(b, 0, source + ": (record at byte " + pos + ")");
                RootKey key = RootKey.read(in, "");
                Compression.Algorithm alg = Compression.Algorithm.NONE;
                if (!key.isRaw() && key.keylen() + 2 <= n) {
                    alg = Compression.algorithmOf(b, key.keylen(), nbytes - key.keylen(), key.objlen());
                }
                out.add(new Record(key, alg));
                pos += nbytes;
            }
            return out;
        });
    }

    /** The streamer infos of the file by class name (several versions possible), read once. */
    public Map<String, List<StreamerInfo>> streamers() {
        Map<String, List<StreamerInfo>> s = streamers;
        if (s == null) {
            synchronized (this) {
                if (streamers == null) {
                    streamers = guard(source, "(streamer infos)", this::readStreamers);
                }
                s = streamers;
            }
        }
        return s;
    }

    private Map<String, List<StreamerInfo>> readStreamers() {
        Map<String, List<StreamerInfo>> out = new LinkedHashMap<>();
        if (header.seekInfo() <= 0 || header.nbytesInfo() <= 0) {
            return out;
        }
        byte[] kb = read(header.seekInfo(), header.nbytesInfo(), "(streamer infos)");
        RootKey key = RootKey.read(new RootBuffer(kb, 0, source + ": (streamer infos)"), "");
        byte[] data = Compression.decompress(kb, key.keylen(), key.nbytes() - key.keylen(), key.objlen(),
                source + ": (streamer infos)");
        ObjectReader r = new ObjectReader(new RootBuffer(data, key.keylen(), source + ": (streamer infos)"),
                (c, v) -> null);
        RObject list = new RObject("TList");
        r.readInto(list, "TList");
        for (Object o : (List<?>) list.get("items")) {
            if (o instanceof RObject info && info.className().equals("TStreamerInfo") && !info.skipped()) {
                List<StreamerInfo.Element> elements = new ArrayList<>();
                RObject arr = info.object("fElements");
                if (arr != null) {
                    for (Object eo : asList(arr.get("items"))) {
                        if (eo instanceof RObject e) {
                            elements.add(new StreamerInfo.Element(e.className(), e.string("fName"), e.string("fTitle"),
                                    e.intValue("fType"), e.intValue("fSize"), e.intValue("fArrayLength"),
                                    e.string("fTypeName"), e.has("fBaseVersion") ? e.intValue("fBaseVersion") : -1,
                                    e.has("fCountName") ? e.string("fCountName") : null,
                                    e.intValue("fSTLtype"), e.intValue("fCtype")));
                        }
                    }
                }
                StreamerInfo si = new StreamerInfo(info.string("fName"), info.intValue("fClassVersion"),
                        info.longValue("fCheckSum"), List.copyOf(elements));
                out.computeIfAbsent(si.className(), c -> new ArrayList<>()).add(si);
            }
        }
        return out;
    }

    private static List<?> asList(Object o) {
        return o instanceof List<?> l ? l : List.of();
    }

    /** The streamer info of a class at a version (or the only one when the version is not listed). */
    public StreamerInfo streamer(String className, int version) {
        List<StreamerInfo> l = streamers().get(className);
        if (l == null || l.isEmpty()) {
            return null;
        }
        for (StreamerInfo si : l) {
            if (si.classVersion() == version) {
                return si;
            }
        }
        return l.get(l.size() - 1);
    }

    /** Reads and deserializes the object of a key. */
    public RObject readObject(RootKey key) {
        byte[] data = objectData(key);
        return guard(source, key.path(), () -> {
            ObjectReader r = new ObjectReader(new RootBuffer(data, key.keylen(), source + ": " + key.path()),
                    this::streamer);
            RObject obj = new RObject(key.className());
            r.readInto(obj, key.className());
            return obj;
        });
    }

    /** The TTree (or TNtuple) at a path. */
    public RootTree tree(String treePath) {
        RootKey key = requireKey(treePath);
        RObject obj = readObject(key);
        if (!obj.is("TTree")) {
            throw new InputException(source + ": " + key.path() + ": is a " + key.className() + ", not a TTree");
        }
        return guard(source, key.path(), () -> new RootTree(this, key.path(), obj));
    }

    /** The trees of the file (paths), depth first. */
    public List<String> treePaths() {
        List<String> out = new ArrayList<>();
        for (RootKey k : allKeys()) {
            if ((k.className().equals("TTree") || k.className().equals("TNtuple") || k.className().equals("TNtupleD"))
                    && key(k.path()) == k) {
                out.add(k.path());
            }
        }
        return out;
    }

    /** The histogram (TH1 or TH2 and their F/D/I kinds, TProfile) at a path. */
    public RootHistogram histogram(String histPath) {
        RootKey key = requireKey(histPath);
        if (!key.className().startsWith("TH1") && !key.className().startsWith("TH2")
                && !key.className().equals("TProfile")) {
            throw new InputException(source + ": " + key.path() + ": is a " + key.className()
                    + ", not a histogram (TH1F/D/I, TH2F/D, TProfile)");
        }
        RObject obj = readObject(key);
        return guard(source, key.path(), () -> RootHistogram.of(source + ": " + key.path(), obj));
    }
}
