package io.stylecast.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.stylecast.engine.net.Pooling;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StyleParamsTest {

    private static StyleParams withSize(Integer width, Integer height) {
        StyleParams d = StyleParams.defaults();
        return new StyleParams(width, height, d.iterations(), null, null, null, null, d.tvWeight(), null, d.init(),
                d.noiseRatio(), d.seed(), Pooling.AVG, d.optimizer(), null, d.saveEvery(), null, false, 1, null);
    }

    @Test
    void sizeFollowsTheContentsAspectRatioWhenOneSideIsGiven() {
        assertArrayEquals(new int[] {640, 480}, withSize(null, null).size(451, 300));
        assertArrayEquals(new int[] {384, 255}, withSize(384, null).size(451, 300));
        assertArrayEquals(new int[] {451, 300}, withSize(null, 300).size(451, 300));
        assertArrayEquals(new int[] {100, 50}, withSize(100, 50).size(451, 300));
        assertArrayEquals(new int[] {4096, 16}, withSize(4096, null).size(10000, 10), "clamped to the allowed range");
    }

    @Test
    void errorsNameTheParameterAndItsRange() {
        InputException e = assertThrows(InputException.class, () -> withSize(5000, null).validate());
        assertEquals("width must be between 16 and 4096, got 5000", e.getMessage());
        StyleParams d = StyleParams.defaults();
        InputException ratio = assertThrows(InputException.class, () -> new StyleParams(null, null, 10, null, null, null,
                null, 0, null, InitialImage.NOISE, 1.5, 0, Pooling.AVG, d.optimizer(), null, 1, null, false, 1, null).validate());
        assertEquals("noiseRatio must be between 0 and 1, got 1.5", ratio.getMessage());
        InputException blend = assertThrows(InputException.class, () -> new StyleParams(null, null, 10, null,
                Map.of("conv1_1", 1.0), -1.0, null, 0, List.of(0.0, 0.0), InitialImage.NOISE, 0.5, 0, Pooling.AVG,
                d.optimizer(), null, 1, null, false, 1, null).validate());
        assertEquals("contentWeight must be between 0 and 1e15 (the engine computes in float32), got -1.0", blend.getMessage());
    }
}
