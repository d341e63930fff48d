package org.nuisance.engine.stats.histfactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.nuisance.engine.data.InputException;

/**
 * A HistFactory workspace in pyhf's JSON schema 1.0.0: channels of samples with modifiers, observed
 * counts per channel, and measurements naming the parameter of interest and parameter settings.
 * {@link #read} validates as it parses and names the JSON path of the first problem, e.g.
 * {@code channels[0].samples[2].modifiers[1].data.hi_data: expected 3 values, got 2}.
 */
public record Workspace(List<Channel> channels, List<Observation> observations, List<Measurement> measurements,
                        String version) {

    public static final String SCHEMA_VERSION = "1.0.0";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public Workspace {
        channels = List.copyOf(channels);
        observations = List.copyOf(observations);
        measurements = List.copyOf(measurements);
    }

    /** A region of the analysis: samples over the same bins. */
    public record Channel(String name, List<Sample> samples) {
        public Channel {
            samples = List.copyOf(samples);
        }

        public int bins() {
            return samples.get(0).data().length;
        }
    }

    /** One process's nominal expected counts and the modifiers acting on them. */
    public record Sample(String name, double[] data, List<ModifierSpec> modifiers) {
        public Sample {
            modifiers = List.copyOf(modifiers);
        }
    }

    /**
     * A modifier as written in the JSON: its type, the name of its parameter (set) and the type's data.
     * One record per type, each in the class that owns everything else about the type (its parameter
     * set, constraint and effect on the counts): {@link NormFactor.Spec}, {@link NormSys.Spec},
     * {@link HistoSys.Spec}, {@link ShapeSys.Spec}, {@link StatError.Spec}, {@link ShapeFactor.Spec},
     * {@link Lumi.Spec}.
     */
    public sealed interface ModifierSpec permits DatalessSpec, NormSys.Spec, HistoSys.Spec, UncertaintySpec {

        /** The name of the modifier's parameter (set). */
        String name();

        /** The type as the JSON writes it ("normsys", ...). */
        String type();

        /** Writes the type's {@code data} field into the modifier's JSON object. */
        void writeData(ObjectNode modifier);

        /**
         * Checks what the schema cannot (normsys factors > 0) for a model built from this modifier at path;
         * nothing by default.
         */
        default void validate(String path) {
        }

        /**
         * Model compilation (internal): the parameter set this modifier's name stands for, started by its
         * first use (at path, on sample, in a channel of bins bins).
         */
        ParameterSet parameterSet(Sample sample, int bins, String path);

        /** Model compilation (internal): this modifier's effect on sample's counts, bound to its set's parameters. */
        Modifier bind(ParameterSet set, Sample sample, java.util.List<org.nuisance.engine.stats.Parameter> params,
                      Interpolation interp);

        static ModifierSpec normfactor(String name) {
            return new NormFactor.Spec(name);
        }

        static ModifierSpec shapefactor(String name) {
            return new ShapeFactor.Spec(name);
        }

        static ModifierSpec lumi(String name) {
            return new Lumi.Spec(name);
        }

        static ModifierSpec normsys(String name, double hi, double lo) {
            return new NormSys.Spec(name, hi, lo);
        }

        static ModifierSpec histosys(String name, double[] hiData, double[] loData) {
            return new HistoSys.Spec(name, hiData.clone(), loData.clone());
        }

        static ModifierSpec shapesys(String name, double[] sigmas) {
            return new ShapeSys.Spec(name, sigmas.clone());
        }

        static ModifierSpec staterror(String name, double[] sigmas) {
            return new StatError.Spec(name, sigmas.clone());
        }
    }

    /** The types without data (normfactor, shapefactor, lumi): their JSON data field is null. */
    public sealed interface DatalessSpec extends ModifierSpec permits NormFactor.Spec, ShapeFactor.Spec, Lumi.Spec {
        @Override
        default void writeData(ObjectNode modifier) {
            modifier.putNull("data");
        }
    }

    /** The per-bin uncertainty types (shapesys, staterror): absolute uncertainties per bin as their data. */
    public sealed interface UncertaintySpec extends ModifierSpec permits ShapeSys.Spec, StatError.Spec {
        /** The absolute uncertainty of each bin. */
        double[] sigmas();

        @Override
        default void writeData(ObjectNode modifier) {
            putArray(modifier, "data", sigmas());
        }
    }

    /** Reads one type's data field (at path dp; the channel has bins bins) into its spec. */
    @FunctionalInterface
    interface SpecReader {
        ModifierSpec read(String name, JsonNode data, String dp, int bins);
    }

    /** The modifier types by their JSON name, each with its spec's reader. */
    private static final java.util.Map<String, SpecReader> READERS = java.util.Map.of(
            NormFactor.TYPE, (name, data, dp, bins) -> new NormFactor.Spec(readName(name, data, dp, NormFactor.TYPE)),
            ShapeFactor.TYPE, (name, data, dp, bins) -> new ShapeFactor.Spec(readName(name, data, dp, ShapeFactor.TYPE)),
            Lumi.TYPE, (name, data, dp, bins) -> new Lumi.Spec(readName(name, data, dp, Lumi.TYPE)),
            NormSys.TYPE, NormSys.Spec::read,
            HistoSys.TYPE, HistoSys.Spec::read,
            ShapeSys.TYPE, (name, data, dp, bins) -> new ShapeSys.Spec(name, uncertainties(data, dp, bins)),
            StatError.TYPE, (name, data, dp, bins) -> new StatError.Spec(name, uncertainties(data, dp, bins)));

    /** The name of a modifier type without data, after checking its data field is null. */
    private static String readName(String name, JsonNode data, String dp, String type) {
        if (data != null && !data.isNull()) {
            throw err(dp, "expected null for a " + type + " modifier");
        }
        return name;
    }

    /** Absolute per-bin uncertainties (shapesys, staterror): bins numbers >= 0. */
    static double[] uncertainties(JsonNode data, String dp, int bins) {
        double[] v = numbers(data, dp);
        expectLength(v, bins, dp);
        for (int b = 0; b < v.length; b++) {
            if (v[b] < 0) {
                throw err(dp + "[" + b + "]", "expected an uncertainty >= 0, got " + v[b]);
            }
        }
        return v;
    }

    public record Observation(String name, double[] data) {
    }

    /** A measurement: its name, the parameter of interest and per-parameter settings. */
    public record Measurement(String name, String poi, List<ParameterConfig> parameters) {
        public Measurement {
            parameters = List.copyOf(parameters);
        }

        public ParameterConfig parameter(String name) {
            for (ParameterConfig p : parameters) {
                if (p.name().equals(name)) {
                    return p;
                }
            }
            return null;
        }
    }

    /** Settings of one parameter (set); null fields mean "the modifier's default". */
    public record ParameterConfig(String name, double[] inits, double[][] bounds, Boolean fixed, double[] auxdata,
                                  double[] sigmas) {
    }

    public static final Set<String> MODIFIER_TYPES = READERS.keySet();

    public Channel channel(String name) {
        for (Channel c : channels) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }

    public Observation observation(String name) {
        for (Observation o : observations) {
            if (o.name().equals(name)) {
                return o;
            }
        }
        return null;
    }

    /** The named measurement, or the first one if name is null. */
    public Measurement measurement(String name) {
        if (name == null) {
            return measurements.get(0);
        }
        for (Measurement m : measurements) {
            if (m.name().equals(name)) {
                return m;
            }
        }
        throw new InputException("no measurement '" + name + "'; the workspace has "
                + measurements.stream().map(Measurement::name).toList());
    }

    // ---------------------------------------------------------------- reading

    public static Workspace read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new InputException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        try {
            return parse(text);
        } catch (InputException e) {
            throw new InputException(file + ": " + e.getMessage(), e);
        }
    }

    public static Workspace parse(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InputException("not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() != null ? " at line " + e.getLocation().getLineNr() : ""));
        }
        return fromJson(root);
    }

    public static Workspace fromJson(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw err("", "expected a JSON object");
        }
        String version = root.has("version") ? text(root.get("version"), "version") : SCHEMA_VERSION;
        if (!SCHEMA_VERSION.equals(version)) {
            throw err("version", "expected \"" + SCHEMA_VERSION + "\", got \"" + version + "\"");
        }
        JsonNode chNodes = array(root, "channels", "");
        List<Channel> channels = new ArrayList<>();
        Set<String> chNames = new HashSet<>();
        for (int c = 0; c < chNodes.size(); c++) {
            String path = "channels[" + c + "]";
            Channel ch = channel(chNodes.get(c), path);
            if (!chNames.add(ch.name())) {
                throw err(path + ".name", "duplicate channel name '" + ch.name() + "'");
            }
            channels.add(ch);
        }
        if (channels.isEmpty()) {
            throw err("channels", "expected at least 1 channel");
        }
        JsonNode obsNodes = array(root, "observations", "");
        List<Observation> observations = new ArrayList<>();
        for (int o = 0; o < obsNodes.size(); o++) {
            String path = "observations[" + o + "]";
            JsonNode n = object(obsNodes.get(o), path);
            String name = text(required(n, "name", path), path + ".name");
            double[] data = numbers(required(n, "data", path), path + ".data");
            int ci = indexOfChannel(channels, name);
            if (ci < 0) {
                // as pyhf: only the channels' observations are used; HEPData signal patches remove
                // validation channels and leave their observations behind
                continue;
            }
            expectLength(data, channels.get(ci).bins(), path + ".data");
            for (int b = 0; b < data.length; b++) {
                if (data[b] < 0) {
                    throw err(path + ".data[" + b + "]", "expected a count >= 0, got " + data[b]);
                }
            }
            observations.add(new Observation(name, data));
        }
        for (Channel ch : channels) {
            if (observations.stream().noneMatch(o -> o.name().equals(ch.name()))) {
                throw err("observations", "no observation for channel '" + ch.name() + "'");
            }
        }
        JsonNode mNodes = array(root, "measurements", "");
        List<Measurement> measurements = new ArrayList<>();
        for (int m = 0; m < mNodes.size(); m++) {
            measurements.add(measurement(mNodes.get(m), "measurements[" + m + "]"));
        }
        if (measurements.isEmpty()) {
            throw err("measurements", "expected at least 1 measurement");
        }
        return new Workspace(channels, observations, measurements, version);
    }

    private static int indexOfChannel(List<Channel> channels, String name) {
        for (int i = 0; i < channels.size(); i++) {
            if (channels.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static Channel channel(JsonNode node, String path) {
        JsonNode n = object(node, path);
        String name = text(required(n, "name", path), path + ".name");
        JsonNode sNodes = array(n, "samples", path);
        if (sNodes.size() == 0) {
            throw err(path + ".samples", "expected at least 1 sample");
        }
        List<Sample> samples = new ArrayList<>();
        int bins = -1;
        for (int s = 0; s < sNodes.size(); s++) {
            String sp = path + ".samples[" + s + "]";
            JsonNode sn = object(sNodes.get(s), sp);
            String sName = text(required(sn, "name", sp), sp + ".name");
            for (Sample prior : samples) {
                if (prior.name().equals(sName)) {
                    throw err(sp + ".name", "duplicate sample name '" + sName + "' in channel '" + name + "'");
                }
            }
            double[] data = numbers(required(sn, "data", sp), sp + ".data");
            if (bins < 0) {
                bins = data.length;
                if (bins == 0) {
                    throw err(sp + ".data", "expected at least 1 bin");
                }
            } else {
                expectLength(data, bins, sp + ".data");
            }
            JsonNode mNodes = array(sn, "modifiers", sp);
            List<ModifierSpec> mods = new ArrayList<>();
            for (int m = 0; m < mNodes.size(); m++) {
                ModifierSpec mod = modifier(mNodes.get(m), sp + ".modifiers[" + m + "]", bins);
                for (ModifierSpec prior : mods) {
                    if (prior.name().equals(mod.name()) && prior.type().equals(mod.type())) {
                        throw err(sp + ".modifiers[" + m + "]", "duplicate " + mod.type() + " modifier '" + mod.name()
                                + "' on sample '" + sName + "'");
                    }
                }
                mods.add(mod);
            }
            samples.add(new Sample(sName, data, mods));
        }
        return new Channel(name, samples);
    }

    private static ModifierSpec modifier(JsonNode node, String path, int bins) {
        JsonNode n = object(node, path);
        String name = text(required(n, "name", path), path + ".name");
        String type = text(required(n, "type", path), path + ".type");
        if (!MODIFIER_TYPES.contains(type)) {
            throw err(path + ".type", "unknown modifier type '" + type + "'; expected one of "
                    + "normfactor, normsys, histosys, shapesys, staterror, lumi, shapefactor");
        }
        return READERS.get(type).read(name, n.get("data"), path + ".data", bins);
    }

    private static Measurement measurement(JsonNode node, String path) {
        JsonNode n = object(node, path);
        String name = text(required(n, "name", path), path + ".name");
        String cp = path + ".config";
        JsonNode config = object(required(n, "config", path), cp);
        String poi = text(required(config, "poi", cp), cp + ".poi");
        JsonNode pNodes = array(config, "parameters", cp);
        List<ParameterConfig> params = new ArrayList<>();
        for (int p = 0; p < pNodes.size(); p++) {
            String pp = cp + ".parameters[" + p + "]";
            JsonNode pn = object(pNodes.get(p), pp);
            String pName = text(required(pn, "name", pp), pp + ".name");
            double[] inits = pn.has("inits") ? numbers(pn.get("inits"), pp + ".inits") : null;
            double[][] bounds = null;
            if (pn.has("bounds")) {
                JsonNode bn = pn.get("bounds");
                if (!bn.isArray()) {
                    throw err(pp + ".bounds", "expected an array of [lo, hi] pairs");
                }
                bounds = new double[bn.size()][];
                for (int i = 0; i < bn.size(); i++) {
                    String bp = pp + ".bounds[" + i + "]";
                    double[] pair = numbers(bn.get(i), bp);
                    expectLength(pair, 2, bp);
                    if (!(pair[0] <= pair[1])) {
                        throw err(bp, "expected lo <= hi, got [" + pair[0] + ", " + pair[1] + "]");
                    }
                    bounds[i] = pair;
                }
            }
            Boolean fixed = null;
            if (pn.has("fixed")) {
                if (!pn.get("fixed").isBoolean()) {
                    throw err(pp + ".fixed", "expected true or false");
                }
                fixed = pn.get("fixed").booleanValue();
            }
            double[] aux = pn.has("auxdata") ? numbers(pn.get("auxdata"), pp + ".auxdata") : null;
            double[] sigmas = pn.has("sigmas") ? numbers(pn.get("sigmas"), pp + ".sigmas") : null;
            if (sigmas != null) {
                for (int i = 0; i < sigmas.length; i++) {
                    if (!(sigmas[i] > 0)) {
                        throw err(pp + ".sigmas[" + i + "]", "expected a width > 0, got " + sigmas[i]);
                    }
                }
            }
            params.add(new ParameterConfig(pName, inits, bounds, fixed, aux, sigmas));
        }
        return new Measurement(name, poi, params);
    }

    // ---------------------------------------------------------------- writing

    public ObjectNode toJson() {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode chs = root.putArray("channels");
        for (Channel ch : channels) {
            ObjectNode cn = chs.addObject();
            cn.put("name", ch.name());
            ArrayNode ss = cn.putArray("samples");
            for (Sample s : ch.samples()) {
                ObjectNode sn = ss.addObject();
                sn.put("name", s.name());
                putArray(sn, "data", s.data());
                ArrayNode ms = sn.putArray("modifiers");
                for (ModifierSpec m : s.modifiers()) {
                    ObjectNode mn = ms.addObject();
                    mn.put("name", m.name());
                    mn.put("type", m.type());
                    m.writeData(mn);
                }
            }
        }
        ArrayNode obs = root.putArray("observations");
        for (Observation o : observations) {
            ObjectNode on = obs.addObject();
            on.put("name", o.name());
            putArray(on, "data", o.data());
        }
        ArrayNode ms = root.putArray("measurements");
        for (Measurement m : measurements) {
            ObjectNode mn = ms.addObject();
            mn.put("name", m.name());
            ObjectNode config = mn.putObject("config");
            config.put("poi", m.poi());
            ArrayNode ps = config.putArray("parameters");
            for (ParameterConfig p : m.parameters()) {
                ObjectNode pn = ps.addObject();
                pn.put("name", p.name());
                if (p.inits() != null) {
                    putArray(pn, "inits", p.inits());
                }
                if (p.bounds() != null) {
                    ArrayNode bn = pn.putArray("bounds");
                    for (double[] b : p.bounds()) {
                        bn.addArray().add(b[0]).add(b[1]);
                    }
                }
                if (p.fixed() != null) {
                    pn.put("fixed", p.fixed());
                }
                if (p.auxdata() != null) {
                    putArray(pn, "auxdata", p.auxdata());
                }
                if (p.sigmas() != null) {
                    putArray(pn, "sigmas", p.sigmas());
                }
            }
        }
        root.put("version", version);
        return root;
    }

    public String toJsonString() {
        try {
            return MAPPER.writeValueAsString(toJson());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public void write(Path file) {
        org.nuisance.engine.util.AtomicOutput.writeString(file, "--output", toJsonString() + System.lineSeparator());
    }

    static void putArray(ObjectNode n, String field, double[] values) {
        ArrayNode a = n.putArray(field);
        for (double v : values) {
            a.add(v);
        }
    }

    // ---------------------------------------------------------------- validation helpers

    static InputException err(String path, String message) {
        return new InputException(path.isEmpty() ? message : path + ": " + message);
    }

    static JsonNode required(JsonNode parent, String field, String path) {
        JsonNode n = parent.get(field);
        if (n == null) {
            throw err(path.isEmpty() ? field : path + "." + field, "missing");
        }
        return n;
    }

    private static JsonNode array(JsonNode parent, String field, String path) {
        JsonNode n = required(parent, field, path);
        if (!n.isArray()) {
            throw err(path.isEmpty() ? field : path + "." + field, "expected an array");
        }
        return n;
    }

    static JsonNode object(JsonNode n, String path) {
        if (n == null || !n.isObject()) {
            throw err(path, "expected an object");
        }
        return n;
    }

    private static String text(JsonNode n, String path) {
        if (!n.isTextual()) {
            throw err(path, "expected a string");
        }
        return n.textValue();
    }

    static double number(JsonNode n, String path) {
        if (!n.isNumber()) {
            throw err(path, "expected a number");
        }
        double v = n.doubleValue();
        if (!Double.isFinite(v)) {
            throw err(path, "expected a finite number");
        }
        return v;
    }

    static double[] numbers(JsonNode n, String path) {
        if (n == null || !n.isArray()) {
            throw err(path, "expected an array of numbers");
        }
        double[] v = new double[n.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = number(n.get(i), path + "[" + i + "]");
        }
        return v;
    }

    static void expectLength(double[] v, int n, String path) {
        if (v.length != n) {
            throw err(path, "expected " + n + " values, got " + v.length);
        }
    }
}
