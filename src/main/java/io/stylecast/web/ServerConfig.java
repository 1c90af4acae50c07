package io.stylecast.web;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Loads the server's configuration: a JSON file ({@code conf/stylecast.json} holds every key with
 * its default), then environment overrides, one variable per key: {@code STYLECAST_} and the key's
 * path in upper case joined by {@code _}, e.g. {@code STYLECAST_HTTP_PORT=9000},
 * {@code STYLECAST_WORKERS_COUNT=2}, {@code STYLECAST_MODEL=vgg19}. A value takes the type of the
 * key it overrides.
 */
public final class ServerConfig {

    private ServerConfig() {
    }

    /** @throws IllegalArgumentException naming the file or variable that is wrong */
    public static JsonObject load(Path file, Map<String, String> environment) {
        JsonObject config;
        try {
            config = new JsonObject(Files.readString(file));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read the configuration " + file + ": " + e.getMessage(), e);
        }
        override(config, "STYLECAST", environment);
        return config;
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
                        : current instanceof Boolean ? (Object) Boolean.parseBoolean(value.trim()) : value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(variable + " must be a number, got '" + value + "'");
            }
        }
    }
}
