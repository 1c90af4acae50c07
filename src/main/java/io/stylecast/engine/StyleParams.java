package io.stylecast.engine;

import io.stylecast.engine.net.NetworkDefaults;
import io.stylecast.engine.net.Pooling;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every setting of one style transfer, with its default and allowed range written once here. The
 * CLI flags and the server's {@code params} map onto this record. A null means "the default of
 * the chosen network or optimiser" (layers, loss weights, learning rate).
 *
 * @param width output width in pixels, 16..4096; null: from the height and the content's aspect
 *     ratio, or 640 (the reference's) if both are null
 * @param height output height in pixels, 16..4096; null: likewise, or 480
 * @param iterations optimiser steps, 0..100000 (default 1000)
 * @param contentLayers layers of Lc; null: the network's (conv4_2 for VGG19)
 * @param styleLayers layers of Ls and their weights w_l; null: the network's
 * @param contentWeight alpha, >= 0; null: the network's
 * @param styleWeight beta, >= 0; null: the network's
 * @param tvWeight weight of the total-variation term, >= 0 (default 0: off, as in the reference)
 * @param styleBlend weights of several style pictures, >= 0 with a positive sum; null: equal
 * @param init where the optimisation starts (default noise)
 * @param noiseRatio share of noise in a noise start, 0..1 (default 0.6, the reference's)
 * @param seed seed of the noise (default 0)
 * @param pooling pooling between blocks (default average, the paper's)
 * @param optimizer adam or lbfgs (default adam, the reference's)
 * @param learningRate step size, > 0; null: 2.0 for Adam (the reference's), 1.0 for L-BFGS
 * @param saveEvery write the image every this many iterations, >= 1 (default 100)
 * @param jitter random shift of the image at each step, 0..jitter-1 pixels, 0..64; null: the network's
 *     (0 for VGG19, 8 for InceptionV3)
 * @param preserveColors show and save the result with the content photo's colours (its chroma under the result's
 *     luminance); the optimisation itself is the same (default false)
 * @param styleScale the style pictures' longer side as a multiple of the output's, 0.1..4, their aspect ratio
 *     kept (default 1): smaller makes the style's strokes and patterns larger in the result
 * @param scales coarse-to-fine stages (widths and iterations), or null for one stage of {@code width x height} and
 *     {@code iterations}; with scales, the output is the last stage's width and the content's aspect ratio
 */
public record StyleParams(
        Integer width,
        Integer height,
        int iterations,
        List<String> contentLayers,
        Map<String, Double> styleLayers,
        Double contentWeight,
        Double styleWeight,
        double tvWeight,
        List<Double> styleBlend,
        InitialImage init,
        double noiseRatio,
        long seed,
        Pooling pooling,
        OptimizerKind optimizer,
        Double learningRate,
        int saveEvery,
        Integer jitter,
        boolean preserveColors,
        double styleScale,
        Scales scales) {

    public static final int DEFAULT_WIDTH = 640;
    public static final int DEFAULT_HEIGHT = 480;
    public static final int MIN_SIZE = 16;
    public static final int MAX_SIZE = 4096;
    public static final int DEFAULT_ITERATIONS = 1000;
    public static final int MAX_ITERATIONS = 100_000;
    public static final double DEFAULT_TV_WEIGHT = 0;
    public static final double DEFAULT_NOISE_RATIO = 0.6;
    public static final long DEFAULT_SEED = 0;
    public static final int DEFAULT_SAVE_EVERY = 100;
    public static final int MAX_JITTER = 64;
    public static final double DEFAULT_STYLE_SCALE = 1;
    public static final double MIN_STYLE_SCALE = 0.1;
    public static final double MAX_STYLE_SCALE = 4;
    /**
     * Largest loss weight (alpha, beta, the TV weight, a layer's or a style's weight). The engine
     * computes in float32 (largest value 3.4e38): weights multiply losses and gradients, and past
     * this they overflow it on real pictures long before they mean anything.
     */
    public static final double MAX_WEIGHT = 1e15;
    /** Largest learning rate. */
    public static final double MAX_LEARNING_RATE = 1e6;

    /** The optimisers on offer, with their default learning rates. */
    public enum OptimizerKind {
        ADAM(2.0), LBFGS(1.0);

        private final double defaultLearningRate;

        OptimizerKind(double defaultLearningRate) {
            this.defaultLearningRate = defaultLearningRate;
        }

        public double defaultLearningRate() {
            return defaultLearningRate;
        }

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static OptimizerKind parse(String id) {
            for (OptimizerKind kind : values()) {
                if (kind.id().equals(id)) {
                    return kind;
                }
            }
            throw new InputException("optimizer must be adam or lbfgs, got " + InputException.describe(id));
        }
    }

    /**
     * Checks that every layer named here is one of {@code known}.
     *
     * @param owner names the network in the message ("inception-v3", "this server's network")
     * @throws InputException naming the first unknown layer and listing the known ones
     */
    public void checkLayers(List<String> known, String owner) {
        List<String> named = new java.util.ArrayList<>();
        if (contentLayers != null) {
            named.addAll(contentLayers);
        }
        if (styleLayers != null) {
            named.addAll(styleLayers.keySet());
        }
        for (String layer : named) {
            if (!known.contains(layer)) {
                throw new InputException("unknown layer " + InputException.describe(layer) + "; " + owner + " has " + String.join(", ", known));
            }
        }
    }

    /** Parses {@code LAYER:WEIGHT} entries (a bare {@code LAYER} weighs 1), in order. */
    public static Map<String, Double> parseLayerWeights(List<String> entries) {
        Map<String, Double> weights = new java.util.LinkedHashMap<>();
        for (String entry : entries) {
            String[] parts = entry.split(":", 2);
            try {
                weights.put(parts[0].trim(), parts.length == 2 ? Double.parseDouble(parts[1].trim()) : 1.0);
            } catch (NumberFormatException e) {
                throw new InputException("style layers take LAYER:WEIGHT, got " + InputException.describe(entry));
            }
        }
        return weights;
    }

    /** Parses a {@link Pooling} id, as an {@link InputException} when it is wrong. */
    public static Pooling parsePooling(String id) {
        try {
            return Pooling.parse(id);
        } catch (IllegalArgumentException e) {
            throw new InputException(e.getMessage());
        }
    }

    /** All defaults; the size is left to {@link #size}: 640x480, or the content's aspect ratio. */
    public static StyleParams defaults() {
        return new StyleParams(null, null, DEFAULT_ITERATIONS, null, null, null, null,
                DEFAULT_TV_WEIGHT, null, InitialImage.NOISE, DEFAULT_NOISE_RATIO, DEFAULT_SEED, Pooling.AVG,
                OptimizerKind.ADAM, null, DEFAULT_SAVE_EVERY, null, false, DEFAULT_STYLE_SCALE, null);
    }

    /**
     * The output size for a content picture of the given size: as set; one side set and the other
     * following the picture's aspect ratio; or 640x480 when neither is set.
     *
     * @return {width, height}
     */
    public int[] size(int contentWidth, int contentHeight) {
        if (scales != null) {
            int last = scales.widths().get(scales.stages() - 1);
            return new int[] {last, clampSize(Math.round((float) last * contentHeight / contentWidth))};
        }
        if (width == null && height == null) {
            return new int[] {DEFAULT_WIDTH, DEFAULT_HEIGHT};
        }
        int w = width != null ? width : clampSize(Math.round((float) height * contentWidth / contentHeight));
        int h = height != null ? height : clampSize(Math.round((float) width * contentHeight / contentWidth));
        return new int[] {w, h};
    }

    /**
     * The size a style picture of {@code styleWidth x styleHeight} is resized to for an output of {@code output}
     * ({@link #size}): its aspect ratio kept, its longer side {@code styleScale} times the output's longer side
     * but at most 4096, its shorter side at least 16.
     */
    public int[] styleSize(int styleWidth, int styleHeight, int[] output) {
        double longer = Math.min(MAX_SIZE, styleScale * Math.max(output[0], output[1]));
        double factor = longer / Math.max(styleWidth, styleHeight);
        return new int[] {clampSize((int) Math.round(styleWidth * factor)), clampSize((int) Math.round(styleHeight * factor))};
    }

    /** The optimiser steps of the whole run: {@code iterations}, or those of all coarse-to-fine stages. */
    public int totalIterations() {
        return scales != null ? scales.total() : iterations;
    }

    /** The parameters of coarse-to-fine stage {@code k}: its width and iterations, stages after the first starting
     * from the one before's result; these parameters themselves when there are no scales. */
    public StyleParams stage(int k) {
        if (scales == null) {
            return this;
        }
        return new StyleParams(scales.widths().get(k), null, scales.iterations().get(k), contentLayers, styleLayers,
                contentWeight, styleWeight, tvWeight, styleBlend, k == 0 ? init : InitialImage.IMAGE, noiseRatio, seed + k,
                pooling, optimizer, learningRate, saveEvery, jitter, preserveColors, styleScale, null);
    }

    private static int clampSize(int size) {
        return Math.max(MIN_SIZE, Math.min(MAX_SIZE, size));
    }

    /**
     * These parameters with every default filled in, as a run on a network with {@code defaults} uses them: the
     * output size for a content picture of {@code contentWidth x contentHeight}, the layers, loss weights, jitter
     * and learning rate.
     */
    public StyleParams resolve(NetworkDefaults defaults, int contentWidth, int contentHeight) {
        int[] size = size(contentWidth, contentHeight);
        return new StyleParams(scales == null ? size[0] : null, scales == null ? size[1] : null, iterations,
                contentLayers != null ? contentLayers : defaults.contentLayers(),
                styleLayers != null ? styleLayers : defaults.styleLayers(),
                contentWeight != null ? contentWeight : defaults.contentWeight(),
                styleWeight != null ? styleWeight : defaults.styleWeight(), tvWeight, styleBlend, init, noiseRatio, seed,
                pooling, optimizer, effectiveLearningRate(), saveEvery, jitter != null ? jitter : defaults.jitter(),
                preserveColors, styleScale, scales);
    }

    /** The learning rate to use: the one set, or the optimiser's default. */
    public double effectiveLearningRate() {
        return learningRate != null ? learningRate : optimizer.defaultLearningRate();
    }

    /**
     * Checks every range; the message names the parameter and what is allowed.
     *
     * @throws InputException on the first value out of range
     */
    public StyleParams validate() {
        if (width != null) {
            range("width", width, MIN_SIZE, MAX_SIZE);
        }
        if (height != null) {
            range("height", height, MIN_SIZE, MAX_SIZE);
        }
        range("iterations", iterations, 0, MAX_ITERATIONS);
        range("saveEvery", saveEvery, 1, Integer.MAX_VALUE);
        if (jitter != null) {
            range("jitter", jitter, 0, MAX_JITTER);
        }
        if (scales != null) {
            scales.validate();
            if (width != null || height != null) {
                throw new InputException("give scales or width and height, not both: with scales the output is the last "
                        + "scale's width");
            }
        }
        if (!(styleScale >= MIN_STYLE_SCALE && styleScale <= MAX_STYLE_SCALE)) {
            throw new InputException("styleScale must be between " + MIN_STYLE_SCALE + " and " + MAX_STYLE_SCALE
                    + ", got " + styleScale);
        }
        nonNegative("contentWeight", contentWeight);
        nonNegative("styleWeight", styleWeight);
        nonNegative("tvWeight", tvWeight);
        if (!(noiseRatio >= 0 && noiseRatio <= 1)) {
            throw new InputException("noiseRatio must be between 0 and 1, got " + noiseRatio);
        }
        checkLearningRate(learningRate);
        if (contentLayers != null && contentLayers.isEmpty()) {
            throw new InputException("contentLayers must name at least one layer");
        }
        if (styleLayers != null) {
            if (styleLayers.isEmpty()) {
                throw new InputException("styleLayers must name at least one layer");
            }
            styleLayers.forEach((layer, w) -> nonNegative("styleLayers weight of " + layer, w));
        }
        if (styleBlend != null) {
            double sum = 0;
            for (Double b : styleBlend) {
                nonNegative("styleBlend", b);
                sum += b;
            }
            if (!(sum > 0)) {
                throw new InputException("styleBlend weights must sum to more than 0");
            }
        }
        if (init == null || pooling == null || optimizer == null) {
            throw new InputException("init, pooling and optimizer must be set");
        }
        return this;
    }

    private static void range(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new InputException(name + " must be between " + min + " and " + max + ", got " + value);
        }
    }

    /** A loss weight: 0..{@link #MAX_WEIGHT}. */
    public static void checkWeight(String name, Double value) {
        nonNegative(name, value);
    }

    /** A learning rate: more than 0, at most {@link #MAX_LEARNING_RATE}; null is the optimiser's default. */
    public static void checkLearningRate(Double value) {
        if (value != null && !(value > 0 && value <= MAX_LEARNING_RATE)) {
            throw new InputException("learningRate must be > 0 and <= 1e6, got " + value);
        }
    }

    private static void nonNegative(String name, Double value) {
        if (value != null && !(value >= 0 && value <= MAX_WEIGHT)) {
            throw new InputException(name + " must be between 0 and 1e15 (the engine computes in float32), got " + value);
        }
    }
}
