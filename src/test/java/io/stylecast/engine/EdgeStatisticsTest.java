package io.stylecast.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylecast.engine.loss.LossWeights;
import io.stylecast.engine.net.ConvRelu;
import io.stylecast.engine.net.FeatureNetwork;
import io.stylecast.engine.net.GraphNetwork;
import io.stylecast.engine.net.NetworkDefaults;
import io.stylecast.engine.net.Padding;
import io.stylecast.engine.net.Pool;
import io.stylecast.engine.net.Pooling;
import io.stylecast.engine.optim.Adam;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The frame's mechanism, on a tiny network built like InceptionV3's stem (a stride-2 "valid" convolution, a
 * stride-2 "valid" pooling, "same" convolutions after them): a picture optimised from a flat grey towards a style
 * changes as much at its border as inside it when the shifts are spread over the picture, and does not when they
 * are the stride's phase alone (as before #20). Compared by each region's mean change from the flat start, over
 * several runs with shifts of their own, against the spread of the runs (one run's border is a few texture blobs:
 * from run to run it changes 10-30 % more or less than the inside). Measured: spread -4 % +- 7 %, the phase alone
 * +69 % +- 4 %.
 */
class EdgeStatisticsTest {

    private static final int SIZE = 64;
    private static final int BAND = 4;
    private static final int RUNS = 6;

    private static INDArray random(SplittableRandom rng, double scale, long... shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        float[] values = new float[(int) n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) rng.nextDouble(-scale, scale);
        }
        return Nd4j.create(values, shape, 'c');
    }

    private static FeatureNetwork network() {
        SplittableRandom rng = new SplittableRandom(7);
        List<GraphNetwork.Node> nodes = List.of(
                GraphNetwork.Node.chain(new ConvRelu("stem", random(rng, 0.4, 3, 3, 3, 8), random(rng, 0.1, 8), 2,
                        Padding.VALID), GraphNetwork.INPUT),
                GraphNetwork.Node.chain(new ConvRelu("conv", random(rng, 0.3, 3, 3, 8, 8), random(rng, 0.1, 8), 1,
                        Padding.SAME), "stem"),
                GraphNetwork.Node.chain(new Pool("pool", Pooling.AVG, 3, 2, Padding.VALID), "conv"),
                GraphNetwork.Node.chain(new ConvRelu("deep", random(rng, 0.3, 3, 3, 8, 16), random(rng, 0.1, 16), 1,
                        Padding.SAME), "pool"));
        return new GraphNetwork("tiny-stem", "a tiny InceptionV3-like stem", DataType.FLOAT, new double[] {128, 128, 128},
                nodes, new NetworkDefaults(List.of("deep"), Map.of("stem", 1.0, "deep", 1.0), 1, 1, 4, true));
    }

    /** A style: a coloured noise picture, on the 0..255 scale less the mean. */
    private static INDArray styleImage() {
        return random(new SplittableRandom(3), 100, 1, 3, SIZE, SIZE);
    }

    /** The picture after 150 Adam steps from flat grey (the content weight 0: the style alone shapes it). */
    private static INDArray optimised(FeatureNetwork network, Jitter jitter) {
        INDArray flat = Nd4j.zeros(DataType.FLOAT, 1, 3, SIZE, SIZE);
        TotalLoss loss = new TotalLoss(network, flat, List.of("deep"),
                LossTargets.style(network, List.of(styleImage()), new double[] {1}, Map.of("stem", 1.0, "deep", 1.0)),
                new LossWeights(0, 1e4, 0), jitter);
        INDArray image = flat.dup();
        INDArray gradient = image.ulike();
        Adam adam = new Adam(2);
        PixelBounds bounds = PixelBounds.of(network.meanRgb());
        for (int step = 0; step < 150; step++) {
            double value = loss.evaluate(image, gradient).total();
            adam.step(image, gradient, value);
            bounds.clamp(image);
        }
        loss.close();
        return image;
    }

    /**
     * Over {@value #RUNS} runs, each with its own sequence of shifts: the mean and the standard error of the border's
     * mean change (outer {@value #BAND} px) relative to the inside's, less 1 (0: the same).
     */
    private static double[] borderAgainstInside(FeatureNetwork network, boolean spread) {
        double[] relative = new double[RUNS];
        for (int run = 0; run < RUNS; run++) {
            Jitter jitter = spread ? new Jitter(4, run + 1, SIZE, SIZE) : new Jitter(4, run + 1);
            relative[run] = borderOverInside(optimised(network, jitter)) - 1;
        }
        double mean = java.util.Arrays.stream(relative).average().orElseThrow();
        double variance = java.util.Arrays.stream(relative).map(r -> (r - mean) * (r - mean)).sum() / (RUNS - 1);
        return new double[] {mean, Math.sqrt(variance / RUNS)};
    }

    /** The mean change from the flat start of the outer {@value #BAND} px over that of the inside. */
    private static double borderOverInside(INDArray image) {
        INDArray change = Transforms.abs(image).mean(1).reshape(SIZE, SIZE);
        double border = 0;
        int borderCount = 0;
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                if (y < BAND || x < BAND || y >= SIZE - BAND || x >= SIZE - BAND) {
                    border += change.getDouble(y, x);
                    borderCount++;
                }
            }
        }
        INDArray inside = change.get(NDArrayIndex.interval(3 * BAND, SIZE - 3 * BAND),
                NDArrayIndex.interval(3 * BAND, SIZE - 3 * BAND));
        return border / borderCount / inside.meanNumber().doubleValue();
    }

    @Test
    void spreadShiftsChangeTheBorderAsMuchAsTheInside() {
        FeatureNetwork network = network();
        double[] spread = borderAgainstInside(network, true);
        double[] phaseOnly = borderAgainstInside(network, false);
        assertTrue(Math.abs(spread[0]) < 3 * spread[1], String.format(Locale.ROOT,
                "with the shifts spread, the border changes as the inside: %+.0f %% +- %.0f %%",
                100 * spread[0], 100 * spread[1]));
        assertTrue(Math.abs(phaseOnly[0]) > 3 * phaseOnly[1], String.format(Locale.ROOT,
                "with the phase alone, it does not (the frame): %+.0f %% +- %.0f %%",
                100 * phaseOnly[0], 100 * phaseOnly[1]));
    }
}
