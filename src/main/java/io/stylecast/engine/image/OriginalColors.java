package io.stylecast.engine.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * Original colours by luminance transfer (Gatys et al. 2016, "Preserving Color in Neural Artistic Style
 * Transfer", applied to the result): the stylised picture's luminance Y under the content photo's chroma I and
 * Q, in NTSC's YIQ space, {@code Y = 0.299 R + 0.587 G + 0.114 B}, {@code I = 0.596 R - 0.274 G - 0.322 B},
 * {@code Q = 0.211 R - 0.523 G + 0.312 B}. The style keeps its texture and strokes; the colours are the photo's.
 */
public final class OriginalColors {

    private static final double[][] TO_YIQ = {
        {0.299, 0.587, 0.114},
        {0.596, -0.274, -0.322},
        {0.211, -0.523, 0.312},
    };
    private static final double[][] FROM_YIQ = inverse(TO_YIQ);

    private final int width;
    private final int height;
    private final float[] i;
    private final float[] q;

    /** @param content the content photo at the output's size */
    public OriginalColors(BufferedImage content) {
        this.width = content.getWidth();
        this.height = content.getHeight();
        int[] rgb = PixelTensor.rgb(content);
        this.i = new float[rgb.length];
        this.q = new float[rgb.length];
        for (int k = 0; k < rgb.length; k++) {
            double[] yiq = yiq(rgb[k]);
            i[k] = (float) yiq[1];
            q[k] = (float) yiq[2];
        }
    }

    /** A new picture: {@code stylised}'s luminance with the content's chroma, rounded and clipped to 0..255. */
    public BufferedImage apply(BufferedImage stylised) {
        if (stylised.getWidth() != width || stylised.getHeight() != height) {
            throw new IllegalArgumentException("the stylised picture is " + stylised.getWidth() + "x" + stylised.getHeight()
                    + ", the content " + width + "x" + height);
        }
        int[] source = PixelTensor.rgb(stylised);
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] target = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
        for (int k = 0; k < source.length; k++) {
            double y = yiq(source[k])[0];
            int r = toByte(FROM_YIQ[0][0] * y + FROM_YIQ[0][1] * i[k] + FROM_YIQ[0][2] * q[k]);
            int g = toByte(FROM_YIQ[1][0] * y + FROM_YIQ[1][1] * i[k] + FROM_YIQ[1][2] * q[k]);
            int b = toByte(FROM_YIQ[2][0] * y + FROM_YIQ[2][1] * i[k] + FROM_YIQ[2][2] * q[k]);
            target[k] = (r << 16) | (g << 8) | b;
        }
        return out;
    }

    /** Y, I and Q of a packed 0xRRGGBB pixel, on the 0..255 scale. */
    static double[] yiq(int pixel) {
        double r = (pixel >> 16) & 0xff;
        double g = (pixel >> 8) & 0xff;
        double b = pixel & 0xff;
        double[] out = new double[3];
        for (int row = 0; row < 3; row++) {
            out[row] = TO_YIQ[row][0] * r + TO_YIQ[row][1] * g + TO_YIQ[row][2] * b;
        }
        return out;
    }

    private static int toByte(double value) {
        return value <= 0 ? 0 : value >= 255 ? 255 : (int) Math.round(value);
    }

    /** The inverse of a 3x3 matrix, by its adjugate. */
    private static double[][] inverse(double[][] m) {
        double[][] inv = new double[3][3];
        double det = 0;
        for (int c = 0; c < 3; c++) {
            det += m[0][c] * (m[1][(c + 1) % 3] * m[2][(c + 2) % 3] - m[1][(c + 2) % 3] * m[2][(c + 1) % 3]);
        }
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                inv[c][r] = (m[(r + 1) % 3][(c + 1) % 3] * m[(r + 2) % 3][(c + 2) % 3]
                        - m[(r + 1) % 3][(c + 2) % 3] * m[(r + 2) % 3][(c + 1) % 3]) / det;
            }
        }
        return inv;
    }
}
