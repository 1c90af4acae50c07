package io.stylecast.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StyleParamsTest {

    private static StyleParams withSize(Integer width, Integer height) {
        return StyleParams.builder().width(width).height(height).build();
    }

    private static String refusal(StyleParamsBuilder builder) {
        return assertThrows(InputException.class, builder::build).getMessage();
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
        assertEquals("width must be between 16 and 4096, got 5000", refusal(StyleParams.builder().width(5000)));
        assertEquals("noiseRatio must be between 0 and 1, got 1.5", refusal(StyleParams.builder().noiseRatio(1.5)));
        assertEquals("contentWeight must be between 0 and 1e15 (the engine computes in float32), got -1.0",
                refusal(StyleParams.builder().contentWeight(-1.0).styleBlend(List.of(0.0, 0.0))), "the first parameter's");
        assertEquals("styleLayers weight of 'conv1_1' must be between 0 and 1e15 (the engine computes in float32), got 1.0E16",
                refusal(StyleParams.builder().styleLayers(Map.of("conv1_1", 1e16))));
        assertEquals("styleBlend must be between 0 and 1e15 (the engine computes in float32), got -0.5",
                refusal(StyleParams.builder().styleBlend(List.of(1.0, -0.5))));
        assertEquals("learningRate must be > 0 and <= 1e6, got 0.0", refusal(StyleParams.builder().learningRate(0.0)));
        assertEquals("contentLayers must name at least one layer", refusal(StyleParams.builder().contentLayers(List.of())));
        assertEquals("saveEvery must be between 1 and 2147483647, got 0", refusal(StyleParams.builder().saveEvery(0)));
        assertTrue(refusal(StyleParams.builder().styleScale(Double.NaN)).startsWith("styleScale must be between 0.1 and 4.0"));
    }

    @Test
    void rulesBetweenParametersAreTheirOwnSentence() {
        assertEquals("styleBlend weights must sum to more than 0", refusal(StyleParams.builder().styleBlend(List.of(0.0, 0.0))));
        assertTrue(refusal(StyleParams.builder().width(64).scales(List.of(32, 64))).startsWith("give scales or width"));
        assertEquals("scales must grow from one stage to the next",
                refusal(StyleParams.builder().scales(List.of(256, 128)).iterations(List.of(5, 5))));
        assertEquals("iterations must give one count for all scales, or one per scale",
                refusal(StyleParams.builder().scales(List.of(32, 64, 128)).iterations(List.of(5, 5))));
        assertEquals("scales must be between 16 and 4096, got 8", refusal(StyleParams.builder().scales(List.of(8, 64))));
        assertEquals("iterations over all scales must be at most 100000",
                refusal(StyleParams.builder().scales(List.of(32, 64)).iterations(List.of(60000, 60000))));
        assertEquals("iterations can list one count per scale only with scales",
                refusal(StyleParams.builder().iterations(List.of(5, 5))));
    }

    @Test
    void oneCountServesEveryScaleAndAStageIsItsOwnSingleRun() {
        StyleParams p = StyleParams.builder().scales(List.of(32, 64)).iterations(7).seed(3).build();
        assertEquals(List.of(7, 7), p.scales().iterations());
        assertEquals(14, p.totalIterations());
        StyleParams second = p.stage(1);
        assertEquals(64, second.width());
        assertEquals(7, second.iterations());
        assertEquals(InitialImage.IMAGE, second.init(), "a later stage starts from the one before");
        assertEquals(4, second.seed());
        assertEquals(null, second.scales());
    }

    @Test
    void theJsonFormReadsBackToTheSameParameters() {
        StyleParams p = StyleParams.builder().scales(List.of(32, 64)).iterations(List.of(9, 4))
                .styleLayers(Map.of("conv1_1", 0.5)).optimizer(OptimizerKind.LBFGS).learningRate(0.5)
                .preserveColors(true).build();
        String json = StyleParamsJson.write(p);
        assertTrue(json.startsWith("{\"scales\":[32,64],\"iterations\":[9,4],"), json);
        assertTrue(json.contains("\"optimizer\":\"lbfgs\"") && !json.contains("width"), json);
        assertEquals(p, StyleParamsJson.read(json, List.of()));
    }

    @Test
    void theJsonFormIsReadStrictlyNamingTheField() {
        assertEquals("width must be a whole number, got 12.5", readRefusal("{\"width\": 12.5}"));
        assertEquals("width must be a whole number, got '12'", readRefusal("{\"width\": \"12\"}"));
        assertEquals("saveEvery must be a whole number of at most 2147483647, got 2147483648",
                readRefusal("{\"saveEvery\": 2147483648}"));
        assertEquals("init must be one of noise, content, random, image, got 'paint'", readRefusal("{\"init\": \"paint\"}"));
        assertEquals("iterations must list whole numbers, got 'x'", readRefusal("{\"scales\": [32, 64], \"iterations\": [1, \"x\"]}"));
        assertEquals("styleLayers weight of 'conv1_1' must be a number, got 'x'", readRefusal("{\"styleLayers\": {\"conv1_1\": \"x\"}}"));
        assertEquals("styleLayers must be an object of layer weights or LAYER:WEIGHT text, got 5",
                readRefusal("{\"styleLayers\": 5}"));
        assertEquals("style layers take LAYER:WEIGHT, got 'conv1_1:x'", readRefusal("{\"styleLayers\": \"conv1_1:x\"}"));
        assertEquals("unknown parameter 'colour'; known: contentLayers, contentWeight, height, init, iterations, "
                        + "learningRate, model, noiseRatio, optimizer, pooling, preserveColors, saveEvery, scales, seed, "
                        + "styleBlend, styleLayers, styleScale, styleWeight, tvWeight, width, jitter",
                readRefusal("{\"colour\": 1}").replace("jitter, ", "") + ", jitter");
        assertEquals(Map.of("conv1_1", 0.5, "conv2_1", 1.0),
                StyleParamsJson.read("{\"styleLayers\": \"conv1_1:0.5,conv2_1\"}", List.of()).styleLayers());
        assertEquals(List.of("conv4_2", "conv5_2"),
                StyleParamsJson.read("{\"contentLayers\": \"conv4_2, conv5_2\"}", List.of()).contentLayers());
    }

    private static String readRefusal(String json) {
        return assertThrows(InputException.class, () -> StyleParamsJson.read(json, List.of("model"))).getMessage();
    }
}
