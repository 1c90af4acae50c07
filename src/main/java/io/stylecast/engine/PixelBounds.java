package io.stylecast.engine;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keeps a mean-subtracted image within the pixels it can show: channel c within
 * {@code [-mean_c, 255 - mean_c]}. Without it an optimiser may push values far outside what is
 * written out, where the network's features no longer describe the picture.
 */
public final class PixelBounds {

    private final double[] low = new double[3];
    private final double[] high = new double[3];

    private PixelBounds(double[] meanRgb) {
        for (int c = 0; c < 3; c++) {
            low[c] = -meanRgb[c];
            high[c] = 255 - meanRgb[c];
        }
    }

    public static PixelBounds of(double[] meanRgb) {
        return new PixelBounds(meanRgb);
    }

    /** Clamps {@code [1, 3, H, W]} in place. */
    public void clamp(INDArray image) {
        for (int c = 0; c < 3; c++) {
            INDArray channel = image.get(NDArrayIndex.all(), NDArrayIndex.point(c), NDArrayIndex.all(), NDArrayIndex.all());
            Transforms.max(channel, low[c], false);
            Transforms.min(channel, high[c], false);
        }
    }
}
