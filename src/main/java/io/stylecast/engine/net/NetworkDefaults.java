package io.stylecast.engine.net;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The layers and loss weights a network works best with. They belong together: the weights balance
 * losses whose size depends on the layers chosen.
 *
 * @param contentLayers layers of the content loss
 * @param styleLayers layers of the style loss with their weights {@code w_l}, in forward order
 * @param contentWeight alpha
 * @param styleWeight beta
 */
public record NetworkDefaults(List<String> contentLayers, Map<String, Double> styleLayers,
                              double contentWeight, double styleWeight) {

    public NetworkDefaults {
        contentLayers = List.copyOf(contentLayers);
        styleLayers = Collections.unmodifiableMap(new LinkedHashMap<>(styleLayers));
    }
}
