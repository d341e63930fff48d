package org.nuisance.engine.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nuisance.engine.data.InputException;
import org.nuisance.engine.omnifold.OmniFoldTable;
import org.nuisance.engine.omnifold.WeightScheme;
import org.nuisance.engine.omnifold.unfold.MemberWeightsFile;
import org.nuisance.engine.omnifold.unfold.OmniFoldUnfolding;
import org.nuisance.engine.omnifold.unfold.TableFiles;

/**
 * Parts of {@code omnifold unfold --shard I/N}: the global indices are the run's members in their one-process
 * order (nominal or ensemble members, then data bootstraps, then simulation bootstraps), each seeded by its
 * family and index; every part folder holds its members' weights ({@link MemberWeightsFile}). The merge
 * assembles the output one process would have written, bit for bit, as Parquet or pandas HDF5 by the name
 * of {@code --output}.
 */
public final class OmniFoldUnfoldShards implements ShardMerger {

    /** What the global indices of {@code omnifold unfold} count. */
    public static final String KIND = "members";

    @Override
    public String command() {
        return "omnifold unfold";
    }

    /** The payload naming a part's members (their output columns) and its weights file. */
    public static JsonNode payload(List<OmniFoldUnfolding.Job> jobs) {
        ObjectNode p = JsonNodeFactory.instance.objectNode();
        p.put("file", MemberWeightsFile.FILE);
        jobs.forEach(j -> p.withArray("members").add(j.column()));
        return p;
    }

    @Override
    public void merge(List<ShardPart> parts, List<Path> folders, Path output, boolean json, PrintWriter out) {
        if (output == null) {
            throw new InputException("merge: --output OUT.parquet|OUT.h5 is required to merge an unfolding");
        }
        LinkedHashMap<String, float[]> base = null;
        Path baseFrom = null;
        List<OmniFoldUnfolding.Job> jobs = new ArrayList<>();
        List<double[]> weights = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            Path file = folders.get(i).resolve(MemberWeightsFile.FILE);
            MemberWeightsFile.Content c = MemberWeightsFile.read(file);
            if (c.jobs().size() != parts.get(i).range().size()) {
                throw new InputException(file + ": holds " + c.jobs().size() + " members, its part names "
                        + parts.get(i).range().size());
            }
            if (base == null) {
                base = c.base();
                baseFrom = file;
            } else if (!sameColumns(base, c.base())) {
                throw new InputException(file + ": its observables or weight_mc differ from " + baseFrom
                        + " (the parts unfolded different inputs)");
            }
            jobs.addAll(c.jobs());
            weights.addAll(List.of(c.rowWeights()));
        }
        OmniFoldTable table = OmniFoldUnfolding.table(base, jobs, weights.toArray(new double[0][]));
        TableFiles.write(table, output);
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("output", output.toString());
        root.put("events", table.rows());
        root.put("columns", table.columnNames().size());
        root.put("members", jobs.size());
        root.put("members_total", parts.get(0).range().total());
        root.put("parts", parts.size());
        root.put("sum_nominal_weights", table.sum(WeightScheme.NOMINAL));
        out.println(root.toPrettyString());
        out.flush();
    }

    private static boolean sameColumns(Map<String, float[]> a, Map<String, float[]> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        for (Map.Entry<String, float[]> e : a.entrySet()) {
            if (!java.util.Arrays.equals(e.getValue(), b.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
