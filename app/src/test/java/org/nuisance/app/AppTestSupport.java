package org.nuisance.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.stage.Stage;

/** What window tests share: ../shared beside the project, and a window on a small demo with its own state folder. */
final class AppTestSupport {

    private AppTestSupport() {
    }

    /** A file under ../shared (beside the project root, as CI lays it out), found from wherever the tests run. */
    static Path shared(String rel) {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            Path s = p.resolve("../shared").normalize();
            if (Files.exists(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("app")) && Files.isDirectory(s)) {
                return s.resolve(rel);
            }
        }
        throw new IllegalStateException("no ../shared beside the project");
    }

    /** The workbench on a 20,000-event demo, its session kept in a fresh temporary folder. */
    static WorkbenchApp startWindow(Stage stage) throws IOException {
        System.setProperty("nuisance.demo.events", "20000");
        System.setProperty("nuisance.state.dir", Files.createTempDirectory("nuisance-state").toString());
        WorkbenchApp app = new WorkbenchApp();
        app.start(stage);
        return app;
    }
}
