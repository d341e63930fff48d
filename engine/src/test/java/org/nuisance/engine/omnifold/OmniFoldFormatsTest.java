package org.nuisance.engine.omnifold;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nuisance.engine.data.InputException;

/** The generator's plain-HDF5 and Parquet layouts, and CSV, read back to the same float32 columns. */
class OmniFoldFormatsTest {

    @TempDir
    Path tmp;

    @Test
    void plainHdf5AndParquetRoundTripEveryColumnBitForBit() {
        OmniFoldTable t = SyntheticOmniFold.generate(new SyntheticOmniFold.Config(500, 7, 3, 2),
                SyntheticOmniFold.Variant.NOMINAL);
        Path h5 = tmp.resolve("synthetic.h5");
        Path pq = tmp.resolve("synthetic.parquet");
        SyntheticOmniFold.writeHdf5(t, h5);
        SyntheticOmniFold.writeParquet(t, pq);
        for (Path p : new Path[] {h5, pq}) {
            OmniFoldTable back = OmniFoldReader.read(p);
            assertEquals(t.columnNames(), back.columnNames(), p.toString());
            for (String c : t.columnNames()) {
                assertArrayEquals(t.column(c), back.column(c), 0f, p + " column " + c);
            }
        }
    }

    @Test
    void csvWithTheSameNamesReadsAndSkipsTextColumnsWithANote() throws Exception {
        Path csv = tmp.resolve("r.csv");
        Files.writeString(csv, "pT_ll,label,weights_nominal\n210.5,a,0.5\n250,b,1.5\n");
        OmniFoldTable t = OmniFoldReader.read(csv);
        assertEquals(2, t.rows());
        assertArrayEquals(new float[] {210.5f, 250f}, t.column("pT_ll"), 0f);
        assertEquals(2.0, t.sum("weights_nominal"), 0);
        assertTrue(t.notes().get(0).contains("label"), t.notes().toString());
    }

    @Test
    void anHdf5FileWithAnUnknownGroupIsRefusedNamingWhatWasFound() {
        Path h5 = tmp.resolve("odd.h5");
        try (WritableHdfFile f = HdfFile.write(h5)) {
            WritableGroup g = f.putGroup("events");
            g.putDataset("pT_ll", new float[] {1, 2});
        }
        InputException e = assertThrows(InputException.class, () -> OmniFoldReader.read(h5));
        assertTrue(e.getMessage().startsWith("odd.h5: found 1 group (events)"), e.getMessage());
    }

    @Test
    void datasetsOfUnequalLengthAreRefused() {
        Path h5 = tmp.resolve("ragged.h5");
        try (WritableHdfFile f = HdfFile.write(h5)) {
            f.putDataset("pT_ll", new float[] {1, 2, 3});
            f.putDataset("weights_nominal", new float[] {1, 2});
        }
        InputException e = assertThrows(InputException.class, () -> OmniFoldReader.read(h5));
        assertTrue(e.getMessage().startsWith("ragged.h5: dataset '") && e.getMessage().contains(" rows, expected "),
                e.getMessage());
    }

    @Test
    void aFileWithoutNominalWeightsIsRefusedListingItsWeightColumns() throws Exception {
        Path csv = tmp.resolve("w.csv");
        Files.writeString(csv, "pT_ll,weight_central\n1,2\n");
        OmniFoldTable t = OmniFoldReader.read(csv);
        InputException e = assertThrows(InputException.class, () -> WeightScheme.detect(t));
        assertTrue(e.getMessage().contains("no 'weights_nominal'") && e.getMessage().contains("weight_central")
                && e.getMessage().contains("--mapping"), e.getMessage());
    }

    @Test
    void aParquetNullOrADoubleBeyondFloat32IsRefusedNamingFileColumnAndRow() throws Exception {
        Path nulls = tmp.resolve("nulls.parquet");
        Path huge = tmp.resolve("huge.parquet");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:");
             java.sql.Statement st = c.createStatement()) {
            st.execute("COPY (SELECT * FROM (VALUES (210.5::DOUBLE, 0.5::DOUBLE), (250.0, NULL)) t(pT_ll, weights_nominal)) TO '"
                    + nulls + "' (FORMAT parquet)");
            st.execute("COPY (SELECT * FROM (VALUES (210.5::DOUBLE, 0.5::DOUBLE), (1e300, 1.5)) t(pT_ll, weights_nominal)) TO '"
                    + huge + "' (FORMAT parquet)");
        }
        InputException n = assertThrows(InputException.class, () -> OmniFoldReader.read(nulls));
        assertEquals("nulls.parquet: column weights_nominal, row 2 of the data: NULL (a missing value) where a number is needed",
                n.getMessage());
        InputException h = assertThrows(InputException.class, () -> OmniFoldReader.read(huge));
        assertEquals("huge.parquet: column pT_ll, row 2 of the data: Infinity is not a finite number", h.getMessage());
    }

    @Test
    void nonFiniteWeightsInHdf5OrAnEmptyCsvFieldAreRefusedNamingColumnAndRow() throws Exception {
        Path h5 = tmp.resolve("nan.h5");
        try (WritableHdfFile f = HdfFile.write(h5)) {
            f.putDataset("pT_ll", new float[] {1, 2, 3});
            f.putDataset("weights_nominal", new float[] {1, Float.NaN, 1});
        }
        InputException e = assertThrows(InputException.class, () -> OmniFoldReader.read(h5));
        assertEquals("nan.h5: column weights_nominal, row 2 of the data: NaN is not a finite number", e.getMessage());
        Path csv = tmp.resolve("gap.csv");
        Files.writeString(csv, "pT_ll,weights_nominal\n210.5,0.5\n250,1\n260,\n");
        InputException g = assertThrows(InputException.class, () -> OmniFoldReader.read(csv));
        assertTrue(g.getMessage().startsWith("gap.csv: column weights_nominal, row 3 of the data: NULL"), g.getMessage());
    }
}
