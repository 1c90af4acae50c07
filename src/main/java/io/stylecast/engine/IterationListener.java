package io.stylecast.engine;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Told of every iteration of a {@link StyleTransfer}, on the thread that runs it. */
@FunctionalInterface
public interface IterationListener {

    /**
     * @param image the image the losses are of, mean-subtracted; valid only during this call (the
     *     next update overwrites it), so copy what you keep
     */
    void onIteration(Iteration iteration, INDArray image);
}
