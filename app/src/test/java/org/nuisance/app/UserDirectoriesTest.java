package org.nuisance.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Caches and logs land in each platform's per-user folders, never in the install folder. */
class UserDirectoriesTest {

    private final Path home = Path.of("/home/ada");

    @Test
    void linuxFollowsXdgDefaults() {
        UserDirectories d = UserDirectories.forPlatform("Linux", Map.of(), home);
        assertEquals(Path.of("/home/ada/.cache/nuisance-workbench/djl"), d.djlCache());
        assertEquals(Path.of("/home/ada/.local/state/nuisance-workbench/logs"), d.logs());
    }

    @Test
    void linuxHonoursXdgVariablesButNotRelativeOnes() {
        UserDirectories d = UserDirectories.forPlatform("Linux",
                Map.of("XDG_CACHE_HOME", "/scratch/cache", "XDG_STATE_HOME", "relative/state"), home);
        assertEquals(Path.of("/scratch/cache/nuisance-workbench/djl"), d.djlCache());
        assertEquals(Path.of("/home/ada/.local/state/nuisance-workbench/logs"), d.logs());
    }

    @Test
    void macUsesLibraryCachesAndLogs() {
        UserDirectories d = UserDirectories.forPlatform("Mac OS X", Map.of(), home);
        assertEquals(Path.of("/home/ada/Library/Caches/nuisance-workbench/djl"), d.djlCache());
        assertEquals(Path.of("/home/ada/Library/Logs/nuisance-workbench"), d.logs());
    }

    @Test
    void windowsUsesLocalAppData() {
        UserDirectories d = UserDirectories.forPlatform("Windows 11", Map.of("LOCALAPPDATA", "/c/Users/ada/AppData/Local"), home);
        assertEquals(Path.of("/c/Users/ada/AppData/Local/nuisance-workbench/cache/djl"), d.djlCache());
        assertEquals(Path.of("/c/Users/ada/AppData/Local/nuisance-workbench/logs"), d.logs());
    }

    @Test
    void exportsStartInDocumentsOrHomeNeverInTheWorkingFolder(@org.junit.jupiter.api.io.TempDir Path home)
            throws java.io.IOException {
        assertEquals(home, UserDirectories.exportFolder(Map.of(), home), "no Documents folder: home");
        Path docs = java.nio.file.Files.createDirectory(home.resolve("Documents"));
        assertEquals(docs, UserDirectories.exportFolder(Map.of(), home));
        Path xdg = java.nio.file.Files.createDirectory(home.resolve("Dokumente"));
        assertEquals(xdg, UserDirectories.exportFolder(Map.of("XDG_DOCUMENTS_DIR", xdg.toString()), home));
        Path cwd = Path.of("").toAbsolutePath();
        org.junit.jupiter.api.Assertions.assertFalse(UserDirectories.exportFolder().startsWith(cwd),
                "the export folder is not inside the folder the tests run in (the checkout)");
    }
}
