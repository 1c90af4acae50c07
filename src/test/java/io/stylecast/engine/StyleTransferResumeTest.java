package io.stylecast.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylecast.engine.loss.LossWeights;
import io.stylecast.engine.net.FeatureNetwork;
import io.stylecast.engine.net.Pooling;
import io.stylecast.engine.optim.Adam;
import io.stylecast.engine.optim.Lbfgs;
import io.stylecast.engine.optim.Optimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A run saved at a checkpoint and continued in a new {@link StyleTransfer} takes exactly the steps
 * the uninterrupted run takes: same iteration numbers, same jitter shifts, same optimiser state,
 * same image. Each shift is held for 3 steps, as L-BFGS's are, so that the checkpoint falls within a hold.
 */
class StyleTransferResumeTest {

    static final int ITERATIONS = 8;

    private final FeatureNetwork network = TotalLossGradientTest.tinyNetwork(Pooling.AVG);

    private StyleTransfer transfer(Optimizer optimizer) {
        TotalLoss loss = new TotalLoss(network, TotalLossGradientTest.randomImage(1), List.of("conv2_2"),
                LossTargets.style(network, List.of(TotalLossGradientTest.randomImage(2)), new double[] {1},
                        Map.of("conv1_1", 1.0, "conv2_1", 1.0)), new LossWeights(1e-2, 1e3, 0.05), new Jitter(3, 11, 0, 0, 3));
        return new StyleTransfer(loss, optimizer, TotalLossGradientTest.randomImage(3), ITERATIONS, null);
    }

    private void continuesExactly(Supplier<Optimizer> optimizer) {
        INDArray straight;
        List<Integer> straightReports = new ArrayList<>();
        try (StyleTransfer whole = transfer(optimizer.get())) {
            whole.run((it, image) -> straightReports.add(it.iteration()));
            straight = whole.image().dup();
        }
        List<Integer> reports = new ArrayList<>();
        StyleTransfer.Checkpoint checkpoint;
        try (StyleTransfer first = transfer(optimizer.get())) {
            for (int i = 0; i < 5; i++) {
                first.next((it, image) -> reports.add(it.iteration()));
            }
            checkpoint = first.checkpoint();
        }
        assertEquals(5, checkpoint.iteration());
        try (StyleTransfer rest = transfer(optimizer.get())) {
            rest.restore(checkpoint);
            rest.run((it, image) -> reports.add(it.iteration()));
            assertEquals(straightReports, reports, "the iterations continue where they stopped");
            double difference = rest.image().sub(straight).amaxNumber().doubleValue();
            assertTrue(difference < 1e-9, "the continued run ends on the same image, off by " + difference);
        }
    }

    @Test
    void adamContinuesWithItsMomentsAndTheJitterSequence() {
        continuesExactly(() -> new Adam(2.0));
    }

    @Test
    void lbfgsContinuesWithItsCurvaturePairs() {
        continuesExactly(() -> new Lbfgs(1.0, 4));
    }

    @Test
    void aFreshRestartWouldHaveGoneElsewhere() {
        INDArray straight;
        try (StyleTransfer whole = transfer(new Adam(2.0))) {
            whole.run((it, image) -> { });
            straight = whole.image().dup();
        }
        try (StyleTransfer first = transfer(new Adam(2.0)); StyleTransfer rest = transfer(new Adam(2.0))) {
            for (int i = 0; i < 5; i++) {
                first.next((it, image) -> { });
            }
            StyleTransfer.Checkpoint checkpoint = first.checkpoint();
            rest.restore(new StyleTransfer.Checkpoint(checkpoint.iteration(), checkpoint.image(),
                    io.stylecast.engine.optim.OptimizerState.fresh("adam"), 0, checkpoint.weights(), checkpoint.learningRate()));
            rest.run((it, image) -> { });
            assertTrue(rest.image().sub(straight).amaxNumber().doubleValue() > 1e-3,
                    "without the moments and the jitter position the path differs: the test above can tell");
        }
    }
}
