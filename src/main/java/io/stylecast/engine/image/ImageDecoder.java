package io.stylecast.engine.image;

import io.stylecast.engine.InputException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes pictures from untrusted bytes: only PNG, JPEG, GIF and BMP, recognised by their magic
 * bytes (an HTML or SVG file named .png is refused before any decoder sees it); the size is read
 * from the header and checked against a pixel cap before decoding, so a decompression bomb costs
 * nothing; a decoder warning (a truncated or damaged file) is an error, not a half-grey picture;
 * the EXIF orientation of photos is applied. Every refusal is an {@link InputException} naming
 * the picture and what is wrong.
 */
public final class ImageDecoder {

    /** Pixels allowed in one picture unless told otherwise: 40 megapixels. */
    public static final long DEFAULT_MAX_PIXELS = 40_000_000L;

    private ImageDecoder() {
    }

    /** @param what names the picture in messages ("the content upload") */
    public static BufferedImage decode(byte[] bytes, String what, long maxPixels) {
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
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                BufferedImage image = reader.read(0);
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
