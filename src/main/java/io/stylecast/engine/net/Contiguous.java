package io.stylecast.engine.net;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;

/**
 * oneDNN's helpers in ND4J read a channels-last tensor as densely packed: a strided view, such as the
 * channel slice of a gradient that {@link Concat} hands to each branch, makes them read past its end
 * (a crash, not an exception). Every tensor given to a convolution or pooling goes through here.
 */
final class Contiguous {

    private Contiguous() {
    }

    /** {@code tensor} itself if it is densely packed in C order, else a packed copy. */
    static INDArray of(INDArray tensor) {
        return tensor.ordering() == 'c' && Shape.hasDefaultStridesForShape(tensor) ? tensor : tensor.dup('c');
    }
}
