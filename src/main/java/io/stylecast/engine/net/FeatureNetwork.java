package io.stylecast.engine.net;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A frozen image network seen as a source of named feature maps, with the input gradient of any
 * function of those features. Losses, optimisers and sessions only know this interface.
 *
 * <p>Inputs are {@code [1, 3, H, W]} RGB tensors on the 0..255 scale with {@link #meanRgb()}
 * subtracted, the space the optimiser works in. A network that wants another scaling applies it
 * itself. Feature maps are channels last, {@code [1, H, W, C]}, the layout oneDNN computes fastest.
 *
 * <p>Implementations are immutable and thread-safe; the arrays they return live in the ND4J
 * workspace active on the calling thread.
 */
public interface FeatureNetwork {

    /** Short name for logs and listings ({@code vgg19}, {@code random-vgg19}). */
    String name();

    /** Where the weights came from, for people: a file, a package, or "untrained (seed 42)". */
    String description();

    DataType dataType();

    /** The per-channel RGB mean subtracted from 0..255 pixels before the network sees them. */
    double[] meanRgb();

    /** Every feature layer in forward order. */
    List<String> layerNames();

    /** The layers and loss weights used unless the user picks others. */
    NetworkDefaults defaults();

    /**
     * Runs the network as far as the deepest of {@code layers} and keeps what the backward pass needs.
     *
     * @throws IllegalArgumentException if a layer name is unknown
     */
    Activations forward(INDArray input, Collection<String> layers);

    /**
     * Backpropagates feature gradients to the input.
     *
     * @param featureGradients {@code dL/dF} by layer name, each shaped like its feature map; they may be
     *     overwritten
     * @return {@code dL/dinput}, shaped like the input
     */
    INDArray inputGradient(Activations activations, Map<String, INDArray> featureGradients);
}
