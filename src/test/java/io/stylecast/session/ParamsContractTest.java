package io.stylecast.session;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylecast.engine.InitialImage;
import io.stylecast.engine.InputException;
import io.stylecast.engine.OptimizerKind;
import io.stylecast.engine.StyleParams;
import io.stylecast.engine.net.Pooling;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The contract's {@code Params} schema documents what {@link StyleParams} declares: the same fields, the same
 * allowed values, the same bounds (each checked by sending the bound and just past it).
 */
class ParamsContractTest {

    private static JsonObject params() throws Exception {
        try (InputStream in = ParamsContractTest.class.getResourceAsStream("/api/openapi.json")) {
            return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .getJsonObject("components").getJsonObject("schemas").getJsonObject("Params").getJsonObject("properties");
        }
    }

    @Test
    void theContractListsEveryParameterAndNoOther() throws Exception {
        StyleParams sized = StyleParams.builder().width(64).height(48).contentLayers(List.of("a"))
                .styleLayers(Map.of("b", 1.0)).contentWeight(1.0).styleWeight(1.0).styleBlend(List.of(1.0))
                .learningRate(1.0).jitter(1).build();
        StyleParams staged = sized.toBuilder().width(null).height(null).scales(List.of(32, 64)).build();
        TreeSet<String> fields = new TreeSet<>(SessionParams.toJson(sized).fieldNames());
        fields.addAll(SessionParams.toJson(staged).fieldNames());
        fields.addAll(List.of("model", "preset"));
        assertEquals(fields, new TreeSet<>(params().fieldNames()));
    }

    @Test
    void theContractsAllowedValuesAreTheEnginesOwn() throws Exception {
        JsonObject props = params();
        assertEquals(Arrays.stream(InitialImage.values()).map(InitialImage::id).toList(), enumOf(props, "init"));
        assertEquals(Arrays.stream(Pooling.values()).map(Pooling::id).toList(), enumOf(props, "pooling"));
        assertEquals(Arrays.stream(OptimizerKind.values()).map(OptimizerKind::id).toList(), enumOf(props, "optimizer"));
        assertEquals(new TreeSet<>(Presets.names()), new TreeSet<>(enumOf(props, "preset")));
    }

    private static List<Object> enumOf(JsonObject props, String name) {
        return props.getJsonObject(name).getJsonArray("enum").getList();
    }

    @Test
    void eachDocumentedBoundIsTheBoundTheParametersKeep() throws Exception {
        JsonObject props = params();
        int checked = 0;
        for (String name : props.fieldNames()) {
            JsonObject schema = props.getJsonObject(name);
            if (schema.containsKey("oneOf")) {
                schema = schema.getJsonArray("oneOf").getJsonObject(0);
            }
            boolean whole = "integer".equals(schema.getString("type"));
            if (schema.getNumber("minimum") != null) {
                double min = schema.getDouble("minimum");
                accepted(name, min, whole);
                refused(name, whole ? min - 1 : min - Math.max(Math.abs(min), 1) * 1e-6, whole);
                checked++;
            }
            if (schema.getNumber("exclusiveMinimum") != null) {
                double min = schema.getDouble("exclusiveMinimum");
                refused(name, min, whole);
                accepted(name, min + 1e-6, whole);
                checked++;
            }
            if (schema.getNumber("maximum") != null) {
                double max = schema.getDouble("maximum");
                accepted(name, max, whole);
                refused(name, whole ? max + 1 : max + Math.max(Math.abs(max), 1) * 1e-6, whole);
                checked++;
            }
        }
        assertTrue(checked >= 20, "bounds checked: " + checked);
    }

    private static JsonObject with(String name, double value, boolean whole) {
        return new JsonObject().put(name, whole ? (Object) (long) value : (Object) value);
    }

    private static void accepted(String name, double value, boolean whole) {
        assertDoesNotThrow(() -> SessionParams.parse(with(name, value, whole)), name + " = " + value);
    }

    private static void refused(String name, double value, boolean whole) {
        String message = assertThrows(InputException.class, () -> SessionParams.parse(with(name, value, whole)),
                name + " = " + value).getMessage();
        assertTrue(message.startsWith(name + " must"), message);
    }
}
