package io.stylecast.engine;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Style layers and their weights w_l, in order, as JSON gives them: an object ({@code {"conv1_1": 0.5}}) or the
 * CLI's text ({@code "conv1_1:0.5,conv2_1"}, a bare layer weighing 1).
 */
public record LayerWeights(Map<String, Double> weights) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public LayerWeights(LinkedHashMap<String, Double> weights) {
        this((Map<String, Double>) weights);
    }

    /** Parses {@code LAYER:WEIGHT} entries separated by commas. */
    @JsonCreator
    public static LayerWeights parse(String text) {
        return new LayerWeights(parse(List.of(text.split(","))));
    }

    /** Parses {@code LAYER:WEIGHT} entries (a bare {@code LAYER} weighs 1), in order. */
    public static Map<String, Double> parse(List<String> entries) {
        Map<String, Double> weights = new LinkedHashMap<>();
        for (String entry : entries) {
            String[] parts = entry.split(":", 2);
            try {
                weights.put(parts[0].trim(), parts.length == 2 ? Double.parseDouble(parts[1].trim()) : 1.0);
            } catch (NumberFormatException e) {
                throw new InputException("style layers take LAYER:WEIGHT, got " + InputException.describe(entry));
            }
        }
        return weights;
    }
}
