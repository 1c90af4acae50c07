package io.stylecast.engine.net;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The layers, loss weights and image handling a network works best with. They belong together:
 * the weights balance losses whose size depends on the layers chosen.
 *
 * @param contentLayers layers of the content loss
 * @param styleLayers layers of the style loss with their weights {@code w_l}, in forward order
 * @param contentWeight alpha
 * @param styleWeight beta
 * @param jitter random shift of the image at each step, 0..jitter-1 pixels ({@link io.stylecast.engine.Jitter}); 0: none
 * @param clampPixels keep the image within 0..255 after each step
 */
public record NetworkDefaults(List<String> contentLayers, Map<String, Double> styleLayers,
                              double contentWeight, double styleWeight, int jitter, boolean clampPixels) {

    public NetworkDefaults {
        contentLayers = List.copyOf(contentLayers);
        styleLayers = Collections.unmodifiableMap(new LinkedHashMap<>(styleLayers));
    }
}
