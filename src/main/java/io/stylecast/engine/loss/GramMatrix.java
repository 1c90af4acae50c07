package io.stylecast.engine.loss;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The Gram matrix of a layer's features, Gatys et al. eq. 3: {@code G = F F^T}, where F is the
 * {@code N x M} matrix of the layer's {@code N} feature maps, each flattened over its {@code M}
 * positions, so that {@code G_ij = sum_k F_ik F_jk}. Features are channels last, so what is stored is
 * {@code F^T} ({@code M x N}) and {@code G = (F^T)^T F^T}.
 */
public final class GramMatrix {

    private GramMatrix() {
    }

    /** The {@code N x N} Gram matrix of a {@code [1, H, W, N]} feature tensor. */
    public static INDArray of(INDArray features) {
        INDArray ft = transposedFeatureMatrix(features);
        return Nd4j.gemm(ft, ft, true, false);
    }

    /** The {@code M x N} view {@code F^T} of a {@code [1, H, W, N]} feature tensor, {@code M = H W}. */
    public static INDArray transposedFeatureMatrix(INDArray features) {
        if (features.rank() != 4 || features.size(0) != 1) {
            throw new IllegalArgumentException("features must be [1, H, W, N], got "
                    + java.util.Arrays.toString(features.shape()));
        }
        return features.reshape('c', features.size(1) * features.size(2), features.size(3));
    }
}
