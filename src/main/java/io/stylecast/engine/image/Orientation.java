package io.stylecast.engine.image;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;

/**
 * Turns a photo upright by its EXIF orientation (1..8): cameras store the sensor's pixels and a tag
 * saying how to show them. Pictures without the tag, or with an unreadable one, are left as they are.
 */
final class Orientation {

    private Orientation() {
    }

    static BufferedImage upright(BufferedImage image, byte[] bytes) {
        int orientation = orientation(bytes);
        return orientation <= 1 || orientation > 8 ? image : transform(image, orientation);
    }

    static int orientation(byte[] bytes) {
        try {
            Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(bytes));
            ExifIFD0Directory exif = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
            return exif != null && exif.containsTag(ExifIFD0Directory.TAG_ORIENTATION)
                    ? exif.getInt(ExifIFD0Directory.TAG_ORIENTATION) : 1;
        } catch (Exception e) {
            return 1;   // no or broken metadata: the pixels as stored
        }
    }

    /** Output pixel (x', y') takes source pixel (x, y) as EXIF orientation {@code o} prescribes. */
    static BufferedImage transform(BufferedImage image, int o) {
        int w = image.getWidth();
        int h = image.getHeight();
        boolean swap = o >= 5;
        int outW = swap ? h : w;
        int outH = swap ? w : h;
        int[] source = PixelTensor.rgb(image);
        BufferedImage out = new BufferedImage(outW, outH, BufferedImage.TYPE_INT_RGB);
        int[] target = ((java.awt.image.DataBufferInt) out.getRaster().getDataBuffer()).getData();
        for (int yp = 0; yp < outH; yp++) {
            for (int xp = 0; xp < outW; xp++) {
                int x;
                int y;
                switch (o) {
                    case 2 -> { x = w - 1 - xp; y = yp; }
                    case 3 -> { x = w - 1 - xp; y = h - 1 - yp; }
                    case 4 -> { x = xp; y = h - 1 - yp; }
                    case 5 -> { x = yp; y = xp; }
                    case 6 -> { x = yp; y = h - 1 - xp; }
                    case 7 -> { x = w - 1 - yp; y = h - 1 - xp; }
                    default -> { x = w - 1 - yp; y = xp; }
                }
                target[yp * outW + xp] = source[y * w + x];
            }
        }
        return out;
    }
}
