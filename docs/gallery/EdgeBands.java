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
 * levels of 255.
 */
public class EdgeBands {

    static final int BAND = 8;
    static final int INNER_FROM = 16;

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args.length % 2 != 0) {
            System.err.println("usage: java docs/gallery/EdgeBands.java PICTURE CONTENT [PICTURE CONTENT ...]");
            System.exit(2);
        }
        for (int i = 0; i < args.length; i += 2) {
            BufferedImage picture = ImageIO.read(new File(args[i]));
            BufferedImage content = scaled(ImageIO.read(new File(args[i + 1])), picture.getWidth(), picture.getHeight());
            double[] sides = new double[4];
            double mean = 0;
            for (int side = 0; side < 4; side++) {
                sides[side] = Math.abs(step(picture, side) - step(content, side));
                mean += sides[side] / 4;
            }
            System.out.printf(Locale.ROOT, "%-48s top %5.1f right %5.1f bottom %5.1f left %5.1f mean %5.1f%n",
                    new File(args[i]).getName(), sides[0], sides[1], sides[2], sides[3], mean);
        }
    }

    /** Outer band's mean gray less the inner band's, on side 0 top, 1 right, 2 bottom, 3 left. */
    static double step(BufferedImage image, int side) {
        return band(image, side, 0) - band(image, side, INNER_FROM);
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
                int rgb = image.getRGB(x, y);
                sum += 0.299 * (rgb >> 16 & 255) + 0.587 * (rgb >> 8 & 255) + 0.114 * (rgb & 255);
                count++;
            }
        }
        return sum / count;
    }

    static BufferedImage scaled(BufferedImage image, int width, int height) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        out.getGraphics().drawImage(image.getScaledInstance(width, height, Image.SCALE_AREA_AVERAGING), 0, 0, null);
        return out;
    }
}
