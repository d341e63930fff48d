package org.nuisance.engine.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.nuisance.engine.stats.toys.CoveragePart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code merge}: joins part files written by {@code coverage ... --first K --count N --output PART.json}
 * into the result of the whole run (equal settings and seed, no gap and no overlap between the parts).
 */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = "Merge coverage part files (coverage --first K --count N --output PART.json) of one run: prints "
                + "the summary of the union as coverage does, and can write the merged part.")
final class MergeCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "PART.json", description = "Part files, in any order.")
    List<Path> parts;

    @Option(names = "--json", description = "Write JSON instead of text.")
    boolean json;

    @Option(names = "--output", paramLabel = "MERGED.json", description = "Also write the merged part file.")
    Path output;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        List<CoveragePart> read = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Path p : parts) {
            read.add(CoveragePart.read(p));
            names.add(p.toString());
        }
        CoveragePart merged = CoveragePart.merge(read, names);
        if (output != null) {
            merged.write(output);
        }
        CoverageCommand.print(spec.commandLine().getOut(), merged.summary(), json, merged.first(),
                merged.settings().path("pseudo_data").asText("same-events"), merged.settings().path("toys_per_set").asInt(0),
                merged.seed());
        return 0;
    }
}
