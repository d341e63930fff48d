package org.nuisance.engine.workbench;

import java.nio.file.Path;

/**
 * Something the workbench has open. Sealed: each kind is one record here and one branch of
 * {@link Sources#detect}; a new input format (ROOT trees, HEPData records) adds a record to the permits
 * list, a kind, and a branch in the detector.
 */
public sealed interface Source permits EventsSource, WorkspaceSource, UnfoldedSource, RootSource, PublishedSource {

    /** A short name for lists and legends (the file name, or "demo"). */
    String name();

    /** The file it was read from; null for sources made in the window (the demo, a scored table). */
    Path file();

    /** The kind as a session stores it: demo, events, workspace, unfolded, root, published. */
    String kind();
}
