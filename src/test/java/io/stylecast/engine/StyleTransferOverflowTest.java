package io.stylecast.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylecast.engine.loss.LossWeights;
import io.stylecast.engine.net.FeatureNetwork;
import io.stylecast.engine.net.Pooling;
import io.stylecast.engine.optim.Adam;
import io.stylecast.model.RandomVgg19;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Weights too large for float32 stop a run before its image or its optimiser see a bad value. */
class StyleTransferOverflowTest {

    @Test
    void anOverflowingLossStopsBeforeAnythingIsReportedOrStepped() {
        Map<String, Integer> channels = new LinkedHashMap<>();
        channels.put("conv1_1", 4);
        channels.put("conv1_2", 5);
        channels.put("conv2_1", 6);
        FeatureNetwork network = RandomVgg19.create(7, Pooling.AVG, DataType.FLOAT, channels, 3);
        INDArray content = TotalLossGradientTest.randomImage(1).castTo(DataType.FLOAT);
        INDArray style = TotalLossGradientTest.randomImage(2).castTo(DataType.FLOAT);
        Map<String, Double> styleLayers = Map.of("conv1_1", 1.0, "conv2_1", 1.0);
        TotalLoss loss = new TotalLoss(network, content, List.of("conv2_1"),
                LossTargets.style(network, List.of(style), new double[] {1}, styleLayers), new LossWeights(1, 1, 0), null);
        Adam adam = new Adam(2.0);
        try (StyleTransfer transfer = new StyleTransfer(loss, adam, TotalLossGradientTest.randomImage(3).castTo(DataType.FLOAT), 5, null)) {
            List<Integer> reported = new ArrayList<>();
            transfer.next((it, image) -> reported.add(it.iteration()));
            INDArray before = transfer.image().dup();

            loss.setWeights(new LossWeights(1e30, 1e30, 0));
            NonFiniteLossException overflow = assertThrows(NonFiniteLossException.class,
                    () -> transfer.next((it, image) -> reported.add(it.iteration())));
            assertTrue(overflow.getMessage().contains("overflowed float32 at iteration 1"), overflow.getMessage());
            assertEquals(List.of(0), reported, "the bad iteration is not reported");
            assertEquals(before, transfer.image(), "nor stepped");
            assertEquals(1, adam.steps(), "nor seen by Adam");

            loss.setWeights(new LossWeights(1, 1, 0));
            transfer.next((it, image) -> reported.add(it.iteration()));
            assertEquals(List.of(0, 1), reported, "with sane weights it goes on from where it was");
            assertTrue(Double.isFinite(transfer.image().sumNumber().doubleValue()));
        }
    }
}
