package io.stylecast.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylecast.engine.loss.LossValues;
import io.stylecast.engine.loss.LossWeights;
import io.stylecast.engine.net.FeatureNetwork;
import io.stylecast.engine.net.Pooling;
import io.stylecast.model.RandomVgg19;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The input gradient of the whole loss, through a tiny VGG-shaped network, against central differences. */
class TotalLossGradientTest {

    static final int HEIGHT = 11;
    static final int WIDTH = 14;

    static FeatureNetwork tinyNetwork(Pooling pooling) {
        Map<String, Integer> channels = new LinkedHashMap<>();
        channels.put("conv1_1", 4);
        channels.put("conv1_2", 5);
        channels.put("conv2_1", 6);
        channels.put("conv2_2", 6);
        channels.put("conv3_1", 7);
        return RandomVgg19.create(7, pooling, DataType.DOUBLE, channels, 3);
    }

    static INDArray randomImage(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] values = new double[3 * HEIGHT * WIDTH];
        for (int i = 0; i < values.length; i++) {
            values[i] = rng.nextDouble(-100, 100);
        }
        return Nd4j.create(values, new long[] {1, 3, HEIGHT, WIDTH}, 'c');
    }

    @ParameterizedTest
    @EnumSource(Pooling.class)
    void gradientMatchesCentralDifferences(Pooling pooling) {
        FeatureNetwork network = tinyNetwork(pooling);
        Map<String, Double> styleLayers = new LinkedHashMap<>();
        styleLayers.put("conv1_1", 0.5);
        styleLayers.put("conv2_1", 1.0);
        styleLayers.put("conv3_1", 1.5);
        try (TotalLoss loss = new TotalLoss(network, randomImage(1), List.of("conv2_2"),
                LossTargets.style(network, List.of(randomImage(2), randomImage(3)), new double[] {0.7, 0.3}, styleLayers),
                new LossWeights(1e-2, 1e3, 0.05), null)) {
            INDArray x = randomImage(4);
            INDArray gradient = x.ulike();
            LossValues values = loss.evaluate(x, gradient);
            double value = values.total();
            assertTrue(value > 0);
            // each style layer's own E_l, weighted by w_l, makes up Ls
            assertEquals(List.of("conv1_1", "conv2_1", "conv3_1"), List.copyOf(values.styleLayers().keySet()));
            double weighted = 0;
            for (Map.Entry<String, Double> layer : styleLayers.entrySet()) {
                assertTrue(values.styleLayers().get(layer.getKey()) > 0, layer.getKey());
                weighted += layer.getValue() * values.styleLayers().get(layer.getKey());
            }
            assertEquals(values.style(), weighted, 1e-9 * values.style());

            SplittableRandom pick = new SplittableRandom(5);
            double h = 1e-4;
            for (int k = 0; k < 25; k++) {
                long i = pick.nextInt((int) x.length());
                double original = x.getDouble(i);
                x.putScalar(i, original + h);
                double plus = loss.evaluate(x, null).total();
                x.putScalar(i, original - h);
                double minus = loss.evaluate(x, null).total();
                x.putScalar(i, original);
                double expected = (plus - minus) / (2 * h);
                double actual = gradient.getDouble(i);
                assertEquals(expected, actual, 1e-5 * Math.max(1, Math.abs(expected)),
                        "dL/dx at " + i + " with " + pooling + " pooling");
            }
        }
    }
}
