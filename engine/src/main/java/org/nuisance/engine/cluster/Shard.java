package org.nuisance.engine.cluster;

import org.nuisance.engine.data.InputException;

/**
 * Slice {@code index} of {@code count} (0-based) of a command's work, as given by {@code --shard I/N}. A
 * shard owns the contiguous global indices {@link #range(int)} of the pseudo-experiments, ensemble members,
 * bootstraps or grid points; seeds derive from those global indices, so the merged shards equal one process.
 */
public record Shard(int index, int count) {

    /** The global indices {@code [first, end)} of one shard out of {@code total}. */
    public record Range(int first, int end, int total) {
        public int size() {
            return end - first;
        }

        public boolean contains(int globalIndex) {
            return globalIndex >= first && globalIndex < end;
        }
    }

    public Shard {
        if (count < 1 || index < 0 || index >= count) {
            throw new InputException("--shard: expected I/N with 0 <= I < N, got " + index + "/" + count);
        }
    }

    /** Parses {@code I/N}, e.g. {@code 2/8}; the option name goes into the message. */
    public static Shard parse(String text) {
        String t = text == null ? "" : text.trim();
        int slash = t.indexOf('/');
        if (slash < 1 || slash == t.length() - 1) {
            throw new InputException("--shard: expected I/N (slice I of N, 0-based), got '" + text + "'");
        }
        try {
            return new Shard(Integer.parseInt(t.substring(0, slash).trim()), Integer.parseInt(t.substring(slash + 1).trim()));
        } catch (NumberFormatException e) {
            throw new InputException("--shard: expected I/N with integers, got '" + text + "'");
        }
    }

    /** Balanced contiguous slices: shard i owns {@code [floor(total*i/N), floor(total*(i+1)/N))}. */
    public Range range(int total) {
        if (total < 0) {
            throw new IllegalArgumentException("total must be >= 0, got " + total);
        }
        int first = (int) ((long) total * index / count);
        int end = (int) ((long) total * (index + 1) / count);
        return new Range(first, end, total);
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
