package io.stylecast.engine.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An Inception-like block in double precision: a stride-2 "valid" stem, 1x1 / 1x3 / 3x1 "same"
 * branches, a 3x3 "valid" branch, max and average pooling, joined by concatenation; the input
 * gradient of a quadratic function of two layers against central differences.
 */
class GraphNetworkGradientTest {

    private static INDArray random(SplittableRandom rng, double scale, long... shape) {
        int n = 1;
        for (long s : shape) {
            n *= (int) s;
        }
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = rng.nextDouble(-scale, scale);
        }
        return Nd4j.create(values, shape, 'c');
    }

    private static ConvRelu conv(SplittableRandom rng, String name, int kH, int kW, int in, int out, int stride,
                                 Padding padding) {
        return new ConvRelu(name, random(rng, 0.5, kH, kW, in, out), random(rng, 0.1, out), stride, padding);
    }

    static GraphNetwork block() {
        SplittableRandom rng = new SplittableRandom(11);
        List<GraphNetwork.Node> nodes = List.of(
                GraphNetwork.Node.chain(conv(rng, "stem", 3, 3, 3, 4, 2, Padding.VALID), GraphNetwork.INPUT),
                GraphNetwork.Node.chain(conv(rng, "b1", 1, 1, 4, 3, 1, Padding.SAME), "stem"),
                GraphNetwork.Node.chain(conv(rng, "b2a", 1, 3, 4, 3, 1, Padding.SAME), "stem"),
                GraphNetwork.Node.chain(conv(rng, "b2b", 3, 1, 3, 2, 1, Padding.SAME), "b2a"),
                GraphNetwork.Node.chain(new Pool("b3", Pooling.AVG, 3, 1, Padding.SAME), "stem"),
                new GraphNetwork.Node("mixed", new Concat(), List.of("b1", "b2b", "b3")),
                GraphNetwork.Node.chain(conv(rng, "valid", 3, 3, 9, 5, 1, Padding.VALID), "mixed"),
                GraphNetwork.Node.chain(new Pool("down", Pooling.MAX, 3, 2, Padding.VALID), "valid"));
        return new GraphNetwork("block", "test block", DataType.DOUBLE, new double[3], nodes,
                new NetworkDefaults(List.of("mixed"), Map.of("down", 1.0), 1, 1, 0, false));
    }

    /** f = 1/2 |mixed - a|^2 + 1/2 |down - b|^2, whose feature gradients are (mixed - a) and (down - b). */
    private static double f(GraphNetwork network, INDArray x, INDArray a, INDArray b, INDArray gradientOut) {
        Activations acts = network.forward(x, List.of("mixed", "down"));
        INDArray dm = acts.get("mixed").sub(a);
        INDArray dd = acts.get("down").sub(b);
        double value = 0.5 * (Math.pow(dm.norm2Number().doubleValue(), 2) + Math.pow(dd.norm2Number().doubleValue(), 2));
        if (gradientOut != null) {
            gradientOut.assign(network.inputGradient(acts, Map.of("mixed", dm, "down", dd)));
        }
        return value;
    }

    @Test
    void inputGradientMatchesCentralDifferences() {
        GraphNetwork network = block();
        SplittableRandom rng = new SplittableRandom(3);
        INDArray x = random(rng, 1, 1, 3, 16, 13);
        Activations shapes = network.forward(x, List.of("down"));
        INDArray a = random(rng, 1, shapes.get("mixed").shape());
        INDArray b = random(rng, 1, shapes.get("down").shape());
        INDArray gradient = x.ulike();
        f(network, x, a, b, gradient);
        double h = 1e-6;
        for (int i = 0; i < x.length(); i += 7) {
            double original = x.getDouble(i);
            x.putScalar(i, original + h);
            double plus = f(network, x, a, b, null);
            x.putScalar(i, original - h);
            double minus = f(network, x, a, b, null);
            x.putScalar(i, original);
            double expected = (plus - minus) / (2 * h);
            assertEquals(expected, gradient.getDouble(i), 1e-6 * Math.max(1, Math.abs(expected)), "at " + i);
        }
    }
}
