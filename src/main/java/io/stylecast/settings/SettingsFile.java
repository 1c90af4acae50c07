package io.stylecast.settings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.stylecast.engine.InputException;
import io.stylecast.engine.JsonRefusal;
import io.stylecast.engine.ParamsValidator;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.validation.ConstraintViolation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Loads the server's configuration and binds it to {@link Settings}: the built-in defaults ({@code conf/stylecast.json}, packaged as
 * the resource {@code /stylecast.json}, is the one place each default is written), a JSON file
 * merged over them (it may hold only the keys it changes), then environment overrides, one variable per key: {@code STYLECAST_} and the key's
 * path in upper case joined by {@code _}, e.g. {@code STYLECAST_HTTP_PORT=9000},
 * {@code STYLECAST_WORKERS_COUNT=2}, {@code STYLECAST_MODEL=vgg19}. A value takes the type of the
 * key it overrides. Binding ({@link #bind}) refuses unknown keys, wrong types and values out of range, naming the key.
 */
public final class SettingsFile {

    private static final ObjectMapper MAPPER = JsonRefusal.strictMapper()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .build();

    /** Keys read by earlier versions, and what to do instead. */
    private static final Map<String, String> RETIRED = Map.of("memory.bytesPerPixel", "memory.bytesPerPixel is no longer"
            + " read: a session is estimated by its network's measured memory; remove it, or set memory.sessionFixedMb and"
            + " memory.sessionBytesPerPixel (measured with bin/bench memory) for a network of your own");

    private SettingsFile() {
    }

    /**
     * The settings of a configuration as {@link #load} gives it (with every key, since it is merged over the
     * defaults).
     *
     * @throws IllegalArgumentException naming the first key that is unknown, of the wrong type or out of range
     */
    public static Settings bind(JsonObject config) {
        RETIRED.forEach((key, advice) -> {
            String[] parts = key.split("\\.");
            JsonObject section = config.getJsonObject(parts[0]);
            if (section != null && section.containsKey(parts[1])) {
                throw new IllegalArgumentException(advice);
            }
        });
        JsonNode tree;
        try {
            tree = MAPPER.readTree(config.encode());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the configuration is not JSON", e);
        }
        Settings settings;
        try {
            settings = MAPPER.treeToValue(tree, Settings.class);
        } catch (UnrecognizedPropertyException e) {
            String path = JsonRefusal.path(e);
            throw new IllegalArgumentException("unknown setting " + InputException.describe(path) + "; "
                    + (path.contains(".") ? path.substring(0, path.lastIndexOf('.')) + " has " : "there are ")
                    + String.join(", ", e.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList()));
        } catch (ValueInstantiationException e) {
            throw new IllegalArgumentException(e.getCause() instanceof IllegalArgumentException cause ? cause.getMessage()
                    : JsonRefusal.path(e) + " is not valid");
        } catch (MismatchedInputException e) {
            throw new IllegalArgumentException(JsonRefusal.path(e) + " must " + JsonRefusal.expected(e) + ", got "
                    + InputException.describe(JsonRefusal.value(tree, e)));
        } catch (JsonMappingException e) {
            throw new IllegalArgumentException(JsonRefusal.path(e) + " is out of range, got "
                    + InputException.describe(JsonRefusal.value(tree, e)));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the configuration cannot be read: " + e.getOriginalMessage());
        }
        ParamsValidator.VALIDATOR.validate(settings).stream().map(SettingsFile::message).sorted().findFirst()
                .ifPresent(message -> {
                    throw new IllegalArgumentException(message);
                });
        return settings;
    }

    private static String message(ConstraintViolation<Settings> v) {
        return v.getPropertyPath() + " " + v.getMessage() + ", got " + InputException.describe(v.getInvalidValue());
    }

    /**
     * Sets one key of a configuration, as a command-line option does over the file and the environment.
     *
     * @param key dotted: {@code http.port}
     */
    public static void set(JsonObject config, String key, Object value) {
        String[] parts = key.split("\\.");
        JsonObject section = config;
        for (int i = 0; i < parts.length - 1; i++) {
            section = section.getJsonObject(parts[i]);
        }
        section.put(parts[parts.length - 1], value);
    }

    /**
     * Relative directories in the configuration ({@code web.root}, {@code output.dir}, {@code cluster.secretFile})
     * are relative to the install directory {@code home}.
     */
    public static JsonObject resolveAgainst(Path home, JsonObject config) {
        for (String key : List.of("web.root", "output.dir", "cluster.secretFile")) {
            String[] parts = key.split("\\.");
            JsonObject section = config.getJsonObject(parts[0]);
            String value = section == null ? null : section.getString(parts[1]);
            if (value != null && !value.isBlank() && !Path.of(value).isAbsolute()) {
                section.put(parts[1], home.resolve(value).toAbsolutePath().normalize().toString());
            }
        }
        return config;
    }

    /**
     * @param file merged over the defaults; null for the defaults alone
     * @throws IllegalArgumentException naming the file or variable that is wrong
     */
    public static JsonObject load(Path file, Map<String, String> environment) {
        JsonObject config = defaults();
        if (file != null) {
            try {
                config.mergeIn(new JsonObject(Files.readString(file)), true);
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException("cannot read the configuration " + file + ": " + e.getMessage(), e);
            }
        }
        override(config, "STYLECAST", environment);
        return config;
    }

    /** Every key with its default. */
    public static JsonObject defaults() {
        try (var in = SettingsFile.class.getResourceAsStream("/stylecast.json")) {
            return new JsonObject(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("the built-in defaults /stylecast.json are missing from the build", e);
        }
    }

    private static boolean bool(String variable, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException(variable + " must be true or false, got '" + value + "'");
        }
        return v.equals("true");
    }

    /** A list: comma-separated ({@code a,b}) or a JSON array ({@code ["a","b"]}); empty for none. */
    private static JsonArray list(String variable, String value) {
        String v = value.trim();
        if (v.startsWith("[")) {
            try {
                return new JsonArray(v);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(variable + " must be a list, a,b or [\"a\",\"b\"], got '" + value + "'");
            }
        }
        JsonArray list = new JsonArray();
        for (String item : v.split(",")) {
            if (!item.isBlank()) {
                list.add(item.trim());
            }
        }
        return list;
    }

    private static void override(JsonObject section, String prefix, Map<String, String> environment) {
        for (String key : section.fieldNames()) {
            String variable = prefix + "_" + key.toUpperCase(Locale.ROOT);
            Object current = section.getValue(key);
            if (current instanceof JsonObject nested) {
                override(nested, variable, environment);
                continue;
            }
            String value = environment.get(variable);
            if (value == null) {
                continue;
            }
            try {
                section.put(key, current instanceof Integer || current instanceof Long ? (Object) Long.parseLong(value.trim())
                        : current instanceof Number ? (Object) Double.parseDouble(value.trim())
                        : current instanceof Boolean ? (Object) bool(variable, value)
                        : current instanceof JsonArray ? list(variable, value) : value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(variable + " must be a number, got '" + value + "'");
            }
        }
    }
}
