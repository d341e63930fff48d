package org.nuisance.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Help > About shows the versions, the compute device and where the logs are. */
@ExtendWith(ApplicationExtension.class)
class AboutDialogTest {

    @BeforeAll
    static void smallDemo() {
        System.setProperty("nuisance.demo.events", "100000");
    }

    @Start
    void start(Stage stage) throws java.io.IOException {
        System.setProperty("nuisance.state.dir", java.nio.file.Files.createTempDirectory("nuisance-state").toString());
        new WorkbenchApp().start(stage);
    }

    @Test
    void helpAboutNamesVersionsDeviceAndLogFolder(FxRobot robot) throws Exception {
        robot.clickOn("Help").clickOn("About");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> robot.lookup("#about-text").tryQuery().isPresent()
                        && !robot.lookup("#about-text").queryAs(TextArea.class).getText().contains("probing"));
        String text = robot.lookup("#about-text").queryAs(TextArea.class).getText();
        assertTrue(text.contains("JavaFX: 21"), text);
        assertTrue(text.contains("compute device: PyTorch 2.7.1 on cpu()"), text);
        assertTrue(text.contains("Logs: " + UserDirectories.current().logs()), text);
    }
}
