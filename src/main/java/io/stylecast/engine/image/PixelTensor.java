package io.stylecast.engine.image;

import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.awt.Graphics2D;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Converts between pictures and the tensors the optimiser works on, the reference's
 * {@code load_image} and {@code recover_image}: a {@code [1, 3, H, W]} tensor of RGB values on the
 * 0..255 scale minus a per-channel mean; and back by adding the mean, clipping to 0..255 and
 * rounding.
 */
public final class PixelTensor {

    /** The ImageNet RGB mean used by VGG19 and the reference, on the 0..255 scale. */
    public static final double[] IMAGENET_MEAN_RGB = {123.68, 116.779, 103.939};

    private PixelTensor() {
    }

    /** Resizes (if the size differs) and converts to a mean-subtracted tensor. */
    public static INDArray fromImage(BufferedImage image, int width, int height, double[] meanRgb, DataType type) {
        BufferedImage sized = Resize.to(image, width, height);
        float[] data = new float[3 * width * height];
        int plane = width * height;
        int[] rgb = rgb(sized);
        for (int i = 0; i < plane; i++) {
            int p = rgb[i];
            data[i] = (float) (((p >> 16) & 0xff) - meanRgb[0]);
            data[plane + i] = (float) (((p >> 8) & 0xff) - meanRgb[1]);
            data[2 * plane + i] = (float) ((p & 0xff) - meanRgb[2]);
        }
        INDArray tensor = Nd4j.create(data, new long[] {1, 3, height, width}, 'c');
        return type == DataType.FLOAT ? tensor : tensor.castTo(type);
    }

    /** Adds the mean back, clips to 0..255 and rounds to an 8-bit RGB picture. */
    public static BufferedImage toImage(INDArray tensor, double[] meanRgb) {
        if (tensor.rank() != 4 || tensor.size(0) != 1 || tensor.size(1) != 3) {
            throw new IllegalArgumentException("expected [1, 3, H, W], got " + java.util.Arrays.toString(tensor.shape()));
        }
        int height = (int) tensor.size(2);
        int width = (int) tensor.size(3);
        int plane = width * height;
        // a contiguous float tensor (the optimiser's image) is read as it is, without a copy in ND4J
        INDArray contiguous = tensor.dataType() == DataType.FLOAT && tensor.ordering() == 'c' && !tensor.isView() ? tensor
                : tensor.castTo(DataType.FLOAT).dup('c');
        float[] data = contiguous.data().asFloat();
        int offset = (int) contiguous.offset();
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] rgb = ((java.awt.image.DataBufferInt) image.getRaster().getDataBuffer()).getData();
        float meanR = (float) meanRgb[0];
        float meanG = (float) meanRgb[1];
        float meanB = (float) meanRgb[2];
        for (int i = 0; i < plane; i++) {
            int r = toByte(data[offset + i] + meanR);
            int g = toByte(data[offset + plane + i] + meanG);
            int b = toByte(data[offset + 2 * plane + i] + meanB);
            rgb[i] = (r << 16) | (g << 8) | b;
        }
        return image;
    }

    private static int toByte(float value) {
        if (!(value > 0)) {
            return 0;
        }
        return value >= 255 ? 255 : (int) (value + 0.5f);
    }

    /**
     * Packed 0xRRGGBB pixels. Grey images are read from their raster: {@code getRGB} would pass them
     * through a linear-to-sRGB conversion and brighten them. Alpha is dropped.
     */
    static int[] rgb(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        Raster raster = image.getRaster();
        boolean grey = image.getColorModel().getColorSpace().getType() == java.awt.color.ColorSpace.TYPE_GRAY
                && raster.getNumBands() <= 2;
        int[] rgb = new int[width * height];
        if (!grey) {
            return image.getRGB(0, 0, width, height, rgb, 0, width);
        }
        int shift = Math.max(0, raster.getSampleModel().getSampleSize(0) - 8);
        int[] samples = raster.getSamples(0, 0, width, height, 0, (int[]) null);
        for (int i = 0; i < samples.length; i++) {
            int v = samples[i] >> shift;
            rgb[i] = (v << 16) | (v << 8) | v;
        }
        return rgb;
    }

    /** Image resizing with a quality that holds up for large reductions. */
    static final class Resize {

        private Resize() {
        }

        /**
         * Scales to exactly {@code width x height}, halving repeatedly while the reduction is over 2x
         * (one bicubic pass would skip pixels and alias). Returns the image itself when the size matches.
         */
        static BufferedImage to(BufferedImage image, int width, int height) {
            if (image.getWidth() == width && image.getHeight() == height) {
                return image;
            }
            BufferedImage current = image;
            while (current.getWidth() / 2 >= width && current.getHeight() / 2 >= height) {
                current = draw(current, current.getWidth() / 2, current.getHeight() / 2);
            }
            return draw(current, width, height);
        }

        private static BufferedImage draw(BufferedImage source, int width, int height) {
            BufferedImage target = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            BufferedImage rgbSource = source;
            if (source.getColorModel().getColorSpace().getType() == java.awt.color.ColorSpace.TYPE_GRAY) {
                rgbSource = new BufferedImage(source.getWidth(), source.getHeight(), BufferedImage.TYPE_INT_RGB);
                rgbSource.setRGB(0, 0, source.getWidth(), source.getHeight(), rgb(source), 0, source.getWidth());
            }
            Graphics2D g = target.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
                g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
                g.drawImage(rgbSource, 0, 0, width, height, null);
            } finally {
                g.dispose();
            }
            return target;
        }
    }
}
