import java.awt.Image;
import java.awt.image.BufferedImage;
import java.io.File;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * How much of the photo's structure a picture keeps, seen whole (issue #20, 3), as a single-file program with the
 * JDK alone: {@code java docs/gallery/EdgeMaps.java PICTURE CONTENT [PICTURE CONTENT ...]}.
 * <p>
 * Both are scaled to {@value #VIEW} px wide (the picture as one sees it whole: a thumbnail, a projector from the back
 * of the room), turned to gray, and their edge maps taken (the Sobel gradient's magnitude); the figure is the
 * correlation of the two maps, 1 for the photo's edges exactly, 0 for none of them. The style's own strokes lower it
 * in every picture, so it compares renders of one pair with each other: a 1024 px one against a plain 256 px one.
 */
public class EdgeMaps {

    static final int VIEW = 256;

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args.length % 2 != 0) {
            System.err.println("usage: java docs/gallery/EdgeMaps.java PICTURE CONTENT [PICTURE CONTENT ...]");
            System.exit(2);
        }
        for (int i = 0; i < args.length; i += 2) {
            BufferedImage picture = ImageIO.read(new File(args[i]));
            int height = Math.round(VIEW * picture.getHeight() / (float) picture.getWidth());
            double[][] seen = edges(gray(scaled(picture, VIEW, height)));
            double[][] photo = edges(gray(scaled(ImageIO.read(new File(args[i + 1])), VIEW, height)));
            System.out.printf(Locale.ROOT, "%-44s %dx%d  edge correlation %.3f%n", new File(args[i]).getName(),
                    picture.getWidth(), picture.getHeight(), correlation(seen, photo));
        }
    }

    static double[][] gray(BufferedImage image) {
        double[][] g = new double[image.getHeight()][image.getWidth()];
        for (int y = 0; y < g.length; y++) {
            for (int x = 0; x < g[0].length; x++) {
                int rgb = image.getRGB(x, y);
                g[y][x] = 0.299 * (rgb >> 16 & 255) + 0.587 * (rgb >> 8 & 255) + 0.114 * (rgb & 255);
            }
        }
        return g;
    }

    /** The Sobel gradient's magnitude inside the one-pixel border. */
    static double[][] edges(double[][] g) {
        int h = g.length;
        int w = g[0].length;
        double[][] e = new double[h - 2][w - 2];
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                double gx = g[y - 1][x + 1] + 2 * g[y][x + 1] + g[y + 1][x + 1] - g[y - 1][x - 1] - 2 * g[y][x - 1] - g[y + 1][x - 1];
                double gy = g[y + 1][x - 1] + 2 * g[y + 1][x] + g[y + 1][x + 1] - g[y - 1][x - 1] - 2 * g[y - 1][x] - g[y - 1][x + 1];
                e[y - 1][x - 1] = Math.hypot(gx, gy);
            }
        }
        return e;
    }

    static double correlation(double[][] a, double[][] b) {
        double n = 0, sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
        for (int y = 0; y < a.length; y++) {
            for (int x = 0; x < a[0].length; x++) {
                n++;
                sa += a[y][x];
                sb += b[y][x];
                saa += a[y][x] * a[y][x];
                sbb += b[y][x] * b[y][x];
                sab += a[y][x] * b[y][x];
            }
        }
        return (sab - sa * sb / n) / Math.sqrt((saa - sa * sa / n) * (sbb - sb * sb / n));
    }

    static BufferedImage scaled(BufferedImage image, int width, int height) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        out.getGraphics().drawImage(image.getScaledInstance(width, height, Image.SCALE_AREA_AVERAGING), 0, 0, null);
        return out;
    }
}
