package org.nuisance.engine.root;

/**
 * One TKey: the header in front of every record of a ROOT file. Keys with {@code version > 1000} use
 * 8-byte seek pointers; {@code path} is the key's path inside the file (directories joined with '/').
 */
public record RootKey(int nbytes, int version, int objlen, long datime, int keylen, int cycle, long seekKey,
                      long seekPdir, String className, String name, String title, String path) {

    /** Parses a key header at the buffer's position. */
    static RootKey read(RootBuffer b, String dirPath) {
        int nbytes = b.i32();
        int version = b.i16();
        int objlen = b.i32();
        long datime = b.i32() & 0xffffffffL;
        int keylen = b.i16();
        int cycle = b.i16();
        long seekKey;
        long seekPdir;
        if (version > 1000) {
            seekKey = b.i64();
            seekPdir = b.i64();
        } else {
            seekKey = b.i32() & 0xffffffffL;
            seekPdir = b.i32() & 0xffffffffL;
        }
        String cls = b.tstring();
        String name = b.tstring();
        String title = b.tstring();
        String path = dirPath.isEmpty() ? name : dirPath + "/" + name;
        return new RootKey(nbytes, version, objlen, datime, keylen, cycle, seekKey, seekPdir, cls, name, title, path);
    }

    /** True when the record is stored without compression. */
    public boolean isRaw() {
        return objlen == nbytes - keylen;
    }

    public boolean isDirectory() {
        return className.equals("TDirectory") || className.equals("TDirectoryFile");
    }
}
