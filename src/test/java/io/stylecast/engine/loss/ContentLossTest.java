package io.stylecast.engine.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ContentLossTest {

    @Test
    void halfTheSumOfSquaredDifferences() {
        INDArray p = Nd4j.create(new double[] {1, 2, 3, 4, 5, 6, 7, 8}, new long[] {1, 2, 2, 2}, 'c');
        INDArray f = Nd4j.create(new double[] {1, 0, 3, 7, 5, 6, 6, 8}, new long[] {1, 2, 2, 2}, 'c');
        // differences 0, -2, 0, 3, 0, 0, -1, 0: 1/2 (4 + 9 + 1) = 7
        LossGradient result = new ContentLoss(p).evaluate(f, true);
        assertEquals(7.0, result.value(), 1e-12);
        assertArrayEquals(new double[] {0, -2, 0, 3, 0, 0, -1, 0}, result.gradient().data().asDouble(), 1e-12);
        assertArrayEquals(new long[] {1, 2, 2, 2}, result.gradient().shape());
    }

    @Test
    void valueWithoutGradientIsTheSame() {
        INDArray p = Nd4j.create(new double[] {0.5, -1, 2, 3}, new long[] {1, 1, 2, 2}, 'c');
        INDArray f = Nd4j.create(new double[] {1.5, 1, 2, 0}, new long[] {1, 1, 2, 2}, 'c');
        LossGradient result = new ContentLoss(p).evaluate(f, false);
        assertEquals(0.5 * (1 + 4 + 0 + 9), result.value(), 1e-12);
        assertNull(result.gradient());
    }
}
