package gatefold.server.cli.demo;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Square PNG covers drawn with java.awt (headless): two colours, a shape, and the title. */
final class DemoCovers {

    static final int SIZE = 800;

    private DemoCovers() {
    }

    static byte[] png(String title, String artist, Color background, Color accent, String shape) {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setPaint(new GradientPaint(0, 0, background, SIZE, SIZE, background.darker().darker()));
            g.fillRect(0, 0, SIZE, SIZE);
            g.setColor(accent);
            switch (shape) {
                case "stripes" -> {
                    for (int i = 0; i < 7; i++) {
                        g.fillRect(0, 90 + i * 70, SIZE, 22);
                    }
                }
                case "bars" -> {
                    Color[] bars = {Color.WHITE, Color.YELLOW, Color.CYAN, Color.GREEN, Color.MAGENTA, Color.RED, Color.BLUE};
                    for (int i = 0; i < bars.length; i++) {
                        g.setColor(bars[i]);
                        g.fillRect(i * SIZE / bars.length, 0, SIZE / bars.length + 1, SIZE * 2 / 3);
                    }
                }
                default -> {
                    g.setStroke(new BasicStroke(14));
                    for (int r = 60; r < 380; r += 55) {
                        g.drawOval(SIZE / 2 - r, SIZE / 2 - 60 - r, 2 * r, 2 * r);
                    }
                }
            }
            g.setColor(new Color(0, 0, 0, 170));
            g.fillRect(0, SIZE - 190, SIZE, 190);
            letter(g, title, artist);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void letter(Graphics2D g, String title, String artist) {
        try {
            g.setColor(Color.WHITE);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, fit(g, title, 60)));
            g.drawString(title, 40, SIZE - 110);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 32));
            g.drawString(artist, 40, SIZE - 55);
        } catch (RuntimeException | InternalError e) {
            // A machine without any fonts still gets its covers, only without lettering.
        }
    }

    /** The largest font size up to {@code max} at which the text fits the cover's width. */
    private static int fit(Graphics2D g, String text, int max) {
        int size = max;
        while (size > 18 && g.getFontMetrics(new Font(Font.SANS_SERIF, Font.BOLD, size)).stringWidth(text) > SIZE - 80) {
            size -= 2;
        }
        return size;
    }

    static Color color(String hex) {
        return new Color(Integer.parseInt(hex.replace("#", ""), 16));
    }
}
