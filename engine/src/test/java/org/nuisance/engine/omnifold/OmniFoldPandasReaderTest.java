package org.nuisance.engine.omnifold;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.api.Group;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nuisance.engine.data.InputException;

/**
 * Reads DataFrames written by pandas 1.5.3 / PyTables 3.7.0 (Debian bookworm) in each layout; the
 * fixtures and their closed-form contents are described in
 * src/test/resources/omnifold/make_pandas_fixtures.py (cell values are functions of the row index i).
 */
class OmniFoldPandasReaderTest {

    static final Path DIR = Path.of("src/test/resources/omnifold");
    static final int N = 40;
    static final List<String> COLUMNS = List.of("pT_ll", "y_ll", "Ntracks_trackj1", "weight_mc", "weights_nominal",
            "weights_ensemble_0", "weights_ensemble_1", "weights_ensemble_2", "weights_bootstrap_mc_0",
            "weights_bootstrap_data_0", "weights_bootstrap_mc_1", "weights_bootstrap_data_1", "weights_dd", "target_dd",
            "weights_muEffReco", "weights_theoryQCD");

    @ParameterizedTest
    @ValueSource(strings = {"pandas_fixed.h5", "pandas_fixed_zlib.h5", "pandas_table.h5", "pandas_table_datacolumns.h5"})
    void everyPandasLayoutGivesTheDataFrameColumnsInOrderWithTheirValues(String fixture) {
        OmniFoldTable t = OmniFoldReader.read(DIR.resolve(fixture));
        assertEquals(N, t.rows());
        assertEquals(COLUMNS, t.columnNames(), "pandas column order (axis0 / non_index_axes)");
        for (int i = 0; i < N; i++) {
            assertEquals(200f + i, t.column("pT_ll")[i], 0f);
            assertEquals((float) (0.01 * i), t.column("y_ll")[i], 0f);
            assertEquals(i % 7, t.column("Ntracks_trackj1")[i], 0f);
            assertEquals((float) (1 + 0.001 * i), t.column("weights_nominal")[i], 0f);
            assertEquals((float) (1 + 0.001 * i + 0.02), t.column("weights_ensemble_2")[i], 0f);
            assertEquals((i + 1) % 3, t.column("weights_bootstrap_data_1")[i], 0f);
            assertEquals(1.1f, t.column("weights_dd")[i], 0f);
            assertEquals(0.97f, t.column("weights_theoryQCD")[i], 0f);
        }
        // sum of 1 + 0.001 i over i < 40 = 40 + 0.78
        assertEquals(40.78, t.sum("weights_nominal"), 1e-5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"pandas_fixed.h5", "pandas_fixed_zlib.h5"})
    void fixedBlocksReadInRowSlicesEqualAWholeRead(String fixture) {
        // 7 values per slice: 1-row slices of the 5- and 10-item blocks, 7-row slices of the 1-item block
        try (HdfFile hdf = new HdfFile(DIR.resolve(fixture))) {
            OmniFoldTable sliced = PandasHdf5Reader.read((Group) hdf.getChild("df"), fixture, 7);
            OmniFoldTable whole = OmniFoldReader.read(DIR.resolve(fixture));
            for (String c : COLUMNS) {
                assertArrayEquals(whole.column(c), sliced.column(c), 0f, c);
            }
            assertEquals(211f, sliced.column("pT_ll")[11], 0f);
        }
    }

    @Test
    void namesInTheFixtureAreSortedIntoTheReleaseFamilies() {
        OmniFoldTable t = OmniFoldReader.read(DIR.resolve("pandas_table.h5"));
        WeightScheme s = WeightScheme.detect(t);
        assertEquals("weights_nominal", s.nominal());
        assertEquals("weight_mc", s.prior().orElseThrow());
        assertEquals(List.of("pT_ll", "y_ll", "Ntracks_trackj1"), s.observables());
        assertEquals(List.of("weights_bootstrap_data_0", "weights_bootstrap_data_1"),
                s.family(WeightScheme.DATA_STAT).orElseThrow().columns());
        assertEquals(Combination.MEDIAN_STANDARD_ERROR, s.family(WeightScheme.ENSEMBLE).orElseThrow().combination());
        assertEquals(List.of("weights_muEffReco"), s.family("muon_efficiency_pileup").orElseThrow().columns());
        assertEquals(List.of("weights_theoryQCD"), s.family("theory").orElseThrow().columns());
        assertEquals(List.of("weights_dd", "target_dd"), s.family(WeightScheme.DATA_DRIVEN).orElseThrow().columns());
    }

    @Test
    void aPandasSeriesIsRefusedNamingWhatWasFound() {
        InputException e = assertThrows(InputException.class,
                () -> OmniFoldReader.read(DIR.resolve("pandas_series.h5")));
        assertTrue(e.getMessage().contains("pandas_series.h5") && e.getMessage().contains("series")
                && e.getMessage().contains("DataFrame"), e.getMessage());
    }

    @Test
    void bloscCompressionIsRefusedWithAWayOut() {
        InputException e = assertThrows(InputException.class,
                () -> OmniFoldReader.read(DIR.resolve("pandas_fixed_blosc.h5")));
        assertTrue(e.getMessage().startsWith("pandas_fixed_blosc.h5: compressed with a filter this reader lacks")
                && e.getMessage().contains("blosc") && e.getMessage().contains("complib='zlib'"), e.getMessage());
    }

    @Test
    void anUnknownKeyListsThePandasKeysPresent() {
        InputException e = assertThrows(InputException.class,
                () -> OmniFoldReader.read(DIR.resolve("pandas_fixed.h5"), "events"));
        assertTrue(e.getMessage().contains("'events'") && e.getMessage().contains("df"), e.getMessage());
    }

    @Test
    void protocolZeroPicklesOfPandasAttributesDecode() {
        // values_block_2_kind and non_index_axes exactly as PyTables stored them in pandas_table.h5
        assertEquals(List.of("Ntracks_trackj1"), PickleProtocol0.stringList("(lp0\nVNtracks_trackj1\np1\na."));
        Object axes = PickleProtocol0.parse("(lp0\n(I1\n(lp1\nVpT_ll\np2\naVy_ll\np3\natp4\na.");
        assertEquals(List.of(List.of(1L, List.of("pT_ll", "y_ll"))), axes);
        assertEquals(List.of("caf\u00e9"), PickleProtocol0.stringList("(lp0\nVcaf\\u00e9\np1\na."));
        assertThrows(IllegalArgumentException.class, () -> PickleProtocol0.parse("\u0080\u0002]q\u0000."));
    }
}
