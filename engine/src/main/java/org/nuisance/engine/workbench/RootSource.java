package org.nuisance.engine.workbench;

import java.nio.file.Path;

/**
 * A ROOT file opened to browse: its directories, trees and histograms as {@link RootBrowser} read them.
 * A tree becomes events only when asked for ({@code FILE.root:TREE} through {@link Sources#open}).
 */
public record RootSource(String name, Path file, RootBrowser.Directory contents) implements Source {

    @Override
    public String kind() {
        return "root";
    }

    @Override
    public String toString() {
        return name + "  (ROOT file)";
    }
}
