package io.stylecast.engine;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.stylecast.engine.net.NetworkDefaults;
import io.stylecast.engine.net.Pooling;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.hibernate.validator.constraints.Range;

/**
 * Every setting of one style transfer, declared once here: its default (in {@link StyleParamsBuilder}), its allowed values
 * (Bean Validation constraints, checked by {@link #validate}, the same message from the CLI and from HTTP) and its
 * JSON form (Jackson: the REST API's {@code params}, {@code params.json}, checkpoints; see {@link StyleParamsJson}).
 * Made only through {@link #builder()}. A null means "the default of the chosen network or optimiser" (layers, loss
 * weights, learning rate).
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
@JsonDeserialize(builder = StyleParamsBuilder.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"width", "height", "scales", "iterations"})
public record StyleParams(
        @Range(min = MIN_SIZE, max = MAX_SIZE) Integer width,
        @Range(min = MIN_SIZE, max = MAX_SIZE) Integer height,
        @JsonIgnore @Range(min = 0, max = MAX_ITERATIONS) int iterations,
        @Size(min = 1, message = "must name at least one layer") List<String> contentLayers,
        @Size(min = 1, message = "must name at least one layer") Map<String, @Weight Double> styleLayers,
        @Weight Double contentWeight,
        @Weight Double styleWeight,
        @Weight double tvWeight,
        List<@NotNull @Weight Double> styleBlend,
        @NotNull InitialImage init,
        @DecimalMin("0") @DecimalMax(value = "1", message = "must be between 0 and 1") double noiseRatio,
        long seed,
        @NotNull Pooling pooling,
        @NotNull OptimizerKind optimizer,
        @DecimalMin(value = "0", inclusive = false, message = "must be > 0 and <= 1e6")
        @DecimalMax(value = "1e6", message = "must be > 0 and <= 1e6") Double learningRate,
        @Range(min = 1, max = Integer.MAX_VALUE) int saveEvery,
        @Range(min = 0, max = MAX_JITTER) Integer jitter,
        boolean preserveColors,
        @DecimalMin(value = "0.1", message = "must be between 0.1 and 4.0")
        @DecimalMax(value = "4", message = "must be between 0.1 and 4.0") double styleScale,
        @JsonIgnore @Valid Scales scales) {

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

    /** A builder with all defaults; the size is left to {@link #size}: 640x480, or the content's aspect ratio. */
    public static StyleParamsBuilder builder() {
        return new StyleParamsBuilder();
    }

    /** A builder holding these parameters, to change some of them. */
    public StyleParamsBuilder toBuilder() {
        return new StyleParamsBuilder(this);
    }

    /** All defaults, as {@code builder().build()}. */
    public static StyleParams defaults() {
        return builder().build();
    }

    /**
     * Checks every declared constraint.
     *
     * @throws InputException naming the first parameter out of range and what it accepts
     */
    public StyleParams validate() {
        return ParamsValidator.check(this);
    }

    @AssertTrue(message = "give scales or width and height, not both: with scales the output is the last scale's width")
    @JsonIgnore
    boolean isSizedOnce() {
        return scales == null || width == null && height == null;
    }

    @AssertTrue(message = "styleBlend weights must sum to more than 0")
    @JsonIgnore
    boolean isBlendPositive() {
        return styleBlend == null || styleBlend.stream().anyMatch(b -> b != null && b > 0);
    }

    /** JSON: one count, or one per coarse-to-fine scale. */
    @JsonProperty("iterations")
    Object iterationsJson() {
        return scales == null ? iterations : scales.iterations();
    }

    /** JSON: the coarse-to-fine stages' widths. */
    @JsonProperty("scales")
    List<Integer> scalesJson() {
        return scales == null ? null : scales.widths();
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
        return toBuilder().scales(null).width(scales.widths().get(k)).height(null).iterations(scales.iterations().get(k))
                .init(k == 0 ? init : InitialImage.IMAGE).seed(seed + k).build();
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
        return toBuilder().width(scales == null ? size[0] : null).height(scales == null ? size[1] : null)
                .contentLayers(contentLayers != null ? contentLayers : defaults.contentLayers())
                .styleLayers(styleLayers != null ? styleLayers : defaults.styleLayers())
                .contentWeight(contentWeight != null ? contentWeight : defaults.contentWeight())
                .styleWeight(styleWeight != null ? styleWeight : defaults.styleWeight())
                .learningRate(effectiveLearningRate()).jitter(jitter != null ? jitter : defaults.jitter()).build();
    }

    /** The learning rate to use: the one set, or the optimiser's default. */
    public double effectiveLearningRate() {
        return learningRate != null ? learningRate : optimizer.defaultLearningRate();
    }
}
