package org.nuisance.engine.omnifold;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nuisance.engine.data.InputException;

/**
 * Which columns of an unfolded result are the nominal weights, the prior, the weight families (each
 * with its {@link Combination}) and the observables. Found by name ({@link #detect}) for files using
 * the ATLAS Z+jets names, or declared by a JSON/YAML mapping file ({@link #fromMapping}).
 *
 * <p>Systematic groups, as in arXiv:2405.20041 and shared/reference/OMNIFOLD.md: muon efficiency +
 * pileup (muEffReco, muEffIso, muEffTrack, muEffTrig, pileup); muon calibration (muCalID, muCalMS,
 * muCalResBias, muCalScale); track (trackEffMain, trackEffJet, trackFake, trackPtScale); theory
 * (theoryQCD, PDF, AlphaS, PSjet, PSsoft, MPI, PSscale). The reference lists {@code lumi} and
 * {@code topBackground} among the detector systematics but in none of its four groups, so each is
 * its own band ({@code lumi}, {@code top_background}): they are normalisation-like and a reader
 * wants to see them apart rather than hidden inside a muon group.
 */
public final class WeightScheme {

    public static final String NOMINAL = "weights_nominal";
    public static final String PRIOR = "weight_mc";
    public static final String DATA_STAT = "data_stat";
    public static final String MC_STAT = "mc_stat";
    public static final String ENSEMBLE = "ensemble";
    public static final String DATA_DRIVEN = "data_driven";

    /** Systematic column suffix (after {@code weights_}) to band name, in the order bands are reported. */
    static final Map<String, String> SYSTEMATIC_GROUPS = new LinkedHashMap<>();

    static {
        for (String s : List.of("muEffReco", "muEffIso", "muEffTrack", "muEffTrig", "pileup")) {
            SYSTEMATIC_GROUPS.put(s, "muon_efficiency_pileup");
        }
        for (String s : List.of("muCalID", "muCalMS", "muCalResBias", "muCalScale")) {
            SYSTEMATIC_GROUPS.put(s, "muon_calibration");
        }
        for (String s : List.of("trackEffMain", "trackEffJet", "trackFake", "trackPtScale")) {
            SYSTEMATIC_GROUPS.put(s, "track");
        }
        for (String s : List.of("theoryQCD", "theoryPDF", "theoryAlphaS", "theoryPSjet", "theoryPSsoft", "theoryMPI",
                "theoryPSscale")) {
            SYSTEMATIC_GROUPS.put(s, "theory");
        }
        SYSTEMATIC_GROUPS.put("lumi", "lumi");
        SYSTEMATIC_GROUPS.put("topBackground", "top_background");
    }

    /** Short names a mapping file may use for the families found by name. */
    static final Map<String, String> ALIASES = Map.of("dd", DATA_DRIVEN, "data_bootstrap", DATA_STAT,
            "mc_bootstrap", MC_STAT);

    private static final Pattern ENSEMBLE_COLUMN = Pattern.compile("weights_ensemble_(\\d+)");
    private static final Pattern BOOT_MC_COLUMN = Pattern.compile("weights_bootstrap_mc_(\\d+)");
    private static final Pattern BOOT_DATA_COLUMN = Pattern.compile("weights_bootstrap_data_(\\d+)");

    private final String nominal;
    private final String prior;
    private final List<WeightFamily> families;
    private final List<String> observables;
    private final List<String> unrecognised;

    /**
     * @param prior        the prior (MC generator) weights, or null if the file has none
     * @param unrecognised weight-like columns that belong to no family (reported, not used)
     */
    public WeightScheme(String nominal, String prior, List<WeightFamily> families, List<String> observables,
                        List<String> unrecognised) {
        this.nominal = nominal;
        this.prior = prior;
        this.families = List.copyOf(families);
        this.observables = List.copyOf(observables);
        this.unrecognised = List.copyOf(unrecognised);
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (WeightFamily f : this.families) {
            if (!names.add(f.name())) {
                throw new IllegalArgumentException("two weight families are named '" + f.name() + "'");
            }
        }
    }

    public String nominal() {
        return nominal;
    }

    /** The prior's column, or empty if the file has none. */
    public Optional<String> prior() {
        return Optional.ofNullable(prior);
    }

    /** Families in report order. */
    public List<WeightFamily> families() {
        return families;
    }

    public Optional<WeightFamily> family(String name) {
        return families.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** Columns that are neither weights nor targets: what can be histogrammed. */
    public List<String> observables() {
        return observables;
    }

    /** Weight-like columns that match no family; they are not used. */
    public List<String> unrecognised() {
        return unrecognised;
    }

    /** Every weight column a result needs, nominal first then the prior, each once: the histogram-matrix columns. */
    public List<String> weightColumns() {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        out.add(nominal);
        if (prior != null) {
            out.add(prior);
        }
        for (WeightFamily f : families) {
            out.addAll(f.columns());
        }
        return new ArrayList<>(out);
    }

    /** Systematic variation columns (families combined by difference), in family order: the nuisance sliders. */
    public List<String> systematicColumns() {
        List<String> out = new ArrayList<>();
        for (WeightFamily f : families) {
            if (f.combination() == Combination.DIFFERENCE) {
                out.addAll(f.columns());
            }
        }
        return out;
    }

    /** The scheme of a file with the ATLAS Z+jets column names (arXiv:2405.20041). */
    public static WeightScheme detect(OmniFoldTable table) {
        List<String> columns = table.columnNames();
        if (!table.hasColumn(NOMINAL)) {
            List<String> weightLike = columns.stream().filter(WeightScheme::looksLikeWeight).toList();
            throw new InputException(table.source() + ": no '" + NOMINAL + "' column (weight-like columns found: "
                    + (weightLike.isEmpty() ? "none" : abbreviate(weightLike))
                    + "); declare the columns in a mapping file (--mapping)");
        }
        TreeMap<Integer, String> ensemble = new TreeMap<>();
        TreeMap<Integer, String> bootMc = new TreeMap<>();
        TreeMap<Integer, String> bootData = new TreeMap<>();
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (String g : new LinkedHashSet<>(SYSTEMATIC_GROUPS.values())) {
            groups.put(g, new ArrayList<>());
        }
        List<String> observables = new ArrayList<>();
        List<String> unrecognised = new ArrayList<>();
        for (String c : columns) {
            Matcher m;
            if (c.equals(NOMINAL) || c.equals(PRIOR)) {
                continue;
            } else if ((m = ENSEMBLE_COLUMN.matcher(c)).matches()) {
                ensemble.put(Integer.parseInt(m.group(1)), c);
            } else if ((m = BOOT_MC_COLUMN.matcher(c)).matches()) {
                bootMc.put(Integer.parseInt(m.group(1)), c);
            } else if ((m = BOOT_DATA_COLUMN.matcher(c)).matches()) {
                bootData.put(Integer.parseInt(m.group(1)), c);
            } else if (c.equals("weights_dd") || c.equals("target_dd")) {
                continue;
            } else if (c.startsWith("weights_") && SYSTEMATIC_GROUPS.containsKey(c.substring(8))) {
                groups.get(SYSTEMATIC_GROUPS.get(c.substring(8))).add(c);
            } else if (looksLikeWeight(c)) {
                unrecognised.add(c);
            } else {
                observables.add(c);
            }
        }
        List<WeightFamily> families = new ArrayList<>();
        addReplicas(families, DATA_STAT, Combination.STD, bootData, unrecognised);
        addReplicas(families, MC_STAT, Combination.STD, bootMc, unrecognised);
        addReplicas(families, ENSEMBLE, Combination.MEDIAN_STANDARD_ERROR, ensemble, unrecognised);
        for (Map.Entry<String, List<String>> g : groups.entrySet()) {
            if (!g.getValue().isEmpty()) {
                families.add(new WeightFamily(g.getKey(), Combination.DIFFERENCE, g.getValue()));
            }
        }
        boolean dd = table.hasColumn("weights_dd");
        boolean target = table.hasColumn("target_dd");
        if (dd && target) {
            families.add(new WeightFamily(DATA_DRIVEN, Combination.PAIRED_RELATIVE_DIFFERENCE,
                    List.of("weights_dd", "target_dd")));
        } else if (dd || target) {
            unrecognised.add(dd ? "weights_dd" : "target_dd");
        }
        return new WeightScheme(NOMINAL, table.hasColumn(PRIOR) ? PRIOR : null, families, observables, unrecognised);
    }

    private static void addReplicas(List<WeightFamily> families, String name, Combination c, TreeMap<Integer, String> cols,
                                    List<String> unrecognised) {
        if (cols.size() >= 2) {
            families.add(new WeightFamily(name, c, new ArrayList<>(cols.values())));
        } else {
            unrecognised.addAll(cols.values());
        }
    }

    static boolean looksLikeWeight(String c) {
        String l = c.toLowerCase(Locale.ROOT);
        return l.startsWith("weight") || l.startsWith("target_");
    }

    private static String abbreviate(List<String> names) {
        return names.size() <= 6 ? String.join(", ", names)
                : String.join(", ", names.subList(0, 6)) + ", ... (" + names.size() + " in all)";
    }

    /**
     * The scheme a mapping file declares (JSON, or YAML for .yaml/.yml), for files with other names:
     * <pre>
     * nominal: w_nom              # required
     * prior: w_mc                 # optional
     * observables: [pT_ll, y_ll]  # optional; default: every column in no family whose name
     *                             # starts with neither 'weight' nor 'target_'
     * families:
     *   data_stat: {combine: std, columns: ["boot_data_*"]}
     *   ensemble:  {combine: median_standard_error, columns: "ens_*"}
     *   data_driven: {combine: paired_relative_difference, columns: [w_dd, t_dd]}
     *   muon_calibration: {combine: difference, columns: [w_cal1, w_cal2]}
     * </pre>
     * {@code nominal} defaults to {@code weights_nominal} and {@code prior} to {@code weight_mc} when
     * the file has them. A family given as just a combination ({@code ensemble: median_standard_error},
     * {@code dd: paired_relative_difference}) takes the columns name-based detection finds for it
     * ({@code dd} is short for {@code data_driven}). Column entries may use {@code *} as a wildcard; the matches of one entry are sorted by name, a
     * numeric suffix numerically (ens_2 before ens_10). Errors name the file and the path inside it.
     */
    public static WeightScheme fromMapping(Path mappingFile, OmniFoldTable table) {
        String src = mappingFile.getFileName().toString();
        String lower = src.toLowerCase(Locale.ROOT);
        ObjectMapper mapper = lower.endsWith(".yaml") || lower.endsWith(".yml")
                ? new ObjectMapper(new YAMLFactory()) : new ObjectMapper();
        JsonNode root;
        try {
            root = mapper.readTree(mappingFile.toFile());
        } catch (IOException e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw new InputException(src + ": not a readable mapping file (" + msg + ")", e);
        }
        return fromMapping(root, src, table);
    }

    /** As {@link #fromMapping(Path, OmniFoldTable)}, from an already parsed tree. */
    public static WeightScheme fromMapping(JsonNode root, String src, OmniFoldTable table) {
        if (root == null || !root.isObject()) {
            throw new InputException(src + ": expected an object with 'nominal' and 'families'");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!List.of("nominal", "prior", "families", "observables").contains(k)) {
                throw new InputException(src + ": unknown key '" + k + "'; expected nominal, prior, families, observables");
            }
        }
        String nominal = textField(root, "nominal", src, !table.hasColumn(NOMINAL));
        if (nominal == null) {
            nominal = NOMINAL;
        }
        requireColumn(table, nominal, src, "nominal");
        String prior = textField(root, "prior", src, false);
        if (prior != null) {
            requireColumn(table, prior, src, "prior");
        } else if (table.hasColumn(PRIOR) && !root.has("prior")) {
            prior = PRIOR;
        }
        WeightScheme byName = null;
        JsonNode fam = root.get("families");
        if (fam == null || !fam.isObject()) {
            throw new InputException(src + ": 'families' must be an object of name: {combine, columns}");
        }
        List<WeightFamily> families = new ArrayList<>();
        LinkedHashSet<String> used = new LinkedHashSet<>();
        used.add(nominal);
        if (prior != null) {
            used.add(prior);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = fam.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = "families." + e.getKey();
            JsonNode f = e.getValue();
            if (f.isTextual()) {
                // shorthand "ensemble: median_standard_error": a family found by name, combined as declared
                Combination c = Combination.fromKey(f.asText());
                if (c == null) {
                    throw new InputException(src + ": " + path + " is '" + f.asText() + "', expected one of "
                            + Combination.allKeys() + " or {combine, columns}");
                }
                if (byName == null) {
                    byName = detect(table);
                }
                String known = ALIASES.getOrDefault(e.getKey(), e.getKey());
                WeightFamily found = byName.family(known).orElseThrow(() -> new InputException(src + ": " + path
                        + " names no family found by name in " + table.source() + "; give {combine, columns}"));
                String problem = WeightFamily.problem(c, found.columns().size());
                if (problem != null) {
                    throw new InputException(src + ": " + path + ": " + problem);
                }
                families.add(new WeightFamily(known, c, found.columns()));
                used.addAll(found.columns());
                continue;
            }
            if (!f.isObject()) {
                throw new InputException(src + ": " + path + " must be an object {combine, columns} or a combination");
            }
            String combineKey = textField(f, "combine", src + ": " + path, true);
            Combination c = Combination.fromKey(combineKey);
            if (c == null) {
                throw new InputException(src + ": " + path + ".combine is '" + combineKey + "', expected one of "
                        + Combination.allKeys());
            }
            JsonNode colsNode = f.get("columns");
            List<String> patterns = new ArrayList<>();
            if (colsNode != null && colsNode.isTextual()) {
                patterns.add(colsNode.asText());
            } else if (colsNode != null && colsNode.isArray()) {
                for (JsonNode p : colsNode) {
                    if (!p.isTextual()) {
                        throw new InputException(src + ": " + path + ".columns must hold column names, found " + p);
                    }
                    patterns.add(p.asText());
                }
            } else {
                throw new InputException(src + ": " + path + ".columns must be a column name or a list of them");
            }
            List<String> cols = new ArrayList<>();
            for (String p : patterns) {
                List<String> matched = match(p, table.columnNames());
                if (matched.isEmpty()) {
                    throw new InputException(src + ": " + path + ".columns: '" + p + "' matches no column of "
                            + table.source());
                }
                cols.addAll(matched);
            }
            String problem = WeightFamily.problem(c, cols.size());
            if (problem != null) {
                throw new InputException(src + ": " + path + ": " + problem);
            }
            families.add(new WeightFamily(e.getKey(), c, cols));
            used.addAll(cols);
        }
        List<String> observables = new ArrayList<>();
        List<String> unrecognised = new ArrayList<>();
        JsonNode obs = root.get("observables");
        if (obs != null) {
            if (!obs.isArray()) {
                throw new InputException(src + ": 'observables' must be a list of column names");
            }
            for (JsonNode o : obs) {
                requireColumn(table, o.asText(), src, "observables");
                observables.add(o.asText());
            }
        } else {
            for (String c : table.columnNames()) {
                if (!used.contains(c)) {
                    (looksLikeWeight(c) ? unrecognised : observables).add(c);
                }
            }
        }
        return new WeightScheme(nominal, prior, families, observables, unrecognised);
    }

    private static String textField(JsonNode node, String field, String where, boolean required) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new InputException(where + ": missing '" + field + "'");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw new InputException(where + ": '" + field + "' must be text, found " + v);
        }
        return v.asText();
    }

    private static void requireColumn(OmniFoldTable table, String column, String src, String field) {
        if (!table.hasColumn(column)) {
            throw new InputException(src + ": " + field + " names column '" + column + "', which "
                    + table.source() + " does not have");
        }
    }

    /** Columns matching a name with {@code *} wildcards; numeric suffixes sorted numerically. */
    static List<String> match(String pattern, List<String> columns) {
        if (!pattern.contains("*")) {
            return columns.contains(pattern) ? List.of(pattern) : List.of();
        }
        String[] parts = pattern.split("\\*", -1);
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            re.append(i > 0 ? ".*" : "").append(parts[i].isEmpty() ? "" : Pattern.quote(parts[i]));
        }
        Pattern p = Pattern.compile(re.toString());
        List<String> out = new ArrayList<>();
        for (String c : columns) {
            if (p.matcher(c).matches()) {
                out.add(c);
            }
        }
        out.sort(Comparator.comparing(WeightScheme::stem).thenComparingLong(WeightScheme::numericSuffix));
        return out;
    }

    private static String stem(String s) {
        int i = s.length();
        while (i > 0 && Character.isDigit(s.charAt(i - 1))) {
            i--;
        }
        return s.substring(0, i);
    }

    private static long numericSuffix(String s) {
        String d = s.substring(stem(s).length());
        return d.isEmpty() ? -1 : d.length() > 18 ? Long.MAX_VALUE : Long.parseLong(d);
    }
}
