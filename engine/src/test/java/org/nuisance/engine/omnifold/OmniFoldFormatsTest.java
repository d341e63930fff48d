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
}
