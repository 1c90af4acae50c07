package io.stylecast.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.stylecast.engine.net.Concat;
import io.stylecast.engine.net.ConvRelu;
import io.stylecast.engine.net.GraphNetwork;
import io.stylecast.engine.net.NetworkDefaults;
import io.stylecast.engine.net.Padding;
import io.stylecast.engine.net.Pool;
import io.stylecast.engine.net.Pooling;
import io.stylecast.model.tfjs.TfjsModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The ImageNet layers of Keras's InceptionV3 (Szegedy et al. 2016), the stem and blocks up to
 * {@code mixed5}, built from a Keras {@code model_config} and its weights.
 *
 * <p>Keras writes each convolution as Conv2D (no bias) -> BatchNormalization -> Activation('relu');
 * here the three become one {@link ConvRelu} named after the activation, with the batch-norm folded
 * in: {@code K' = K s}, {@code b' = beta - mean s}, {@code s = gamma / sqrt(var + eps)} per output
 * channel. The feature layers are {@code activation_N}, the pooling layers and {@code mixedN}.
 *
 * <p>Keras feeds this network {@code pixel / 127.5 - 1}. With the mean 127.5 subtracted (the
 * optimiser's space), that is {@code x / 127.5}, which is folded into the first convolution.
 */
public final class InceptionV3 {

    public static final String NAME = "inception-v3";
    /** The deepest layer whose weights are the Keras ImageNet ones in the default package. */
    public static final String LAST_IMAGENET_LAYER = "mixed5";
    static final double[] MEAN_RGB = {127.5, 127.5, 127.5};

    /** The npm package whose tarball carries the weights, and where in it they are. */
    public static final String PACKAGE = "nsfwjs@4.4.0";
    public static final String TARBALL = "nsfwjs-4.4.0.tgz";
    static final String MODEL_DIRECTORY = "package/dist/models/inception_v3";

    /**
     * Layers and weights chosen by rendering the sample pairs (see docs/gallery): content mixed2; style
     * the five stem activations and mixed0..mixed2, equally weighted.
     */
    public static final NetworkDefaults DEFAULTS = new NetworkDefaults(
            List.of("mixed2"),
            equalWeights("activation_1", "activation_2", "activation_3", "activation_4", "activation_5",
                    "mixed0", "mixed1", "mixed2"),
            1.0, 1e7, 8, true);

    private InceptionV3() {
    }

    /**
     * Builds the network up to and including {@code lastLayer}.
     *
     * @throws IllegalArgumentException on a layer type or option this builder does not know
     */
    public static GraphNetwork build(TfjsModel model, String lastLayer, NetworkDefaults defaults, String description,
                                     DataType dataType) {
        Map<String, JsonNode> layers = new LinkedHashMap<>();
        for (JsonNode layer : model.modelConfig().path("config").path("layers")) {
            layers.put(layer.path("name").asText(), layer);
        }
        if (!layers.containsKey(lastLayer)) {
            throw new IllegalArgumentException("the model has no layer " + lastLayer);
        }
        Map<String, String> alias = new HashMap<>();
        List<GraphNetwork.Node> nodes = new ArrayList<>();
        for (JsonNode layer : layers.values()) {
            String name = layer.path("name").asText();
            String type = layer.path("class_name").asText();
            List<String> inputs = inputs(layer);
            switch (type) {
                case "InputLayer" -> alias.put(name, GraphNetwork.INPUT);
                case "Conv2D", "BatchNormalization" -> alias.put(name, name);
                case "Activation" -> nodes.add(convRelu(layer, layers, alias, model.weights(), dataType));
                case "MaxPooling2D", "AveragePooling2D" -> nodes.add(GraphNetwork.Node.chain(pool(layer, type), alias.get(inputs.get(0))));
                case "Concatenate" -> nodes.add(new GraphNetwork.Node(name, new Concat(),
                        inputs.stream().map(alias::get).toList()));
                default -> throw new IllegalArgumentException("unsupported layer " + name + " (" + type + ")");
            }
            alias.putIfAbsent(name, name);
            if (name.equals(lastLayer)) {
                break;
            }
        }
        return new GraphNetwork(NAME, description, dataType, MEAN_RGB, nodes, defaults);
    }

    /** Activation(relu) <- BatchNormalization <- Conv2D, as one ConvRelu reading the conv's input. */
    private static GraphNetwork.Node convRelu(JsonNode activation, Map<String, JsonNode> layers, Map<String, String> alias,
                                              Map<String, INDArray> weights, DataType dataType) {
        String name = activation.path("name").asText();
        if (!activation.path("config").path("activation").asText().equals("relu")) {
            throw new IllegalArgumentException(name + " is not a ReLU");
        }
        JsonNode bn = layers.get(inputs(activation).get(0));
        JsonNode conv = bn == null ? null : layers.get(inputs(bn).get(0));
        if (bn == null || conv == null || !bn.path("class_name").asText().equals("BatchNormalization")
                || !conv.path("class_name").asText().equals("Conv2D")) {
            throw new IllegalArgumentException(name + " does not follow a Conv2D -> BatchNormalization pair");
        }
        String convName = conv.path("name").asText();
        String bnName = bn.path("name").asText();
        INDArray kernel = require(weights, convName + "/kernel").dup();
        long out = kernel.size(3);
        INDArray scale = Transforms.pow(require(weights, bnName + "/moving_variance").add(bn.path("config").path("epsilon").asDouble(1e-3)), -0.5, false);
        if (weights.containsKey(bnName + "/gamma")) {
            scale.muli(weights.get(bnName + "/gamma"));
        }
        INDArray bias = weights.containsKey(bnName + "/beta") ? weights.get(bnName + "/beta").dup() : Nd4j.zeros(kernel.dataType(), out);
        bias.subi(require(weights, bnName + "/moving_mean").mul(scale));
        kernel.reshape(kernel.length() / out, out).muliRowVector(scale.reshape(1, out));
        String input = alias.get(inputs(conv).get(0));
        if (input.equals(GraphNetwork.INPUT)) {
            kernel.divi(127.5);
        }
        JsonNode config = conv.path("config");
        int stride = config.path("strides").get(0).asInt();
        if (config.path("strides").get(1).asInt() != stride || config.path("dilation_rate").get(0).asInt(1) != 1
                || config.path("use_bias").asBoolean(false)) {
            throw new IllegalArgumentException(convName + ": unsupported strides, dilation or bias");
        }
        Padding padding = config.path("padding").asText().equals("same") ? Padding.SAME : Padding.VALID;
        ConvRelu stage = new ConvRelu(name, kernel.castTo(dataType), bias.castTo(dataType), stride, padding);
        return GraphNetwork.Node.chain(stage, input);
    }

    private static Pool pool(JsonNode layer, String type) {
        JsonNode config = layer.path("config");
        int size = config.path("pool_size").get(0).asInt();
        int stride = config.path("strides").get(0).asInt();
        Padding padding = config.path("padding").asText().equals("same") ? Padding.SAME : Padding.VALID;
        return new Pool(layer.path("name").asText(), type.startsWith("Max") ? Pooling.MAX : Pooling.AVG, size, stride, padding);
    }

    /** Defaults that name only the stem, for networks built shallower than mixed2 in tests. */
    static final NetworkDefaults DEFAULTS_FOR_TESTS = new NetworkDefaults(List.of("activation_1"),
            Map.of("activation_1", 1.0), 1.0, 1.0, 0, false);

    /** The default network: the ImageNet layers of the InceptionV3 in the nsfwjs package's tarball. */
    public static GraphNetwork fromTarball(java.nio.file.Path tarball, DataType dataType) {
        if (!java.nio.file.Files.isRegularFile(tarball)) {
            throw new ModelException("the default network's weights are missing: " + tarball + " not found. Fetch them with "
                    + "`mvn generate-resources` (or `cd " + tarball.getParent() + " && npm pack " + PACKAGE + "`); "
                    + "it needs the npm registry.");
        }
        // the network keeps folded copies of the weights it uses; the decoded ones are freed at once
        try (TfjsModel model = TfjsModel.fromTarball(tarball, MODEL_DIRECTORY, config -> weightsUpTo(config, LAST_IMAGENET_LAYER))) {
            return build(model, LAST_IMAGENET_LAYER, DEFAULTS, "InceptionV3 ImageNet layers to " + LAST_IMAGENET_LAYER
                    + " from " + tarball + " (" + PACKAGE + ", MIT)", dataType);
        } catch (IllegalArgumentException e) {
            throw new ModelException(tarball + ": unexpected model: " + e.getMessage(), e);
        }
    }

    /** Picks the weights ({@code layer/name}) of the layers up to and including {@code lastLayer} in {@code config}. */
    static Predicate<String> weightsUpTo(JsonNode config, String lastLayer) {
        Set<String> layers = new HashSet<>();
        for (JsonNode layer : config.path("config").path("layers")) {
            layers.add(layer.path("name").asText());
            if (layer.path("name").asText().equals(lastLayer)) {
                break;
            }
        }
        return weight -> layers.contains(weight.substring(0, Math.max(0, weight.indexOf('/'))));
    }

    private static Map<String, Double> equalWeights(String... layers) {
        Map<String, Double> weights = new LinkedHashMap<>();
        for (String layer : layers) {
            weights.put(layer, 1.0);
        }
        return weights;
    }

    private static List<String> inputs(JsonNode layer) {
        List<String> names = new ArrayList<>();
        JsonNode inbound = layer.path("inbound_nodes");
        if (inbound.size() > 0) {
            for (JsonNode edge : inbound.get(0)) {
                names.add(edge.get(0).asText());
            }
        }
        return names;
    }

    private static INDArray require(Map<String, INDArray> weights, String name) {
        INDArray w = weights.get(name);
        if (w == null) {
            throw new IllegalArgumentException("no weight " + name);
        }
        return w;
    }
}
