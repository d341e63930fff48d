package org.nuisance.engine.cluster;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * Combines the parts of one sharded command into the result one process would have written. Implementations
 * register in {@link ShardMergers}; they receive parts already checked to share command, settings, seed and
 * index range, sorted by shard index.
 */
public interface ShardMerger {

    /** The command whose parts this merges, as {@link ShardPart#command()} names it, e.g. {@code train}. */
    String command();

    /**
     * Writes the merged result to {@code output} (as the unsharded command's {@code --output} would) and prints
     * what it would have printed that does not depend on timing.
     *
     * @param parts    the checked parts, in shard order
     * @param folders  each part's folder (payload files live there), same order
     * @param json     whether the user asked for JSON on stdout
     */
    void merge(List<ShardPart> parts, List<Path> folders, Path output, boolean json, PrintWriter out);
}
