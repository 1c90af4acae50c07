package io.stylecast.engine.loss;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The style loss, Gatys et al. eq. 5: {@code Ls = sum_l w_l E_l}, a weighted sum of per-layer
 * {@link GramLoss}es.
 */
public final class StyleLoss {

    private final Map<String, GramLoss> layers;
    private final Map<String, Double> weights;

    /** @param weights {@code w_l} by layer; {@code layers} must have a loss for each */
    public StyleLoss(Map<String, GramLoss> layers, Map<String, Double> weights) {
        if (!layers.keySet().equals(weights.keySet())) {
            throw new IllegalArgumentException("style layers " + layers.keySet() + " but weights for " + weights.keySet());
        }
        this.layers = Collections.unmodifiableMap(new LinkedHashMap<>(layers));
        this.weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
    }

    public Map<String, GramLoss> layers() {
        return layers;
    }

    /** {@code w_l} by layer, in forward order. */
    public Map<String, Double> weights() {
        return weights;
    }
}
