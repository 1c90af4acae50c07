package io.stylecast.engine;

import io.stylecast.engine.loss.ContentLoss;
import io.stylecast.engine.loss.GramLoss;
import io.stylecast.engine.loss.LossGradient;
import io.stylecast.engine.loss.LossValues;
import io.stylecast.engine.loss.LossWeights;
import io.stylecast.engine.loss.StyleLoss;
import io.stylecast.engine.loss.TotalVariationLoss;
import io.stylecast.engine.net.Activations;
import io.stylecast.engine.net.FeatureNetwork;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The loss of Gatys et al. eq. 7 plus an optional smoothness term,
 * {@code L = alpha Lc + beta Ls + tvWeight TV}, and its gradient with respect to the image, computed
 * through a frozen {@link FeatureNetwork}.
 *
 * <p>Not thread-safe: one thread evaluates it, and that thread {@link #close()}s it. The targets
 * (content features, style Grams) stay resident; every temporary lives in a workspace reused from
 * one evaluation to the next.
 */
public final class TotalLoss implements AutoCloseable {

    private final FeatureNetwork network;
    private final ContentTargets content;
    private final StyleLoss style;
    private final Jitter jitter;
    private final Set<String> layers = new LinkedHashSet<>();
    private final IterationWorkspace workspace = new IterationWorkspace();
    private volatile LossWeights weights;

    /**
     * @param contentImage the content photo's tensor, whose features at {@code contentLayers} are P
     * @param jitter shifts the image at each evaluation with a gradient; null for none
     */
    public TotalLoss(FeatureNetwork network, INDArray contentImage, List<String> contentLayers, StyleLoss style,
                     LossWeights weights, Jitter jitter) {
        this.network = network;
        this.content = new ContentTargets(network, contentImage, contentLayers);
        this.style = style;
        this.weights = weights;
        this.jitter = jitter != null ? jitter : new Jitter(0, 0);
        layers.addAll(contentLayers);
        layers.addAll(style.layers().keySet());
    }

    public FeatureNetwork network() {
        return network;
    }

    public LossWeights weights() {
        return weights;
    }

    /** The jitter's position in its sequence of shifts. */
    public Jitter jitter() {
        return jitter;
    }

    /** Changes the weights from the next evaluation on; safe to call from any thread. */
    public void setWeights(LossWeights weights) {
        this.weights = weights;
    }

    /**
     * Evaluates the loss at {@code image} and, if {@code gradientOut} is not null, writes
     * {@code dL/dimage} into it. With jitter, an evaluation with a gradient is of the image shifted
     * by a fresh random shift; one without a gradient is of the image itself.
     */
    public LossValues evaluate(INDArray image, INDArray gradientOut) {
        LossWeights w = weights;
        boolean withGradient = gradientOut != null;
        Jitter.Shift shift = withGradient ? jitter.next() : Jitter.Shift.NONE;
        Map<String, ContentLoss> contentLosses = content.at(shift, workspace);
        try (MemoryWorkspace ignored = workspace.open()) {
            INDArray x = shift.equals(Jitter.Shift.NONE) ? image : Jitter.roll(image, shift.dy(), shift.dx());
            Activations activations = network.forward(x, layers);
            Map<String, INDArray> featureGradients = new HashMap<>();
            double contentLoss = 0;
            for (Map.Entry<String, ContentLoss> layer : contentLosses.entrySet()) {
                LossGradient term = layer.getValue().evaluate(activations.get(layer.getKey()), withGradient);
                contentLoss += term.value();
                accumulate(featureGradients, layer.getKey(), term, w.content());
            }
            double styleLoss = 0;
            Map<String, Double> styleLayers = new LinkedHashMap<>();
            for (Map.Entry<String, GramLoss> layer : style.layers().entrySet()) {
                double layerWeight = style.weights().get(layer.getKey());
                LossGradient term = layer.getValue().evaluate(activations.get(layer.getKey()), withGradient);
                styleLoss += layerWeight * term.value();
                styleLayers.put(layer.getKey(), term.value());
                accumulate(featureGradients, layer.getKey(), term, w.style() * layerWeight);
            }
            // on the picture itself: the roll's wrap-around is no edge of it
            LossGradient tv = TotalVariationLoss.evaluate(image, withGradient && w.totalVariation() > 0);
            if (withGradient) {
                writeGradient(activations, featureGradients, tv, w, gradientOut, shift);
            }
            return new LossValues(contentLoss, styleLoss, tv.value(),
                    w.combine(contentLoss, styleLoss, tv.value()), styleLayers);
        }
    }

    private void writeGradient(Activations activations, Map<String, INDArray> featureGradients, LossGradient tv,
                               LossWeights w, INDArray gradientOut, Jitter.Shift shift) {
        INDArray gradient = network.inputGradient(activations, featureGradients);
        gradientOut.assign(shift.equals(Jitter.Shift.NONE) ? gradient : Jitter.roll(gradient, -shift.dy(), -shift.dx()));
        if (tv.gradient() != null) {
            gradientOut.addi(tv.gradient().muli(w.totalVariation()));
        }
    }

    private static void accumulate(Map<String, INDArray> gradients, String layer, LossGradient term, double scale) {
        if (term.gradient() == null || scale == 0) {
            return;
        }
        INDArray scaled = term.gradient().muli(scale);
        gradients.merge(layer, scaled, INDArray::addi);
    }

    /** Frees the iteration workspace; call on the thread that evaluated. */
    @Override
    public void close() {
        workspace.close();
    }
}
