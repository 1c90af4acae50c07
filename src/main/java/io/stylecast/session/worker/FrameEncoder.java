package io.stylecast.session.worker;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** Encodes a frame once for all its viewers: JPEG at a set quality, or PNG. Not thread-safe. */
final class FrameEncoder {

    static final String JPEG = "image/jpeg";
    static final String PNG = "image/png";

    private final String format;
    private final ImageWriter writer;
    private final ImageWriteParam param;

    static {
        // encode into memory, not through ImageIO's temporary-file cache
        ImageIO.setUseCache(false);
    }

    FrameEncoder(String format, float jpegQuality) {
        this.format = format;
        this.writer = ImageIO.getImageWritersByMIMEType(format).next();
        this.param = writer.getDefaultWriteParam();
        if (format.equals(JPEG)) {
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(jpegQuality);
        }
    }

    String format() {
        return format;
    }

    byte[] encode(BufferedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(image.getWidth() * image.getHeight() / 4);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a frame as " + format, e);
        }
        return bytes.toByteArray();
    }

    void close() {
        writer.dispose();
    }
}
