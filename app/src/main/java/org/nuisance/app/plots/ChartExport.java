package org.nuisance.app.plots;

import java.awt.Rectangle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2D;
import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2DFontTextDrawer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGUtils;

/** Writes a chart as PNG (JFreeChart), SVG (JFreeSVG) or PDF (PDFBox), by the file's extension. */
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
            writePdf(chart, file, width, height);
        } else {
            ChartUtils.saveChartAsPNG(file.toFile(), chart, width, height);
        }
    }

    /**
     * PDF through PDFBox's Graphics2D with a Unicode TrueType font embedded (subset), so that μ, σ and Δ are real
     * text a reader can search and copy; text in a font with no file found is drawn as outlines.
     */
    private static void writePdf(JFreeChart chart, Path file, int width, int height) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage(new PDRectangle(width, height));
            doc.addPage(page);
            PdfBoxGraphics2D g2 = new PdfBoxGraphics2D(doc, width, height);
            try (PdfBoxGraphics2DFontTextDrawer fonts = new PdfBoxGraphics2DFontTextDrawer()) {
                registerUnicodeFonts(fonts);
                g2.setFontTextDrawer(fonts);
                chart.draw(g2, new Rectangle(width, height));
                g2.dispose();
                PDFormXObject form = g2.getXFormObject();
                try (PDPageContentStream out = new PDPageContentStream(doc, page)) {
                    out.drawForm(form);
                }
                doc.save(file.toFile());
            }
        }
    }

    /** Java's logical fonts (the charts' SansSerif and Dialog) mapped to DejaVu Sans where the system has it. */
    private static void registerUnicodeFonts(PdfBoxGraphics2DFontTextDrawer fonts) {
        String[][] styles = {{"plain", "DejaVuSans.ttf"}, {"bold", "DejaVuSans-Bold.ttf"},
            {"italic", "DejaVuSans-Oblique.ttf"}, {"bolditalic", "DejaVuSans-BoldOblique.ttf"}};
        for (String dir : UNICODE_FONT_DIRS) {
            Path base = Path.of(dir);
            if (!Files.isRegularFile(base.resolve(styles[0][1]))) {
                continue;
            }
            for (String[] style : styles) {
                Path ttf = base.resolve(style[1]);
                if (Files.isRegularFile(ttf)) {
                    for (String logical : new String[] {"SansSerif", "Dialog"}) {
                        fonts.registerFont(logical + "." + style[0], ttf.toFile());
                    }
                    fonts.registerFont(ttf.toFile());
                }
            }
            return;
        }
    }

    /** Where Debian/Ubuntu (fonts-dejavu-core), Fedora and macOS (a user install) keep DejaVu Sans. */
    private static final String[] UNICODE_FONT_DIRS = {"/usr/share/fonts/truetype/dejavu",
        "/usr/share/fonts/dejavu-sans-fonts", "/usr/share/fonts/TTF", System.getProperty("user.home") + "/Library/Fonts"};
}
