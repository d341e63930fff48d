package org.nuisance.engine.root;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.nuisance.engine.SharedData;

/**
 * The histograms of the HistFactory XML models (../shared/reference/histfactory-xml, from pyhf's
 * validation folder) read through this reader, as the XML importer does. References: pyhf's
 * tests/test_import.py as quoted in that folder's README (data [122, 112], errors sqrt(sumw2) as float32
 * [11.045360565185547, 10.58300495147705]) and multichannel_data.json (the source numbers of the model).
 */
class HistFactoryInputsTest {

    private static Path dir() {
        return SharedData.root().resolve("reference/histfactory-xml");
    }

    @Test
    void everyHistogramOfEveryModelFileReads() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir())) {
            files = s.filter(p -> p.toString().endsWith(".root")).sorted().toList();
        }
        assertFalse(files.isEmpty());
        int n = 0;
        for (Path p : files) {
            try (RootFile f = RootFile.open(p)) {
                for (RootKey k : f.allKeys()) {
                    if (k.isDirectory()) {
                        continue; // xmlimport_input4 keeps its histograms in directories (HistoPath)
                    }
                    RootHistogram h = f.histogram(k.path() + ";" + k.cycle());
                    assertEquals(h.dimension() == 2 ? (h.xAxis().nbins() + 2) * (h.yAxis().nbins() + 2)
                            : h.xAxis().nbins() + 2, h.contents().length, p + " " + k.path());
                    n++;
                }
            }
        }
        assertEquals(true, n > 50);
    }

    @Test
    void exampleDataHistogramAsPyhfImportsIt() {
        try (RootFile f = RootFile.open(dir().resolve("xmlimport_input/data/example.root"))) {
            RootHistogram h = f.histogram("data");
            double[] inner = Arrays.copyOfRange(h.contents(), 1, 3);
            assertArrayEquals(new double[] {122.0, 112.0}, inner, 0.0);
            double[] err = Arrays.copyOfRange(h.errors(), 1, 3);
            // pyhf's numbers are float32 square roots; ours are double: agree to float32 precision
            assertArrayEquals(new double[] {11.045360565185547, 10.58300495147705}, err, 1e-6);
        }
    }

    @Test
    void multichannelHistogramsEqualTheModelsSourceNumbers() throws IOException {
        JsonNode src = new ObjectMapper().readTree(dir().resolve("multichannel_histfactory/multichannel_data.json")
                .toFile()).get("channels");
        try (RootFile f = RootFile.open(dir().resolve("multichannel_histfactory/data/data.root"))) {
            for (String ch : List.of("signal", "control")) {
                for (String what : List.of("data", "bkg")) {
                    double[] c = f.histogram(ch + "_" + what).contents();
                    JsonNode e = src.get(ch).get("bindata").get(what);
                    assertArrayEquals(new double[] {e.get(0).asDouble(), e.get(1).asDouble()},
                            Arrays.copyOfRange(c, 1, 3), 0.0, ch + " " + what);
                }
            }
            double[] sig = f.histogram("signal_signal").contents();
            JsonNode e = src.get("signal").get("bindata").get("sig");
            assertArrayEquals(new double[] {e.get(0).asDouble(), e.get(1).asDouble()}, Arrays.copyOfRange(sig, 1, 3), 0.0);
            RootHistogram.Axis x = f.histogram("signal_data").xAxis();
            JsonNode b = src.get("signal").get("binning");
            assertEquals(b.get(0).asInt(), x.nbins());
            assertEquals(b.get(1).asDouble(), x.xmin(), 0.0);
            assertEquals(b.get(2).asDouble(), x.xmax(), 0.0);
        }
    }
}
