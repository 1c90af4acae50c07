package io.stylecast.engine.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylecast.engine.InputException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Untrusted bytes: each kind of bad picture is refused with a message saying what is wrong. */
class ImageDecoderTest {

    private static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }

    /** Left half red, right half blue. */
    private static BufferedImage halves(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, x < w / 2 ? 0xff0000 : 0x0000ff);
            }
        }
        return image;
    }

    private static String refusal(byte[] bytes, long maxPixels) {
        return assertThrows(InputException.class, () -> ImageDecoder.decode(bytes, "the upload", maxPixels)).getMessage();
    }

    @Test
    void readsPngJpegGifAndBmp() throws IOException {
        for (String format : new String[] {"png", "jpeg", "gif", "bmp"}) {
            BufferedImage image = ImageDecoder.decode(encode(halves(30, 20), format), "x", 1000);
            assertEquals(30, image.getWidth(), format);
            assertEquals(20, image.getHeight(), format);
        }
    }

    @Test
    void aBigPictureIsDecodedSubsampledToTheSizeItWillBeUsedAt() throws IOException {
        for (String format : new String[] {"png", "jpeg"}) {
            BufferedImage image = ImageDecoder.decode(encode(halves(2000, 1200), format), "x", 10_000_000,
                    stored -> new int[] {160, 100});
            // the shorter side 1200 / twice the longest needed side 160 = factor 3
            assertEquals(667, image.getWidth(), format);
            assertEquals(400, image.getHeight(), format);
            int left = image.getRGB(10, 50);
            assertTrue((left >> 16 & 0xff) > 200 && (left & 0xff) < 50, format + ": still red on the left");
        }
        assertEquals(1, ImageDecoder.subsampling(100, 80, new int[] {640, 480}), "never enlarged, never below the need");
        assertEquals(1, ImageDecoder.subsampling(1000, 1000, new int[] {500, 100}));
        assertEquals(5, ImageDecoder.subsampling(7740, 5160, new int[] {512, 341}));
    }

    @Test
    void aCmykJpegWithoutAnIccProfileIsDecoded() throws IOException {
        BufferedImage image = ImageDecoder.decode(io.stylecast.web.CmykSample.jpeg(40, 30), "print", 10_000);
        assertEquals(40, image.getWidth());
        assertEquals(30, image.getHeight());
    }

    @Test
    void emptyAndDisguisedFilesAreRefusedBeforeDecoding() {
        assertEquals("the upload is empty (0 bytes)", refusal(new byte[0], 1000));
        String notAnImage = "the upload is not a PNG, JPEG, GIF or BMP image";
        assertEquals(notAnImage, refusal("<html><body>hello</body></html>".getBytes(StandardCharsets.UTF_8), 1000));
        assertEquals(notAnImage, refusal("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>"
                .getBytes(StandardCharsets.UTF_8), 1000));
    }

    @Test
    void truncatedFilesAreRefused() throws IOException {
        for (String format : new String[] {"png", "jpeg"}) {
            byte[] whole = encode(halves(64, 64), format);
            String message = refusal(Arrays.copyOf(whole, whole.length / 2), 1_000_000);
            assertTrue(message.startsWith("the upload is") && message.contains("damaged or truncated"), format + ": " + message);
        }
    }

    @Test
    void decompressionBombsAreRefusedFromTheirHeader() throws IOException {
        byte[] png = encode(halves(8, 8), "png");
        // IHDR starts at byte 8: length (4), "IHDR" (4), width (4), height (4), ...; CRC over type and data
        ByteBuffer buffer = ByteBuffer.wrap(png);
        buffer.putInt(16, 100_000).putInt(20, 100_000);
        CRC32 crc = new CRC32();
        crc.update(png, 12, 17);
        buffer.putInt(29, (int) crc.getValue());
        assertEquals("the upload is 100000x100000 pixels (10000.0 megapixels); at most 40.0 are allowed",
                refusal(png, ImageDecoder.DEFAULT_MAX_PIXELS));
    }

    @Test
    void exifOrientationTurnsPhotosUpright() throws IOException {
        byte[] jpeg = encode(halves(40, 20), "jpeg");
        // APP1 Exif segment with IFD0 holding only Orientation = 6 (rotate 90 degrees clockwise to show)
        byte[] exif = {(byte) 0xff, (byte) 0xe1, 0, 34, 'E', 'x', 'i', 'f', 0, 0, 'M', 'M', 0, 42, 0, 0, 0, 8,
            0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0};
        byte[] rotated = new byte[jpeg.length + exif.length];
        System.arraycopy(jpeg, 0, rotated, 0, 2);
        System.arraycopy(exif, 0, rotated, 2, exif.length);
        System.arraycopy(jpeg, 2, rotated, 2 + exif.length, jpeg.length - 2);

        BufferedImage upright = ImageDecoder.decode(rotated, "photo", 1000);
        assertEquals(20, upright.getWidth());
        assertEquals(40, upright.getHeight());
        int top = upright.getRGB(10, 5);
        int bottom = upright.getRGB(10, 35);
        assertTrue(((top >> 16) & 0xff) > 200 && (top & 0xff) < 60, "the left (red) half is now on top");
        assertTrue((bottom & 0xff) > 200 && ((bottom >> 16) & 0xff) < 60, "the right (blue) half at the bottom");
    }

    @Test
    void sixteenBitGreyKeepsItsLevels() throws IOException {
        BufferedImage grey = new BufferedImage(2, 1, BufferedImage.TYPE_USHORT_GRAY);
        grey.getRaster().setSamples(0, 0, 2, 1, 0, new int[] {0x8000, 0xffff});
        BufferedImage decoded = ImageDecoder.decode(encode(grey, "png"), "x", 100);
        int[] rgb = PixelTensor.rgb(decoded);
        assertEquals(0x80, rgb[0] & 0xff);
        assertEquals(0xff, rgb[1] & 0xff);
    }
}
