package io.stylecast.engine.net;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Concatenation along channels, as Inception joins its branches; its gradient is split the same way. */
public final class Concat implements Op {

    @Override
    public INDArray apply(INDArray[] inputs) {
        return Nd4j.concat(1, inputs);
    }

    @Override
    public INDArray[] gradients(INDArray[] inputs, INDArray output, INDArray gradient) {
        INDArray[] parts = new INDArray[inputs.length];
        long start = 0;
        for (int k = 0; k < inputs.length; k++) {
            long channels = inputs[k].size(1);
            parts[k] = gradient.get(NDArrayIndex.all(), NDArrayIndex.interval(start, start + channels),
                    NDArrayIndex.all(), NDArrayIndex.all());
            start += channels;
        }
        return parts;
    }
}
