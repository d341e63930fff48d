package org.nuisance.engine.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.nuisance.engine.cluster.ShardMergers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code merge}: combines the part folders of a command run with {@code --shard I/N} into one result. */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = "Merge the parts written by a command run with --shard I/N into the result one process would "
                + "have given; the result type is detected from the parts. Parts from different commands, settings "
                + "or seeds are refused.")
final class MergeCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PART", arity = "1..*", description = "Part folders (or their part.json).")
    List<Path> parts;

    @Option(names = "--output", paramLabel = "OUT", description = "Where the merged result goes (an ensemble: its "
            + "model folder, required; coverage: an optional JSON file).")
    Path output;

    @Option(names = "--partial", description = "Merge a subset of the shards (a result over fewer indices).")
    boolean partial;

    @Option(names = "--json", description = "Write JSON instead of text, where the command has a JSON form.")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        ShardMergers.merge(parts, output, partial, json, spec.commandLine().getOut());
        return 0;
    }
}
