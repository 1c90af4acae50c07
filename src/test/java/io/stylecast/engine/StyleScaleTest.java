package io.stylecast.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylecast.engine.net.Activations;
import io.stylecast.engine.net.FeatureNetwork;
import io.stylecast.engine.net.ForwardingNetwork;
import io.stylecast.engine.net.Pooling;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Style pictures keep their aspect ratio, at {@code styleScale} times the output's longer side. */
class StyleScaleTest {

    private static StyleParams params(double styleScale) {
        return TinyParams.builder().iterations(1).styleLayers(Map.of("conv1_1", 1.0)).init(InitialImage.CONTENT)
                .styleScale(styleScale).build();
    }

    @Test
    void theLongerSideFollowsTheOutputsAndTheAspectIsKept() {
        assertArrayEquals(new int[] {256, 128}, params(1).styleSize(400, 200, new int[] {256, 256}));
        assertArrayEquals(new int[] {128, 64}, params(0.5).styleSize(400, 200, new int[] {256, 256}));
        assertArrayEquals(new int[] {213, 640}, params(1).styleSize(100, 300, new int[] {640, 480}));
        assertArrayEquals(new int[] {4096, 16}, params(4).styleSize(3000, 10, new int[] {4096, 100}));
    }

    @Test
    void outOfRangeScalesAreRefusedByName() {
        assertEquals("styleScale must be between 0.1 and 4.0, got 5.0",
                assertThrows(InputException.class, () -> params(5)).getMessage());
        assertTrue(assertThrows(InputException.class, () -> params(Double.NaN)).getMessage().startsWith("styleScale"));
    }

    @Test
    void aWideStylePictureIsNotStretchedToTheOutput() {
        List<long[]> shapes = new ArrayList<>();
        FeatureNetwork network = new ForwardingNetwork(TotalLossGradientTest.tinyNetwork(Pooling.AVG)) {
            @Override
            public Activations forward(INDArray input, Collection<String> layers) {
                shapes.add(input.shape());
                return super.forward(input, layers);
            }
        };
        BufferedImage content = new BufferedImage(20, 20, BufferedImage.TYPE_INT_RGB);
        BufferedImage wide = new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB);
        try (StyleTransfer ignored = StyleTransfer.create(network, params(2), content, List.of(wide), null)) {
            assertTrue(shapes.stream().anyMatch(s -> s[2] == 16 && s[3] == 32), "the style's pass: "
                    + shapes.stream().map(java.util.Arrays::toString).toList());
        }
    }
}
