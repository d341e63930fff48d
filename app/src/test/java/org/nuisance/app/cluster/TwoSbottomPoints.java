package org.nuisance.app.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.nuisance.engine.stats.hepdata.TarGz;
import org.nuisance.engine.workbench.PublishedSource;
import org.nuisance.engine.workbench.Sources;

/**
 * For the tests: the sbottom likelihood's RegionA background (../shared/data/hepdata) with a pyhf patchset of
 * the README's two reference points, opened as a published likelihood (a grid of two points, seconds to compute).
 */
public final class TwoSbottomPoints {

    /** The README's reference point (pyhf: CLs_obs 0.24443627759085326, median expected 0.38432344933992) and an excluded one. */
    public static final List<String> POINTS = List.of("sbottom_1300_205_60", "sbottom_1000_205_60");

    private TwoSbottomPoints() {
    }

    /** The ATLAS sbottom HEPData archive in ../shared beside the project. */
    public static Path archive() {
        Path d = Path.of("").toAbsolutePath();
        for (Path p = d; p != null; p = p.getParent()) {
            Path s = p.resolve("../shared").normalize();
            if (Files.exists(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("app")) && Files.isDirectory(s)) {
                return s.resolve("data/hepdata/sbottom-multib-ins1748602.tar.gz");
            }
        }
        throw new IllegalStateException("no ../shared beside the project from " + d);
    }

    /** Writes BkgOnly.json and patchset.json into {@code dir} and opens them. */
    public static PublishedSource open(Path dir) throws java.io.IOException {
        Path archive = archive();
        Map<String, byte[]> files = TarGz.read(archive, n -> n.equals("RegionA/BkgOnly.json")
                || POINTS.stream().anyMatch(p -> n.equals("RegionA/patch." + p + ".json")));
        Path bkg = Files.write(dir.resolve("BkgOnly.json"), files.get("RegionA/BkgOnly.json"));
        ObjectMapper json = new ObjectMapper();
        ObjectNode set = json.createObjectNode();
        set.putObject("metadata").put("name", "sbottom").putArray("labels").add("msb").add("mn2").add("mn1");
        ArrayNode patches = set.putArray("patches");
        for (String n : POINTS) {
            ObjectNode p = patches.addObject();
            ArrayNode values = p.putObject("metadata").put("name", n).putArray("values");
            Stream.of(n.split("_")).skip(1).forEach(v -> values.add(Double.parseDouble(v)));
            p.set("patch", json.readTree(files.get("RegionA/patch." + n + ".json")));
        }
        Path patchset = dir.resolve("patchset.json");
        json.writeValue(patchset.toFile(), set);
        return (PublishedSource) Sources.open(patchset, Sources.open(bkg, m -> { }), m -> { });
    }
}
