package io.stylecast.session;

import io.stylecast.engine.OptimizerKind;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylecast.engine.InitialImage;
import io.stylecast.engine.InputException;
import io.stylecast.engine.StyleParams;
import io.stylecast.engine.loss.LossWeights;
import io.stylecast.session.protocol.Control;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionParamsTest {

    @Test
    void omittedParamsTakeTheCliDefaults() {
        StyleParams parsed = SessionParams.parse(new JsonObject());
        StyleParams defaults = StyleParams.defaults();
        assertEquals(defaults, parsed);
    }

    @Test
    void cliNamesInCamelCase() {
        StyleParams p = SessionParams.parse(new JsonObject().put("width", 320).put("iterations", 50)
                .put("contentWeight", 2.5).put("styleWeight", 1e4).put("tvWeight", 0.1).put("learningRate", 3)
                .put("optimizer", "lbfgs").put("init", "content").put("noiseRatio", 0.2).put("seed", 7)
                .put("contentLayers", new JsonArray().add("conv4_2")).put("styleLayers", "conv1_1:0.5,conv2_1")
                .put("saveEvery", 10).put("styleBlend", new JsonArray().add(1).add(2)).put("jitter", 4)
                .put("preserveColors", true).put("styleScale", 0.5));
        assertEquals(320, p.width());
        assertNull(p.height());
        assertEquals(OptimizerKind.LBFGS, p.optimizer());
        assertEquals(InitialImage.CONTENT, p.init());
        assertEquals(List.of("conv4_2"), p.contentLayers());
        assertEquals(Map.of("conv1_1", 0.5, "conv2_1", 1.0), p.styleLayers());
        assertEquals(3.0, p.effectiveLearningRate());
        assertEquals(List.of(1.0, 2.0), p.styleBlend());
        assertEquals(4, p.jitter());
        assertTrue(p.preserveColors());
        assertEquals(0.5, p.styleScale());
        assertEquals(p, SessionParams.parse(SessionParams.toJson(p)));
        assertFalse(SessionParams.parse(new JsonObject()).preserveColors());
    }

    @Test
    void aNullPresetIsNoPresetAndTheKnownListNamesPreset() {
        assertEquals(SessionParams.parse(new JsonObject().put("width", 64)),
                SessionParams.parse(new JsonObject().put("width", 64).putNull("preset")));
        String unknown = assertThrows(InputException.class, () -> SessionParams.parse(new JsonObject().put("colour", 1)))
                .getMessage();
        assertTrue(unknown.contains(", preset,"), unknown);
    }

    @Test
    void wrongFieldsAndTypesNameTheField() {
        assertTrue(assertThrows(InputException.class, () -> SessionParams.parse(new JsonObject().put("colour", 1)))
                .getMessage().startsWith("unknown parameter 'colour'"));
        assertEquals("width must be a whole number, got 12.5",
                assertThrows(InputException.class, () -> SessionParams.parse(new JsonObject().put("width", 12.5))).getMessage());
        assertEquals("styleWeight must be a number, got 'lots'",
                assertThrows(InputException.class, () -> SessionParams.parse(new JsonObject().put("styleWeight", "lots"))).getMessage());
        assertEquals("preserveColors must be true or false, got 'yes'",
                assertThrows(InputException.class, () -> SessionParams.parse(new JsonObject().put("preserveColors", "yes"))).getMessage());
    }

    @Test
    void updatesChangeOnlyWeightsAndLearningRate() {
        SessionParams.Update update = SessionParams.update(new Control.Update("s", null, 9.0, null, null),
                new LossWeights(1, 2, 3), 0.5);
        assertEquals(new LossWeights(1, 9, 3), update.weights());
        assertEquals(0.5, update.learningRate());
        assertThrows(InputException.class, () -> SessionParams.update(new Control.Update("s", null, null, null, -1.0),
                new LossWeights(1, 2, 3), 0.5));
        assertThrows(InputException.class, () -> SessionParams.update(new Control.Update("s", null, 1e39, null, null),
                new LossWeights(1, 2, 3), 0.5));
    }

    @Test
    void scalesTakeOneIterationCountOrOnePerScale() {
        StyleParams p = SessionParams.parse(new JsonObject().put("scales", new JsonArray().add(128).add(256))
                .put("iterations", new JsonArray().add(30).add(20)));
        assertEquals(List.of(128, 256), p.scales().widths());
        assertEquals(50, p.totalIterations());
        assertEquals(p, SessionParams.parse(SessionParams.toJson(p)));
        assertEquals(List.of(40, 40), SessionParams.parse(new JsonObject().put("scales", new JsonArray().add(64).add(128))
                .put("iterations", 40)).scales().iterations());
        assertEquals("iterations can list one count per scale only with scales", assertThrows(InputException.class,
                () -> SessionParams.parse(new JsonObject().put("iterations", new JsonArray().add(3).add(4)))).getMessage());
        assertEquals("scales must grow from one stage to the next", assertThrows(InputException.class,
                () -> SessionParams.parse(new JsonObject().put("scales", new JsonArray().add(256).add(128)))).getMessage());
        assertTrue(assertThrows(InputException.class, () -> SessionParams.parse(new JsonObject().put("width", 64)
                .put("scales", new JsonArray().add(64)))).getMessage().startsWith("give scales or width"));
    }

    @Test
    void presetsFillWhatIsNotGiven() {
        StyleParams fine = SessionParams.parse(new JsonObject().put("preset", "fine"));
        assertEquals(List.of(256, 512, 768), fine.scales().widths());
        assertEquals(List.of(300, 150, 75), fine.scales().iterations());
        StyleParams sized = SessionParams.parse(new JsonObject().put("preset", "fine").put("width", 300).put("iterations", 9));
        assertEquals(300, sized.width(), "an explicit size replaces the preset's scales");
        assertEquals(null, sized.scales());
        assertEquals(9, sized.iterations());
        StyleParams seed = SessionParams.parse(new JsonObject().put("preset", "seed").put("seed", 4));
        assertEquals(List.of(640, 480, 1000), List.of(seed.width(), seed.height(), seed.iterations()));
        assertEquals(4, seed.seed());
        assertTrue(assertThrows(InputException.class, () -> SessionParams.parse(new JsonObject().put("preset", "slow")))
                .getMessage().startsWith("unknown preset 'slow'; there are fine, quick, seed"));
    }
}
