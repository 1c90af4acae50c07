package io.stylecast.engine;

import java.awt.image.BufferedImage;

/** Small pictures for engine tests: a colour, a gradient over it and a little texture, different for each colour. */
final class TestPictures {

    private TestPictures() {
    }

    static BufferedImage gradient(int rgb, int width, int height) {
        BufferedImage picture = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                picture.setRGB(x, y, rgb + x * 7 + y * 0x700 + ((x * y) % 7) * 0x70000);
            }
        }
        return picture;
    }
}
