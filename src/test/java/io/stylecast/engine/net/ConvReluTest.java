package io.stylecast.engine.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ConvReluTest {

    private static INDArray random(long seed, long... shape) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = 1;
        for (long s : shape) {
            n *= (int) s;
        }
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = rng.nextDouble(-1, 1);
        }
        return Nd4j.create(values, shape, 'c');
    }

    /**
     * As tf.nn.conv2d(padding='SAME') with a [d0, d1, in, out] filter: a cross-correlation in which d0
     * runs over rows and d1 over columns.
     */
    @Test
    void forwardIsSamePaddedCrossCorrelationWithKernelRowsFirst() {
        int in = 2;
        int out = 3;
        int h = 4;
        int w = 5;
        INDArray x = random(1, 1, in, h, w);
        INDArray kernel = random(2, 3, 3, in, out);
        INDArray bias = random(3, out);
        INDArray y = new ConvRelu("conv1_1", kernel, bias).forward(x);
        for (int o = 0; o < out; o++) {
            for (int r = 0; r < h; r++) {
                for (int c = 0; c < w; c++) {
                    double sum = bias.getDouble(o);
                    for (int a = 0; a < 3; a++) {
                        for (int b = 0; b < 3; b++) {
                            int rr = r + a - 1;
                            int cc = c + b - 1;
                            if (rr < 0 || rr >= h || cc < 0 || cc >= w) {
                                continue;
                            }
                            for (int i = 0; i < in; i++) {
                                sum += kernel.getDouble(a, b, i, o) * x.getDouble(0, i, rr, cc);
                            }
                        }
                    }
                    assertEquals(Math.max(0, sum), y.getDouble(0, o, r, c), 1e-12, "at " + o + "," + r + "," + c);
                }
            }
        }
    }

    @Test
    void backwardKernelIsFlippedAndTransposed() {
        INDArray kernel = random(4, 3, 5, 2, 4);
        INDArray flipped = ConvRelu.flippedTransposed(kernel);
        assertEquals(kernel.getDouble(2, 4, 1, 3), flipped.getDouble(0, 0, 3, 1), 0.0);
        assertEquals(kernel.getDouble(0, 1, 0, 2), flipped.getDouble(2, 3, 2, 0), 0.0);
    }
}
