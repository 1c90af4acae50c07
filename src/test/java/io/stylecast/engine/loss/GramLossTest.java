package io.stylecast.engine.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class GramLossTest {

    /** Two channels [1 2] and [3 4] over a 1x2 map, channels last: N = 2, M = 2. */
    private static INDArray features() {
        return Nd4j.create(new double[] {1, 3, 2, 4}, new long[] {1, 1, 2, 2}, 'c');
    }

    @Test
    void gramMatrixIsInnerProductsOfFeatureMaps() {
        INDArray g = GramMatrix.of(features());
        // [1 2].[1 2] = 5, [1 2].[3 4] = 11, [3 4].[3 4] = 25
        assertArrayEquals(new double[] {5, 11, 11, 25}, g.data().asDouble(), 1e-12);
    }

    @Test
    void layerLossAgainstZeroTarget() {
        LossGradient result = new GramLoss(Nd4j.zeros(2, 2).castTo(features().dataType())).evaluate(features(), true);
        // sum G^2 = 25 + 121 + 121 + 625 = 892; 4 N^2 M^2 = 64
        assertEquals(892.0 / 64, result.value(), 1e-12);
        // (G - A) F / (N^2 M^2) = [[5 11] [11 25]] [[1 2] [3 4]] / 16 = [[38 54] [86 122]] / 16, channels last
        assertArrayEquals(new double[] {38 / 16.0, 86 / 16.0, 54 / 16.0, 122 / 16.0},
                result.gradient().data().asDouble(), 1e-12);
        assertArrayEquals(new long[] {1, 1, 2, 2}, result.gradient().shape());
    }

    @Test
    void layerLossAgainstNonZeroTarget() {
        // A per position, here of a style picture of M_s = 2 positions like the features: A = [[4 10] [10 27]]
        INDArray a = Nd4j.create(new double[] {2, 5, 5, 13.5}, new long[] {2, 2}, 'c');
        // G - A = [[1 1] [1 -2]]: sum of squares 7, over 64
        assertEquals(7.0 / 64, new GramLoss(a).evaluate(features(), false).value(), 1e-12);
    }

    /** A style picture twice the size with the same statistics (its features repeated) is the same target. */
    @Test
    void aStylePictureOfAnotherSizeIsComparedPerPosition() {
        INDArray twice = Nd4j.create(new double[] {1, 3, 2, 4, 1, 3, 2, 4}, new long[] {1, 2, 2, 2}, 'c');
        INDArray perPosition = GramMatrix.of(twice).divi(4);
        assertEquals(0.0, new GramLoss(perPosition).evaluate(features(), false).value(), 1e-12);
        assertEquals(0.0, new GramLoss(GramMatrix.of(features()).divi(2)).evaluate(twice, false).value(), 1e-12);
    }

    @Test
    void channelCountMustMatchTarget() {
        assertThrows(IllegalArgumentException.class,
                () -> new GramLoss(Nd4j.zeros(3, 3)).evaluate(features(), false));
    }
}
