package io.stylecast.engine.optim;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What an optimiser carries from one step to the next, so that a run saved and continued later (or
 * elsewhere) takes exactly the steps it would have taken: named arrays (Adam's moments, L-BFGS's
 * pairs) and named numbers (the step count). The arrays are copies, owned by whoever holds this.
 */
public record OptimizerState(String optimizer, Map<String, INDArray> arrays, Map<String, Double> numbers) {

    public OptimizerState {
        arrays = Map.copyOf(arrays);
        numbers = Map.copyOf(numbers);
    }

    /** A fresh optimiser's state: nothing to carry. */
    public static OptimizerState fresh(String optimizer) {
        return new OptimizerState(optimizer, Map.of(), Map.of());
    }

    double number(String name) {
        Double value = numbers.get(name);
        if (value == null) {
            throw new IllegalArgumentException(optimizer + " state has no '" + name + "'");
        }
        return value;
    }

    INDArray array(String name) {
        INDArray value = arrays.get(name);
        if (value == null) {
            throw new IllegalArgumentException(optimizer + " state has no array '" + name + "'");
        }
        return value;
    }
}
