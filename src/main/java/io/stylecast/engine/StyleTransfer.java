package io.stylecast.engine;

import io.stylecast.engine.image.Pictures;
import io.stylecast.engine.image.PixelTensor;
import io.stylecast.engine.loss.LossValues;
import io.stylecast.engine.loss.LossWeights;
import io.stylecast.engine.net.FeatureNetwork;
import io.stylecast.engine.optim.Adam;
import io.stylecast.engine.optim.Lbfgs;
import io.stylecast.engine.optim.Optimizer;
import io.stylecast.engine.optim.OptimizerState;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One run of the algorithm: gradient descent on the pixels of an image against a {@link TotalLoss}.
 * It does not know the loss terms; it asks for the loss and gradient, reports to a listener, and
 * steps the optimiser.
 *
 * <p>Not thread-safe, and bound to one thread: create, step and close it on the same thread (the
 * loss's workspace belongs to that thread).
 */
public final class StyleTransfer implements AutoCloseable {

    private final TotalLoss loss;
    private final Optimizer optimizer;
    private final INDArray image;
    private final INDArray gradient;
    private final int iterations;
    private final PixelBounds bounds;
    private Pictures pictures;
    private int next;
    private long startNanos;

    /** @param bounds where to clamp the image after each step; null for nowhere */
    public StyleTransfer(TotalLoss loss, Optimizer optimizer, INDArray initialImage, int iterations, PixelBounds bounds) {
        this.loss = loss;
        this.bounds = bounds;
        this.optimizer = optimizer;
        this.image = initialImage;
        this.gradient = initialImage.ulike();
        this.iterations = iterations;
        this.pictures = Pictures.plain(loss.network().meanRgb());
    }

    /**
     * Where a run is, to continue it later or elsewhere exactly as it would have gone on: the next
     * iteration, the image, the optimiser's state, the jitter's position in its sequence, and the
     * loss weights and learning rate in force (a live update may have changed them).
     */
    public record Checkpoint(int iteration, INDArray image, OptimizerState optimizer, long jitterDraws,
                             LossWeights weights, double learningRate) {

        /** Frees the copies' native memory at once, rather than when the garbage collector gets to them. */
        public void release() {
            image.close();
            optimizer.arrays().values().forEach(INDArray::close);
        }
    }

    /**
     * Builds the whole run from pictures: converts them to tensors at the requested size, computes
     * the targets, and makes the starting image and the optimiser.
     *
     * @param initPicture the start for {@code init image}, else null
     */
    public static StyleTransfer create(FeatureNetwork network, StyleParams params, BufferedImage contentPicture,
                                       List<BufferedImage> stylePictures, BufferedImage initPicture) {
        return create(network, params, contentPicture, stylePictures, initPicture, null);
    }

    /**
     * As {@link #create(FeatureNetwork, StyleParams, BufferedImage, List, BufferedImage)}, continuing
     * from {@code from} when it is not null: its iteration, image, optimiser state, jitter position,
     * weights and learning rate replace the start's.
     */
    public static StyleTransfer create(FeatureNetwork network, StyleParams params, BufferedImage contentPicture,
                                       List<BufferedImage> stylePictures, BufferedImage initPicture, Checkpoint from) {
        return create(network, params, contentPicture, stylePictures, initPicture, from, start -> { });
    }

    /**
     * As {@link #create(FeatureNetwork, StyleParams, BufferedImage, List, BufferedImage, Checkpoint)}, handing
     * {@code onStart} the image the run starts from (the checkpoint's, when continuing) as soon as it is made,
     * before the targets, whose forward passes take most of the set-up: a live viewer sees a picture at once.
     * The image is the run's own: read it, do not keep or change it.
     */
    public static StyleTransfer create(FeatureNetwork network, StyleParams params, BufferedImage contentPicture,
                                       List<BufferedImage> stylePictures, BufferedImage initPicture, Checkpoint from,
                                       Consumer<INDArray> onStart) {
        params.validate();
        params.checkLayers(network.layerNames(), network.name());
        double[] blend = blend(params, stylePictures.size());
        StyleParams p = params.resolve(network.defaults(), contentPicture.getWidth(), contentPicture.getHeight());
        int[] size = {p.width(), p.height()};
        INDArray content = tensor(network, size, contentPicture);
        List<INDArray> styles = new ArrayList<>();
        for (BufferedImage picture : stylePictures) {
            styles.add(tensor(network, params.styleSize(picture.getWidth(), picture.getHeight(), size), picture));
        }
        LossWeights weights = new LossWeights(p.contentWeight(), p.styleWeight(), p.tvWeight());
        INDArray init = params.init() == InitialImage.IMAGE && initPicture != null
                ? tensor(network, size, initPicture) : null;
        INDArray start = params.init().create(content, params.noiseRatio(), params.seed(), init);
        onStart.accept(from != null ? from.image() : start);
        TotalLoss loss = new TotalLoss(network, content, p.contentLayers(),
                LossTargets.style(network, styles, blend, p.styleLayers()), weights, new Jitter(p.jitter(), params.seed() + 1));
        PixelBounds bounds = network.defaults().clampPixels() ? PixelBounds.of(network.meanRgb()) : null;
        StyleTransfer transfer = new StyleTransfer(loss, optimizer(params), start, params.iterations(), bounds);
        if (params.preserveColors()) {
            transfer.pictures = Pictures.withOriginalColors(network.meanRgb(), content);
        }
        if (from != null) {
            transfer.restore(from);
        }
        return transfer;
    }

    /** The iteration the next call to {@link #next} reports. */
    public int nextIteration() {
        return next;
    }

    /** A copy of where the run is; the next call to {@link #next} would report {@code iteration}. */
    public Checkpoint checkpoint() {
        return new Checkpoint(next, image.dup(), optimizer.state(), loss.jitter().draws(), loss.weights(),
                optimizer.learningRate());
    }

    /** Continues from {@code from}: the next iteration, the image, the optimiser, the jitter, the weights and learning rate. */
    public void restore(Checkpoint from) {
        if (from.iteration() < 0 || from.iteration() > iterations) {
            throw new IllegalArgumentException("a checkpoint at iteration " + from.iteration() + " of a run of " + iterations);
        }
        if (!java.util.Arrays.equals(from.image().shape(), image.shape())) {
            throw new IllegalArgumentException("the checkpoint's image is " + java.util.Arrays.toString(from.image().shape())
                    + ", the run's " + java.util.Arrays.toString(image.shape()));
        }
        next = from.iteration();
        image.assign(from.image());
        optimizer.restore(from.optimizer());
        optimizer.setLearningRate(from.learningRate());
        loss.setWeights(from.weights());
        loss.jitter().skip(from.jitterDraws());
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

    private static double[] blend(StyleParams params, int styleCount) {
        if (styleCount == 0) {
            throw new InputException("at least one style image is needed");
        }
        if (params.styleBlend() == null) {
            double[] equal = new double[styleCount];
            java.util.Arrays.fill(equal, 1.0);
            return equal;
        }
        if (params.styleBlend().size() != styleCount) {
            throw new InputException("styleBlend has " + params.styleBlend().size() + " weights for "
                    + styleCount + " style images");
        }
        return params.styleBlend().stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The optimiser steps of the whole run. */
    public int iterations() {
        return iterations;
    }

    /** True once the report of the final image has been made. */
    public boolean finished() {
        return next > iterations;
    }

    /**
     * Largest gradient component allowed: the sum of the gradient's squares must fit in float32
     * (Adam squares each component, L-BFGS takes dot products of whole gradients), so each component
     * stays under {@code sqrt(Float.MAX_VALUE / n)} for an image of n values (1.1e16 at 640x480).
     */
    private double maxGradient() {
        return Math.sqrt(Float.MAX_VALUE / (double) image.length());
    }

    /**
     * Evaluates the loss at the current image, reports it, and (unless this was the final report)
     * takes one optimiser step.
     *
     * @throws NonFiniteLossException when the loss or its gradient is not finite in float32, before
     *     anything is reported or stepped, or when the step made the image non-finite
     */
    public Iteration next(IterationListener listener) {
        if (finished()) {
            throw new IllegalStateException("all " + iterations + " iterations are done");
        }
        if (next == 0) {
            startNanos = System.nanoTime();
        }
        boolean last = next == iterations;
        LossValues losses = loss.evaluate(image, last ? null : gradient);
        checkFinite(losses, !last);
        Iteration report = new Iteration(next, iterations, losses, (System.nanoTime() - startNanos) / 1_000_000);
        listener.onIteration(report, image);
        if (!last) {
            optimizer.step(image, gradient, losses.total());
            if (bounds != null) {
                bounds.clamp(image);
            }
            if (!Double.isFinite(image.sumNumber().doubleValue())) {
                throw new NonFiniteLossException(next, "the image");
            }
        }
        next++;
        return report;
    }

    private void checkFinite(LossValues losses, boolean withGradient) {
        if (!(Double.isFinite(losses.total()) && Double.isFinite(losses.content()) && Double.isFinite(losses.style())
                && Double.isFinite(losses.totalVariation()))) {
            throw new NonFiniteLossException(next, "the loss");
        }
        // amax may pass over NaN; a NaN anywhere makes the sum NaN
        if (withGradient && !(gradient.amaxNumber().doubleValue() < maxGradient()
                && !Double.isNaN(gradient.sumNumber().doubleValue()))) {
            throw new NonFiniteLossException(next, "the gradient");
        }
    }

    /** Runs every remaining iteration. */
    public void run(IterationListener listener) {
        while (!finished()) {
            next(listener);
        }
    }

    /** How the image becomes the picture that is shown and saved (with the content's colours when asked). */
    public Pictures pictures() {
        return pictures;
    }

    public TotalLoss loss() {
        return loss;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    /** The current image, mean-subtracted; changes with every step. */
    public INDArray image() {
        return image;
    }

    @Override
    public void close() {
        loss.close();
        optimizer.close();
        gradient.close();
    }
}
