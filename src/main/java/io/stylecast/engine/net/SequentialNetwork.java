package io.stylecast.engine.net;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A chain of {@link Stage}s, such as VGG19's convolution blocks, whose stage outputs are its feature layers. */
public final class SequentialNetwork implements FeatureNetwork {

    private final String name;
    private final String description;
    private final DataType dataType;
    private final double[] meanRgb;
    private final List<Stage> stages;
    private final Map<String, Integer> indexByName = new HashMap<>();
    private final NetworkDefaults defaults;

    public SequentialNetwork(String name, String description, DataType dataType, double[] meanRgb,
                             List<Stage> stages, NetworkDefaults defaults) {
        if (meanRgb.length != 3) {
            throw new IllegalArgumentException("the mean needs 3 channels, got " + meanRgb.length);
        }
        this.name = name;
        this.description = description;
        this.dataType = dataType;
        this.meanRgb = meanRgb.clone();
        this.stages = List.copyOf(stages);
        for (int i = 0; i < this.stages.size(); i++) {
            if (indexByName.put(this.stages.get(i).name(), i + 1) != null) {
                throw new IllegalArgumentException("two layers are named " + this.stages.get(i).name());
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
        return stages.stream().map(Stage::name).toList();
    }

    @Override
    public NetworkDefaults defaults() {
        return defaults;
    }

    public List<Stage> stages() {
        return stages;
    }

    @Override
    public Activations forward(INDArray input, Collection<String> layers) {
        int depth = deepest(layers);
        List<INDArray> tensors = new ArrayList<>(depth + 1);
        tensors.add(input);
        for (int i = 0; i < depth; i++) {
            tensors.add(stages.get(i).forward(tensors.get(i)));
        }
        return new Activations(tensors, indexByName);
    }

    @Override
    public INDArray inputGradient(Activations activations, Map<String, INDArray> featureGradients) {
        int depth = deepest(featureGradients.keySet());
        if (depth >= activations.size()) {
            throw new IllegalArgumentException("gradients given for layers deeper than the forward pass went");
        }
        INDArray gradient = null;
        for (int i = depth; i >= 1; i--) {
            INDArray featureGradient = featureGradients.get(stages.get(i - 1).name());
            if (featureGradient != null) {
                gradient = gradient == null ? featureGradient : gradient.addi(featureGradient);
            }
            gradient = stages.get(i - 1).backward(activations.tensor(i - 1), activations.tensor(i), gradient);
        }
        return gradient;
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
            if (!indexByName.containsKey(layer)) {
                throw new IllegalArgumentException("unknown layer " + layer + " in " + name
                        + "; it has " + String.join(", ", layerNames()));
            }
        }
    }
}
