package org.nuisance.engine.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Array;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * The {@code --shard I/N} option as a picocli mixin. A command plugs into the shard framework with
 * {@code @Mixin ShardOptions shard;}, runs only {@link #range(int)} of its global indices (seeding each from
 * its global index), and writes its result with {@link #part} into the folder given by its {@code --output};
 * a {@link ShardMerger} registered in {@link ShardMergers} combines the parts.
 */
public final class ShardOptions {

    /** Options that never change a result and so may differ between parts (besides --shard and --output). */
    public static final Set<String> NOT_SETTINGS = Set.of("--shard", "--output", "--help", "--version", "--threads",
            "--json", "--seed");

    @Option(names = "--shard", paramLabel = "I/N",
            description = "Run only slice I of N (0-based) and write a part folder to --output, for 'merge'.")
    String shard;

    /** Whether {@code --shard} was given. */
    public boolean active() {
        return shard != null;
    }

    /** The parsed {@code --shard}; all of the work (0/1) when not given. */
    public Shard shard() {
        return shard == null ? new Shard(0, 1) : Shard.parse(shard);
    }

    /** This shard's slice of {@code total} global indices (all of them without {@code --shard}). */
    public Shard.Range range(int total) {
        return shard().range(total);
    }

    /**
     * The part for this shard: command name and settings are taken from the parsed command line of
     * {@code spec} (every option but {@link #NOT_SETTINGS}, defaults included, so an option left at its
     * default equals the same value typed out).
     */
    public ShardPart part(CommandSpec spec, long seed, String kind, Shard.Range range, JsonNode payload) {
        return new ShardPart(commandName(spec), settings(spec), seed, shard(), kind, range, payload);
    }

    /** The command as typed after the program name, e.g. {@code omnifold unfold}. */
    public static String commandName(CommandSpec spec) {
        String q = spec.qualifiedName(" ");
        int sp = q.indexOf(' ');
        return sp < 0 ? q : q.substring(sp + 1);
    }

    /** Every result-changing option's value as text, by longest name. */
    public static SortedMap<String, String> settings(CommandSpec spec) {
        SortedMap<String, String> map = new TreeMap<>();
        for (OptionSpec o : spec.options()) {
            String name = o.longestName();
            if (o.usageHelp() || o.versionHelp() || NOT_SETTINGS.contains(name)) {
                continue;
            }
            map.put(name, text(o.getValue()));
        }
        spec.positionalParameters().forEach(p -> map.put("parameter " + p.index(), text(p.getValue())));
        return map;
    }

    static String text(Object v) {
        if (v == null) {
            return "(default)";
        }
        if (v instanceof Map<?, ?> m) {
            TreeMap<String, String> sorted = new TreeMap<>();
            m.forEach((k, x) -> sorted.put(String.valueOf(k), text(x)));
            return sorted.toString();
        }
        if (v instanceof Collection<?> c) {
            return c.stream().map(ShardOptions::text).toList().toString();
        }
        if (v.getClass().isArray()) {
            StringBuilder b = new StringBuilder("[");
            for (int i = 0; i < Array.getLength(v); i++) {
                b.append(i == 0 ? "" : ", ").append(text(Array.get(v, i)));
            }
            return b.append(']').toString();
        }
        return String.valueOf(v);
    }
}
