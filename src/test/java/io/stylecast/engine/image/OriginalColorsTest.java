package io.stylecast.engine.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OriginalColorsTest {

    private static BufferedImage random(long seed, int lo, int hi) {
        SplittableRandom rng = new SplittableRandom(seed);
        BufferedImage picture = new BufferedImage(12, 9, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 9; y++) {
            for (int x = 0; x < 12; x++) {
                picture.setRGB(x, y, (rng.nextInt(lo, hi) << 16) | (rng.nextInt(lo, hi) << 8) | rng.nextInt(lo, hi));
            }
        }
        return picture;
    }

    @Test
    void yiqOfPureRedIsTheMatrixColumnTimes255() {
        double[] yiq = OriginalColors.yiq(0xff0000);
        assertEquals(0.299 * 255, yiq[0], 1e-9);
        assertEquals(0.596 * 255, yiq[1], 1e-9);
        assertEquals(0.211 * 255, yiq[2], 1e-9);
    }

    /** Mid-range colours, so that no channel is clipped: the chroma is the content's, the luminance the result's. */
    @Test
    void keepsTheContentsChromaAndTheStylisedLuminance() {
        BufferedImage content = random(1, 80, 176);
        BufferedImage stylised = random(2, 60, 196);
        BufferedImage out = new OriginalColors(content).apply(stylised);
        double maxChromaError = 0;
        double maxLumaError = 0;
        double lumaChange = 0;
        for (int y = 0; y < 9; y++) {
            for (int x = 0; x < 12; x++) {
                double[] c = OriginalColors.yiq(content.getRGB(x, y));
                double[] s = OriginalColors.yiq(stylised.getRGB(x, y));
                double[] o = OriginalColors.yiq(out.getRGB(x, y));
                maxChromaError = Math.max(maxChromaError, Math.max(Math.abs(o[1] - c[1]), Math.abs(o[2] - c[2])));
                maxLumaError = Math.max(maxLumaError, Math.abs(o[0] - s[0]));
                lumaChange = Math.max(lumaChange, Math.abs(o[0] - c[0]));
            }
        }
        // rounding each channel to a whole number moves Y, I and Q by at most about one unit
        assertTrue(maxChromaError < 1.0, "chroma off by " + maxChromaError);
        assertTrue(maxLumaError < 1.0, "luminance off by " + maxLumaError);
        assertTrue(lumaChange > 20, "the luminance did not change: " + lumaChange);
    }

    @Test
    void greyContentGivesAGreyResult() {
        BufferedImage grey = new BufferedImage(12, 9, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 9; y++) {
            for (int x = 0; x < 12; x++) {
                grey.setRGB(x, y, 0x7f7f7f);
            }
        }
        BufferedImage out = new OriginalColors(grey).apply(random(3, 0, 256));
        for (int y = 0; y < 9; y++) {
            for (int x = 0; x < 12; x++) {
                int p = out.getRGB(x, y) & 0xffffff;
                assertEquals((p >> 16) & 0xff, p & 0xff, 1, "at " + x + "," + y);
                assertEquals((p >> 8) & 0xff, p & 0xff, 1, "at " + x + "," + y);
            }
        }
    }
}
