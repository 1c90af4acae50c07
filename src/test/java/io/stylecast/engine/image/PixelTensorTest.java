package io.stylecast.engine.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylecast.engine.InputException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class PixelTensorTest {

    private static final double[] MEAN = PixelTensor.IMAGENET_MEAN_RGB;

    @TempDir
    Path dir;

    private static BufferedImage pattern(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, ((x * 37 + y) % 256) << 16 | ((y * 11) % 256) << 8 | ((x * y) % 256));
            }
        }
        return image;
    }

    @Test
    void subtractsTheMeanPerChannel() {
        BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0xff8000);
        image.setRGB(1, 0, 0x0000ff);
        INDArray t = PixelTensor.fromImage(image, 2, 1, MEAN, DataType.DOUBLE);
        assertArrayEquals(new long[] {1, 3, 1, 2}, t.shape());
        assertEquals(255 - 123.68, t.getDouble(0, 0, 0, 0), 1e-4);
        assertEquals(128 - 116.779, t.getDouble(0, 1, 0, 0), 1e-4);
        assertEquals(0 - 103.939, t.getDouble(0, 2, 0, 0), 1e-4);
        assertEquals(255 - 103.939, t.getDouble(0, 2, 0, 1), 1e-4);
    }

    @Test
    void recoverAddsTheMeanBackExactly() {
        BufferedImage image = pattern(13, 7);
        BufferedImage back = PixelTensor.toImage(PixelTensor.fromImage(image, 13, 7, MEAN, DataType.FLOAT), MEAN);
        assertArrayEquals(image.getRGB(0, 0, 13, 7, null, 0, 13), back.getRGB(0, 0, 13, 7, null, 0, 13));
    }

    @Test
    void recoverClipsTo0And255() {
        INDArray t = PixelTensor.fromImage(pattern(2, 2), 2, 2, MEAN, DataType.FLOAT);
        t.putScalar(new long[] {0, 0, 0, 0}, 1000);
        t.putScalar(new long[] {0, 1, 0, 0}, -1000);
        int rgb = PixelTensor.toImage(t, MEAN).getRGB(0, 0);
        assertEquals(255, (rgb >> 16) & 0xff);
        assertEquals(0, (rgb >> 8) & 0xff);
    }

    @Test
    void resizesToTheRequestedSize() {
        INDArray t = PixelTensor.fromImage(pattern(400, 300), 64, 48, MEAN, DataType.FLOAT);
        assertArrayEquals(new long[] {1, 3, 48, 64}, t.shape());
    }

    @Test
    void greyImagesKeepTheirLevels() {
        BufferedImage grey = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSamples(0, 0, 3, 1, 0, new int[] {0, 100, 255});
        INDArray t = PixelTensor.fromImage(grey, 3, 1, new double[] {0, 0, 0}, DataType.FLOAT);
        assertEquals(100, t.getDouble(0, 0, 0, 1), 0);
        assertEquals(100, t.getDouble(0, 2, 0, 1), 0);
    }

    @Test
    void pngRoundTripThroughFiles() throws IOException {
        BufferedImage image = pattern(9, 5);
        Path file = dir.resolve("out/a.png");
        ImageFiles.write(image, file);
        BufferedImage read = ImageFiles.read(file, "test image");
        assertArrayEquals(image.getRGB(0, 0, 9, 5, null, 0, 9), read.getRGB(0, 0, 9, 5, null, 0, 9));
    }

    @Test
    void jpegIsWrittenForJpgNames() throws IOException {
        Path file = dir.resolve("a.jpg");
        ImageFiles.write(pattern(16, 16), file);
        byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(file), 2);
        assertArrayEquals(new byte[] {(byte) 0xff, (byte) 0xd8}, head);
    }

    @Test
    void brokenFilesGiveErrorsNamingThem() throws IOException {
        Path text = dir.resolve("photo.png");
        Files.writeString(text, "not an image");
        InputException e = assertThrows(InputException.class, () -> ImageFiles.read(text, "content image"));
        assertTrue(e.getMessage().contains("content image") && e.getMessage().contains(text.toString()), e.getMessage());
        InputException missing = assertThrows(InputException.class, () -> ImageFiles.read(dir.resolve("nope.png"), "style image"));
        assertTrue(missing.getMessage().startsWith("style image not found"), missing.getMessage());
    }
}
