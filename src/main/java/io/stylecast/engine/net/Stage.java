package io.stylecast.engine.net;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A single-input {@link Op}: {@code y = f(x)} of one {@code [1, H, W, C]} tensor, with the product
 * of its Jacobian and a gradient.
 *
 * <p>Stages have frozen parameters: {@link #backward} gives the gradient with respect to the
 * input only, never to weights. Implementations are immutable and may be shared between threads;
 * the arrays they return live in whatever ND4J workspace is active on the calling thread.
 */
public interface Stage extends Op {

    /** The name under which this stage's output is a feature layer ({@code conv1_1}, {@code pool1}). */
    String name();

    INDArray forward(INDArray input);

    /**
     * Returns {@code dL/dx} given {@code dL/dy}.
     *
     * @param input the {@code x} that {@link #forward} was given
     * @param output the {@code y} that it returned
     * @param outputGradient {@code dL/dy}; may be overwritten
     */
    INDArray backward(INDArray input, INDArray output, INDArray outputGradient);

    @Override
    default INDArray apply(INDArray[] inputs) {
        return forward(inputs[0]);
    }

    @Override
    default INDArray[] gradients(INDArray[] inputs, INDArray output, INDArray gradient) {
        return new INDArray[] {backward(inputs[0], output, gradient)};
    }
}
