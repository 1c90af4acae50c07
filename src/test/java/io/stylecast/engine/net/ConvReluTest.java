package io.stylecast.engine.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

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
        INDArray x = random(1, 1, h, w, in);
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
                                sum += kernel.getDouble(a, b, i, o) * x.getDouble(0, rr, cc, i);
                            }
                        }
                    }
                    assertEquals(Math.max(0, sum), y.getDouble(0, r, c, o), 1e-12, "at " + o + "," + r + "," + c);
                }
            }
        }
    }

    /**
     * Concat hands each branch a channel slice of its gradient, a strided view; oneDNN (float only) reads
     * tensors as densely packed, so the slice must give what a packed copy of it gives.
     */
    @Test
    void backwardOfAChannelSliceEqualsBackwardOfItsCopy() {
        INDArray x = random(5, 1, 9, 8, 4).castTo(DataType.FLOAT);
        ConvRelu conv = new ConvRelu("c", random(6, 3, 3, 4, 3).castTo(DataType.FLOAT),
                random(7, 3).castTo(DataType.FLOAT));
        INDArray y = conv.forward(x);
        INDArray concatGradient = random(8, 1, 9, 8, 7).castTo(DataType.FLOAT);
        INDArray slice = concatGradient.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all(),
                NDArrayIndex.interval(2, 5));
        INDArray expected = conv.backward(x, y, slice.dup('c'));
        INDArray actual = conv.backward(x, y, slice);
        assertEquals(0.0, expected.sub(actual).amaxNumber().doubleValue(), 1e-6);
        assertTrue(expected.amaxNumber().doubleValue() > 0.1);
    }

    @Test
    void backwardKernelIsFlippedAndTransposed() {
        INDArray kernel = random(4, 3, 5, 2, 4);
        INDArray flipped = ConvRelu.flippedTransposed(kernel);
        assertEquals(kernel.getDouble(2, 4, 1, 3), flipped.getDouble(0, 0, 3, 1), 0.0);
        assertEquals(kernel.getDouble(0, 1, 0, 2), flipped.getDouble(2, 3, 2, 0), 0.0);
    }
}
