package org.nuisance.engine.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns raw named columns (float or string) into an {@link EventTable}, applying the HiggsML dialects:
 * the 2014 release's names are mapped onto the 2024 FAIR Universe ones and its -999 onto -25; the
 * weight and process columns are found by name. Shared by every reader so that all formats agree.
 */
public final class TableAssembler {

    /** 2014 HiggsML column names and their FAIR Universe (2024) equivalents. */
    static final Map<String, String> NAMES_2014_TO_2024 = Map.ofEntries(
            Map.entry("PRI_tau_pt", "PRI_had_pt"),
            Map.entry("PRI_tau_eta", "PRI_had_eta"),
            Map.entry("PRI_tau_phi", "PRI_had_phi"),
            Map.entry("PRI_jet_num", "PRI_n_jets"),
            Map.entry("DER_deltar_tau_lep", "DER_deltar_had_lep"),
            Map.entry("DER_pt_ratio_lep_tau", "DER_pt_ratio_lep_had"));

    static final List<String> WEIGHT_NAMES = List.of("weights", "Weight", "weight");
    static final List<String> PROCESS_NAMES = List.of("detailed_labels", "Label", "process");

    private final String source;
    private final List<String> order = new ArrayList<>();
    private final Map<String, float[]> numeric = new HashMap<>();
    private final Map<String, String[]> strings = new HashMap<>();
    private int rows = -1;

    /** @param source the file name (or "demo") used in error messages */
    public TableAssembler(String source) {
        this.source = source;
    }

    public TableAssembler addNumeric(String name, float[] values) {
        checkNew(name, values.length);
        numeric.put(name, values);
        return this;
    }

    public TableAssembler addStrings(String name, String[] values) {
        checkNew(name, values.length);
        strings.put(name, values);
        return this;
    }

    private void checkNew(String name, int length) {
        if (numeric.containsKey(name) || strings.containsKey(name)) {
            throw new InputException(source + ": column '" + name + "' appears twice");
        }
        if (rows >= 0 && length != rows) {
            throw new InputException(source + ": column '" + name + "' has " + length + " rows, expected " + rows);
        }
        rows = length;
        order.add(name);
    }

    /** True if the columns are those of the 2014 HiggsML release. */
    public static boolean is2014(List<String> names) {
        return names.contains("PRI_tau_pt") || names.contains("PRI_jet_num");
    }

    public EventTable build() {
        if (order.isEmpty()) {
            throw new InputException(source + ": no columns found");
        }
        boolean dialect2014 = is2014(order);
        List<String> finalOrder = new ArrayList<>();
        LinkedHashMap<String, float[]> num = new LinkedHashMap<>();
        LinkedHashMap<String, EventTable.Categorical> cat = new LinkedHashMap<>();
        for (String name : order) {
            String target = dialect2014 ? NAMES_2014_TO_2024.getOrDefault(name, name) : name;
            if (!target.equals(name) && (numeric.containsKey(target) || strings.containsKey(target))) {
                throw new InputException(source + ": has both the 2014 column '" + name + "' and its 2024 name '"
                        + target + "'; keep one");
            }
            if (numeric.containsKey(name)) {
                float[] v = numeric.get(name);
                // weights and kinematics must be numbers; the sentinels -999 and -25 are finite and stay
                InputChecks.requireFinite(source, name, v);
                if (dialect2014) {
                    for (int i = 0; i < v.length; i++) {
                        if (v[i] == -999f) {
                            v[i] = EventTable.UNDEFINED;
                        }
                    }
                }
                num.put(target, v);
            } else {
                cat.put(target, encode(name, strings.get(name)));
            }
            finalOrder.add(target);
        }
        String weight = WEIGHT_NAMES.stream().filter(num::containsKey).findFirst().orElse(null);
        if (weight == null) {
            for (String w : WEIGHT_NAMES) {
                if (cat.containsKey(w)) {
                    throw new InputException(source + ": column '" + w + "' holds text, expected numeric weights");
                }
            }
            weight = "weights";
            float[] ones = new float[rows];
            java.util.Arrays.fill(ones, 1f);
            num.put(weight, ones);
            finalOrder.add(weight);
        }
        String process = PROCESS_NAMES.stream().filter(cat::containsKey).findFirst().orElse(null);
        if (process == null) {
            process = "process";
            byte[] codes = new byte[rows];
            List<String> levels;
            float[] labels = num.get("labels");
            if (labels != null) {
                levels = List.of("b", "s");
                for (int i = 0; i < rows; i++) {
                    codes[i] = (byte) (labels[i] > 0.5f ? 1 : 0);
                }
            } else {
                levels = List.of("all");
            }
            cat.put(process, new EventTable.Categorical(codes, levels));
            finalOrder.add(process);
        }
        return new EventTable(rows, finalOrder, num, cat, weight, process);
    }

    private EventTable.Categorical encode(String name, String[] values) {
        Map<String, Byte> index = new LinkedHashMap<>();
        byte[] codes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            String v = values[i] == null ? "" : values[i];
            Byte code = index.get(v);
            if (code == null) {
                if (index.size() >= 127) {
                    throw new InputException(source + ": column '" + name
                            + "' has more than 127 distinct text values; expected a label column");
                }
                code = (byte) index.size();
                index.put(v, code);
            }
            codes[i] = code;
        }
        return new EventTable.Categorical(codes, new ArrayList<>(index.keySet()));
    }
}
