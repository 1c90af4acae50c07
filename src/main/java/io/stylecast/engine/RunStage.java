package io.stylecast.engine;

import io.stylecast.engine.image.Pictures;
import io.stylecast.engine.image.PixelTensor;
import io.stylecast.engine.loss.LossWeights;
import io.stylecast.engine.net.FeatureNetwork;
import io.stylecast.engine.optim.Adam;
import io.stylecast.engine.optim.Lbfgs;
import io.stylecast.engine.optim.Optimizer;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What one run at one size needs, made from the pictures at that size: the loss with its targets, a fresh optimiser,
 * the starting image and how it is shown. A single-scale run is one stage; coarse-to-fine makes one per scale.
 *
 * @param start the image the stage starts from (the run's own: the optimiser changes it)
 */
record RunStage(TotalLoss loss, Optimizer optimizer, INDArray start, Pictures pictures) {

    /** How many steps in a row L-BFGS keeps a shift. */
    static final int LBFGS_HOLD = 10;

    /** The pictures a run is made from, and the blend of its style pictures' Gram targets. */
    record Inputs(BufferedImage content, List<BufferedImage> styles, BufferedImage init, double[] blend) {
    }

    /**
     * @param stage the stage's parameters ({@link StyleParams#stage}), not yet resolved
     * @param init the picture an {@code init image} stage starts from: the user's, or the stage before's result
     * @param weights the loss weights in force (a live update may have changed them), or null for the parameters'
     * @param onStart given the starting image before the targets' forward passes
     */
    static RunStage build(FeatureNetwork network, StyleParams stage, Inputs pictures, BufferedImage init,
                          LossWeights weights, Consumer<INDArray> onStart) {
        StyleParams p = stage.resolve(network.defaults(), pictures.content().getWidth(), pictures.content().getHeight());
        int[] size = {p.width(), p.height()};
        INDArray content = tensor(network, size, pictures.content());
        INDArray initTensor = stage.init() == InitialImage.IMAGE && init != null ? tensor(network, size, init) : null;
        INDArray start = stage.init().create(content, stage.noiseRatio(), stage.seed(), initTensor);
        onStart.accept(start);
        List<INDArray> styles = new ArrayList<>();
        for (BufferedImage picture : pictures.styles()) {
            styles.add(tensor(network, stage.styleSize(picture.getWidth(), picture.getHeight(), size), picture));
        }
        LossWeights w = weights != null ? weights : new LossWeights(p.contentWeight(), p.styleWeight(), p.tvWeight());
        TotalLoss loss = new TotalLoss(network, content, p.contentLayers(),
                LossTargets.style(network, styles, pictures.blend(), p.styleLayers()), w,
                jitter(p, stage.seed(), size));
        Pictures shown = stage.preserveColors() ? Pictures.withOriginalColors(network.meanRgb(), content)
                : Pictures.plain(network.meanRgb());
        return new RunStage(loss, optimizer(stage), start, shown);
    }

    /**
     * The shifts are spread over the whole picture (no frame, {@link Jitter}). Adam takes a new one at every step.
     * L-BFGS builds its steps from the gradients of successive iterations, which must be of one loss: a new shift at
     * each of its steps broke it (coffee + ihc at 256 px: the total loss 3e8 at iteration 50 instead of 4.5e5), so it
     * keeps each shift for {@value #LBFGS_HOLD} steps and forgets its curvature pairs when the shift changes
     * ({@link io.stylecast.engine.optim.Optimizer#objectiveChanged}). Held for 25 steps, each shift's wrap-around
     * seam showed in the picture; for 5, the style took less (docs/gallery/EDGES.md).
     */
    private static Jitter jitter(StyleParams p, long seed, int[] size) {
        int hold = p.optimizer() == OptimizerKind.ADAM ? 1 : LBFGS_HOLD;
        return new Jitter(p.jitter(), seed + 1, size[1], size[0], hold);
    }

    private static INDArray tensor(FeatureNetwork network, int[] size, BufferedImage picture) {
        return PixelTensor.fromImage(picture, size[0], size[1], network.meanRgb(), network.dataType());
    }

    private static Optimizer optimizer(StyleParams params) {
        return switch (params.optimizer()) {
            case ADAM -> new Adam(params.effectiveLearningRate());
            case LBFGS -> new Lbfgs(params.effectiveLearningRate(), Lbfgs.DEFAULT_HISTORY);
        };
    }
}
