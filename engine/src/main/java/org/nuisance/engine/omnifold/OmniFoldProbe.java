package org.nuisance.engine.omnifold;

import io.jhdf.HdfFile;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.nuisance.engine.data.EventReaders;

/**
 * Tells, without reading the events, whether a file is an unbinned unfolded result for the OmniFold
 * explorer rather than an event sample: a pandas DataFrame in HDF5 (the ATLAS release's layout), or
 * a plain HDF5, Parquet or CSV file with a {@value WeightScheme#NOMINAL} column.
 */
public final class OmniFoldProbe {

    private OmniFoldProbe() {
    }

    /** False for anything unreadable; never throws. */
    public static boolean looksLikeOmniFold(Path file) {
        try {
            return switch (EventReaders.detect(file)) {
                case HDF5 -> hdf5(file);
                case PARQUET -> parquet(file);
                case CSV -> csv(file);
                case ROOT -> false;
            };
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean hdf5(Path file) {
        try (HdfFile hdf = new HdfFile(file)) {
            for (Node n : hdf.getChildren().values()) {
                if (n instanceof Group g && PandasHdf5Reader.isPandasGroup(g)) {
                    return true;
                }
            }
            return hdf.getChildren().containsKey(WeightScheme.NOMINAL);
        }
    }

    private static boolean parquet(Path file) {
        try (Connection conn = DriverManager.getConnection("jdbc:duckdb:");
             PreparedStatement st = conn.prepareStatement("SELECT name FROM parquet_schema(?)")) {
            st.setString(1, file.toAbsolutePath().toString());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    if (WeightScheme.NOMINAL.equals(rs.getString(1))) {
                        return true;
                    }
                }
            }
            return false;
        } catch (SQLException e) {
            return false;
        }
    }

    private static boolean csv(Path file) {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null) {
                return false;
            }
            for (String name : header.split(",")) {
                if (WeightScheme.NOMINAL.equals(name.trim().replace("\"", ""))) {
                    return true;
                }
            }
            return false;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
