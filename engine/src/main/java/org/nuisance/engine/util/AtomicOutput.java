package org.nuisance.engine.util;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.nuisance.engine.data.InputException;

/**
 * Output files and folders that appear complete or not at all. Everything is written to a hidden
 * temporary sibling in the target's folder ({@code .name.<random>.part}), flushed to disk, then renamed
 * into place in one atomic step: a full disk, an exception, {@code kill -15} or {@code kill -9} mid-write
 * leave the previous file (or none) untouched, and concurrent writers of the same target each produce a
 * whole file, the last rename winning. Temporaries are removed on failure and on a normal JVM shutdown
 * (SIGTERM); only {@code kill -9} can leave one, hidden, beside an intact target.
 * <p>
 * Missing parent folders are created. A target that is an existing folder, or written with a trailing
 * separator, is refused. Failures are {@link InputException}s naming the file and the option.
 *
 * <pre>{@code
 * AtomicOutput.write(output, "--output", out -> out.write(bytes));        // a stream
 * AtomicOutput.writeString(output, "--output", json);                     // a string, UTF-8
 * AtomicOutput.writeWith(output, "--output", tmp -> HdfFile.write(tmp));   // a library that wants a path
 * AtomicOutput.writeFolder(dir, "--output", tmp -> model.save(tmp));       // a folder (a trained model)
 * }</pre>
 */
public final class AtomicOutput {

    /** Writes the content to an open stream (buffered by the caller if it needs). */
    @FunctionalInterface
    public interface StreamWriter {
        void write(OutputStream out) throws IOException;
    }

    /** Writes the content to the given (temporary) path: a file, or a folder it creates or fills. */
    @FunctionalInterface
    public interface PathWriter {
        void write(Path temporary) throws IOException;
    }

    private static final Set<Path> IN_PROGRESS = ConcurrentHashMap.newKeySet();
    private static volatile long faultAfterBytes = -1;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (Path p : IN_PROGRESS) {
                deleteQuietly(p);
            }
        }, "atomic-output-cleanup"));
    }

    private AtomicOutput() {
    }

    /**
     * For tests: every write after this many bytes (streams) or just before the rename (path and folder
     * writers) fails as a full disk does; -1 turns it off. Global: tests that use it must not run in
     * parallel with other writers.
     */
    public static void simulateDiskFullAfter(long bytes) {
        faultAfterBytes = bytes;
    }

    /**
     * Checks before any work that target can be written as a file: not a folder, not written with a
     * trailing separator, its parent a folder (created if missing) that can be written. Returns the
     * normalised target.
     */
    public static Path checkTarget(Path target, String option) {
        return checkTarget(target, option, false);
    }

    /** As {@link #checkTarget(Path, String)} for a folder target (an existing folder is replaced). */
    public static Path checkFolderTarget(Path target, String option) {
        return checkTarget(target, option, true);
    }

    private static Path checkTarget(Path target, String option, boolean folder) {
        String raw = target.toString();
        Path last = target.getFileName();
        boolean dotted = last != null && (last.toString().equals(".") || last.toString().equals(".."));
        if (!folder && (raw.endsWith("/") || raw.endsWith(java.io.File.separator) || dotted)) {
            throw new InputException(option + " " + raw + ": names a folder; give a file name");
        }
        Path t = target.toAbsolutePath().normalize();
        if (t.getFileName() == null) {
            throw new InputException(option + " " + raw + ": is not a file name");
        }
        if (!folder && Files.isDirectory(t)) {
            throw new InputException(option + " " + raw + ": is an existing folder; give a file name");
        }
        if (folder && Files.exists(t, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(t)) {
            throw new InputException(option + " " + raw + ": is an existing file; give a folder name");
        }
        Path parent = t.getParent();
        try {
            Files.createDirectories(parent);
        } catch (FileAlreadyExistsException e) {
            throw new InputException(option + " " + raw + ": " + e.getFile() + " is a file, not a folder");
        } catch (IOException e) {
            throw new InputException(option + " " + raw + ": cannot create the folder " + parent + " ("
                    + describe(e) + ")");
        }
        if (!Files.isWritable(parent)) {
            throw new InputException(option + " " + raw + ": the folder " + parent + " is not writable");
        }
        return t;
    }

    /** Writes a file atomically from a stream. */
    public static void write(Path target, String option, StreamWriter writer) {
        writeWith(target, option, tmp -> {
            try (OutputStream raw = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                 OutputStream out = faultAfterBytes >= 0 ? new FailingStream(raw, faultAfterBytes) : raw) {
                writer.write(out);
            }
        });
    }

    /** Writes a string (UTF-8) atomically. */
    public static void writeString(Path target, String option, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        write(target, option, out -> out.write(bytes));
    }

    /** Writes a file atomically through a library that wants a path (the temporary, not yet existing). */
    public static void writeWith(Path target, String option, PathWriter writer) {
        Path t = checkTarget(target, option);
        Path tmp = temporary(t);
        IN_PROGRESS.add(tmp);
        try {
            writer.write(tmp);
            if (!Files.isRegularFile(tmp)) {
                throw new IOException("the writer produced no file");
            }
            faultBeforeCommit(tmp);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            move(tmp, t);
        } catch (IOException | UncheckedIOException e) {
            deleteQuietly(tmp);
            throw failure(target, option, e);
        } catch (RuntimeException | Error e) {
            deleteQuietly(tmp);
            throw e;
        } finally {
            IN_PROGRESS.remove(tmp);
        }
    }

    /**
     * Writes a folder atomically: the writer fills a temporary sibling folder (already created), which
     * then replaces the target. A previous folder of that name is moved aside first and deleted after,
     * so the name never shows a partial folder; a reader between the two renames finds no folder.
     */
    public static void writeFolder(Path target, String option, PathWriter writer) {
        writeFolder(target, option, existing -> false, writer);
    }

    /**
     * As {@link #writeFolder(Path, String, PathWriter)}; an existing non-empty folder is replaced only if
     * replaceable says it is one of ours (e.g. holds a model card), else refused: a user's folder given
     * by mistake is never deleted.
     */
    public static void writeFolder(Path target, String option, java.util.function.Predicate<Path> replaceable,
                                   PathWriter writer) {
        Path t = checkFolderTarget(target, option);
        if (Files.isDirectory(t) && !isEmpty(t) && !replaceable.test(t)) {
            throw new InputException(option + " " + target + ": is a folder with other content; give a new or "
                    + "empty folder (it would be replaced)");
        }
        Path tmp = temporary(t);
        Path old = null;
        IN_PROGRESS.add(tmp);
        try {
            Files.createDirectory(tmp);
            writer.write(tmp);
            faultBeforeCommit(tmp);
            if (Files.isDirectory(t, LinkOption.NOFOLLOW_LINKS)) {
                old = temporary(t);
                Files.move(t, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(tmp, t, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | UncheckedIOException e) {
            deleteQuietly(tmp);
            if (old != null && !Files.exists(t, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    Files.move(old, t, StandardCopyOption.ATOMIC_MOVE);
                    old = null;
                } catch (IOException ignored) {
                    // the previous folder stays at its temporary name; the message says where
                }
            }
            throw failure(target, option, e);
        } catch (RuntimeException | Error e) {
            deleteQuietly(tmp);
            throw e;
        } finally {
            IN_PROGRESS.remove(tmp);
            if (old != null) {
                deleteQuietly(old);
            }
        }
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private static void move(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Path temporary(Path target) {
        String name = "." + target.getFileName() + "." + Long.toHexString(ProcessHandle.current().pid()) + "-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE) + ".part";
        return target.resolveSibling(name);
    }

    private static void faultBeforeCommit(Path tmp) throws IOException {
        if (faultAfterBytes >= 0) {
            throw new FileSystemException(tmp.toString(), null, "No space left on device (simulated)");
        }
    }

    private static InputException failure(Path target, String option, Exception e) {
        Throwable c = e instanceof UncheckedIOException u ? u.getCause() : e;
        return new InputException("cannot write " + target + " (" + option + "): " + describe(c)
                + "; nothing was written there", e);
    }

    /** One line for an I/O failure: the system's reason, without the exception class. */
    public static String describe(Throwable e) {
        if (e instanceof FileSystemException fs) {
            String reason = fs.getReason();
            if (e instanceof AccessDeniedException) {
                return "permission denied";
            }
            if (e instanceof NoSuchFileException) {
                return "no such file or folder";
            }
            if (e instanceof DirectoryNotEmptyException) {
                return "a folder that is not empty is in the way";
            }
            return reason != null ? reason : e.getClass().getSimpleName();
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }

    private static void deleteQuietly(Path p) {
        try {
            if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.sorted(Comparator.reverseOrder()).forEach(q -> {
                        try {
                            Files.deleteIfExists(q);
                        } catch (IOException ignored) {
                            // best effort
                        }
                    });
                }
            } else {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException ignored) {
            // best effort: a hidden temporary may stay
        }
    }

    /** A stream that fails like a full disk after a number of bytes (tests only). */
    private static final class FailingStream extends FilterOutputStream {
        private long left;

        FailingStream(OutputStream out, long bytes) {
            super(out);
            this.left = bytes;
        }

        @Override
        public void write(int b) throws IOException {
            if (left-- <= 0) {
                throw new IOException("No space left on device (simulated)");
            }
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len > left) {
                out.write(b, off, (int) Math.max(0, left));
                left = 0;
                throw new IOException("No space left on device (simulated)");
            }
            left -= len;
            out.write(b, off, len);
        }
    }
}
