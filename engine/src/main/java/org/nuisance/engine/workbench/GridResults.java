package org.nuisance.engine.workbench;

import java.nio.file.Path;
import java.util.List;
import org.nuisance.engine.stats.hepdata.GridJson;

/**
 * The points of a grid JSON ({@code grid --output}, or what {@code merge}/{@code grid-merge} write from a
 * cluster run's parts) as the signal-grid view's computed points: per point CLs_obs, the five CLs_exp and the
 * status, exactly as written. Errors name the file and the JSON path (an {@code InputException}).
 */
public final class GridResults {

    private GridResults() {
    }

    /** The computed points of the grid file, in its order. */
    public static List<PublishedSources.Computed> read(Path file) {
        return GridJson.read(file).points().stream().map(p -> new PublishedSources.Computed(p.name(), p.values(),
                p.clsObs(), p.clsExp(), p.converged(), p.status())).toList();
    }
}
