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

    /**
     * Refuses events whose weights cannot make templates: a process with a sum of weights that is not
     * positive (all zero, all negative, or cancelling), or no positive total.
     */
    public static void requirePositiveYields(EventTable t, String input) {
        EventTable.ProcessSummary s = t.summary();
        double total = 0;
        for (int p = 0; p < s.names().size(); p++) {
            double w = s.sumWeights()[p];
            if (s.counts()[p] > 0 && !(w > 0)) {
                throw new InputException(input + ": process '" + s.names().get(p) + "' has a sum of weights of " + w
                        + " over " + s.counts()[p] + " events; templates need positive yields");
            }
            total += w;
        }
        if (!(total > 0)) {
            throw new InputException(input + ": the sum of weights is " + total + "; templates need positive yields");
        }
    }

    /**
     * Runs work that reads the given input; a bad-input failure whose message does not name the input
     * gets it in front ("events.csv: ..."), so every line says which file it is about.
     */
    public static <T> T naming(String input, java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (InputException | IllegalArgumentException e) {
            String m = e.getMessage() == null ? "" : e.getMessage();
            String name = Path.of(input).getFileName() == null ? input : Path.of(input).getFileName().toString();
            if (m.contains(name) || DEMO.equals(input)) {
                throw e;
            }
            throw new InputException(input + ": " + m, e);
        }
    }

    public long seed() {
        return seed;
    }

    public EventTable load(String input) {
        if (DEMO.equals(input)) {
            if (events < 1) {
                throw new InputException("--events must be >= 1, got " + events);
            }
            // about 40 float32 columns per generated event, plus the copies the shifts make
            org.nuisance.engine.data.InputChecks.requireMemory("--events " + events, events, 4 * 40, 3);
            return DemoGenerator.generate(events, seed);
        }
        return EventReaders.read(Path.of(input));
    }
}
