package org.nuisance.engine.stats.hepdata;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;
import org.nuisance.engine.data.InputException;

/**
 * Reads the regular files of a gzip-compressed tar archive (POSIX ustar, with GNU long names and pax
 * "path" records, as Python's tarfile and GNU tar write them) into memory: HEPData's likelihood
 * tarballs are opened as they are downloaded, without unpacking.
 */
public final class TarGz {

    private TarGz() {
    }

    /** The files whose archive path matches want, path to bytes, in archive order ("./" prefixes removed). */
    public static Map<String, byte[]> read(Path archive, Predicate<String> want) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive)), 1 << 16)) {
            byte[] header = new byte[512];
            String longName = null;
            while (true) {
                if (!readFully(in, header)) {
                    break;
                }
                if (isZero(header)) {
                    break;
                }
                String name = string(header, 0, 100);
                long size = octal(header, 124, 12, archive);
                char type = (char) header[156];
                String magic = string(header, 257, 6);
                if (magic.startsWith("ustar")) {
                    String prefix = string(header, 345, 155);
                    if (!prefix.isEmpty()) {
                        name = prefix + "/" + name;
                    }
                }
                byte[] body = null;
                boolean keep = type == 'L' || type == 'x' || ((type == '0' || type == 0) && want.test(clean(
                        longName != null ? longName : name)));
                if (keep) {
                    if (size > Integer.MAX_VALUE - 16) {
                        throw new InputException(archive + ": entry '" + name + "' is too large (" + size + " bytes)");
                    }
                    body = new byte[(int) size];
                    if (!readFully(in, body)) {
                        throw new InputException(archive + ": truncated in entry '" + name + "'");
                    }
                } else {
                    skip(in, size, archive);
                }
                long pad = (512 - size % 512) % 512;
                skip(in, pad, archive);
                if (type == 'L') {
                    longName = string(body, 0, body.length);
                    continue;
                }
                if (type == 'x') {
                    String path = paxPath(new String(body, StandardCharsets.UTF_8));
                    if (path != null) {
                        longName = path;
                    }
                    continue;
                }
                String full = clean(longName != null ? longName : name);
                longName = null;
                if (body != null) {
                    out.put(full, body);
                }
            }
        } catch (IOException e) {
            String why = e.getMessage() != null ? e.getMessage()
                    : e instanceof java.io.EOFException ? "it ends in the middle of the compressed data"
                    : e.getClass().getSimpleName();
            throw new InputException(archive + ": not a readable .tar.gz (" + why + ")", e);
        }
        return out;
    }

    private static String clean(String name) {
        String n = name;
        while (n.startsWith("./")) {
            n = n.substring(2);
        }
        return n;
    }

    /** The "path" record of a pax extended header ("LEN path=VALUE\n" records). */
    private static String paxPath(String records) {
        int i = 0;
        while (i < records.length()) {
            int sp = records.indexOf(' ', i);
            if (sp < 0) {
                return null;
            }
            int len;
            try {
                len = Integer.parseInt(records.substring(i, sp));
            } catch (NumberFormatException e) {
                return null;
            }
            if (len <= 0 || i + len > records.length()) {
                return null;
            }
            String rec = records.substring(sp + 1, i + len - 1);
            if (rec.startsWith("path=")) {
                return rec.substring(5);
            }
            i += len;
        }
        return null;
    }

    private static boolean readFully(InputStream in, byte[] b) throws IOException {
        int off = 0;
        while (off < b.length) {
            int r = in.read(b, off, b.length - off);
            if (r < 0) {
                return off == 0 && b.length > 0 ? false : off == b.length;
            }
            off += r;
        }
        return true;
    }

    private static void skip(InputStream in, long n, Path archive) throws IOException {
        long left = n;
        byte[] buf = new byte[8192];
        while (left > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (r < 0) {
                throw new InputException(archive + ": truncated tar archive");
            }
            left -= r;
        }
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private static String string(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) {
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] b, int off, int len, Path archive) {
        String s = string(b, off, len).trim();
        if (s.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(s, 8);
        } catch (NumberFormatException e) {
            throw new InputException(archive + ": not a tar archive (bad size field '" + s + "')");
        }
    }
}
