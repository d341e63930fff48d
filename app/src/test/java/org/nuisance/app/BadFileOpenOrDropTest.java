package org.nuisance.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.io.File;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.scene.Scene;
import javafx.scene.control.DialogPane;
import javafx.scene.input.DataFormat;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.nuisance.engine.workbench.Source;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Issue 18 in the window: a bad file of every format the window opens (CSV, Parquet, HDF5, JSON
 * workspace, OmniFold result, ROOT, HEPData .tar.gz), opened from the menu's code path or dropped on the
 * window, gives an error of one line naming the file, and the sources already loaded stay as they were.
 * The drop is a DRAG_DROPPED event with a dragboard holding the file, handed to the scene's own handler.
 */
@ExtendWith(ApplicationExtension.class)
class BadFileOpenOrDropTest {

    static {
        // the window's start on a machine shared by many builds can take longer than TestFX's default 30 s
        // (read when TestFX first loads; where another test loaded it first, its setting stands)
        if (System.getProperty("testfx.setup.timeout") == null) {
            System.setProperty("testfx.setup.timeout", "120000");
        }
    }

    private WorkbenchApp app;
    private Stage stage;

    @TempDir
    Path tmp;

    @Start
    void start(Stage stage) throws java.io.IOException {
        System.setProperty("nuisance.demo.events", "20000");
        System.setProperty("nuisance.state.dir", Files.createTempDirectory("nuisance-state").toString());
        this.stage = stage;
        app = new WorkbenchApp();
        app.start(stage);
    }

    /** One bad file per format, made here. */
    private Map<String, Path> badFiles() throws Exception {
        Map<String, Path> out = new LinkedHashMap<>();
        out.put("CSV", Files.writeString(tmp.resolve("nan.csv"), "PRI_lep_pt,DER_mass_vis,Weight\n30,90,1\nNaN,91,1\n"));
        out.put("Parquet", Files.write(tmp.resolve("corrupt.parquet"), new byte[] {'P', 'A', 'R', '1', 0, 0, 1, 2, 3, 4, 5}));
        Path h5 = tmp.resolve("whole.h5");
        float[] x = new float[2000];
        Arrays.fill(x, 50f);
        try (WritableHdfFile w = HdfFile.write(h5)) {
            w.putDataset("PRI_lep_pt", x);
            w.putDataset("DER_mass_vis", x);
            w.putDataset("Weight", x);
        }
        byte[] b = Files.readAllBytes(h5);
        out.put("HDF5", Files.write(tmp.resolve("cut.h5"), Arrays.copyOf(b, b.length * 6 / 10)));
        out.put("JSON workspace", Files.writeString(tmp.resolve("truncated.json"), "{\"channels\": [{\"name\": \"c\", \"samples\": ["));
        Path omni = tmp.resolve("unfolded-nan.h5");
        float[] w = new float[100];
        Arrays.fill(w, 1f);
        w[7] = Float.NaN;
        try (WritableHdfFile f = HdfFile.write(omni)) {
            f.putDataset("pT_ll", x.length > 100 ? Arrays.copyOf(x, 100) : x);
            f.putDataset("weights_nominal", w);
        }
        out.put("OmniFold", omni);
        out.put("ROOT", Files.write(tmp.resolve("cut.root"), "root\0\0\0\u0006garbage".getBytes(StandardCharsets.ISO_8859_1)));
        out.put("tar.gz", Files.write(tmp.resolve("likelihood.tar.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3}));
        return out;
    }

    @Test
    void aBadFileOfEveryFormatOpenedOrDroppedGivesOneLineAndKeepsTheLoadedSources(FxRobot robot) throws Exception {
        await(() -> app.viewModel().datasets().size() == 1 && app.viewModel().loadingProperty().get() == null,
                "the demo loaded");
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Path> e : badFiles().entrySet()) {
            for (boolean drop : new boolean[] {false, true}) {
                String how = e.getKey() + (drop ? " dropped" : " opened");
                List<Source> before = List.copyOf(app.viewModel().datasets());
                Source selected = app.viewModel().selectedProperty().get();
                Path file = e.getValue();
                robot.interact(() -> app.viewModel().unfolded().errorProperty().set(null));
                robot.interact(() -> {
                    if (drop) {
                        drop(stage.getScene(), file);
                    } else {
                        app.viewModel().open(file);
                    }
                });
                String name = file.getFileName().toString();
                await(() -> robot.lookup(".dialog-pane").tryQuery().isPresent(), how + ": the error dialog");
                DialogPane pane = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
                String message = pane.getContentText();
                robot.interact(() -> ((Stage) pane.getScene().getWindow()).close());
                await(() -> robot.lookup(".dialog-pane").tryQuery().isEmpty(), "the dialog closed");
                System.out.println(how + " -> dialog: " + message);
                if (message == null || !message.contains(name) || message.strip().contains("\n")) {
                    problems.add(how + ": " + message);
                }
                await(() -> app.viewModel().loadingProperty().get() == null, "loading done");
                if (!before.equals(app.viewModel().datasets()) || selected != app.viewModel().selectedProperty().get()) {
                    problems.add(how + ": the loaded sources changed");
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertEquals(1, app.viewModel().datasets().size(), "the demo is still the only source");
    }

    private void await(java.util.function.BooleanSupplier condition, String what) throws Exception {
        try {
            FxWait.until(condition, what);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("waited 30 s for " + what + "; sources " + app.viewModel().datasets().size()
                    + ", loading " + app.viewModel().loadingProperty().get() + ", unfolded error " + unfoldedError(), e);
        }
    }

    private String unfoldedError() {
        return app.viewModel().unfolded().errorProperty().get();
    }

    /** Hands the scene's drop handler a DRAG_DROPPED event whose dragboard holds the file. */
    private static void drop(Scene scene, Path file) {
        try {
            Class<?> peerType = Class.forName("com.sun.javafx.tk.TKClipboard");
            Object peer = Proxy.newProxyInstance(BadFileOpenOrDropTest.class.getClassLoader(), new Class<?>[] {peerType},
                    (p, m, a) -> switch (m.getName()) {
                        case "hasContent" -> a[0] == DataFormat.FILES;
                        case "getContent" -> a[0] == DataFormat.FILES ? List.<File>of(file.toFile()) : null;
                        case "getContentTypes" -> Set.of(DataFormat.FILES);
                        case "getTransferModes" -> Set.of(TransferMode.COPY);
                        case "getDragViewOffsetX", "getDragViewOffsetY" -> 0.0;
                        case "putContent" -> false;
                        case "hashCode" -> System.identityHashCode(p);
                        case "equals" -> p == a[0];
                        case "toString" -> "dragboard of " + file;
                        default -> null;
                    });
            Method create = Dragboard.class.getDeclaredMethod("createDragboard", peerType);
            create.setAccessible(true);
            Dragboard board = (Dragboard) create.invoke(null, peer);
            DragEvent event = new DragEvent(DragEvent.DRAG_DROPPED, board, 100, 100, 100, 100, TransferMode.COPY,
                    null, null, null);
            assertNotNull(scene.getOnDragDropped(), "the window accepts drops");
            assertTrue(board.hasFiles());
            scene.getOnDragDropped().handle(event);
            assertFalse(board.getFiles().isEmpty());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
