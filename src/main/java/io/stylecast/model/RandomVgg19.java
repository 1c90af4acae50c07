package io.stylecast.model;

import io.stylecast.engine.image.PixelTensor;
import io.stylecast.engine.net.Pooling;
import io.stylecast.engine.net.GraphNetwork;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An untrained VGG19 with the real channel widths and seeded He-normal weights (zero biases): for
 * tests, benchmarks and comparison with other implementations of the same network, without a
 * weight file. Its features are not ImageNet features; results look like coloured noise.
 */
public final class RandomVgg19 {

    public static final String NAME = "random-vgg19";
    public static final long DEFAULT_SEED = 42;

    private RandomVgg19() {
    }

    public static GraphNetwork create(long seed, Pooling pooling, DataType dataType) {
        return create(seed, pooling, dataType, Vgg19.CHANNELS, 3);
    }

    /**
     * @param channels output channels by conv layer; layers left out end the network there
     * @param kernelSize odd kernel side (3 for VGG)
     */
    public static GraphNetwork create(long seed, Pooling pooling, DataType dataType,
                                           Map<String, Integer> channels, int kernelSize) {
        SplittableRandom rng = new SplittableRandom(seed);
        Map<String, Vgg19.ConvWeights> weights = new LinkedHashMap<>();
        int in = 3;
        for (String layer : Vgg19.LAYERS) {
            Integer out = channels.get(layer);
            if (layer.startsWith("pool")) {
                continue;
            }
            if (out == null) {
                break;
            }
            double std = Math.sqrt(2.0 / (kernelSize * kernelSize * in));
            double[] kernel = new double[kernelSize * kernelSize * in * out];
            for (int i = 0; i < kernel.length; i++) {
                kernel[i] = gaussian(rng) * std;
            }
            weights.put(layer, new Vgg19.ConvWeights(
                    Nd4j.create(kernel, new long[] {kernelSize, kernelSize, in, out}, 'c').castTo(dataType),
                    Nd4j.zeros(dataType, out)));
            in = out;
        }
        return Vgg19.build(NAME, "untrained VGG19, He-normal weights with seed " + seed, Vgg19.layers(weights),
                PixelTensor.IMAGENET_MEAN_RGB, pooling, dataType);
    }

    private static double gaussian(SplittableRandom rng) {
        double u1 = 1 - rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
