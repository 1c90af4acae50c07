package io.stylecast.web;

import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** Test pictures in CMYK, made on the spot (no sample file needed). */
public final class CmykSample {

    private CmykSample() {
    }

    /** A CMYK JPEG as print workflows write them: four channels, an Adobe marker, no ICC profile. */
    public static byte[] jpeg(int w, int h) throws IOException {
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, w, h, 4, null);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                raster.setPixel(x, y, new int[] {x * 255 / w, y * 255 / h, 40, 20});
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(raster, null, null), null);
        } finally {
            writer.dispose();
        }
        byte[] jpeg = out.toByteArray();
        byte[] adobe = {(byte) 0xff, (byte) 0xee, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 0};
        ByteArrayOutputStream marked = new ByteArrayOutputStream();
        marked.write(jpeg, 0, 2);
        marked.write(adobe);
        marked.write(jpeg, 2, jpeg.length - 2);
        return marked.toByteArray();
    }
}
