package io.stylecast.engine.image;

import io.stylecast.engine.InputException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes pictures from untrusted bytes: only PNG, JPEG, GIF and BMP, recognised by their magic
 * bytes (an HTML or SVG file named .png is refused before any decoder sees it); the size is read
 * from the header and checked against a pixel cap before decoding, so a decompression bomb costs
 * nothing; a decoder warning (a truncated or damaged file) is an error, not a half-grey picture;
 * the EXIF orientation of photos is applied. A picture far bigger than the size it will be used at
 * is decoded subsampled, so that a 40-megapixel upload for a 512-pixel session never occupies 160 MB
 * of heap. Every refusal is an {@link InputException} naming the picture and what is wrong.
 */
public final class ImageDecoder {

    /** Pixels allowed in one picture unless told otherwise: 40 megapixels. */
    public static final long DEFAULT_MAX_PIXELS = 40_000_000L;

    private ImageDecoder() {
    }

    /** Decodes at full size; {@code what} names the picture in messages ("the content upload"). */
    public static BufferedImage decode(byte[] bytes, String what, long maxPixels) {
        return decode(bytes, what, maxPixels, size -> size);
    }

    /**
     * Decodes, subsampled by the largest whole factor that keeps both sides at least twice as large
     * as needed (in either orientation, since EXIF may turn the picture a quarter).
     *
     * @param needed the size {width, height} the picture will be used at, given its stored size
     */
    public static BufferedImage decode(byte[] bytes, String what, long maxPixels, UnaryOperator<int[]> needed) {
        if (bytes.length == 0) {
            throw new InputException(what + " is empty (0 bytes)");
        }
        String format = sniff(bytes);
        if (format == null) {
            throw new InputException(what + " is not a PNG, JPEG, GIF or BMP image");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
            if (!readers.hasNext()) {
                throw new InputException("no decoder for " + format + " is installed");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long width = reader.getWidth(0);
                long height = reader.getHeight(0);
                if (width < 1 || height < 1 || width * height > maxPixels) {
                    throw new InputException(String.format(Locale.ROOT, "%s is %dx%d pixels (%.1f megapixels); at most %.1f are allowed",
                            what, width, height, width * height / 1e6, maxPixels / 1e6));
                }
                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener((source, warning) -> {
                    if (!isAboutColourProfile(warning)) {
                        warnings.add(warning);
                    }
                });
                ImageReadParam param = reader.getDefaultReadParam();
                int factor = subsampling((int) width, (int) height, needed.apply(new int[] {(int) width, (int) height}));
                if (factor > 1) {
                    param.setSourceSubsampling(factor, factor, 0, 0);
                }
                BufferedImage image = reader.read(0, param);
                if (!warnings.isEmpty()) {
                    throw new InputException(what + " is damaged or truncated (" + warnings.get(0) + ")");
                }
                return Orientation.upright(image, bytes);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof InputException input) {
                throw input;
            }
            throw new InputException(what + " is a damaged or truncated " + format + " image", e);
        }
    }

    /**
     * The whole factor that keeps the shorter side at least twice as long as the longer needed side:
     * subsampling drops pixels, so a margin is left for the smooth downscale that follows
     * ({@link PixelTensor}) to average away what dropping them aliased.
     */
    static int subsampling(int width, int height, int[] needed) {
        int longestNeeded = Math.max(1, Math.max(needed[0], needed[1]));
        return Math.max(1, Math.min(width, height) / (2 * longestNeeded));
    }

    /**
     * A CMYK JPEG without an ICC profile is decoded with a generic profile, and the decoder says
     * so as a warning: that is not damage.
     */
    private static boolean isAboutColourProfile(String warning) {
        return warning != null && (warning.contains("ICC") || warning.toLowerCase(Locale.ROOT).contains("color profile"));
    }

    /** The format named by the first bytes, or null. */
    static String sniff(byte[] b) {
        if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G'
                && b[4] == 0x0d && b[5] == 0x0a && b[6] == 0x1a && b[7] == 0x0a) {
            return "png";
        }
        if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
            return "jpeg";
        }
        if (b.length >= 6 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F' && b[3] == '8' && (b[4] == '7' || b[4] == '9')
                && b[5] == 'a') {
            return "gif";
        }
        if (b.length >= 14 && b[0] == 'B' && b[1] == 'M') {
            return "bmp";
        }
        return null;
    }
}
