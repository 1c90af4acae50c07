package io.stylecast.engine.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class LbfgsTest {

    /** f(x) = 1/2 sum d_i x_i^2, an ill-conditioned quadratic; its gradient is d * x. */
    private static final double[] D = {1, 4, 10, 50, 200};

    private static INDArray gradient(INDArray x) {
        return x.mul(Nd4j.create(D));
    }

    @Test
    void firstStepIsShortenedGradientStep() {
        INDArray x = Nd4j.create(new double[] {1, 1, 1, 1, 1});
        INDArray g = gradient(x);
        try (Lbfgs lbfgs = new Lbfgs(1.0, 5)) {
            lbfgs.step(x, g, 0);
        }
        double l1 = 1 + 4 + 10 + 50 + 200;
        for (int i = 0; i < D.length; i++) {
            assertEquals(1 - D[i] / l1, x.getDouble(i), 1e-12);
        }
    }

    @Test
    void worksOnImageShapedArrays() {
        INDArray x = Nd4j.create(new double[] {1, -2, 3, -4, 5, 1}, new long[] {1, 3, 1, 2}, 'c');
        INDArray target = x.dup();
        try (Lbfgs lbfgs = new Lbfgs(1.0, 3)) {
            for (int i = 0; i < 20; i++) {
                lbfgs.step(x, x.mul(2), 0);
            }
        }
        assertTrue(x.norm2Number().doubleValue() < 1e-3 * target.norm2Number().doubleValue(), "|x| = " + x.norm2Number());
    }

    @Test
    void convergesOnQuadraticFasterThanGradientDescentCould() {
        INDArray x = Nd4j.create(new double[] {1, -2, 3, -4, 5});
        try (Lbfgs lbfgs = new Lbfgs(1.0, 5)) {
            for (int i = 0; i < 30; i++) {
                lbfgs.step(x, gradient(x), 0);
            }
        }
        // plain gradient descent with a stable step (< 2/200) would still be at |x_0| ~ 0.86 here
        assertTrue(x.norm2Number().doubleValue() < 1e-4, "|x| = " + x.norm2Number());
    }
}
