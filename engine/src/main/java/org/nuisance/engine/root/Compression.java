package org.nuisance.engine.root;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import net.jpountz.xxhash.XXHash64;
import net.jpountz.xxhash.XXHashFactory;
import org.nuisance.engine.data.InputException;
import org.tukaani.xz.XZInputStream;

/**
 * ROOT's compressed records: a sequence of blocks, each with a 9-byte header (2-letter algorithm tag,
 * method byte, 3-byte little-endian compressed size, 3-byte little-endian uncompressed size) followed by
 * a zlib stream ("ZL"), an xz stream ("XZ"), an 8-byte big-endian xxhash64 of the LZ4 block followed by
 * the block ("L4"), or a zstd frame ("ZS"). A record whose stored size equals its object size is raw.
 */
public final class Compression {

    /** The block algorithms ROOT writes. */
    public enum Algorithm { NONE, ZLIB, LZMA, LZ4, ZSTD }

    private static final int HEADER = 9;
    private static final LZ4SafeDecompressor LZ4 = LZ4Factory.fastestInstance().safeDecompressor();
    private static final XXHash64 XXH64 = XXHashFactory.fastestInstance().hash64();

    private Compression() {
    }

    /** The algorithm of the first block of a record, or NONE when it is stored raw. */
    public static Algorithm algorithmOf(byte[] src, int off, int len, int objlen) {
        if (len == objlen || len < HEADER) {
            return Algorithm.NONE;
        }
        return tag(src[off], src[off + 1]);
    }

    private static Algorithm tag(byte a, byte b) {
        if (a == 'Z' && b == 'L') {
            return Algorithm.ZLIB;
        }
        if (a == 'X' && b == 'Z') {
            return Algorithm.LZMA;
        }
        if (a == 'L' && b == '4') {
            return Algorithm.LZ4;
        }
        if (a == 'Z' && b == 'S') {
            return Algorithm.ZSTD;
        }
        return null;
    }

    /**
     * Decompresses {@code len} stored bytes into a new array of {@code objlen} bytes.
     *
     * @param where file and object, for error messages
     */
    public static byte[] decompress(byte[] src, int off, int len, int objlen, String where) {
        if (objlen < 0) {
            throw new InputException(where + ": negative object length " + objlen);
        }
        if (len == objlen) {
            byte[] out = new byte[objlen];
            System.arraycopy(src, off, out, 0, objlen);
            return out;
        }
        // walk the block headers first so that a corrupt size never allocates more than the blocks promise
        long total = 0;
        int p = off;
        int stop = off + len;
        while (p < stop) {
            if (p + HEADER > stop) {
                throw new InputException(where + ": compressed block header cut short at byte " + (p - off));
            }
            int c = blockSize(src, p + 3);
            int u = blockSize(src, p + 6);
            if (tag(src[p], src[p + 1]) == null) {
                throw new InputException(where + ": unknown compression block tag '" + printable(src[p])
                        + printable(src[p + 1]) + "' (expected ZL, XZ, L4 or ZS; old ROOT 'CS' blocks are not supported)");
            }
            total += u;
            p += HEADER + c;
        }
        if (p != stop || total != objlen) {
            throw new InputException(where + ": compressed blocks hold " + total + " bytes in " + (p - off)
                    + " stored bytes, but the key says " + objlen + " in " + len);
        }
        byte[] out = new byte[objlen];
        p = off;
        int q = 0;
        while (p < stop) {
            Algorithm a = tag(src[p], src[p + 1]);
            int c = blockSize(src, p + 3);
            int u = blockSize(src, p + 6);
            int body = p + HEADER;
            int got = switch (a) {
                case ZLIB -> inflate(src, body, c, out, q, u, where);
                case LZMA -> unxz(src, body, c, out, q, u, where);
                case LZ4 -> unlz4(src, body, c, out, q, u, where);
                case ZSTD -> unzstd(src, body, c, out, q, u, where);
                default -> throw new IllegalStateException();
            };
            if (got != u) {
                throw new InputException(where + ": " + a + " block gave " + got + " bytes, its header says " + u);
            }
            q += u;
            p = body + c;
        }
        return out;
    }

    private static String printable(byte b) {
        return b >= 32 && b < 127 ? String.valueOf((char) b) : String.format("\\x%02x", b & 0xff);
    }

    private static int blockSize(byte[] b, int p) {
        return (b[p] & 0xff) | ((b[p + 1] & 0xff) << 8) | ((b[p + 2] & 0xff) << 16);
    }

    private static int inflate(byte[] src, int off, int len, byte[] out, int q, int u, String where) {
        Inflater inf = new Inflater();
        try {
            inf.setInput(src, off, len);
            int n = 0;
            while (n < u) {
                int k = inf.inflate(out, q + n, u - n);
                if (k == 0) {
                    if (inf.finished() || inf.needsInput() || inf.needsDictionary()) {
                        break;
                    }
                }
                n += k;
            }
            return n;
        } catch (DataFormatException e) {
            throw new InputException(where + ": corrupt zlib block (" + e.getMessage() + ")", e);
        } finally {
            inf.end();
        }
    }

    private static int unxz(byte[] src, int off, int len, byte[] out, int q, int u, String where) {
        try (InputStream in = new XZInputStream(new ByteArrayInputStream(src, off, len))) {
            int n = in.readNBytes(out, q, u);
            if (in.read() != -1) {
                throw new InputException(where + ": LZMA block holds more than the " + u + " bytes its header says");
            }
            return n;
        } catch (IOException e) {
            throw new InputException(where + ": corrupt LZMA (xz) block (" + e.getMessage() + ")", e);
        }
    }

    private static int unlz4(byte[] src, int off, int len, byte[] out, int q, int u, String where) {
        if (len < 8) {
            throw new InputException(where + ": LZ4 block shorter than its 8-byte checksum");
        }
        long expected = RootBuffer.getLong(src, off);
        long actual = XXH64.hash(src, off + 8, len - 8, 0L);
        if (expected != actual) {
            throw new InputException(where + ": LZ4 block checksum mismatch (stored xxhash64 "
                    + Long.toHexString(expected) + ", computed " + Long.toHexString(actual) + ")");
        }
        try {
            return LZ4.decompress(src, off + 8, len - 8, out, q, u);
        } catch (LZ4Exception e) {
            throw new InputException(where + ": corrupt LZ4 block (" + e.getMessage() + ")", e);
        }
    }

    private static int unzstd(byte[] src, int off, int len, byte[] out, int q, int u, String where) {
        long n;
        try {
            n = Zstd.decompressByteArray(out, q, u, src, off, len);
        } catch (RuntimeException e) {
            throw new InputException(where + ": corrupt ZSTD block (" + e.getMessage() + ")", e);
        }
        if (Zstd.isError(n)) {
            throw new InputException(where + ": corrupt ZSTD block (" + Zstd.getErrorName(n) + ")");
        }
        return (int) n;
    }
}
