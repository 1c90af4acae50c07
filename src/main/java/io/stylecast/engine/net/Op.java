package io.stylecast.engine.net;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A node's computation in a {@link GraphNetwork}: a function of one or more feature tensors
 * {@code [1, H, W, C]} (channels last, see {@link FeatureNetwork}) with frozen parameters, and the products of its Jacobians with a gradient (input
 * gradients only). Single-input operations implement {@link Stage} instead.
 */
public interface Op {

    INDArray apply(INDArray[] inputs);

    /**
     * Returns {@code dL/dx_k} for every input k given {@code dL/dy}.
     *
     * @param gradient {@code dL/dy}; may be overwritten, and the results may be views of it
     */
    INDArray[] gradients(INDArray[] inputs, INDArray output, INDArray gradient);
}
