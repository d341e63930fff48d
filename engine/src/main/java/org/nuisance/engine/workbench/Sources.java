package org.nuisance.engine.workbench;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.nuisance.engine.data.EventReaders;
import org.nuisance.engine.data.EventTable;
import org.nuisance.engine.data.InputException;
import org.nuisance.engine.higgsml.DemoGenerator;
import org.nuisance.engine.higgsml.EventHistograms;
import org.nuisance.engine.higgsml.PreparedEvents;
import org.nuisance.engine.omnifold.OmniFoldProbe;
import org.nuisance.engine.stats.histfactory.Workspace;

/**
 * The one format detector of the workbench and the loaders behind it. Plain blocking methods: the
 * window calls them on a worker thread (they may start DuckDB or read a gigabyte).
 */
public final class Sources {

    /** What a file holds, by content. */
    public enum Format { EVENTS, WORKSPACE, UNFOLDED, ROOT, PUBLISHED, PATCH, PATCHSET, XML }

    private Sources() {
    }

    /**
     * JSON whose first character is '{' is a HistFactory workspace; an HDF5, Parquet or CSV file with
     * the unfolded result's weight columns is an unfolded result; a ROOT file (without ":TREE") is a ROOT
     * file to browse; any other event file, and FILE.root:TREE, is events.
     * A .tar.gz is a HEPData likelihood record, a JSON array a JSON Patch, a JSON object with "patches" a
     * pyhf patchset, and a .xml file a HistFactory combination. Throws {@link InputException} naming the
     * file if it is none of them.
     */
    public static Format detect(Path file) {
        String lower = file.getFileName().toString().toLowerCase();
        if (PublishedSources.isArchive(file)) {
            return Format.PUBLISHED;
        }
        if (lower.endsWith(".xml")) {
            if (!PublishedSources.isCombination(file)) {
                throw new InputException(file.getFileName() + ": not a HistFactory combination (no <Combination> element);"
                        + " open the top-level config that names the channels");
            }
            return Format.XML;
        }
        int first = firstCharacter(file);
        if (first == '[') {
            return Format.PATCH;
        }
        if (first == '{') {
            return PublishedSources.isPatchset(file) ? Format.PATCHSET : Format.WORKSPACE;
        }
        if (EventReaders.detect(file) == EventReaders.Format.ROOT && Files.isRegularFile(file)) {
            return Format.ROOT;
        }
        return OmniFoldProbe.looksLikeOmniFold(file) ? Format.UNFOLDED : Format.EVENTS;
    }

    /** Opens a file as the source its content says it is; progress gets one line per step. */
    public static Source open(Path file, Consumer<String> progress) {
        return open(file, null, progress);
    }

    /**
     * Opens a file as {@link #open(Path, Consumer)} does; a JSON Patch or patchset is applied to
     * background, the background-only workspace open in the window.
     */
    public static Source open(Path file, Source background, Consumer<String> progress) {
        String name = file.getFileName().toString();
        progress.accept("Reading " + name);
        switch (detect(file)) {
            case PUBLISHED:
                return PublishedSources.openArchive(file, null, progress);
            case XML:
                return PublishedSources.importXml(file, progress);
            case PATCH:
                return PublishedSources.withPatch(background instanceof WorkspaceSource w ? w : null, file);
            case PATCHSET:
                return PublishedSources.withPatchset(background instanceof WorkspaceSource w ? w : null, file);
            case WORKSPACE:
                return new WorkspaceSource(name, file, Workspace.read(file));
            case UNFOLDED:
                return new UnfoldedSource(name, file);
            case ROOT:
                return new RootSource(name, file, RootBrowser.browse(file));
            default:
                EventTable t = EventReaders.read(file);
                if (EventHistograms.hasHiggsColumns(t)) {
                    progress.accept("Preparing invariants");
                    PreparedEvents.of(t);
                }
                return new EventsSource(name, file, t, null, null);
        }
    }

    /** The built-in demo: HiggsML-like events from the seeded generator (the same for the same arguments). */
    public static EventsSource demo(int events, long seed, Consumer<String> progress) {
        progress.accept(String.format("Generating %,d demo events", events));
        EventTable t = DemoGenerator.generate(events, seed);
        progress.accept("Preparing invariants");
        PreparedEvents.of(t);
        return new EventsSource("demo", null, t, events, seed);
    }

    private static int firstCharacter(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int c;
            while ((c = r.read()) != -1) {
                if (!Character.isWhitespace(c) && c != '\uFEFF') {
                    return c;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
