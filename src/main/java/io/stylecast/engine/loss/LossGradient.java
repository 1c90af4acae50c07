package io.stylecast.engine.loss;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A loss value and, when asked for, its gradient with respect to the loss's argument.
 *
 * @param gradient shaped like the argument, or null when only the value was asked for
 */
public record LossGradient(double value, INDArray gradient) {
}
