package io.stylecast.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylecast.engine.net.FeatureNetwork;
import io.stylecast.engine.net.Pooling;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Coarse to fine: stages at growing widths, each from the one before's result; counted, continued and compared. */
class CoarseToFineTest {

    private final FeatureNetwork network = TotalLossGradientTest.tinyNetwork(Pooling.AVG);
    private final BufferedImage content = TestPictures.gradient(0x305070, 40, 30);
    private final List<BufferedImage> styles = List.of(TestPictures.gradient(0x904010, 30, 30));

    private static StyleParams staged(List<Integer> widths, List<Integer> iterations) {
        return TinyParams.builder().width(null).height(null).scales(widths).iterations(iterations).build();
    }

    private static final StyleParams TWO = staged(List.of(24, 48), List.of(6, 4));

    @Test
    void eachStageRunsAtItsWidthAndTheIterationsCountOverAll() {
        List<long[]> seen = new ArrayList<>();
        try (StyleTransfer transfer = StyleTransfer.create(network, TWO, content, styles, null)) {
            assertEquals(10, transfer.iterations());
            transfer.run((it, image) -> seen.add(new long[] {it.iteration(), it.iterations(), image.size(3), image.size(2)}));
        }
        assertEquals(11, seen.size(), "reports 0..10");
        for (long[] s : seen) {
            assertEquals(10, s[1]);
            assertEquals(s[0] < 6 ? 24 : 48, s[2], "width at iteration " + s[0]);
            assertEquals(s[0] < 6 ? 18 : 36, s[3], "height follows the content's 4:3 at iteration " + s[0]);
        }
    }

    /** A finer stage refines: with Adam, its learning rate is the coarser one's times the widths' ratio (24 to 48: half). */
    @Test
    void aFinerStageTakesSmallerSteps() {
        try (StyleTransfer transfer = StyleTransfer.create(network, TWO, content, styles, null)) {
            double coarse = transfer.checkpoint().learningRate();
            while (transfer.nextIteration() < 6) {
                transfer.next((it, image) -> { });
            }
            assertEquals(48, transfer.image().size(3), "in the second stage");
            assertEquals(coarse / 2, transfer.checkpoint().learningRate(), 1e-12);
        }
    }

    /** A run continued from a checkpoint in either stage ends with exactly the image of a run never stopped. */
    @Test
    void aContinuedRunEndsWhereAnUninterruptedOneDoes() {
        INDArray whole;
        try (StyleTransfer transfer = StyleTransfer.create(network, TWO, content, styles, null)) {
            transfer.run((it, image) -> { });
            whole = transfer.image().dup();
        }
        for (int stop : new int[] {3, 8}) {
            StyleTransfer.Checkpoint checkpoint;
            try (StyleTransfer first = StyleTransfer.create(network, TWO, content, styles, null)) {
                while (first.nextIteration() < stop) {
                    first.next((it, image) -> { });
                }
                checkpoint = first.checkpoint();
            }
            try (StyleTransfer rest = StyleTransfer.create(network, TWO, content, styles, null,
                    checkpoint)) {
                assertEquals(stop, rest.nextIteration());
                rest.run((it, image) -> { });
                assertEquals(whole, rest.image(), "continued from iteration " + stop);
            }
        }
    }

    /**
     * For the same work (pixels times iterations), starting small reaches a lower style loss at the full size than
     * running at the full size throughout: 60 steps at 16 px and 25 at 32 px against 40 at 32 px.
     */
    @Test
    void coarseToFineReachesALowerStyleLossForTheSameWork() {
        double single = finalStyleLoss(TinyParams.builder().width(32).height(null).iterations(40).build());
        double staged = finalStyleLoss(staged(List.of(16, 32), List.of(60, 25)));
        assertTrue(staged < single, "coarse to fine " + staged + " against one scale " + single);
    }

    private double finalStyleLoss(StyleParams params) {
        double[] last = new double[1];
        try (StyleTransfer transfer = StyleTransfer.create(network, params, content, styles, null)) {
            transfer.run((it, image) -> last[0] = it.losses().style());
        }
        return last[0];
    }
}
