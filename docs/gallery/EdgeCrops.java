import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.File;
import javax.imageio.ImageIO;

/**
 * Before/after crops of a picture's edges (issue #20), as a single-file program with the JDK alone:
 * {@code java docs/gallery/EdgeCrops.java BEFORE AFTER OUT.png}. For each of the two pictures (same size), its
 * right-hand {@value #STRIP} px and its bottom {@value #STRIP} px, enlarged {@value #ZOOM} times (pixels kept
 * square): the right strips side by side on top (before, after), the bottom strips below (before above after).
 */
public class EdgeCrops {

    static final int STRIP = 64;
    static final int ZOOM = 2;
    static final int GAP = 6;

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: java docs/gallery/EdgeCrops.java BEFORE AFTER OUT.png");
            System.exit(2);
        }
        BufferedImage before = ImageIO.read(new File(args[0]));
        BufferedImage after = ImageIO.read(new File(args[1]));
        int w = before.getWidth();
        int h = before.getHeight();
        if (after.getWidth() != w || after.getHeight() != h) {
            throw new IllegalArgumentException("the pictures differ in size: " + w + "x" + h + " and "
                    + after.getWidth() + "x" + after.getHeight());
        }
        int rightWidth = 2 * STRIP * ZOOM + GAP;
        int bottomWidth = w * ZOOM / 2;
        int width = Math.max(rightWidth, bottomWidth);
        int height = h * ZOOM + GAP + 2 * (STRIP * ZOOM) + GAP;
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        BufferedImage[] pictures = {before, after};
        for (int i = 0; i < 2; i++) {
            BufferedImage right = pictures[i].getSubimage(w - STRIP, 0, STRIP, h);
            g.drawImage(right, i * (STRIP * ZOOM + GAP), 0, STRIP * ZOOM, h * ZOOM, null);
            // the bottom strip's right half (where the right and bottom edges meet), at the same zoom
            BufferedImage bottom = pictures[i].getSubimage(w / 2, h - STRIP, w / 2, STRIP);
            g.drawImage(bottom, 0, h * ZOOM + GAP + i * (STRIP * ZOOM + GAP), bottomWidth, STRIP * ZOOM, null);
        }
        g.dispose();
        ImageIO.write(out, "png", new File(args[2]));
    }
}
