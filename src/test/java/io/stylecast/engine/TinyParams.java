package io.stylecast.engine;

import java.util.List;
import java.util.Map;

/** Parameters for the tiny network of {@link TotalLossGradientTest#tinyNetwork}: 16x16, its layers, a fixed seed. */
final class TinyParams {

    private TinyParams() {
    }

    static StyleParamsBuilder builder() {
        return StyleParams.builder().width(16).height(16).contentLayers(List.of("conv2_2"))
                .styleLayers(Map.of("conv1_1", 1.0, "conv2_1", 1.0)).contentWeight(1.0).styleWeight(1e3).seed(5)
                .jitter(0);
    }
}
