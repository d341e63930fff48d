import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Draws the application icon (a stacked histogram, its shifted total as a step line, and a nuisance
 * slider underneath) with Java2D and writes it in the three formats jpackage wants:
 * PNG (Linux), ICO (Windows, PNG-compressed entries) and ICNS (macOS, PNG-compressed entries).
 * Run from the repository root: {@code java installers/IconMaker.java assets/icons}.
 */
public final class IconMaker {

    // bin heights of the two stacked processes and the shifted total, in units of the plot height
    private static final double[] BACKGROUND = {0.10, 0.22, 0.38, 0.46, 0.40, 0.28, 0.18, 0.10};
    private static final double[] SIGNAL = {0.00, 0.02, 0.06, 0.14, 0.18, 0.10, 0.04, 0.01};
    private static final double[] SHIFTED = {0.08, 0.20, 0.36, 0.52, 0.66, 0.46, 0.28, 0.15};

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "assets/icons");
        Files.createDirectories(dir);
        int[] icoSizes = {16, 24, 32, 48, 64, 128, 256};
        int[] icnsSizes = {128, 256, 512, 1024};
        String[] icnsTypes = {"ic07", "ic08", "ic09", "ic10"};
        ImageIO.write(draw(256), "png", dir.resolve("nuisance-workbench.png").toFile());
        byte[][] ico = new byte[icoSizes.length][];
        for (int i = 0; i < icoSizes.length; i++) {
            ico[i] = png(draw(icoSizes[i]));
        }
        Files.write(dir.resolve("nuisance-workbench.ico"), ico(icoSizes, ico));
        ByteArrayOutputStream icns = new ByteArrayOutputStream();
        for (int i = 0; i < icnsSizes.length; i++) {
            byte[] p = png(draw(icnsSizes[i]));
            DataOutputStream d = new DataOutputStream(icns);
            d.writeBytes(icnsTypes[i]);
            d.writeInt(p.length + 8);
            d.write(p);
        }
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(file);
        d.writeBytes("icns");
        d.writeInt(icns.size() + 8);
        icns.writeTo(d);
        Files.write(dir.resolve("nuisance-workbench.icns"), file.toByteArray());
        System.out.println("icons written to " + dir);
    }

    static BufferedImage draw(int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        double s = size / 256.0;
        g.scale(s, s);
        g.setPaint(new GradientPaint(0, 0, new Color(0x1f3a5f), 0, 256, new Color(0x0d1b2a)));
        g.fill(new RoundRectangle2D.Double(8, 8, 240, 240, 48, 48));

        double x0 = 36;
        double w = 184.0 / BACKGROUND.length;
        double base = 176;
        double h = 150;
        for (int i = 0; i < BACKGROUND.length; i++) {
            double b = BACKGROUND[i] * h;
            double sg = SIGNAL[i] * h;
            g.setColor(new Color(0x4f9bd9));
            g.fill(new java.awt.geom.Rectangle2D.Double(x0 + i * w, base - b, w, b));
            g.setColor(new Color(0xf28e2b));
            g.fill(new java.awt.geom.Rectangle2D.Double(x0 + i * w, base - b - sg, w, sg));
        }
        Path2D step = new Path2D.Double();
        step.moveTo(x0, base);
        for (int i = 0; i < SHIFTED.length; i++) {
            double y = base - SHIFTED[i] * h;
            step.lineTo(x0 + i * w, y);
            step.lineTo(x0 + (i + 1) * w, y);
        }
        step.lineTo(x0 + SHIFTED.length * w, base);
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke(size < 48 ? 14f : 7f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(step);

        // the slider: a track and a knob moved off centre
        g.setStroke(new BasicStroke(10f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.setColor(new Color(0x8aa4c0));
        g.drawLine(40, 212, 216, 212);
        g.setColor(new Color(0xf2c14e));
        g.fill(new java.awt.geom.Ellipse2D.Double(148 - 16, 212 - 16, 32, 32));
        g.dispose();
        return img;
    }

    static byte[] png(BufferedImage img) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    /** ICO container whose entries are whole PNG files (allowed since Windows Vista). */
    static byte[] ico(int[] sizes, byte[][] pngs) {
        int header = 6 + 16 * sizes.length;
        int total = header;
        for (byte[] p : pngs) {
            total += p.length;
        }
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 0).putShort((short) 1).putShort((short) sizes.length);
        int offset = header;
        for (int i = 0; i < sizes.length; i++) {
            int dim = sizes[i] >= 256 ? 0 : sizes[i]; // 0 means 256
            b.put((byte) dim).put((byte) dim).put((byte) 0).put((byte) 0);
            b.putShort((short) 1).putShort((short) 32).putInt(pngs[i].length).putInt(offset);
            offset += pngs[i].length;
        }
        for (byte[] p : pngs) {
            b.put(p);
        }
        return b.array();
    }
}
