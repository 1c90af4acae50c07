import java.awt.Image;
import java.awt.image.BufferedImage;
import java.io.File;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * The frame measure of issue #20, as a single-file program with the JDK alone:
 * {@code java docs/gallery/EdgeBands.java PICTURE CONTENT [PICTURE CONTENT ...]}.
 * <p>
 * For each side of a picture: the mean gray level (0.299 R + 0.587 G + 0.114 B) of the outer 8 px band, less that
 * of the 8 px band 16-24 px from the edge, less the same difference in the content photo (scaled to the picture's
 * size), in absolute value: how much lighter or darker than the picture inside it the edge is, beyond what the photo
 * itself shows there. Prints one line a picture: the four sides (top, right, bottom, left) and their mean, in gray
 * levels of 255, and {@code signed}, the mean of the four differences with their signs, in absolute value (a frame
 * lighter all round shows in both; a light side and a dark one cancel in it).
 * <p>
 * A style that flattens the photo's light and dark (a pale one such as ihc keeps about half of its contrast) cannot
 * repeat a step the photo has at an edge, and the measure counts the step it lost as a frame. The column
 * {@code matched} is the mean of the four sides with the photo's step scaled by the contrast the picture kept: the
 * slope of the picture's gray on the photo's over the whole picture, both averaged in 8x8 blocks so that the style's
 * texture does not count. It is what is left of the edge once the photo's own edge, as this picture shows photos,
 * is taken away. {@code inside} is the measure on a line drawn {@value #INSIDE} px in from each side, where
 * there is no edge: what the measure gives on this picture with no frame at all.
 */
public class EdgeBands {

    static final int BAND = 8;
    static final int INNER_FROM = 16;
    static final int BLOCK = 8;
    static final int INSIDE = 48;

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args.length % 2 != 0) {
            System.err.println("usage: java docs/gallery/EdgeBands.java PICTURE CONTENT [PICTURE CONTENT ...]");
            System.exit(2);
        }
        for (int i = 0; i < args.length; i += 2) {
            BufferedImage picture = ImageIO.read(new File(args[i]));
            BufferedImage content = scaled(ImageIO.read(new File(args[i + 1])), picture.getWidth(), picture.getHeight());
            double contrast = contrastKept(picture, content);
            double[] sides = new double[4];
            double mean = 0;
            double matched = 0;
            double inside = 0;
            double signed = 0;
            for (int side = 0; side < 4; side++) {
                signed += (step(picture, side, 0) - step(content, side, 0)) / 4;
                sides[side] = Math.abs(step(picture, side, 0) - step(content, side, 0));
                mean += sides[side] / 4;
                matched += Math.abs(step(picture, side, 0) - contrast * step(content, side, 0)) / 4;
                inside += Math.abs(step(picture, side, INSIDE) - step(content, side, INSIDE)) / 4;
            }
            System.out.printf(Locale.ROOT, "%-40s top %5.1f right %5.1f bottom %5.1f left %5.1f mean %5.1f"
                    + " signed %5.1f | contrast kept %4.2f matched %5.1f | inside %5.1f%n", new File(args[i]).getName(),
                    sides[0], sides[1], sides[2], sides[3], mean, Math.abs(signed), contrast, matched, inside);
        }
    }

    /** Outer band's mean gray less the inner band's, on side 0 top, 1 right, 2 bottom, 3 left, {@code in} px in. */
    static double step(BufferedImage image, int side, int in) {
        return band(image, side, in) - band(image, side, in + INNER_FROM);
    }

    /** The mean gray of the band of {@value #BAND} px starting {@code from} px in from a side. */
    static double band(BufferedImage image, int side, int from) {
        int w = image.getWidth();
        int h = image.getHeight();
        double sum = 0;
        long count = 0;
        for (int d = from; d < from + BAND; d++) {
            int length = side % 2 == 0 ? w : h;
            for (int t = 0; t < length; t++) {
                int x = switch (side) {
                    case 0, 2 -> t;
                    case 1 -> w - 1 - d;
                    default -> d;
                };
                int y = switch (side) {
                    case 1, 3 -> t;
                    case 2 -> h - 1 - d;
                    default -> d;
                };
                sum += gray(image.getRGB(x, y));
                count++;
            }
        }
        return sum / count;
    }

    /** The least-squares slope of the picture's gray on the photo's, over blocks of {@value #BLOCK}x{@value #BLOCK} px. */
    static double contrastKept(BufferedImage picture, BufferedImage content) {
        double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (int y = 0; y + BLOCK <= picture.getHeight(); y += BLOCK) {
            for (int x = 0; x + BLOCK <= picture.getWidth(); x += BLOCK) {
                double c = block(content, x, y);
                double p = block(picture, x, y);
                n++;
                sx += c;
                sy += p;
                sxx += c * c;
                sxy += c * p;
            }
        }
        return (sxy - sx * sy / n) / (sxx - sx * sx / n);
    }

    static double block(BufferedImage image, int x0, int y0) {
        double sum = 0;
        for (int y = y0; y < y0 + BLOCK; y++) {
            for (int x = x0; x < x0 + BLOCK; x++) {
                sum += gray(image.getRGB(x, y));
            }
        }
        return sum / (BLOCK * BLOCK);
    }

    static double gray(int rgb) {
        return 0.299 * (rgb >> 16 & 255) + 0.587 * (rgb >> 8 & 255) + 0.114 * (rgb & 255);
    }

    static BufferedImage scaled(BufferedImage image, int width, int height) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        out.getGraphics().drawImage(image.getScaledInstance(width, height, Image.SCALE_AREA_AVERAGING), 0, 0, null);
        return out;
    }
}
