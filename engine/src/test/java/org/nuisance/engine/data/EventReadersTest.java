package org.nuisance.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nuisance.engine.SharedData;

/** Readers against the real files in ../shared/data and against broken ones. */
class EventReadersTest {

    @TempDir
    Path tmp;

    @Test
    void fairUniverseParquetHasTheDocumentedComposition() {
        EventTable t = EventReaders.read(SharedData.fairUniverseParquet());
        assertEquals(1000, t.rows());
        assertEquals(31, t.columnOrder().size());
        EventTable.ProcessSummary s = t.summary();
        // ../shared/data/README.md: ztautau 634 / 1.0032e6, htautau 336 / 1038.6, ttbar 26 / 40906, diboson 4 / 6269
        assertEquals(634, s.counts()[t.processIndex("ztautau")]);
        assertEquals(336, s.counts()[t.processIndex("htautau")]);
        assertEquals(26, s.counts()[t.processIndex("ttbar")]);
        assertEquals(4, s.counts()[t.processIndex("diboson")]);
        assertEquals(1.0032e6, s.sumWeights()[t.processIndex("ztautau")], 0.0001e6);
        assertEquals(1038.6, s.sumWeights()[t.processIndex("htautau")], 0.1);
        assertEquals(40906, s.sumWeights()[t.processIndex("ttbar")], 1);
        assertEquals(6269, s.sumWeights()[t.processIndex("diboson")], 1);
        // metadata's sum_weights: 1051433
        assertEquals(1051433, java.util.Arrays.stream(s.sumWeights()).sum(), 1);
    }

    @Test
    void higgsMl2014CsvIsMappedOntoThe2024Names() {
        EventTable t = EventReaders.read(SharedData.higgsMl2014Csv());
        assertEquals(22889, t.rows());
        assertTrue(t.hasColumn("PRI_had_pt") && t.hasColumn("PRI_n_jets") && t.hasColumn("DER_deltar_had_lep")
                && t.hasColumn("DER_pt_ratio_lep_had"));
        assertFalse(t.hasColumn("PRI_tau_pt"));
        assertEquals("Weight", t.weightColumn());
        EventTable.ProcessSummary s = t.summary();
        assertEquals(7817, s.counts()[t.processIndex("s")]);
        assertEquals(15072, s.counts()[t.processIndex("b")]);
        // EventId 100001 has 1 jet: its subleading jet was -999 and is now the 2024 marker -25
        assertEquals(100001f, t.column("EventId")[1]);
        assertEquals(-25f, t.column("PRI_jet_subleading_pt")[1]);
        assertEquals(42.014f, t.column("PRI_had_pt")[1]);
        for (float v : t.column("DER_mass_jet_jet")) {
            assertTrue(v != -999f);
        }
    }

    @Test
    void fairColumnsAsCsvReadLikeTheParquet() throws IOException {
        EventTable parquet = EventReaders.read(SharedData.fairUniverseParquet());
        Path csv = tmp.resolve("fair.csv");
        CsvEventWriter.write(parquet, csv);
        EventTable back = EventReaders.read(csv);
        assertEquals(parquet.columnOrder(), back.columnOrder());
        for (String c : parquet.numericColumns()) {
            assertArrayEquals(parquet.column(c), back.column(c), c);
        }
        assertEquals(parquet.processNames(), back.processNames());
        assertArrayEquals(parquet.processCodes(), back.processCodes());
    }

    @Test
    void plainHdf5WithOneDatasetPerColumn() {
        Path h5 = tmp.resolve("events.h5");
        try (WritableHdfFile f = HdfFile.write(h5)) {
            f.putDataset("PRI_had_pt", new float[] {30f, 40f, 50f});
            f.putDataset("weights", new double[] {1.5, -0.5, 0});
            f.putDataset("labels", new int[] {1, 0, 0});
        }
        assertEquals(EventReaders.Format.HDF5, EventReaders.detect(h5));
        EventTable t = EventReaders.read(h5);
        assertEquals(3, t.rows());
        assertArrayEquals(new float[] {30f, 40f, 50f}, t.column("PRI_had_pt"));
        assertArrayEquals(new float[] {1.5f, -0.5f, 0f}, t.weights());
        assertEquals(java.util.List.of("b", "s"), t.processNames());
        assertEquals(1, t.processCodes()[0]);
    }

    @Test
    void contentNotNameDecidesTheFormat() throws IOException {
        Path disguised = tmp.resolve("events.csv");
        Files.copy(SharedData.fairUniverseParquet(), disguised);
        assertEquals(EventReaders.Format.PARQUET, EventReaders.detect(disguised));
        assertEquals(1000, EventReaders.read(disguised).rows());
    }

    @Test
    void malformedRowNamesFileRowAndColumn() throws IOException {
        Path csv = tmp.resolve("bad.csv");
        Files.writeString(csv, "PRI_had_pt,weights\n30,1\n31,abc\n");
        InputException e = assertThrows(InputException.class, () -> EventReaders.read(csv));
        assertEquals("bad.csv: row 3, column weights: 'abc' is not a number", e.getMessage());
    }

    @Test
    void rowWithMissingFieldIsReported() throws IOException {
        Path csv = tmp.resolve("short.csv");
        Files.writeString(csv, "a,b,weights\n1,2,3\n4,5\n");
        InputException e = assertThrows(InputException.class, () -> EventReaders.read(csv));
        assertEquals("short.csv: row 3 has 2 fields, the header has 3", e.getMessage());
    }

    @Test
    void missingEmptyAndBinaryFilesGiveOneLineErrors() throws IOException {
        InputException missing = assertThrows(InputException.class, () -> EventReaders.read(tmp.resolve("nope.parquet")));
        assertTrue(missing.getMessage().endsWith("nope.parquet: no such file"), missing.getMessage());
        Path empty = Files.createFile(tmp.resolve("empty.csv"));
        assertTrue(assertThrows(InputException.class, () -> EventReaders.read(empty)).getMessage().contains("empty"));
        Path binary = tmp.resolve("junk.bin");
        Files.write(binary, new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8});
        assertTrue(assertThrows(InputException.class, () -> EventReaders.read(binary)).getMessage()
                .contains("not a Parquet, HDF5, ROOT or CSV"));
        Path truncated = tmp.resolve("cut.parquet");
        Files.write(truncated, java.util.Arrays.copyOf(Files.readAllBytes(SharedData.fairUniverseParquet()), 500));
        String msg = assertThrows(InputException.class, () -> EventReaders.read(truncated)).getMessage();
        assertTrue(msg.startsWith("cut.parquet: not a readable Parquet file"), msg);
        assertFalse(msg.contains("\n"));
    }

    @Test
    void negativeAndZeroWeightsAreKept() throws IOException {
        Path csv = tmp.resolve("w.csv");
        Files.writeString(csv, "x,weights,detailed_labels\n1,-2.5,ttbar\n2,0,ttbar\n3,4,ztautau\n");
        EventTable t = EventReaders.read(csv);
        assertArrayEquals(new float[] {-2.5f, 0f, 4f}, t.weights());
        assertEquals(-2.5, t.summary().sumWeights()[t.processIndex("ttbar")]);
    }
}
