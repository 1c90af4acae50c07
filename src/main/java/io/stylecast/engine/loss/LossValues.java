package io.stylecast.engine.loss;

/**
 * The terms of the loss at one image.
 *
 * @param content Lc, unweighted
 * @param style Ls = sum w_l E_l, without the style weight
 * @param totalVariation TV, unweighted
 * @param total {@code alpha Lc + beta Ls + tvWeight TV}
 */
public record LossValues(double content, double style, double totalVariation, double total) {

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
