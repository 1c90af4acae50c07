package io.stylecast.engine.optim;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Gradient descent on the pixels. Each call to {@link #step} moves {@code x} in place, given the
 * loss and gradient just computed at {@code x}. Not thread-safe: one thread steps it.
 */
public interface Optimizer extends AutoCloseable {

    /** @param gradient {@code dL/dx} at the current {@code x}; not modified */
    void step(INDArray x, INDArray gradient, double loss);

    /**
     * The loss is now another function of {@code x} (the jitter moved the picture): what was learnt of the old
     * one's curvature does not hold for it. Adam, which learns none, ignores it.
     */
    default void objectiveChanged() {
    }

    /** Changes the learning rate from the next step on. */
    void setLearningRate(double learningRate);

    double learningRate();

    /** A copy of what the optimiser carries between steps. */
    OptimizerState state();

    /**
     * Continues from a state taken by {@link #state()} of the same kind of optimiser on an image of
     * the same shape; the next step is the one that optimiser would have taken next.
     */
    void restore(OptimizerState state);

    /** Releases the optimiser's state buffers. */
    @Override
    default void close() {
    }
}
