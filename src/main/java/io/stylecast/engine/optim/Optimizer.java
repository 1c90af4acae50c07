package io.stylecast.engine.optim;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Gradient descent on the pixels. Each call to {@link #step} moves {@code x} in place, given the
 * loss and gradient just computed at {@code x}. Not thread-safe: one thread steps it.
 */
public interface Optimizer extends AutoCloseable {

    /** @param gradient {@code dL/dx} at the current {@code x}; not modified */
    void step(INDArray x, INDArray gradient, double loss);

    /** Changes the learning rate from the next step on. */
    void setLearningRate(double learningRate);

    double learningRate();

    /** Releases the optimiser's state buffers. */
    @Override
    default void close() {
    }
}
