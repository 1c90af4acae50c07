package io.stylecast.engine.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** TensorFlow's SAME 2x2/2 pooling on an odd-sized map: the edge windows hold fewer pixels. */
class PoolTest {

    private static final INDArray ONE_TO_NINE = Nd4j.create(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9},
            new long[] {1, 3, 3, 1}, 'c');

    @Test
    void averageExcludesPadding() {
        INDArray y = new Pool("pool1", Pooling.AVG).forward(ONE_TO_NINE);
        assertArrayEquals(new long[] {1, 2, 2, 1}, y.shape());
        assertArrayEquals(new double[] {(1 + 2 + 4 + 5) / 4.0, (3 + 6) / 2.0, (7 + 8) / 2.0, 9},
                y.data().asDouble(), 1e-12);
    }

    @Test
    void maxTakesLargestInWindow() {
        INDArray y = new Pool("pool1", Pooling.MAX).forward(ONE_TO_NINE);
        assertArrayEquals(new double[] {5, 6, 8, 9}, y.data().asDouble(), 1e-12);
    }

    @Test
    void averageBackwardSpreadsGradientOverWindow() {
        Pool pool = new Pool("pool1", Pooling.AVG);
        INDArray y = pool.forward(ONE_TO_NINE);
        INDArray dx = pool.backward(ONE_TO_NINE, y, Nd4j.create(new double[] {4, 2, 2, 1}, new long[] {1, 2, 2, 1}, 'c'));
        assertArrayEquals(new double[] {1, 1, 1, 1, 1, 1, 1, 1, 1}, dx.data().asDouble(), 1e-12);
    }
}
