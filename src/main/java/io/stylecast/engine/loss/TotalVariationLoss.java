package io.stylecast.engine.loss;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The squared total variation of an image, a smoothness prior against high-frequency noise:
 * {@code TV = sum_c,i,j (x_c,i+1,j - x_c,i,j)^2 + (x_c,i,j+1 - x_c,i,j)^2}, summed over every pair of
 * vertically or horizontally adjacent pixels of a {@code [1, C, H, W]} image.
 *
 * <p>Note: this term is not in Gatys et al.; it is the regulariser of Mahendran and Vedaldi (2015)
 * with exponent 2, as in Johnson's neural-style and pystiche. Not normalised by the pixel count.
 */
public final class TotalVariationLoss {

    private TotalVariationLoss() {
    }

    public static LossGradient evaluate(INDArray image, boolean withGradient) {
        long h = image.size(2);
        long w = image.size(3);
        INDArray down = image.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(1, h), NDArrayIndex.all())
                .sub(image.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, h - 1), NDArrayIndex.all()));
        INDArray right = image.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(1, w))
                .sub(image.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, w - 1)));
        double vertical = down.norm2Number().doubleValue();
        double horizontal = right.norm2Number().doubleValue();
        double value = vertical * vertical + horizontal * horizontal;
        if (!withGradient) {
            return new LossGradient(value, null);
        }
        INDArray gradient = image.ulike().assign(0);
        down.muli(2);
        right.muli(2);
        gradient.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(1, h), NDArrayIndex.all()).addi(down);
        gradient.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, h - 1), NDArrayIndex.all()).subi(down);
        gradient.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(1, w)).addi(right);
        gradient.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, w - 1)).subi(right);
        return new LossGradient(value, gradient);
    }
}
