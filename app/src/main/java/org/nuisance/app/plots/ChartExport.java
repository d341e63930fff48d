package org.nuisance.app.plots;

import java.awt.Rectangle;
import java.io.IOException;
import java.nio.file.Path;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGUtils;

/** Writes a chart as PNG (JFreeChart), SVG (JFreeSVG) or PDF (OrsonPDF), by the file's extension. */
public final class ChartExport {

    private ChartExport() {
    }

    public static void write(JFreeChart chart, Path file, int width, int height) throws IOException {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".svg")) {
            SVGGraphics2D g2 = new SVGGraphics2D(width, height);
            chart.draw(g2, new Rectangle(width, height));
            SVGUtils.writeToSVG(file.toFile(), g2.getSVGElement());
        } else if (name.endsWith(".pdf")) {
            com.orsonpdf.PDFDocument pdf = new com.orsonpdf.PDFDocument();
            com.orsonpdf.Page page = pdf.createPage(new Rectangle(width, height));
            java.awt.Graphics2D g2 = page.getGraphics2D();
            // PDF's standard fonts have no Greek: text drawn as outlines keeps mu, sigma and Delta
            g2.setRenderingHint(com.orsonpdf.PDFHints.KEY_DRAW_STRING_TYPE, com.orsonpdf.PDFHints.VALUE_DRAW_STRING_TYPE_VECTOR);
            chart.draw(g2, new Rectangle(width, height));
            pdf.writeToFile(file.toFile());
        } else {
            ChartUtils.saveChartAsPNG(file.toFile(), chart, width, height);
        }
    }
}
