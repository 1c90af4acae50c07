package io.stylecast.engine.loss;

/**
 * The weights of the loss terms in {@code L = alpha Lc + beta Ls + tvWeight TV}.
 *
 * @param content alpha
 * @param style beta
 * @param totalVariation the total-variation weight (0 turns the term off)
 */
public record LossWeights(double content, double style, double totalVariation) {

    public LossWeights {
        if (!(content >= 0) || !(style >= 0) || !(totalVariation >= 0)
                || Double.isInfinite(content + style + totalVariation)) {
            throw new IllegalArgumentException("loss weights must be finite and >= 0, got content " + content
                    + ", style " + style + ", tv " + totalVariation);
        }
    }

    public double combine(double contentLoss, double styleLoss, double tvLoss) {
        return content * contentLoss + style * styleLoss + totalVariation * tvLoss;
    }
}
