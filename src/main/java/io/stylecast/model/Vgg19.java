package io.stylecast.model;

import io.stylecast.engine.net.ConvRelu;
import io.stylecast.engine.net.NetworkDefaults;
import io.stylecast.engine.net.Pool;
import io.stylecast.engine.net.Pooling;
import io.stylecast.engine.net.GraphNetwork;
import io.stylecast.engine.net.Stage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * VGG19's convolutional part (Simonyan and Zisserman 2015) as the paper and the reference use it:
 * 16 convolutions with ReLU in five blocks, each block ending in a 2x2 pooling, no fully connected
 * layers.
 */
public final class Vgg19 {

    /** Layer names in forward order; a {@code convX_Y} layer's features are its post-ReLU output. */
    public static final List<String> LAYERS = List.of(
            "conv1_1", "conv1_2", "pool1",
            "conv2_1", "conv2_2", "pool2",
            "conv3_1", "conv3_2", "conv3_3", "conv3_4", "pool3",
            "conv4_1", "conv4_2", "conv4_3", "conv4_4", "pool4",
            "conv5_1", "conv5_2", "conv5_3", "conv5_4", "pool5");

    /** Output channels of each convolution in the trained network. */
    public static final Map<String, Integer> CHANNELS = channels();

    /**
     * The reference's layers and weights: content conv4_2; style conv1_1..conv5_1 weighted
     * 0.5, 1.0, 1.5, 3.0, 4.0. alpha and beta keep the reference's balance at 640x480: its content
     * term {@code 100/(4 N M) sum (F - P)^2} at conv4_2 (N = 512, M = 4800) and style term
     * {@code 5 Ls} are, with Lc as in the paper, {@code 2e-5 Lc + 5 Ls}, i.e. alpha 1 and beta
     * 2.5e5 (Adam does not care about the overall scale).
     */
    public static final NetworkDefaults DEFAULTS = new NetworkDefaults(
            List.of("conv4_2"),
            orderedWeights("conv1_1", 0.5, "conv2_1", 1.0, "conv3_1", 1.5, "conv4_1", 3.0, "conv5_1", 4.0),
            1.0, 2.5e5, 0, false);

    private Vgg19() {
    }

    /** The kernel {@code [kH, kW, in, out]} and bias {@code [out]} of one convolution. */
    public record ConvWeights(INDArray kernel, INDArray bias) {
    }

    /** One layer in forward order: a convolution with its weights, or (weights null) a 2x2 pooling. */
    public record Layer(String name, ConvWeights conv) {
    }

    /** VGG19's layer order with the given convolution weights; stops at the first conv left out. */
    public static List<Layer> layers(Map<String, ConvWeights> weights) {
        List<Layer> layers = new ArrayList<>();
        for (String layer : LAYERS) {
            ConvWeights w = weights.get(layer);
            if (layer.startsWith("conv") && w == null) {
                break;
            }
            layers.add(new Layer(layer, w));
        }
        return layers;
    }

    /**
     * Builds the network. Trailing poolings are dropped (no feature layer needs them), so a file or a
     * test may hold fewer than all 16 convolutions.
     */
    public static GraphNetwork build(String name, String description, List<Layer> layers,
                                     double[] meanRgb, Pooling pooling, DataType dataType) {
        List<Stage> stages = new ArrayList<>();
        for (Layer layer : layers) {
            stages.add(layer.conv() == null ? new Pool(layer.name(), pooling)
                    : new ConvRelu(layer.name(), layer.conv().kernel().castTo(dataType),
                            layer.conv().bias().castTo(dataType)));
        }
        while (!stages.isEmpty() && stages.get(stages.size() - 1) instanceof Pool) {
            stages.remove(stages.size() - 1);
        }
        if (stages.isEmpty()) {
            throw new ModelException(description + ": no convolution layers");
        }
        checkChannels(description, stages);
        List<String> present = stages.stream().map(Stage::name).toList();
        List<GraphNetwork.Node> nodes = new ArrayList<>();
        for (int i = 0; i < stages.size(); i++) {
            nodes.add(GraphNetwork.Node.chain(stages.get(i), i == 0 ? GraphNetwork.INPUT : present.get(i - 1)));
        }
        return new GraphNetwork(name, description, dataType, meanRgb, nodes, defaultsWithin(present));
    }

    /** The reference's defaults, restricted to the layers a (possibly truncated) network has. */
    private static NetworkDefaults defaultsWithin(List<String> present) {
        List<String> content = DEFAULTS.contentLayers().stream().filter(present::contains).toList();
        Map<String, Double> style = new LinkedHashMap<>(DEFAULTS.styleLayers());
        style.keySet().retainAll(present);
        if (content.isEmpty()) {
            content = List.of(present.get(present.size() - 1));
        }
        return new NetworkDefaults(content, style.isEmpty() ? Map.of(present.get(0), 1.0) : style,
                DEFAULTS.contentWeight(), DEFAULTS.styleWeight(), DEFAULTS.jitter(), DEFAULTS.clampPixels());
    }

    private static void checkChannels(String description, List<Stage> stages) {
        long channels = 3;
        for (Stage stage : stages) {
            if (stage instanceof ConvRelu conv) {
                if (conv.inChannels() != channels) {
                    throw new ModelException(description + ": " + conv.name() + " takes " + conv.inChannels()
                            + " input channels but the layer before gives " + channels);
                }
                channels = conv.outChannels();
            }
        }
    }

    private static Map<String, Integer> channels() {
        Map<String, Integer> channels = new LinkedHashMap<>();
        for (String layer : LAYERS) {
            if (layer.startsWith("conv")) {
                int block = layer.charAt(4) - '0';
                channels.put(layer, Math.min(512, 64 << (block - 1)));
            }
        }
        return java.util.Collections.unmodifiableMap(channels);
    }

    private static Map<String, Double> orderedWeights(Object... pairs) {
        Map<String, Double> weights = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            weights.put((String) pairs[i], (Double) pairs[i + 1]);
        }
        return weights;
    }
}
