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
    private final Map<String, ContentLoss> content;
    private final StyleLoss style;
    private final Set<String> layers = new LinkedHashSet<>();
    private final IterationWorkspace workspace = new IterationWorkspace();
    private volatile LossWeights weights;

    public TotalLoss(FeatureNetwork network, Map<String, ContentLoss> content, StyleLoss style, LossWeights weights) {
        this.network = network;
        this.content = new LinkedHashMap<>(content);
        this.style = style;
        this.weights = weights;
        layers.addAll(content.keySet());
        layers.addAll(style.layers().keySet());
    }

    public FeatureNetwork network() {
        return network;
    }

    public LossWeights weights() {
        return weights;
    }

    /** Changes the weights from the next evaluation on; safe to call from any thread. */
    public void setWeights(LossWeights weights) {
        this.weights = weights;
    }

    /**
     * Evaluates the loss at {@code image} and, if {@code gradientOut} is not null, writes
     * {@code dL/dimage} into it.
     */
    public LossValues evaluate(INDArray image, INDArray gradientOut) {
        LossWeights w = weights;
        boolean withGradient = gradientOut != null;
        try (MemoryWorkspace ignored = workspace.open()) {
            Activations activations = network.forward(image, layers);
            Map<String, INDArray> featureGradients = new HashMap<>();
            double contentLoss = 0;
            for (Map.Entry<String, ContentLoss> layer : content.entrySet()) {
                LossGradient term = layer.getValue().evaluate(activations.get(layer.getKey()), withGradient);
                contentLoss += term.value();
                accumulate(featureGradients, layer.getKey(), term, w.content());
            }
            double styleLoss = 0;
            for (Map.Entry<String, GramLoss> layer : style.layers().entrySet()) {
                double layerWeight = style.weights().get(layer.getKey());
                LossGradient term = layer.getValue().evaluate(activations.get(layer.getKey()), withGradient);
                styleLoss += layerWeight * term.value();
                accumulate(featureGradients, layer.getKey(), term, w.style() * layerWeight);
            }
            LossGradient tv = TotalVariationLoss.evaluate(image, withGradient && w.totalVariation() > 0);
            if (withGradient) {
                writeGradient(activations, featureGradients, tv, w, gradientOut);
            }
            return new LossValues(contentLoss, styleLoss, tv.value(),
                    w.combine(contentLoss, styleLoss, tv.value()));
        }
    }

    private void writeGradient(Activations activations, Map<String, INDArray> featureGradients, LossGradient tv,
                               LossWeights w, INDArray gradientOut) {
        if (featureGradients.isEmpty()) {
            gradientOut.assign(0);
        } else {
            gradientOut.assign(network.inputGradient(activations, featureGradients));
        }
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
