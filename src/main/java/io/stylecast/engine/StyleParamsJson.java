package io.stylecast.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The one JSON form of {@link StyleParams}, as its Jackson annotations declare it: what the REST API's
 * {@code params}, {@code params.json}, checkpoints and {@code render --params} read and write. Reading is strict
 * (no string for a number, no 12.5 for a whole number, no unknown field) and every refusal is an
 * {@link InputException} naming the field and what it accepts, never echoing more than {@link InputException#describe}.
 */
public final class StyleParamsJson {

    private static final ObjectMapper MAPPER = JsonRefusal.strictMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private StyleParamsJson() {
    }

    /**
     * Reads parameters from a JSON object.
     *
     * @param json the object's text
     * @param alsoKnown fields the caller reads itself (a network's name, a preset): skipped here, and listed among
     *     the known ones when a field is unknown
     * @throws InputException naming the field that is unknown, of the wrong type or out of range
     */
    public static StyleParams read(String json, Collection<String> alsoKnown) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InputException("params must be a JSON object");
        }
        if (tree == null || !tree.isObject()) {
            throw new InputException("params must be a JSON object");
        }
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree).remove(alsoKnown);
        try {
            return MAPPER.treeToValue(tree, StyleParams.class);
        } catch (UnrecognizedPropertyException e) {
            TreeSet<String> known = e.getKnownPropertyIds().stream().map(String::valueOf)
                    .collect(Collectors.toCollection(TreeSet::new));
            known.addAll(alsoKnown);
            throw new InputException("unknown parameter " + InputException.describe(e.getPropertyName()) + "; known: "
                    + String.join(", ", known));
        } catch (ValueInstantiationException e) {
            throw e.getCause() instanceof InputException input ? input : new InputException(field(e) + " is not valid");
        } catch (MismatchedInputException e) {
            throw new InputException(field(e) + " must " + JsonRefusal.expected(e) + ", got "
                    + InputException.describe(JsonRefusal.value(tree, e)));
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof InputCoercionException) {   // a whole number past int's range
                throw new InputException(field(e) + " must be a whole number of at most " + Integer.MAX_VALUE + ", got "
                        + InputException.describe(JsonRefusal.value(tree, e)));
            }
            throw new InputException(field(e) + " is not valid");
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new InputException("params are not valid");
        }
    }

    /** The JSON form: {@code read(write(p))} equals {@code p}. Unset (null) parameters are left out. */
    public static String write(StyleParams params) {
        try {
            return MAPPER.writeValueAsString(params);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("parameters that cannot be written as JSON", e);
        }
    }

    /** The parameter named by the mapping's path: {@code width}; {@code styleLayers weight of 'conv1_1'}. */
    private static String field(JsonMappingException e) {
        List<JsonMappingException.Reference> path = e.getPath();
        if (path.isEmpty() || path.get(0).getFieldName() == null) {
            return "params";
        }
        String key = path.size() > 1 ? path.get(1).getFieldName() : null;
        return path.get(0).getFieldName() + (key == null ? "" : " weight of " + InputException.describe(key));
    }

}
