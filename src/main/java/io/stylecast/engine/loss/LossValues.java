package io.stylecast.engine.loss;

/**
 * The terms of the loss at one image.
 *
 * @param content Lc, unweighted
 * @param style Ls = sum w_l E_l, without the style weight
 * @param totalVariation TV, unweighted
 * @param total {@code alpha Lc + beta Ls + tvWeight TV}
 * @param styleLayers each style layer's own E_l (before its weight w_l), in the network's order; may be empty
 */
public record LossValues(double content, double style, double totalVariation, double total,
                         java.util.Map<String, Double> styleLayers) {

    public LossValues {
        styleLayers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(styleLayers));
    }

    /** The terms without the per-layer losses. */
    public LossValues(double content, double style, double totalVariation, double total) {
        this(content, style, totalVariation, total, java.util.Map.of());
    }

    /**
     * The one naming of the terms everywhere they leave the engine (progress messages, session
     * status, the CLI's JSON log): {@code contentLoss}, {@code styleLoss}, {@code tvLoss},
     * {@code totalLoss}, in that order.
     */
    public java.util.Map<String, Double> asMap() {
        java.util.Map<String, Double> map = new java.util.LinkedHashMap<>();
        map.put("contentLoss", content);
        map.put("styleLoss", style);
        map.put("tvLoss", totalVariation);
        map.put("totalLoss", total);
        return map;
    }

    /** The inverse of {@link #asMap()}. */
    public static LossValues fromMap(java.util.Map<String, ? extends Number> map) {
        return new LossValues(map.get("contentLoss").doubleValue(), map.get("styleLoss").doubleValue(),
                map.get("tvLoss").doubleValue(), map.get("totalLoss").doubleValue());
    }
}
