package io.stylecast.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylecast.engine.image.PixelTensor;
import io.stylecast.engine.net.FeatureNetwork;
import io.stylecast.engine.net.Pooling;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** {@code preserveColors}: what is shown and saved has the content photo's chroma, and only then. */
class StyleTransferColorsTest {

    private final FeatureNetwork network = TotalLossGradientTest.tinyNetwork(Pooling.AVG);

    private static StyleParams params(boolean preserveColors) {
        return TinyParams.builder().iterations(3).preserveColors(preserveColors).build();
    }

    /** The largest difference in I or Q between the shown picture and the content photo at the output's size. */
    private double chromaDistance(boolean preserveColors) {
        BufferedImage content = TestPictures.gradient(0x305070, 20, 18);
        BufferedImage sized = PixelTensor.toImage(
                PixelTensor.fromImage(content, 16, 16, network.meanRgb(), DataType.FLOAT), network.meanRgb());
        try (StyleTransfer transfer = StyleTransfer.create(network, params(preserveColors), content,
                List.of(TestPictures.gradient(0x904010, 20, 18)), null)) {
            transfer.run((it, image) -> { });
            BufferedImage shown = transfer.pictures().of(transfer.image());
            double worst = 0;
            for (int y = 0; y < 16; y++) {
                for (int x = 0; x < 16; x++) {
                    double[] a = yiq(shown.getRGB(x, y));
                    double[] b = yiq(sized.getRGB(x, y));
                    worst = Math.max(worst, Math.max(Math.abs(a[1] - b[1]), Math.abs(a[2] - b[2])));
                }
            }
            return worst;
        }
    }

    private static double[] yiq(int p) {
        double r = (p >> 16) & 0xff;
        double g = (p >> 8) & 0xff;
        double b = p & 0xff;
        return new double[] {0.299 * r + 0.587 * g + 0.114 * b, 0.596 * r - 0.274 * g - 0.322 * b,
            0.211 * r - 0.523 * g + 0.312 * b};
    }

    @Test
    void theShownPictureHasTheContentsChromaOnlyWhenAsked() {
        // within what rounding and clipping to 0..255 leave
        double with = chromaDistance(true);
        double without = chromaDistance(false);
        assertTrue(with < 6, "with original colours the chroma is off by " + with);
        assertTrue(without > 20, "without them the noise start's colours stay: " + without);
    }
}
