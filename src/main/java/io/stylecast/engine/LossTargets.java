package io.stylecast.engine;

import io.stylecast.engine.loss.ContentLoss;
import io.stylecast.engine.loss.GramLoss;
import io.stylecast.engine.loss.GramMatrix;
import io.stylecast.engine.loss.StyleLoss;
import io.stylecast.engine.net.Activations;
import io.stylecast.engine.net.FeatureNetwork;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Computes the fixed targets of the losses: P from the content photo, A from the style pictures. */
public final class LossTargets {

    private LossTargets() {
    }

    /** One {@link ContentLoss} per layer, its target the content photo's features there. */
    public static Map<String, ContentLoss> content(FeatureNetwork network, INDArray contentImage, List<String> layers) {
        try (IterationWorkspace workspace = new IterationWorkspace()) {
            return content(network, contentImage, Jitter.Shift.NONE, layers, workspace);
        }
    }

    /**
     * The content losses of the content image rolled by {@code shift}, its forward pass made in a scope of
     * {@code workspace} (an iteration's, reused: a workspace of its own would be sized on its first and only
     * use, so that all it allocates spills outside and stays in native memory until the collector runs).
     */
    static Map<String, ContentLoss> content(FeatureNetwork network, INDArray contentImage, Jitter.Shift shift,
                                            List<String> layers, IterationWorkspace workspace) {
        Map<String, ContentLoss> losses = new LinkedHashMap<>();
        try (MemoryWorkspace ignored = workspace.open()) {
            INDArray image = shift.equals(Jitter.Shift.NONE) ? contentImage : Jitter.roll(contentImage, shift.dy(), shift.dx());
            Activations activations = network.forward(image, layers);
            for (String layer : layers) {
                losses.put(layer, new ContentLoss(activations.get(layer).detach()));
            }
        }
        return losses;
    }

    /**
     * The style loss whose target at each layer is {@code sum_k b_k A_k / M_k}, the blend of the
     * style pictures' Gram matrices per position (each picture may have its own size) with weights
     * {@code b_k} normalised to sum to 1 (with one picture, just its Gram matrix per position).
     */
    public static StyleLoss style(FeatureNetwork network, List<INDArray> styleImages, double[] blend,
                                  Map<String, Double> layerWeights) {
        if (styleImages.isEmpty() || blend.length != styleImages.size()) {
            throw new IllegalArgumentException(styleImages.size() + " style images but " + blend.length
                    + " blend weights");
        }
        double sum = 0;
        for (double b : blend) {
            if (!(b >= 0) || Double.isInfinite(b)) {
                throw new IllegalArgumentException("style blend weights must be finite and >= 0");
            }
            sum += b;
        }
        if (sum <= 0) {
            throw new IllegalArgumentException("style blend weights must sum to more than 0");
        }
        Map<String, INDArray> grams = new LinkedHashMap<>();
        try (IterationWorkspace workspace = new IterationWorkspace()) {
            for (int k = 0; k < styleImages.size(); k++) {
                try (MemoryWorkspace ignored = workspace.open()) {
                    Activations activations = network.forward(styleImages.get(k), layerWeights.keySet());
                    for (String layer : layerWeights.keySet()) {
                        INDArray features = activations.get(layer);
                        double positions = (double) features.size(1) * features.size(2);
                        INDArray gram = GramMatrix.of(features).muli(blend[k] / sum / positions).detach();
                        grams.merge(layer, gram, INDArray::addi);
                    }
                }
            }
        }
        Map<String, GramLoss> losses = new LinkedHashMap<>();
        grams.forEach((layer, gram) -> losses.put(layer, new GramLoss(gram)));
        return new StyleLoss(losses, layerWeights);
    }
}
