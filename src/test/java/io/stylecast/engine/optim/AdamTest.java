package io.stylecast.engine.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class AdamTest {

    @Test
    void firstTwoStepsFollowTensorFlowsFormula() {
        INDArray x = Nd4j.create(new double[] {1.0, -2.0});
        try (Adam adam = new Adam(0.1)) {
            adam.step(x, Nd4j.create(new double[] {0.5, -1.0}), 0);
            // t = 1: m = 0.1 g = (0.05, -0.1); v = 0.001 g^2 = (0.00025, 0.001)
            // lr_1 = 0.1 sqrt(0.001) / 0.1 = 0.0316227766016838
            double lr1 = 0.0316227766016838;
            double x0 = 1.0 - lr1 * 0.05 / (Math.sqrt(0.00025) + 1e-8);
            double x1 = -2.0 - lr1 * -0.1 / (Math.sqrt(0.001) + 1e-8);
            assertEquals(x0, x.getDouble(0), 1e-12);
            assertEquals(x1, x.getDouble(1), 1e-12);
            // with g = 0.5 for all steps, the first Adam step is lr (up to eps): 1 - 0.1
            assertEquals(0.9, x.getDouble(0), 1e-6);

            adam.step(x, Nd4j.create(new double[] {0.2, 0.3}), 0);
            // t = 2: m = 0.9 m + 0.1 g = (0.065, -0.06); v = 0.999 v + 0.001 g^2 = (0.00028975, 0.001089)
            // lr_2 = 0.1 sqrt(1 - 0.998001) / (1 - 0.81)
            double lr2 = 0.1 * Math.sqrt(0.001999) / 0.19;
            x0 -= lr2 * 0.065 / (Math.sqrt(0.00028975) + 1e-8);
            x1 -= lr2 * -0.06 / (Math.sqrt(0.001089) + 1e-8);
            assertEquals(x0, x.getDouble(0), 1e-12);
            assertEquals(x1, x.getDouble(1), 1e-12);
            assertEquals(2, adam.steps());
        }
    }

    @Test
    void learningRateChangeTakesEffectOnNextStep() {
        INDArray x = Nd4j.create(new double[] {0.0});
        try (Adam adam = new Adam(1.0)) {
            adam.setLearningRate(0.5);
            adam.step(x, Nd4j.create(new double[] {3.0}), 0);
            assertEquals(-0.5, x.getDouble(0), 1e-6);
        }
    }
}
