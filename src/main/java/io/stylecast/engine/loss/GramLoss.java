package io.stylecast.engine.loss;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One layer's contribution to the style loss, Gatys et al. eq. 4:
 * {@code E_l = 1/(4 N^2 M^2) sum_ij (G_ij - A_ij)^2}, where G is the {@link GramMatrix} of the
 * image being optimised, A that of the style picture, N the layer's number of feature maps and M
 * the number of positions in each. Its gradient (eq. 6, without the ReLU mask, which the network's
 * backward pass applies) is {@code dE/dF = 1/(N^2 M^2) (G - A) F}.
 *
 * <p>The style picture need not have the image's size (its aspect ratio is kept, and a style scale
 * changes it): its Gram matrix grows with its number of positions {@code M_s}, so the target is kept per
 * position, {@code A / M_s}, and compared as {@code M A / M_s}. With {@code M_s = M} that is eq. 4 as written.
 * N and M are read from the features at every call.
 */
public final class GramLoss {

    private final INDArray target;

    /**
     * @param target {@code A / M_s}, the style picture's {@code N x N} Gram matrix divided by its number of
     *     positions (or a blend of several)
     */
    public GramLoss(INDArray target) {
        if (target.rank() != 2 || target.size(0) != target.size(1)) {
            throw new IllegalArgumentException("a Gram target must be square, got "
                    + java.util.Arrays.toString(target.shape()));
        }
        this.target = target;
    }

    public INDArray target() {
        return target;
    }

    public LossGradient evaluate(INDArray features, boolean withGradient) {
        INDArray ft = GramMatrix.transposedFeatureMatrix(features);
        double n = ft.size(1);
        double m = ft.size(0);
        if (n != target.size(0)) {
            throw new IllegalArgumentException("features have " + (long) n + " channels, the Gram target "
                    + target.size(0));
        }
        INDArray difference = Nd4j.gemm(ft, ft, true, false).subi(target.mul(m));
        double norm = difference.norm2Number().doubleValue();
        double value = norm * norm / (4 * n * n * m * m);
        if (!withGradient) {
            return new LossGradient(value, null);
        }
        // (G - A) F, stored transposed as F^T (G - A): G - A is symmetric
        INDArray gradient = Nd4j.gemm(ft, difference, false, false).muli(1.0 / (n * n * m * m));
        return new LossGradient(value, gradient.reshape(features.shape()));
    }
}
