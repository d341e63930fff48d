package org.nuisance.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.nuisance.engine.workbench.Plot;
import org.nuisance.engine.higgsml.NuisanceParameter;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** What a person does in the window, headless (Monocle): start on demo data, move TES, export. */
@ExtendWith(ApplicationExtension.class)
class WorkbenchAppTest {

    private WorkbenchApp app;

    @TempDir
    Path tmp;

    @BeforeAll
    static void smallDemo() {
        System.setProperty("nuisance.demo.events", "100000");
    }

    @Start
    void start(Stage stage) throws java.io.IOException {
        System.setProperty("nuisance.state.dir", Files.createTempDirectory("nuisance-state").toString());
        app = new WorkbenchApp();
        app.start(stage);
    }

    private Plot result() {
        return app.viewModel().histogram().resultProperty().get();
    }

    @Test
    void startsOnTheDemoDataWithAHistogram(FxRobot robot) throws Exception {
        FxWait.until(() -> result() != null, "a histogram is computed on the demo data");
        Label events = robot.lookup("#status-events").queryAs(Label.class);
        assertEquals("demo: 100,000 events", events.getText());
        assertEquals("DER_mass_vis", result().nominal().column());
        assertTrue(result().nominalTotal().total() > 1e5, "the demo's ~1e6 weighted events fill the plot");
        double[] ratio = app.histogramView().chart().lastRatio();
        for (double r : ratio) {
            assertTrue(Double.isNaN(r) || Math.abs(r - 1) < 1e-12, "at nominal, shifted equals nominal");
        }
    }

    @Test
    void movingTheTesSliderShiftsTheVisibleMassAndTheRatioLeavesOne(FxRobot robot) throws Exception {
        FxWait.until(() -> result() != null, "initial histogram");
        Slider tes = robot.lookup("#slider-tes").queryAs(Slider.class);
        robot.clickOn(tes);
        robot.interact(() -> tes.setValue(1.0));
        FxWait.until(() -> result().sliders().get("tes") == 1.0, "back at nominal after the click");
        for (int i = 0; i < 6; i++) {
            robot.type(KeyCode.RIGHT);
        }
        FxWait.until(() -> Math.abs(result().sliders().get("tes") - 1.03) < 1e-9, "six half-sigma steps: tes = 1.03");
        assertEquals(1.03, app.viewModel().nuisance().value(NuisanceParameter.TES).get(), 1e-9);
        double[] ratio = app.histogramView().chart().lastRatio();
        double maxDev = 0;
        for (double r : ratio) {
            if (!Double.isNaN(r)) {
                maxDev = Math.max(maxDev, Math.abs(r - 1));
            }
        }
        assertTrue(maxDev > 0.02, "a 3% tau energy scale moves some bins by more than 2%, got " + maxDev);
        // a harder tau raises the visible mass: the mean moves up
        assertTrue(mean(result().shiftedTotal()) > mean(result().nominalTotal()) + 0.3);
    }

    @Test
    void exportWritesPngAndSvg(FxRobot robot) throws Exception {
        FxWait.until(() -> result() != null, "initial histogram");
        Path png = tmp.resolve("h.png");
        Path svg = tmp.resolve("h.svg");
        robot.interact(() -> {
            app.exportPlot(png);
            app.exportPlot(svg);
        });
        byte[] head = Files.readAllBytes(png);
        assertTrue(head.length > 10_000, "a real image, not an empty file");
        assertEquals((byte) 0x89, head[0]);
        assertEquals('P', head[1]);
        String text = Files.readString(svg);
        assertTrue(text.contains("<svg") && text.contains("</svg>"), text.substring(0, 60));
        javax.xml.parsers.DocumentBuilderFactory xml = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        xml.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        assertEquals("svg", xml.newDocumentBuilder().parse(svg.toFile()).getDocumentElement().getNodeName());
        assertTrue(text.contains("DER_mass_vis [GeV]"), "the axis label with its unit is in the drawing");
    }

    private static double mean(org.nuisance.engine.hist.Histogram h) {
        double s = 0;
        double w = 0;
        for (int b = 0; b < h.axis().bins(); b++) {
            s += h.axis().center(b) * h.value(b);
            w += h.value(b);
        }
        return s / w;
    }
}
