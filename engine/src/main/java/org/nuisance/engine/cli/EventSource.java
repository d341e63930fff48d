package org.nuisance.engine.cli;

import java.nio.file.Path;
import org.nuisance.engine.data.EventReaders;
import org.nuisance.engine.data.EventTable;
import org.nuisance.engine.data.InputException;
import org.nuisance.engine.higgsml.DemoGenerator;
import picocli.CommandLine.Option;

/** Options shared by every command that reads events: a file, or "demo" for the built-in generator. */
public final class EventSource {

    /** The word that stands for the built-in generator wherever a file is accepted. */
    public static final String DEMO = "demo";

    @Option(names = "--events", paramLabel = "N", description = "Events to generate for 'demo' (default: ${DEFAULT-VALUE}).",
            defaultValue = "1000000")
    int events;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "31415",
            description = "Seed of the demo generator and of the soft-MET smearing (default: ${DEFAULT-VALUE}).")
    long seed;

    public long seed() {
        return seed;
    }

    public EventTable load(String input) {
        if (DEMO.equals(input)) {
            if (events < 1) {
                throw new InputException("--events must be >= 1, got " + events);
            }
            return DemoGenerator.generate(events, seed);
        }
        return EventReaders.read(Path.of(input));
    }
}
