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
}
