package io.stylecast.engine.net;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A feed-forward network as a directed acyclic graph of named {@link Op}s in topological order,
 * each node's output a feature layer: a chain for VGG19, branches joined by {@link Concat} for
 * Inception. The forward pass runs as far as the deepest layer asked for; the backward pass
 * accumulates gradients from the deepest node back to the input.
 *
 * <p>The {@code [1, 3, H, W]} input is turned channels last once on the way in, and its gradient back on
 * the way out: inside, every tensor is {@code [1, H, W, C]}.
 */
public final class GraphNetwork implements FeatureNetwork {

    /** The name by which nodes refer to the network's input. */
    public static final String INPUT = "input";

    /**
     * One node: {@code op} applied to the outputs of {@code inputs} (earlier nodes or {@link #INPUT}).
     */
    public record Node(String name, Op op, List<String> inputs) {

        public Node {
            inputs = List.copyOf(inputs);
        }

        /** A stage fed by the node before it. */
        public static Node chain(Stage stage, String input) {
            return new Node(stage.name(), stage, List.of(input));
        }
    }

    private final String name;
    private final String description;
    private final DataType dataType;
    private final double[] meanRgb;
    private final List<Node> nodes;
    private final int[][] inputIndices;
    private final Map<String, Integer> indexByName = new HashMap<>();
    private final NetworkDefaults defaults;

    public GraphNetwork(String name, String description, DataType dataType, double[] meanRgb, List<Node> nodes,
                        NetworkDefaults defaults) {
        if (meanRgb.length != 3) {
            throw new IllegalArgumentException("the mean needs 3 channels, got " + meanRgb.length);
        }
        this.name = name;
        this.description = description;
        this.dataType = dataType;
        this.meanRgb = meanRgb.clone();
        this.nodes = List.copyOf(nodes);
        this.inputIndices = new int[this.nodes.size()][];
        indexByName.put(INPUT, 0);
        for (int i = 0; i < this.nodes.size(); i++) {
            Node node = this.nodes.get(i);
            inputIndices[i] = node.inputs().stream().mapToInt(input -> {
                Integer index = indexByName.get(input);
                if (index == null) {
                    throw new IllegalArgumentException(node.name() + " reads " + input + ", which does not come before it");
                }
                return index;
            }).toArray();
            if (indexByName.put(node.name(), i + 1) != null) {
                throw new IllegalArgumentException("two layers are named " + node.name());
            }
        }
        this.defaults = defaults;
        checkKnown(defaults.contentLayers());
        checkKnown(defaults.styleLayers().keySet());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public DataType dataType() {
        return dataType;
    }

    @Override
    public double[] meanRgb() {
        return meanRgb.clone();
    }

    @Override
    public List<String> layerNames() {
        return nodes.stream().map(Node::name).toList();
    }

    @Override
    public NetworkDefaults defaults() {
        return defaults;
    }

    public List<Node> nodes() {
        return nodes;
    }

    @Override
    public Activations forward(INDArray input, Collection<String> layers) {
        int depth = deepest(layers);
        List<INDArray> tensors = new ArrayList<>(depth + 1);
        tensors.add(input.permute(0, 2, 3, 1).dup('c'));
        for (int i = 0; i < depth; i++) {
            tensors.add(nodes.get(i).op().apply(inputsOf(i, tensors)));
        }
        return new Activations(tensors, indexByName);
    }

    @Override
    public INDArray inputGradient(Activations activations, Map<String, INDArray> featureGradients) {
        int depth = deepest(featureGradients.keySet());
        if (depth >= activations.size()) {
            throw new IllegalArgumentException("gradients given for layers deeper than the forward pass went");
        }
        INDArray[] accumulated = new INDArray[depth + 1];
        featureGradients.forEach((layer, gradient) -> add(accumulated, indexByName.get(layer), gradient));
        List<INDArray> tensors = new ArrayList<>(activations.size());
        for (int i = 0; i < activations.size(); i++) {
            tensors.add(activations.tensor(i));
        }
        for (int i = depth; i >= 1; i--) {
            if (accumulated[i] == null) {
                continue;
            }
            INDArray[] gradients = nodes.get(i - 1).op().gradients(inputsOf(i - 1, tensors), tensors.get(i), accumulated[i]);
            accumulated[i] = null;
            for (int k = 0; k < gradients.length; k++) {
                add(accumulated, inputIndices[i - 1][k], gradients[k]);
            }
        }
        INDArray input = activations.tensor(0);
        if (accumulated[0] == null) {
            return Nd4j.zeros(input.dataType(), 1, input.size(3), input.size(1), input.size(2));
        }
        return accumulated[0].permute(0, 3, 1, 2).dup('c');
    }

    private static void add(INDArray[] accumulated, int index, INDArray gradient) {
        accumulated[index] = accumulated[index] == null ? gradient : accumulated[index].addi(gradient);
    }

    private INDArray[] inputsOf(int node, List<INDArray> tensors) {
        int[] indices = inputIndices[node];
        INDArray[] inputs = new INDArray[indices.length];
        for (int k = 0; k < indices.length; k++) {
            inputs[k] = tensors.get(indices[k]);
        }
        return inputs;
    }

    private int deepest(Collection<String> layers) {
        checkKnown(layers);
        int depth = 0;
        for (String layer : layers) {
            depth = Math.max(depth, indexByName.get(layer));
        }
        return depth;
    }

    private void checkKnown(Collection<String> layers) {
        for (String layer : layers) {
            if (!indexByName.containsKey(layer) || layer.equals(INPUT)) {
                throw new IllegalArgumentException("unknown layer " + layer + " in " + name
                        + "; it has " + String.join(", ", layerNames()));
            }
        }
    }
}
