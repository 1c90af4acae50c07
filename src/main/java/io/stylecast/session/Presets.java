package io.stylecast.session;

import io.stylecast.engine.InputException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;

/**
 * Named, documented parameter sets: {@code --preset NAME} for {@code render}, {@code "preset"} in a session's
 * params. Parameters given explicitly override the preset's.
 * <ul>
 * <li>{@code quick}: a live preview, 256 px wide, 100 iterations (about 10 s of iterations on two CPU cores with the
 *     default network, under 30 s with set-up);
 * <li>{@code fine}: coarse to fine to 768 px, 300, 150 and 75 iterations at 256, 512 and 768;
 * <li>{@code seed}: the reference walk-through's values with VGG19: 640x480, 1000 iterations from noise with noise
 *     ratio 0.6, Adam with learning rate 2, an image every 100 (its layers and weights are VGG19's defaults).
 * </ul>
 */
public final class Presets {

    private static final Map<String, JsonObject> PRESETS = new TreeMap<>(Map.of(
            "quick", new JsonObject().put("width", 256).put("iterations", 100),
            "fine", new JsonObject().put("scales", new JsonArray().add(256).add(512).add(768))
                    .put("iterations", new JsonArray().add(300).add(150).add(75)),
            "seed", new JsonObject().put("model", "vgg19").put("width", 640).put("height", 480).put("iterations", 1000)
                    .put("init", "noise").put("noiseRatio", 0.6).put("optimizer", "adam").put("learningRate", 2.0)
                    .put("saveEvery", 100)));

    private Presets() {
    }

    /** The presets' names, in order. */
    public static java.util.Set<String> names() {
        return PRESETS.keySet();
    }

    /** The preset's parameters (a copy). @throws InputException naming the presets there are */
    public static JsonObject of(String name) {
        JsonObject preset = PRESETS.get(name);
        if (preset == null) {
            throw new InputException("unknown preset " + InputException.describe(name) + "; there are "
                    + String.join(", ", PRESETS.keySet()));
        }
        return preset.copy();
    }

    /** {@code params} over its preset, if it names one: the preset's values where {@code params} has none. */
    public static JsonObject apply(JsonObject params) {
        if (params == null) {
            return null;
        }
        if (params.getValue("preset") == null) {
            // "preset": null is no preset, like an absent one
            JsonObject plain = params.copy();
            plain.remove("preset");
            return plain;
        }
        if (!(params.getValue("preset") instanceof String name)) {
            throw new InputException("preset must be a name, got " + InputException.describe(params.getValue("preset")));
        }
        JsonObject merged = of(name);
        if (params.containsKey("width") || params.containsKey("height")) {
            merged.remove("scales");   // an explicit size replaces a preset's coarse-to-fine stages
        }
        if (params.containsKey("scales")) {
            merged.remove("width");
            merged.remove("height");
        }
        params.forEach(e -> {
            if (!e.getKey().equals("preset")) {
                merged.put(e.getKey(), e.getValue());
            }
        });
        return merged;
    }
}
