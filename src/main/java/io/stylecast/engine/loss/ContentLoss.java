package io.stylecast.engine.loss;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The content loss of one layer, Gatys et al. eq. 1:
 * {@code Lc = 1/2 sum_ij (F_ij - P_ij)^2}, where F holds the layer's features of the image being
 * optimised and P those of the content photo. Its gradient is {@code dLc/dF = F - P} (eq. 2; the
 * ReLU's mask is applied by the network's backward pass).
 *
 * <p>Note: the reference TensorFlow code scales this by {@code 1/(4 N M)} instead of 1/2; we keep
 * the paper's form and let the content weight absorb the difference.
 */
public final class ContentLoss {

    private final INDArray target;

    /** @param target P, the content photo's features; kept, not copied */
    public ContentLoss(INDArray target) {
        this.target = target;
    }

    public INDArray target() {
        return target;
    }

    public LossGradient evaluate(INDArray features, boolean withGradient) {
        if (!withGradient) {
            return new LossGradient(0.5 * features.squaredDistance(target), null);
        }
        INDArray difference = features.sub(target);
        double norm = difference.norm2Number().doubleValue();
        return new LossGradient(0.5 * norm * norm, difference);
    }
}
