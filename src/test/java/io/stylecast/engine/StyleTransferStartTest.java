package io.stylecast.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.stylecast.engine.net.Activations;
import io.stylecast.engine.net.FeatureNetwork;
import io.stylecast.engine.net.ForwardingNetwork;
import io.stylecast.engine.net.Pooling;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A live viewer can be shown the starting picture before any forward pass: {@code create} hands it
 * over before the targets are computed, and it is the image the first iteration starts from (the
 * checkpoint's when a run continues).
 */
class StyleTransferStartTest {

    private final List<String> calls = new ArrayList<>();
    private final FeatureNetwork network = new ForwardingNetwork(TotalLossGradientTest.tinyNetwork(Pooling.AVG)) {
        @Override
        public Activations forward(INDArray input, Collection<String> layers) {
            calls.add("forward");
            return super.forward(input, layers);
        }
    };

    private final StyleParams params = TinyParams.builder().iterations(3).build();

    @Test
    void theStartingImageComesBeforeAnyForwardPassAndIsWhereTheRunStarts() {
        INDArray[] shown = new INDArray[1];
        try (StyleTransfer transfer = StyleTransfer.create(network, params, TestPictures.gradient(0x203040, 20, 18), List.of(TestPictures.gradient(0x804020, 20, 18)), null,
                null, start -> {
                    calls.add("start");
                    shown[0] = start.dup();
                })) {
            assertEquals("start", calls.get(0), "shown before the targets' forward passes: " + calls);
            assertEquals(shown[0], transfer.image(), "the image the first iteration starts from");
            INDArray[] first = new INDArray[1];
            transfer.next((it, image) -> first[0] = image.dup());
            assertEquals(shown[0], first[0], "iteration 0 reports that same image");
        }
    }

    @Test
    void aContinuedRunShowsItsCheckpointsImage() {
        StyleTransfer.Checkpoint checkpoint;
        try (StyleTransfer first = StyleTransfer.create(network, params, TestPictures.gradient(0x203040, 20, 18), List.of(TestPictures.gradient(0x804020, 20, 18)), null)) {
            first.next((it, image) -> { });
            first.next((it, image) -> { });
            checkpoint = first.checkpoint();
        }
        INDArray[] shown = new INDArray[1];
        try (StyleTransfer rest = StyleTransfer.create(network, params, TestPictures.gradient(0x203040, 20, 18), List.of(TestPictures.gradient(0x804020, 20, 18)), null,
                checkpoint, start -> shown[0] = start.dup())) {
            assertNotNull(shown[0]);
            assertEquals(checkpoint.image(), shown[0]);
            assertEquals(rest.image(), shown[0]);
        }
    }
}
