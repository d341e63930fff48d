package org.nuisance.engine.stats.xml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.nuisance.engine.data.InputException;
import org.nuisance.engine.stats.histfactory.Workspace;
import org.nuisance.engine.stats.histfactory.Workspace.Channel;
import org.nuisance.engine.stats.histfactory.Workspace.Measurement;
import org.nuisance.engine.stats.histfactory.Workspace.ModifierSpec;
import org.nuisance.engine.stats.histfactory.Workspace.Observation;
import org.nuisance.engine.stats.histfactory.Workspace.ParameterConfig;
import org.nuisance.engine.stats.histfactory.Workspace.Sample;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Imports a HistFactory XML model (ROOT's {@code hist2workspace} input: a Combination file naming channel
 * files and Measurements; the DTD {@code HistFactorySchema.dtd}) as a pyhf workspace, as {@code pyhf
 * xml2json} does: per sample a {@code lumi} modifier first where NormalizeByTheory="True", then in XML order
 * NormFactor (normfactor, with its Val/Low/High/Const as parameter settings), OverallSys (normsys),
 * HistoSys (histosys), StatError (staterror_CHANNEL, the sample's histogram errors or the relative
 * HistoName histogram times the nominal; Activate="False" contributes nothing), ShapeSys (shapesys, the
 * relative uncertainty histogram made absolute) and ShapeFactor (shapefactor). Measurements give lumi
 * (auxdata Lumi, sigma Lumi x LumiRelErr, bounds +-5 sigma), the POI and ParamSetting (Const, Val; Lumi
 * is lumi, alpha_X is X). As pyhf, StatErrorConfig and ConstraintTerm are read but not used (staterror
 * is Gaussian; normsys constraints are unit Gaussians), and histogram paths are relative to the base
 * directory. Errors name the XML file and the element.
 */
public final class HistFactoryXml {

    private final Path baseDir;
    private final HistogramSource histograms;

    public HistFactoryXml(Path baseDir, HistogramSource histograms) {
        this.baseDir = baseDir;
        this.histograms = histograms;
    }

    /** Imports the model with ROOT files read from baseDir. */
    public static Workspace importFile(Path config, Path baseDir) {
        try (RootHistogramSource src = new RootHistogramSource(baseDir)) {
            return new HistFactoryXml(baseDir, src).read(config);
        }
    }

    /** The workspace of the Combination file config. */
    public Workspace read(Path config) {
        Element top = parse(config).getDocumentElement();
        if (!top.getTagName().equals("Combination")) {
            throw new InputException(config + ": expected a <Combination> element, got <" + top.getTagName() + ">");
        }
        List<Channel> channels = new ArrayList<>();
        List<Observation> observations = new ArrayList<>();
        Map<String, ParameterConfig> configs = new LinkedHashMap<>();
        for (Element input : children(top, "Input")) {
            String rel = input.getTextContent().trim();
            if (rel.isEmpty()) {
                continue;
            }
            Path file = baseDir.resolve(rel).normalize();
            if (!Files.isRegularFile(file)) {
                throw new InputException(config + ": <Input>" + rel + "</Input>: no such file " + file);
            }
            channel(file, channels, observations, configs);
        }
        if (channels.isEmpty()) {
            throw new InputException(config + ": no <Input> channel files");
        }
        List<Measurement> measurements = new ArrayList<>();
        for (Element m : children(top, "Measurement")) {
            measurements.add(measurement(config, m, configs));
        }
        if (measurements.isEmpty()) {
            throw new InputException(config + ": no <Measurement>");
        }
        return new Workspace(channels, observations, measurements, Workspace.SCHEMA_VERSION);
    }

    private void channel(Path file, List<Channel> channels, List<Observation> observations,
                         Map<String, ParameterConfig> configs) {
        Element ch = parse(file).getDocumentElement();
        if (!ch.getTagName().equals("Channel")) {
            throw new InputException(file + ": expected a <Channel> element, got <" + ch.getTagName() + ">");
        }
        String name = required(file, ch, "Name");
        String inputFile = ch.getAttribute("InputFile");
        String histoPath = ch.getAttribute("HistoPath");
        List<Element> data = children(ch, "Data");
        if (data.isEmpty()) {
            throw new InputException(file + ": channel '" + name + "' has no <Data> (pyhf cannot import it either)");
        }
        Element d = data.get(0);
        double[] observed = histogram(file, "<Data>", attr(d, "InputFile", inputFile), attr(d, "HistoPath", histoPath),
                required(file, d, "HistoName")).contents();
        List<Sample> samples = new ArrayList<>();
        for (Element s : children(ch, "Sample")) {
            samples.add(sample(file, name, s, inputFile, histoPath, configs));
        }
        channels.add(new Channel(name, samples));
        observations.add(new Observation(name, observed));
    }

    private Sample sample(Path file, String channel, Element s, String inputFile, String histoPath,
                          Map<String, ParameterConfig> configs) {
        String name = required(file, s, "Name");
        String where = "<Sample Name=\"" + name + "\">";
        String in = attr(s, "InputFile", inputFile);
        String path = attr(s, "HistoPath", histoPath);
        HistogramSource.Histogram nominal = histogram(file, where, in, path, required(file, s, "HistoName"));
        double[] data = nominal.contents();
        List<ModifierSpec> mods = new ArrayList<>();
        if ("True".equals(s.getAttribute("NormalizeByTheory"))) {
            mods.add(ModifierSpec.lumi("lumi"));
        }
        for (Element m : children(s, null)) {
            String w = where + " <" + m.getTagName() + ">";
            switch (m.getTagName()) {
                case "OverallSys" -> mods.add(ModifierSpec.normsys(required(file, m, "Name"),
                        number(file, w, m, "High"), number(file, w, m, "Low")));
                case "NormFactor" -> {
                    String pn = required(file, m, "Name");
                    mods.add(ModifierSpec.normfactor(pn));
                    Boolean fixed = m.hasAttribute("Const") ? "True".equals(m.getAttribute("Const")) : null;
                    ParameterConfig pc = new ParameterConfig(pn, new double[] {number(file, w, m, "Val")},
                            new double[][] {{number(file, w, m, "Low"), number(file, w, m, "High")}}, fixed, null, null);
                    ParameterConfig old = configs.putIfAbsent(pn, pc);
                    if (old != null && !same(old, pc)) {
                        throw new InputException(file + ": " + w + ": NormFactor '" + pn
                                + "' has settings other than where it appeared before");
                    }
                }
                case "HistoSys" -> {
                    double[] lo = histogram(file, w, attr(m, "HistoFileLow", in), m.getAttribute("HistoPathLow"),
                            required(file, m, "HistoNameLow")).contents();
                    double[] hi = histogram(file, w, attr(m, "HistoFileHigh", in), m.getAttribute("HistoPathHigh"),
                            required(file, m, "HistoNameHigh")).contents();
                    mods.add(ModifierSpec.histosys(required(file, m, "Name"), hi, lo));
                }
                case "StatError" -> {
                    if (!"True".equals(m.getAttribute("Activate"))) {
                        continue;
                    }
                    double[] err;
                    if (m.getAttribute("HistoName").isEmpty()) {
                        err = nominal.errors();
                    } else {
                        double[] rel = histogram(file, w, attr(m, "HistoFile", in), m.getAttribute("HistoPath"),
                                m.getAttribute("HistoName")).contents();
                        err = new double[data.length];
                        for (int b = 0; b < err.length; b++) {
                            err[b] = rel[b] * data[b];
                        }
                    }
                    mods.add(ModifierSpec.staterror("staterror_" + channel, err));
                }
                case "ShapeSys" -> {
                    double[] rel = histogram(file, w, attr(m, "InputFile", in), m.getAttribute("HistoPath"),
                            required(file, m, "HistoName")).contents();
                    double[] abs = new double[data.length];
                    for (int b = 0; b < abs.length; b++) {
                        abs[b] = rel[b] * data[b]; // relative in the XML, absolute in pyhf's JSON
                    }
                    mods.add(ModifierSpec.shapesys(required(file, m, "Name"), abs));
                }
                case "ShapeFactor" -> mods.add(ModifierSpec.shapefactor(required(file, m, "Name")));
                default -> {
                    // other elements (e.g. comments turned elements) carry no modifier, as in pyhf
                }
            }
        }
        return new Sample(name, data, mods);
    }

    private static boolean same(ParameterConfig a, ParameterConfig b) {
        return java.util.Arrays.equals(a.inits(), b.inits()) && java.util.Arrays.deepEquals(a.bounds(), b.bounds())
                && Objects.equals(a.fixed(), b.fixed());
    }

    private Measurement measurement(Path config, Element m, Map<String, ParameterConfig> channelConfigs) {
        String name = required(config, m, "Name");
        String w = "<Measurement Name=\"" + name + "\">";
        double lumi = number(config, w, m, "Lumi");
        double lumiErr = lumi * number(config, w, m, "LumiRelErr");
        List<Element> pois = children(m, "POI");
        if (pois.isEmpty() || pois.get(0).getTextContent().trim().isEmpty()) {
            throw new InputException(config + ": " + w + ": no <POI>");
        }
        String poi = pois.get(0).getTextContent().trim();
        ParameterConfig lumiConfig = new ParameterConfig("lumi", new double[] {lumi},
                new double[][] {{lumi - 5 * lumiErr, lumi + 5 * lumiErr}}, null, new double[] {lumi},
                new double[] {lumiErr});
        Map<String, ParameterConfig> map = new LinkedHashMap<>(channelConfigs);
        for (Element ps : children(m, "ParamSetting")) {
            Boolean fixed = ps.hasAttribute("Const") && !ps.getAttribute("Const").isEmpty()
                    ? "True".equals(ps.getAttribute("Const")) : null;
            double[] inits = ps.hasAttribute("Val") && !ps.getAttribute("Val").isEmpty()
                    ? new double[] {number(config, w + " <ParamSetting>", ps, "Val")} : null;
            for (String raw : ps.getTextContent().trim().split("\\s+")) {
                if (raw.isEmpty()) {
                    continue;
                }
                String pn = parameterName(config, w, raw);
                if (pn.equals("lumi")) {
                    lumiConfig = update(lumiConfig, fixed, inits);
                } else {
                    ParameterConfig old = map.remove(pn);
                    map.put(pn, update(old != null ? old : new ParameterConfig(pn, null, null, null, null, null),
                            fixed, inits));
                }
            }
        }
        List<ParameterConfig> params = new ArrayList<>();
        params.add(lumiConfig);
        params.addAll(map.values());
        return new Measurement(name, poi, params);
    }

    private static ParameterConfig update(ParameterConfig p, Boolean fixed, double[] inits) {
        return new ParameterConfig(p.name(), inits != null ? inits : p.inits(), p.bounds(),
                fixed != null ? fixed : p.fixed(), p.auxdata(), p.sigmas());
    }

    /** ROOT's parameter names in ParamSetting: Lumi is lumi, alpha_X is X; gammas cannot be set constant. */
    private static String parameterName(Path config, String where, String raw) {
        if (raw.equals("Lumi")) {
            return "lumi";
        }
        if (raw.startsWith("alpha_")) {
            return raw.substring(6);
        }
        if (raw.startsWith("gamma_")) {
            throw new InputException(config + ": " + where + " <ParamSetting>" + raw
                    + ": setting per-bin gammas constant is not supported (as in pyhf)");
        }
        return raw;
    }

    private HistogramSource.Histogram histogram(Path xml, String where, String file, String path, String name) {
        if (file == null || file.isEmpty()) {
            throw new InputException(xml + ": " + where + ": no InputFile for histogram '" + name + "'");
        }
        try {
            return histograms.read(file, path, name);
        } catch (InputException e) {
            throw new InputException(xml + ": " + where + ": " + e.getMessage(), e);
        }
    }

    private static String attr(Element e, String name, String fallback) {
        return e.hasAttribute(name) ? e.getAttribute(name) : fallback;
    }

    private static String required(Path file, Element e, String attr) {
        if (!e.hasAttribute(attr)) {
            throw new InputException(file + ": <" + e.getTagName() + ">: missing attribute " + attr);
        }
        return e.getAttribute(attr);
    }

    private static double number(Path file, String where, Element e, String attr) {
        String v = required(file, e, attr);
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException ex) {
            throw new InputException(file + ": " + where + ": attribute " + attr + "=\"" + v + "\" is not a number");
        }
    }

    /** Element children with the tag (all when tag is null), in document order. */
    private static List<Element> children(Element parent, String tag) {
        List<Element> out = new ArrayList<>();
        NodeList nl = parent.getChildNodes();
        for (int i = 0; i < nl.getLength(); i++) {
            Node n = nl.item(i);
            if (n instanceof Element e && (tag == null || e.getTagName().equals(tag))) {
                out.add(e);
            }
        }
        return out;
    }

    private static Document parse(Path file) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setValidating(false);
            f.setNamespaceAware(false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            return b.parse(file.toFile());
        } catch (SAXException e) {
            throw new InputException(file + ": not well-formed XML (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new InputException(file + ": cannot read (" + e.getMessage() + ")", e);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }
}
