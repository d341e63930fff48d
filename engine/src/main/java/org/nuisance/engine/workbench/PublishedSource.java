package org.nuisance.engine.workbench;

import java.nio.file.Path;
import java.util.List;
import org.nuisance.engine.stats.hepdata.PublishedLikelihood;

/**
 * A published likelihood opened in the window: a background-only workspace and its signal points (a
 * HEPData .tar.gz region, or a workspace with a pyhf patchset). The grid view computes its CLs through
 * {@link PublishedSources}; a point's signal workspace becomes a {@link WorkspaceSource}.
 *
 * @param region   the archive folder shown (RegionA), or null for a workspace with a patchset
 * @param regions  every region of the archive, sorted (empty for a patchset)
 * @param analysis the record's title where it names one (the archive's README heading), else null
 * @param labels   one axis title per point value, with its unit ("msb [GeV]")
 * @param points   the signal points by name, with their values (masses in GeV)
 */
public record PublishedSource(String name, Path file, String region, List<String> regions, String analysis,
                              List<String> labels, List<PublishedSources.Point> points, PublishedLikelihood likelihood)
        implements Source {

    public PublishedSource {
        regions = List.copyOf(regions);
        labels = List.copyOf(labels);
        points = List.copyOf(points);
    }

    @Override
    public String kind() {
        return "published";
    }

    @Override
    public String toString() {
        return String.format("%s  (%s%d signal points)", name, region == null ? "" : region + ", ", points.size());
    }
}
