package io.stylecast.session;

import io.stylecast.engine.InitialImage;
import io.stylecast.engine.InputException;
import io.stylecast.engine.Scales;
import io.stylecast.engine.StyleParams;
import io.stylecast.engine.loss.LossWeights;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The server's {@code params} object: the CLI's flags in camelCase, onto the same {@link StyleParams}
 * with the same defaults and ranges. Unknown fields and wrong types are refused with a message
 * naming the field.
 */
public final class SessionParams {

    private static final Set<String> KNOWN = Set.of("width", "height", "iterations", "contentLayers", "styleLayers",
            "contentWeight", "styleWeight", "tvWeight", "styleBlend", "init", "noiseRatio", "seed", "pooling",
            "optimizer", "learningRate", "saveEvery", "jitter", "preserveColors", "styleScale", "scales", "model", "preset");

    private SessionParams() {
    }

    /** @throws InputException naming the field that is unknown, of the wrong type or out of range */
    public static StyleParams parse(JsonObject json) {
        JsonObject p = json == null ? new JsonObject() : Presets.apply(json);
        for (String field : p.fieldNames()) {
            if (!KNOWN.contains(field)) {
                throw new InputException("unknown parameter " + InputException.describe(field) + "; known: " + String.join(", ", new java.util.TreeSet<>(KNOWN)));
            }
        }
        StyleParams d = StyleParams.defaults();
        // iterations: one count, or one per coarse-to-fine scale
        List<Integer> counts = p.getValue("iterations") instanceof JsonArray ? wholeNumbers(p, "iterations")
                : List.of(integer(p, "iterations", d.iterations()));
        List<Integer> widths = p.getValue("scales") == null ? null : wholeNumbers(p, "scales");
        if (widths == null && counts.size() != 1) {
            throw new InputException("iterations can list one count per scale only with scales");
        }
        return new StyleParams(
                integer(p, "width", null), integer(p, "height", null), counts.get(0),
                stringList(p, "contentLayers"), styleLayers(p), number(p, "contentWeight", null),
                number(p, "styleWeight", null), number(p, "tvWeight", d.tvWeight()), numberList(p, "styleBlend"),
                p.containsKey("init") ? InitialImage.parse(string(p, "init")) : d.init(),
                number(p, "noiseRatio", d.noiseRatio()), integer(p, "seed", (int) d.seed()),
                p.containsKey("pooling") ? StyleParams.parsePooling(string(p, "pooling")) : d.pooling(),
                p.containsKey("optimizer") ? StyleParams.OptimizerKind.parse(string(p, "optimizer")) : d.optimizer(),
                number(p, "learningRate", null), integer(p, "saveEvery", d.saveEvery()), integer(p, "jitter", null),
                bool(p, "preserveColors", d.preserveColors()), number(p, "styleScale", d.styleScale()),
                widths == null ? null : Scales.of(widths, counts))
                .validate();
    }

    /**
     * The loss weights and learning rate of an {@code update} applied to the current ones.
     *
     * @throws InputException for a value out of range
     */
    public static Update update(io.stylecast.session.protocol.Control.Update control, LossWeights weights, double learningRate) {
        double lr = control.learningRate() != null ? control.learningRate() : learningRate;
        StyleParams.checkLearningRate(lr);
        StyleParams.checkWeight("contentWeight", control.contentWeight());
        StyleParams.checkWeight("styleWeight", control.styleWeight());
        StyleParams.checkWeight("tvWeight", control.tvWeight());
        return new Update(new LossWeights(
                control.contentWeight() != null ? control.contentWeight() : weights.content(),
                control.styleWeight() != null ? control.styleWeight() : weights.style(),
                control.tvWeight() != null ? control.tvWeight() : weights.totalVariation()), lr);
    }

    /** The parameters as this class reads them: {@code parse(toJson(p))} equals {@code p}. */
    public static JsonObject toJson(StyleParams p) {
        JsonObject json = new JsonObject().put("iterations", p.iterations()).put("tvWeight", p.tvWeight())
                .put("init", p.init().id()).put("noiseRatio", p.noiseRatio()).put("seed", p.seed())
                .put("pooling", p.pooling().id()).put("optimizer", p.optimizer().id()).put("saveEvery", p.saveEvery())
                .put("preserveColors", p.preserveColors()).put("styleScale", p.styleScale());
        if (p.scales() != null) {
            json.put("scales", new JsonArray(new ArrayList<>(p.scales().widths())))
                    .put("iterations", new JsonArray(new ArrayList<>(p.scales().iterations())));
        }
        putIfSet(json, "width", p.width());
        putIfSet(json, "height", p.height());
        putIfSet(json, "contentWeight", p.contentWeight());
        putIfSet(json, "styleWeight", p.styleWeight());
        putIfSet(json, "learningRate", p.learningRate());
        putIfSet(json, "jitter", p.jitter());
        if (p.contentLayers() != null) {
            json.put("contentLayers", new JsonArray(new ArrayList<>(p.contentLayers())));
        }
        if (p.styleLayers() != null) {
            json.put("styleLayers", new JsonObject(new LinkedHashMap<>(p.styleLayers())));
        }
        if (p.styleBlend() != null) {
            json.put("styleBlend", new JsonArray(new ArrayList<>(p.styleBlend())));
        }
        return json;
    }

    private static void putIfSet(JsonObject json, String key, Object value) {
        if (value != null) {
            json.put(key, value);
        }
    }

    /** New loss weights and learning rate. */
    public record Update(LossWeights weights, double learningRate) {
    }

    private static Object value(JsonObject p, String field) {
        return p.getValue(field);
    }

    private static Integer integer(JsonObject p, String field, Integer fallback) {
        Object v = value(p, field);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && Math.abs(n.doubleValue()) <= Integer.MAX_VALUE) {
            return n.intValue();
        }
        throw new InputException(field + " must be a whole number, got " + InputException.describe(v));
    }

    private static boolean bool(JsonObject p, String field, boolean fallback) {
        Object v = value(p, field);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw new InputException(field + " must be true or false, got " + InputException.describe(v));
    }

    private static Double number(JsonObject p, String field, Double fallback) {
        Object v = value(p, field);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new InputException(field + " must be a number, got " + InputException.describe(v));
    }

    private static String string(JsonObject p, String field) {
        Object v = value(p, field);
        if (v instanceof String s) {
            return s;
        }
        throw new InputException(field + " must be a string, got " + InputException.describe(v));
    }

    /** A JSON array of strings, or one comma-separated string. */
    private static List<String> stringList(JsonObject p, String field) {
        Object v = value(p, field);
        if (v == null) {
            return null;
        }
        List<String> list = new ArrayList<>();
        if (v instanceof String s) {
            for (String part : s.split(",")) {
                list.add(part.trim());
            }
        } else if (v instanceof JsonArray array) {
            for (Object item : array) {
                if (!(item instanceof String s)) {
                    throw new InputException(field + " must list layer names, got " + InputException.describe(item));
                }
                list.add(s);
            }
        } else {
            throw new InputException(field + " must be a list of layer names");
        }
        return list;
    }

    private static List<Integer> wholeNumbers(JsonObject p, String field) {
        if (!(value(p, field) instanceof JsonArray array) || array.isEmpty()) {
            throw new InputException(field + " must be a whole number or a list of them");
        }
        List<Integer> list = new ArrayList<>();
        for (Object item : array) {
            if (!(item instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
                    || Math.abs(n.doubleValue()) > Integer.MAX_VALUE) {
                throw new InputException(field + " must list whole numbers, got " + InputException.describe(item));
            }
            list.add(n.intValue());
        }
        return list;
    }

    private static List<Double> numberList(JsonObject p, String field) {
        Object v = value(p, field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof JsonArray array)) {
            throw new InputException(field + " must be a list of numbers");
        }
        List<Double> list = new ArrayList<>();
        for (Object item : array) {
            if (!(item instanceof Number n)) {
                throw new InputException(field + " must be a list of numbers, got " + InputException.describe(item));
            }
            list.add(n.doubleValue());
        }
        return list;
    }

    /** {@code {"conv1_1": 0.5, ...}} or the CLI's {@code "conv1_1:0.5,..."}. */
    private static Map<String, Double> styleLayers(JsonObject p) {
        Object v = value(p, "styleLayers");
        if (v == null) {
            return null;
        }
        Map<String, Double> weights = new LinkedHashMap<>();
        if (v instanceof JsonObject object) {
            for (String layer : object.fieldNames()) {
                weights.put(layer, number(object, layer, null));
            }
        } else if (v instanceof String s) {
            weights.putAll(StyleParams.parseLayerWeights(List.of(s.split(","))));
        } else {
            throw new InputException("styleLayers must be an object of layer weights");
        }
        return weights;
    }
}
