package io.stylecast.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Loads the server's configuration: the built-in defaults ({@code conf/stylecast.json}, packaged as
 * the resource {@code /stylecast.json}, is the one place each default is written), a JSON file
 * merged over them (it may hold only the keys it changes), then environment overrides, one variable per key: {@code STYLECAST_} and the key's
 * path in upper case joined by {@code _}, e.g. {@code STYLECAST_HTTP_PORT=9000},
 * {@code STYLECAST_WORKERS_COUNT=2}, {@code STYLECAST_MODEL=vgg19}. A value takes the type of the
 * key it overrides.
 */
public final class ServerConfig {

    private ServerConfig() {
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
        try (var in = ServerConfig.class.getResourceAsStream("/stylecast.json")) {
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
