package io.stylecast.engine.net;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A network that hands every call to another; tests override the one call they change. */
public class ForwardingNetwork implements FeatureNetwork {

    protected final FeatureNetwork network;

    public ForwardingNetwork(FeatureNetwork network) {
        this.network = network;
    }

    @Override public String name() { return network.name(); }
    @Override public String description() { return network.description(); }
    @Override public DataType dataType() { return network.dataType(); }
    @Override public double[] meanRgb() { return network.meanRgb(); }
    @Override public List<String> layerNames() { return network.layerNames(); }
    @Override public NetworkDefaults defaults() { return network.defaults(); }
    @Override public Activations forward(INDArray input, Collection<String> layers) { return network.forward(input, layers); }
    @Override public INDArray inputGradient(Activations a, Map<String, INDArray> g) { return network.inputGradient(a, g); }
}
