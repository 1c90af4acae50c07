package io.stylecast.engine.net;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Concatenation along channels (the last axis), as Inception joins its branches; its gradient is split the
 * same way, into views.
 */
public final class Concat implements Op {

    @Override
    public INDArray apply(INDArray[] inputs) {
        return Nd4j.concat(3, inputs);
    }

    @Override
    public INDArray[] gradients(INDArray[] inputs, INDArray output, INDArray gradient) {
        INDArray[] parts = new INDArray[inputs.length];
        long start = 0;
        for (int k = 0; k < inputs.length; k++) {
            long channels = inputs[k].size(3);
            parts[k] = gradient.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all(),
                    NDArrayIndex.interval(start, start + channels));
            start += channels;
        }
        return parts;
    }
}
