package org.nuisance.engine.omnifold.unfold;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nuisance.engine.data.InputException;

/**
 * The payload file of one shard of {@code omnifold unfold --shard I/N}: the output's base columns
 * (generator-level observables and weight_mc, float32) and each member's weights on the output rows in
 * double precision, so that a merge forms weights_nominal from exactly the numbers one process would have
 * averaged ({@link OmniFoldUnfolding#table(LinkedHashMap, List, double[][])}). Big-endian
 * (DataOutputStream): magic, rows, base columns (name, floats), members (family, index, doubles).
 */
public final class MemberWeightsFile {

    /** The file's name inside a part folder. */
    public static final String FILE = "member-weights.bin";
    private static final int MAGIC = 0x4F465731; // "OFW1"

    /** What a part holds. */
    public record Content(LinkedHashMap<String, float[]> base, List<OmniFoldUnfolding.Job> jobs, double[][] rowWeights) {
    }

    private MemberWeightsFile() {
    }

    public static void write(Path file, Map<String, float[]> base, List<OmniFoldUnfolding.Job> jobs, double[][] rowWeights) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
            int rows = base.values().iterator().next().length;
            out.writeInt(MAGIC);
            out.writeInt(rows);
            out.writeInt(base.size());
            for (Map.Entry<String, float[]> e : base.entrySet()) {
                out.writeUTF(e.getKey());
                for (float v : e.getValue()) {
                    out.writeFloat(v);
                }
            }
            out.writeInt(jobs.size());
            for (int t = 0; t < jobs.size(); t++) {
                out.writeUTF(jobs.get(t).family().name());
                out.writeInt(jobs.get(t).index());
                for (double v : rowWeights[t]) {
                    out.writeDouble(v);
                }
            }
        } catch (IOException e) {
            throw new InputException(file + ": cannot write the shard's weights (" + e.getMessage() + ")", e);
        }
        try {
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new InputException(file + ": cannot write the shard's weights (" + e.getMessage() + ")", e);
        }
    }

    public static Content read(Path file) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (in.readInt() != MAGIC) {
                throw new InputException(file + ": not an omnifold unfold shard's weights file (bad magic number)");
            }
            int rows = in.readInt();
            int nBase = in.readInt();
            if (rows < 0 || nBase < 1) {
                throw new InputException(file + ": corrupt header (" + rows + " rows, " + nBase + " base columns)");
            }
            LinkedHashMap<String, float[]> base = new LinkedHashMap<>();
            for (int c = 0; c < nBase; c++) {
                String name = in.readUTF();
                float[] v = new float[rows];
                for (int i = 0; i < rows; i++) {
                    v[i] = in.readFloat();
                }
                base.put(name, v);
            }
            int nJobs = in.readInt();
            List<OmniFoldUnfolding.Job> jobs = new ArrayList<>();
            double[][] w = new double[nJobs][rows];
            for (int t = 0; t < nJobs; t++) {
                String family = in.readUTF();
                OmniFoldUnfolding.Family f;
                try {
                    f = OmniFoldUnfolding.Family.valueOf(family);
                } catch (IllegalArgumentException e) {
                    throw new InputException(file + ": member " + t + " has unknown family '" + family + "'");
                }
                jobs.add(new OmniFoldUnfolding.Job(f, in.readInt()));
                for (int i = 0; i < rows; i++) {
                    w[t][i] = in.readDouble();
                }
            }
            return new Content(base, jobs, w);
        } catch (EOFException e) {
            throw new InputException(file + ": truncated (the shard did not finish writing it)", e);
        } catch (IOException e) {
            throw new InputException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }
}
