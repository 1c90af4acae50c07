package io.stylecast.engine.image;

import io.stylecast.engine.InputException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** Reads pictures (through {@link ImageDecoder}'s checks) and writes PNG or JPEG, with errors that name the file. */
public final class ImageFiles {

    /** JPEG quality used unless told otherwise. */
    public static final float DEFAULT_JPEG_QUALITY = 0.92f;

    private ImageFiles() {
    }

    /**
     * @param role what the image is for, used in error messages ("content image")
     * @throws InputException if the file is missing or is not a decodable image
     */
    public static BufferedImage read(Path path, String role) {
        if (!Files.isRegularFile(path)) {
            throw new InputException(role + " not found: " + path);
        }
        try (InputStream in = Files.newInputStream(path)) {
            return decode(in, role + " " + path);
        } catch (IOException e) {
            throw new InputException("cannot read " + role + " " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Decodes an image from a stream with {@link ImageDecoder}'s checks and its default pixel cap;
     * {@code what} names it in errors.
     */
    public static BufferedImage decode(InputStream in, String what) throws IOException {
        return ImageDecoder.decode(in.readAllBytes(), what, ImageDecoder.DEFAULT_MAX_PIXELS);
    }

    /** The picture as a PNG file's bytes. */
    public static byte[] png(BufferedImage image) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes PNG, or JPEG when the file name ends in .jpg or .jpeg. Creates parent directories. */
    public static void write(BufferedImage image, Path path) throws IOException {
        if (path.getParent() != null) {
            Files.createDirectories(path.getParent());
        }
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".jpg") || name.endsWith(".jpeg")) {
            writeJpeg(image, path, DEFAULT_JPEG_QUALITY);
        } else if (!ImageIO.write(image, "png", path.toFile())) {
            throw new IOException("no PNG writer available");
        }
    }

    private static void writeJpeg(BufferedImage image, Path path, float quality) throws IOException {
        Files.write(path, jpeg(image, quality));
    }

    /** The picture as a JPEG file's bytes, at {@code quality} (0..1). */
    public static byte[] jpeg(BufferedImage image, float quality) {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        if (!writers.hasNext()) {
            throw new IllegalStateException("no JPEG writer available");
        }
        ImageWriter writer = writers.next();
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
