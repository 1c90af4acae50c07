package io.stylecast.engine.net;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The tensors of one forward pass, in order: {@code tensors.get(0)} is the input (channels last) and
 * {@code tensors.get(i + 1)} the output of the network's i-th stage, {@code [1, H, W, C]}. Valid only as long as the
 * workspace they were made in.
 */
public final class Activations {

    private final List<INDArray> tensors;
    private final Map<String, Integer> indexByName;

    Activations(List<INDArray> tensors, Map<String, Integer> indexByName) {
        this.tensors = tensors;
        this.indexByName = indexByName;
    }

    /** The output of the named layer, {@code [1, H, W, C]}. */
    public INDArray get(String layer) {
        Integer index = indexByName.get(layer);
        if (index == null || index >= tensors.size()) {
            throw new IllegalArgumentException("layer " + layer + " was not computed in this pass");
        }
        return tensors.get(index);
    }

    INDArray tensor(int index) {
        return tensors.get(index);
    }

    int size() {
        return tensors.size();
    }
}
