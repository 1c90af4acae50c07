package io.stylecast.engine.image;

import java.awt.image.BufferedImage;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The picture people see of the optimiser's image: the mean added back, clipped and rounded
 * ({@link PixelTensor#toImage}), and with original colours, the content photo's chroma under its luminance
 * ({@link OriginalColors}). Only what is shown and saved changes; the optimiser works on the image as it is.
 */
public final class Pictures {

    private final double[] meanRgb;
    private final OriginalColors originalColors;

    private Pictures(double[] meanRgb, OriginalColors originalColors) {
        this.meanRgb = meanRgb.clone();
        this.originalColors = originalColors;
    }

    public static Pictures plain(double[] meanRgb) {
        return new Pictures(meanRgb, null);
    }

    /** @param content the content photo's tensor at the output's size */
    public static Pictures withOriginalColors(double[] meanRgb, INDArray content) {
        return new Pictures(meanRgb, new OriginalColors(PixelTensor.toImage(content, meanRgb)));
    }

    public BufferedImage of(INDArray image) {
        BufferedImage picture = PixelTensor.toImage(image, meanRgb);
        return originalColors == null ? picture : originalColors.apply(picture);
    }
}
