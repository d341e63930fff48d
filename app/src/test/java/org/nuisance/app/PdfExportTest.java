package org.nuisance.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The likelihood scan exported as PDF carries μ as text a reader can find, not as "?" or only as outlines. */
@ExtendWith(ApplicationExtension.class)
class PdfExportTest {

    private WorkbenchApp app;

    @TempDir
    Path tmp;

    @Start
    void start(Stage stage) throws java.io.IOException {
        System.setProperty("nuisance.demo.events", "20000");
        System.setProperty("nuisance.state.dir", Files.createTempDirectory("nuisance-state").toString());
        app = new WorkbenchApp();
        app.start(stage);
    }

    @Test
    void theLikelihoodPlotAsPdfContainsMuAsText(FxRobot robot) throws Exception {
        FxWait.until(() -> app.viewModel().histogram().resultProperty().get() != null, "demo histogram");
        robot.clickOn("#likelihood-tab");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> app.viewModel().likelihood().resultProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        Path pdf = tmp.resolve("scan.pdf");
        robot.interact(() -> app.exportPlot(pdf));
        String text;
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            text = new PDFTextStripper().getText(doc);
        }
        assertTrue(text.contains("\u03bc"), "no \u03bc in the PDF's text: " + text);
        assertTrue(!text.contains("?"), "a character written as '?': " + text);
    }
}
