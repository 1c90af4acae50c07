package io.stylecast.engine;

import io.stylecast.engine.image.Pictures;
import io.stylecast.engine.image.PixelTensor;
import io.stylecast.engine.loss.LossValues;
import io.stylecast.engine.loss.LossWeights;
import io.stylecast.engine.net.FeatureNetwork;
import io.stylecast.engine.optim.Adam;
import io.stylecast.engine.optim.Optimizer;
import io.stylecast.engine.optim.OptimizerState;
import java.awt.image.BufferedImage;
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

    private final int iterations;
    private final PixelBounds bounds;
    /** What later coarse-to-fine stages are made from; null for a run made from its parts. */
    private final FeatureNetwork network;
    private final StyleParams params;
    private final RunStage.Inputs inputs;
    private TotalLoss loss;
    private Optimizer optimizer;
    private INDArray image;
    private INDArray gradient;
    private Pictures pictures;
    private int stage;
    private int next;
    private long startNanos;

    /** A single-scale run from its parts. @param bounds where to clamp the image after each step; null for nowhere */
    public StyleTransfer(TotalLoss loss, Optimizer optimizer, INDArray initialImage, int iterations, PixelBounds bounds) {
        this(new RunStage(loss, optimizer, initialImage, Pictures.plain(loss.network().meanRgb())), iterations, bounds,
                null, null, null, 0);
    }

    private StyleTransfer(RunStage first, int iterations, PixelBounds bounds, FeatureNetwork network, StyleParams params,
                          RunStage.Inputs inputs, int stage) {
        this.iterations = iterations;
        this.bounds = bounds;
        this.network = network;
        this.params = params;
        this.inputs = inputs;
        this.stage = stage;
        install(first);
    }

    private void install(RunStage s) {
        loss = s.loss();
        optimizer = s.optimizer();
        image = s.start();
        gradient = image.ulike();
        pictures = s.pictures();
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
        RunStage.Inputs inputs = new RunStage.Inputs(contentPicture, stylePictures, initPicture,
                blend(params, stylePictures.size()));
        // a continued run starts in the stage its checkpoint is in, from the checkpoint's image
        int stage = from == null || params.scales() == null ? 0 : params.scales().stageOf(from.iteration());
        BufferedImage init = stage == 0 ? initPicture : PixelTensor.toImage(from.image(), network.meanRgb());
        RunStage first = RunStage.build(network, params.stage(stage), inputs, init, null,
                start -> onStart.accept(from != null ? from.image() : start));
        PixelBounds bounds = network.defaults().clampPixels() ? PixelBounds.of(network.meanRgb()) : null;
        StyleTransfer transfer = new StyleTransfer(first, params.totalIterations(), bounds, network, params, inputs, stage);
        if (from != null) {
            transfer.restore(from);
        }
        transfer.nextStageIfDue();
        return transfer;
    }

    /**
     * Coarse to fine: once a stage has made its steps, the next one starts from its result upscaled, with targets
     * at the new size, a fresh optimiser and the loss weights in force. With Adam, its learning rate is the one in
     * force times the ratio of the widths (half, from 512 to 1024 px): a finer stage refines the picture the coarser
     * one made, and at the coarse stage's rate Adam's first steps, about the rate on every pixel, paint it over
     * (L-BFGS's steps are scaled by its curvature, and its rate carries over). Measured on
     * rocket + ihc at 256, 512 and 1024 px (docs/gallery/README.md): the photo's edges, seen whole, kept with a
     * correlation of 0.454-0.459 instead of 0.430-0.438 (a plain 256 px run: 0.410).
     */
    private void nextStageIfDue() {
        Scales scales = params == null ? null : params.scales();
        while (scales != null && stage < scales.stages() - 1 && next == scales.firstIteration(stage + 1)) {
            BufferedImage result = PixelTensor.toImage(image, network.meanRgb());
            LossWeights weights = loss.weights();
            double rate = optimizer.learningRate();
            closeStage();
            stage++;
            install(RunStage.build(network, params.stage(stage), inputs, result, weights, start -> { }));
            boolean adam = optimizer instanceof Adam;
            optimizer.setLearningRate(adam ? rate * scales.widths().get(stage - 1) / scales.widths().get(stage) : rate);
        }
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
            if (loss.jitter().moved()) {
                optimizer.objectiveChanged();
            }
            optimizer.step(image, gradient, losses.total());
            if (bounds != null) {
                bounds.clamp(image);
            }
            if (!Double.isFinite(image.sumNumber().doubleValue())) {
                throw new NonFiniteLossException(next, "the image");
            }
        }
        next++;
        if (!last) {
            nextStageIfDue();
        }
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
        closeStage();
    }

    private void closeStage() {
        loss.close();
        optimizer.close();
        gradient.close();
    }
}
