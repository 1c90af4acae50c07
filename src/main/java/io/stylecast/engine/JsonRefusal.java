package io.stylecast.engine;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** How a refusal of Jackson's reads to a user: what was expected, and the value refused (for {@link InputException#describe}). */
public final class JsonRefusal {

    private static final ObjectMapper PLAIN = new ObjectMapper();

    private JsonRefusal() {
    }

    /**
     * A mapper that reads as strictly as a refusal here assumes: no string for a number or a switch, no 12.5 (nor 12.0)
     * for a whole number, no unknown field.
     */
    public static JsonMapper.Builder strictMapper() {
        return JsonMapper.builder()
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** The dotted path of the refused value's fields ({@code http.port}), list indices left out. */
    public static String path(JsonMappingException e) {
        return e.getPath().stream().map(JsonMappingException.Reference::getFieldName).filter(java.util.Objects::nonNull)
                .collect(Collectors.joining("."));
    }

    /** What the mapping expected where it failed, from the Java type it was filling. */
    public static String expected(MismatchedInputException e) {
        Class<?> type = e.getTargetType();
        boolean inList = e.getPath().size() > 1 && e.getPath().get(1).getFieldName() == null;
        if (type == null) {
            return "be of another kind";
        }
        if (type.isEnum()) {
            return "be one of " + Arrays.stream(type.getEnumConstants()).map(c -> PLAIN.convertValue(c, String.class))
                    .collect(Collectors.joining(", "));
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return inList ? "list whole numbers" : "be a whole number";
        }
        if (type == Double.class || type == double.class) {
            return inList ? "list numbers" : "be a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "be true or false";
        }
        if (type == String.class) {
            return inList ? "list names" : "be a string";
        }
        if (Map.class.isAssignableFrom(type) || type == LayerWeights.class) {
            return "be an object of layer weights or LAYER:WEIGHT text";
        }
        return Collection.class.isAssignableFrom(type) ? "be a list" : "be of another kind";
    }

    /** The value the mapping refused, as plain Java for {@link InputException#describe}. */
    public static Object value(JsonNode tree, JsonMappingException e) {
        JsonNode node = tree;
        for (JsonMappingException.Reference step : e.getPath()) {
            JsonNode next = step.getFieldName() != null ? node.path(step.getFieldName()) : node.path(step.getIndex());
            if (next.isMissingNode()) {
                break;   // one value read as a list of one
            }
            node = next;
        }
        if (node.isNumber()) {
            return node.numberValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        return node.isObject() ? Map.of() : node.isArray() ? List.of() : null;
    }
}
