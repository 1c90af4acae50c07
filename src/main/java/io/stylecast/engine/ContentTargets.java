package io.stylecast.engine;

import io.stylecast.engine.loss.ContentLoss;
import io.stylecast.engine.net.FeatureNetwork;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The content losses for each {@link Jitter.Shift}: the target P of a shifted image is the features
 * of the content photo shifted the same way. Computed when a shift is first used and kept (at most
 * the jitter's table: max(max^2, 16) of them; with no jitter and no picture size, one).
 */
final class ContentTargets {

    private final FeatureNetwork network;
    private final INDArray contentImage;
    private final List<String> layers;
    private final Map<Jitter.Shift, Map<String, ContentLoss>> byShift = new HashMap<>();

    ContentTargets(FeatureNetwork network, INDArray contentImage, List<String> layers) {
        this.network = network;
        this.contentImage = contentImage;
        this.layers = List.copyOf(layers);
        byShift.put(Jitter.Shift.NONE, LossTargets.content(network, contentImage, layers));
    }

    List<String> layers() {
        return layers;
    }

    /**
     * The content losses for {@code shift}, a new one computed in a scope of {@code workspace} (the
     * iteration's, so that it allocates nothing new). Call outside any scope of it.
     */
    Map<String, ContentLoss> at(Jitter.Shift shift, IterationWorkspace workspace) {
        return byShift.computeIfAbsent(shift, s -> LossTargets.content(network, contentImage, s, layers, workspace));
    }
}
