package io.stylecast.engine.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class TotalVariationLossTest {

    @Test
    void checkerboardHasEveryNeighbourPairDifferent() {
        int c = 3;
        int h = 5;
        int w = 7;
        double v = 2.5;
        INDArray board = Nd4j.create(new long[] {1, c, h, w}, 'c').castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE);
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    board.putScalar(new long[] {0, ch, y, x}, (x + y) % 2 == 0 ? v : 0);
                }
            }
        }
        double pairs = c * ((h - 1) * w + h * (w - 1));
        assertEquals(pairs * v * v, TotalVariationLoss.evaluate(board, false).value(), 1e-9);
    }

    @Test
    void constantImageHasNone() {
        LossGradient result = TotalVariationLoss.evaluate(Nd4j.valueArrayOf(new long[] {1, 3, 4, 4}, 7.0), true);
        assertEquals(0.0, result.value(), 0.0);
        assertEquals(0.0, result.gradient().amaxNumber().doubleValue(), 0.0);
    }

    @Test
    void gradientMatchesCentralDifferences() {
        INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.DOUBLE, 1, 2, 4, 5).muli(10);
        INDArray gradient = TotalVariationLoss.evaluate(x, true).gradient();
        double h = 1e-5;
        for (int i = 0; i < x.length(); i++) {
            double original = x.getDouble(i);
            x.putScalar(i, original + h);
            double plus = TotalVariationLoss.evaluate(x, false).value();
            x.putScalar(i, original - h);
            double minus = TotalVariationLoss.evaluate(x, false).value();
            x.putScalar(i, original);
            assertEquals((plus - minus) / (2 * h), gradient.getDouble(i), 1e-5, "at " + i);
        }
    }
}
