package org.nuisance.app;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Per-user folders of an installed workbench, never inside the install folder (which is read-only
 * under /opt or Program Files): the cache (DJL extracts ~430 MB of PyTorch natives there on first use)
 * and the logs. Follows each platform's convention: XDG base directories on Linux, ~/Library on macOS,
 * %LOCALAPPDATA% on Windows.
 *
 * @param cache the application's cache folder; DJL's cache is its {@code djl} subfolder
 * @param logs where the log files go
 */
public record UserDirectories(Path cache, Path logs) {

    static final String APP = "nuisance-workbench";

    /** The folders for this machine and user. */
    public static UserDirectories current() {
        return forPlatform(System.getProperty("os.name", ""), System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** The folders for an OS name as in {@code os.name}, an environment and a home folder. */
    static UserDirectories forPlatform(String osName, Map<String, String> env, Path home) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            Path local = envPath(env, "LOCALAPPDATA", home.resolve("AppData").resolve("Local"));
            Path base = local.resolve(APP);
            return new UserDirectories(base.resolve("cache"), base.resolve("logs"));
        }
        if (os.startsWith("mac")) {
            Path library = home.resolve("Library");
            return new UserDirectories(library.resolve("Caches").resolve(APP), library.resolve("Logs").resolve(APP));
        }
        // XDG Base Directory Specification 0.8: logs are "state data"
        Path cache = envPath(env, "XDG_CACHE_HOME", home.resolve(".cache"));
        Path state = envPath(env, "XDG_STATE_HOME", home.resolve(".local").resolve("state"));
        return new UserDirectories(cache.resolve(APP), state.resolve(APP).resolve("logs"));
    }

    /**
     * Where save and export dialogs start: the user's Documents folder (XDG_DOCUMENTS_DIR where set), else the home
     * folder; never the folder the workbench was started from, which may be its source tree.
     */
    public static Path exportFolder() {
        return exportFolder(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    static Path exportFolder(Map<String, String> env, Path home) {
        Path documents = envPath(env, "XDG_DOCUMENTS_DIR", home.resolve("Documents"));
        return java.nio.file.Files.isDirectory(documents) ? documents : home;
    }

    /** DJL's cache: model downloads and the extracted PyTorch natives. */
    public Path djlCache() {
        return cache.resolve("djl");
    }

    /**
     * Points DJL at {@link #djlCache()} and keeps it offline (the CPU natives are bundled), unless the
     * user set {@code DJL_CACHE_DIR} / {@code DJL_OFFLINE} (environment, which DJL reads first) or the
     * matching system properties. Must run before any DJL class is used.
     */
    public void applyDjlDefaults() {
        if (System.getenv("DJL_CACHE_DIR") == null && System.getProperty("DJL_CACHE_DIR") == null) {
            System.setProperty("DJL_CACHE_DIR", djlCache().toString());
        }
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
    }

    /** DJL's cache folder as DJL will see it (environment first, then the system property). */
    public static String effectiveDjlCache() {
        String env = System.getenv("DJL_CACHE_DIR");
        return env != null ? env : System.getProperty("DJL_CACHE_DIR", Path.of(System.getProperty("user.home"), ".djl.ai").toString());
    }

    private static Path envPath(Map<String, String> env, String name, Path fallback) {
        String v = env.get(name);
        // XDG: a relative path is invalid and must be ignored
        return v != null && !v.isBlank() && Path.of(v).isAbsolute() ? Path.of(v) : fallback;
    }
}
