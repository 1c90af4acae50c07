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

    /**
     * After the loss changed, no curvature pair is made from a gradient of the old loss and one of the new: the step
     * is the gradient's, scaled by the last curvature estimate (s'y / y'y of the last pair), and the next pair is made
     * from the new loss's gradients alone. Without any estimate yet, the step is shortened as the first one is.
     */
    @Test
    void aChangedObjectiveForgetsItsPairsAndKeepsTheScale() {
        INDArray x = Nd4j.create(new double[] {1, -2, 3, -4, 5});
        try (Lbfgs lbfgs = new Lbfgs(1.0, 5)) {
            INDArray before = x.dup();
            lbfgs.step(x, gradient(x), 0);
            INDArray s = x.sub(before);
            INDArray y = gradient(x).sub(gradient(before));
            lbfgs.step(x, gradient(x), 0);   // makes the pair (s, y) of the first step
            double scale = s.mul(y).sumNumber().doubleValue() / y.mul(y).sumNumber().doubleValue();
            // the new loss: the old one shifted by 1 in every coordinate, its gradient d * (x - 1)
            lbfgs.objectiveChanged();
            INDArray g = gradient(x.sub(1));
            INDArray expected = x.sub(g.mul(scale));
            lbfgs.step(x, g, 0);
            for (int i = 0; i < D.length; i++) {
                assertEquals(expected.getDouble(i), x.getDouble(i), 1e-9, "coordinate " + i);
            }
            for (int i = 0; i < 30; i++) {
                lbfgs.step(x, gradient(x.sub(1)), 0);
            }
            assertTrue(x.sub(1).norm2Number().doubleValue() < 1e-4, "converges on the new loss: " + x);
        }
        INDArray y = Nd4j.create(new double[] {1, 1, 1, 1, 1});
        try (Lbfgs lbfgs = new Lbfgs(1.0, 5)) {
            lbfgs.step(y, gradient(y), 0);
            INDArray g = gradient(y.sub(2));
            INDArray expected = y.sub(g.div(g.norm1Number().doubleValue()));
            lbfgs.objectiveChanged();
            lbfgs.step(y, g, 0);
            for (int i = 0; i < D.length; i++) {
                assertEquals(expected.getDouble(i), y.getDouble(i), 1e-9, "no scale yet: coordinate " + i);
            }
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
