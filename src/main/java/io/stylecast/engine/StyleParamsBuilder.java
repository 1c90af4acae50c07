package io.stylecast.engine;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import io.stylecast.engine.net.Pooling;
import java.util.List;
import java.util.Map;

/**
 * Sets the {@link StyleParams} one by one, starting from the defaults; {@link #build} checks them. Jackson reads the JSON form
 * through the methods marked {@code @JsonProperty} (only those: setters are not detected).
 */
@JsonPOJOBuilder(withPrefix = "")
@JsonAutoDetect(setterVisibility = JsonAutoDetect.Visibility.NONE)
public final class StyleParamsBuilder {
    private Integer width;
    private Integer height;
    private List<Integer> iterations = List.of(StyleParams.DEFAULT_ITERATIONS);
    private List<String> contentLayers;
    private Map<String, Double> styleLayers;
    private Double contentWeight;
    private Double styleWeight;
    private double tvWeight = StyleParams.DEFAULT_TV_WEIGHT;
    private List<Double> styleBlend;
    private InitialImage init = InitialImage.NOISE;
    private double noiseRatio = StyleParams.DEFAULT_NOISE_RATIO;
    private long seed = StyleParams.DEFAULT_SEED;
    private Pooling pooling = Pooling.AVG;
    private OptimizerKind optimizer = OptimizerKind.ADAM;
    private Double learningRate;
    private int saveEvery = StyleParams.DEFAULT_SAVE_EVERY;
    private Integer jitter;
    private boolean preserveColors;
    private double styleScale = StyleParams.DEFAULT_STYLE_SCALE;
    private List<Integer> scales;

    StyleParamsBuilder() {
    }

    StyleParamsBuilder(StyleParams p) {
        width = p.width();
        height = p.height();
        iterations = p.scales() == null ? List.of(p.iterations()) : p.scales().iterations();
        contentLayers = p.contentLayers();
        styleLayers = p.styleLayers();
        contentWeight = p.contentWeight();
        styleWeight = p.styleWeight();
        tvWeight = p.tvWeight();
        styleBlend = p.styleBlend();
        init = p.init();
        noiseRatio = p.noiseRatio();
        seed = p.seed();
        pooling = p.pooling();
        optimizer = p.optimizer();
        learningRate = p.learningRate();
        saveEvery = p.saveEvery();
        jitter = p.jitter();
        preserveColors = p.preserveColors();
        styleScale = p.styleScale();
        scales = p.scales() == null ? null : p.scales().widths();
    }

    @JsonProperty
    public StyleParamsBuilder width(Integer width) {
        this.width = width;
        return this;
    }

    @JsonProperty
    public StyleParamsBuilder height(Integer height) {
        this.height = height;
        return this;
    }

    public StyleParamsBuilder iterations(int iterations) {
        this.iterations = List.of(iterations);
        return this;
    }

    /** One count, or one per scale (with {@link #scales}). */
    @JsonProperty("iterations")
    @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
    public StyleParamsBuilder iterations(List<Integer> counts) {
        this.iterations = counts == null ? List.of(StyleParams.DEFAULT_ITERATIONS) : counts;
        return this;
    }

    /** Layer names; in JSON also one comma-separated string, as the CLI takes them. */
    @JsonProperty
    @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
    public StyleParamsBuilder contentLayers(List<String> layers) {
        this.contentLayers = layers == null ? null : layers.stream()
                .flatMap(entry -> java.util.Arrays.stream(entry.split(","))).map(String::trim).toList();
        return this;
    }

    public StyleParamsBuilder styleLayers(Map<String, Double> weights) {
        this.styleLayers = weights;
        return this;
    }

    @JsonProperty("styleLayers")
    StyleParamsBuilder styleLayers(LayerWeights weights) {
        return styleLayers(weights == null ? null : weights.weights());
    }

    @JsonProperty
    public StyleParamsBuilder contentWeight(Double contentWeight) {
        this.contentWeight = contentWeight;
        return this;
    }

    @JsonProperty
    public StyleParamsBuilder styleWeight(Double styleWeight) {
        this.styleWeight = styleWeight;
        return this;
    }

    @JsonProperty
    public StyleParamsBuilder tvWeight(double tvWeight) {
        this.tvWeight = tvWeight;
        return this;
    }

    @JsonProperty
    public StyleParamsBuilder styleBlend(List<Double> styleBlend) {
        this.styleBlend = styleBlend;
        return this;
    }

    @JsonProperty
    public StyleParamsBuilder init(InitialImage init) {
        this.init = init == null ? InitialImage.NOISE : init;
        return this;
    }

    @JsonProperty
    public StyleParamsBuilder noiseRatio(double noiseRatio) {
        this.noiseRatio = noiseRatio;
        return this;
    }

    @JsonProperty
    public StyleParamsBuilder seed(long seed) {
        this.seed = seed;
        return this;
    }

    @JsonProperty
    public StyleParamsBuilder pooling(Pooling pooling) {
        this.pooling = pooling == null ? Pooling.AVG : pooling;
        return this;
    }

    @JsonProperty
    public StyleParamsBuilder optimizer(OptimizerKind optimizer) {
        this.optimizer = optimizer == null ? OptimizerKind.ADAM : optimizer;
        return this;
    }

    @JsonProperty
    public StyleParamsBuilder learningRate(Double learningRate) {
        this.learningRate = learningRate;
        return this;
    }

    @JsonProperty
    public StyleParamsBuilder saveEvery(int saveEvery) {
        this.saveEvery = saveEvery;
        return this;
    }

    @JsonProperty
    public StyleParamsBuilder jitter(Integer jitter) {
        this.jitter = jitter;
        return this;
    }

    @JsonProperty
    public StyleParamsBuilder preserveColors(boolean preserveColors) {
        this.preserveColors = preserveColors;
        return this;
    }

    @JsonProperty
    public StyleParamsBuilder styleScale(double styleScale) {
        this.styleScale = styleScale;
        return this;
    }

    /** Coarse-to-fine stages' widths, or null for one stage of {@code width x height}. */
    @JsonProperty
    public StyleParamsBuilder scales(List<Integer> widths) {
        this.scales = widths;
        return this;
    }

    /** @throws InputException naming the first parameter out of range and what it accepts */
    public StyleParams build() {
        if (iterations.isEmpty() || iterations.stream().anyMatch(java.util.Objects::isNull)) {
            throw new InputException("iterations must be a whole number or a list of them");
        }
        if (scales == null && iterations.size() != 1) {
            throw new InputException("iterations can list one count per scale only with scales");
        }
        return new StyleParams(width, height, iterations.get(0), contentLayers, styleLayers, contentWeight,
                styleWeight, tvWeight, styleBlend, init, noiseRatio, seed, pooling, optimizer, learningRate,
                saveEvery, jitter, preserveColors, styleScale, scales == null ? null : Scales.of(scales, iterations))
                .validate();
    }
}
