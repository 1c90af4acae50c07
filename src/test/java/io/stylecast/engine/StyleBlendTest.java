package io.stylecast.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.stylecast.engine.net.FeatureNetwork;
import io.stylecast.engine.net.Pooling;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Several style pictures blend their Gram targets: a blend of (1, 0) is the first picture alone. */
class StyleBlendTest {

    private final FeatureNetwork network = TotalLossGradientTest.tinyNetwork(Pooling.AVG);

    private INDArray run(List<BufferedImage> styles, List<Double> blend) {
        StyleParams params = TinyParams.builder().iterations(8).styleBlend(blend).build();
        try (StyleTransfer transfer = StyleTransfer.create(network, params, TestPictures.gradient(0x305070, 20, 18), styles, null)) {
            transfer.run((it, image) -> { });
            return transfer.image().dup();
        }
    }

    @Test
    void aBlendOfOneAndZeroIsTheFirstStyleAlone() {
        BufferedImage first = TestPictures.gradient(0x904010, 20, 18);
        BufferedImage second = TestPictures.gradient(0x10a040, 30, 18);
        INDArray alone = run(List.of(first), null);
        assertEquals(alone, run(List.of(first, second), List.of(1.0, 0.0)));
        assertNotEquals(alone, run(List.of(first, second), List.of(0.5, 0.5)), "the second picture counts when weighted");
    }
}
